"""python manage.py feeds add URL [--outlet NAME] [--every MIN] [--include WORDS]
python manage.py feeds list [--json]
python manage.py feeds poll [ID... | --all] [--wait] [--timeout S]"""

from __future__ import annotations

import json
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.broker import BrokerUnavailable
from claims.feed_selectors import feed_rows
from claims.models import Feed
from claims.pipeline.types import InputError
from claims.services.feeds import feed_create

POLL_SECONDS = 0.5


class Command(BaseCommand):
    help = "Follow outlets' RSS/Atom feeds and news sitemaps: add one, list them, poll now."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{add,list,poll}")
        add = actions.add_parser("add", help="follow a feed (due at once)")
        add.add_argument("url")
        add.add_argument("--outlet", default="", help="the outlet's name (default: the feed's host)")
        add.add_argument("--every", type=int, default=30, metavar="MIN", help="minutes between polls (default 30)")
        add.add_argument(
            "--include",
            default="",
            metavar="WORDS",
            help="comma-separated keywords; only entries mentioning one are ingested",
        )
        add.add_argument("--inactive", action="store_true", help="add it switched off")
        listing = actions.add_parser("list", help="every feed with its status")
        listing.add_argument("--json", action="store_true", help="one JSON object per feed")
        poll = actions.add_parser("poll", help="poll feeds now through the task queue")
        poll.add_argument("ids", nargs="*", type=int, help="feed ids")
        poll.add_argument("--all", action="store_true", help="every active feed (paused ones included)")
        poll.add_argument("--wait", action="store_true", help="wait for the polls and print one JSON line each")
        poll.add_argument("--timeout", type=float, default=600.0, help="seconds --wait waits at most")

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, f"_{options['action']}")(options)

    def _add(self, options: dict[str, Any]) -> None:
        try:
            feed = feed_create(
                url=options["url"],
                outlet=options["outlet"],
                poll_minutes=options["every"],
                include=options["include"],
                active=not options["inactive"],
            )
        except InputError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"feed {feed.pk} added: {feed.url} (every {feed.poll_minutes} min, due now)")

    def _list(self, options: dict[str, Any]) -> None:
        rows = feed_rows()
        if options["json"]:
            for row in rows:
                self.stdout.write(json.dumps(row, ensure_ascii=False))
            return
        for row in rows:
            state = "paused" if row["paused"] else "active" if row["active"] else "off"
            self.stdout.write(
                f"{row['id']:>5}  {state:<6} {row['status']:<12} every {row['poll_minutes']} min  "
                f"found {row['articles_found']}  errors {row['error_count']}  "
                f"polled {row['last_polled'] or 'never'}  {row['url']}"
            )
            if row["error"]:
                self.stdout.write(f"       {row['error']}")
        if not rows:
            self.stdout.write("no feeds; add one with: manage.py feeds add URL")

    def _poll(self, options: dict[str, Any]) -> None:
        from claims.tasks import enqueue_poll_feed

        if options["ids"]:
            feeds = list(Feed.objects.filter(pk__in=options["ids"]))
            missing = set(options["ids"]) - {feed.pk for feed in feeds}
            if missing:
                raise CommandError(f"no such feed(s): {', '.join(map(str, sorted(missing)))}")
        elif options["all"]:
            feeds = list(Feed.objects.filter(active=True))
        else:
            raise CommandError("give feed IDs or --all")
        before = {feed.pk: feed.last_polled for feed in feeds}
        for feed in feeds:
            try:
                enqueue_poll_feed(feed.pk)
            except BrokerUnavailable as error:
                raise CommandError(f"feed {feed.pk}: poll not queued: {error}") from error
            if not options["wait"]:
                self.stdout.write(f"feed {feed.pk}: poll queued")
        if not options["wait"]:
            return
        deadline = time.monotonic() + options["timeout"]
        waiting = set(before)
        while waiting and time.monotonic() < deadline:
            polled = Feed.objects.filter(pk__in=waiting).values_list("pk", "last_polled")
            waiting -= {pk for pk, last in polled if last is not None and last != before[pk]}
            waiting &= set(Feed.objects.filter(pk__in=waiting).values_list("pk", flat=True))
            if waiting:
                time.sleep(POLL_SECONDS)
        rows = {row["id"]: row for row in feed_rows(ids=list(before))}
        for pk in before:
            if pk in rows:
                self.stdout.write(json.dumps(rows[pk], ensure_ascii=False))
        if waiting:
            raise CommandError(
                f"feed(s) {', '.join(map(str, sorted(waiting)))} not polled after {options['timeout']:g} s",
                returncode=2,
            )
        failed = [pk for pk, row in rows.items() if row["status"] == Feed.Status.ERROR]
        if failed:
            raise CommandError(f"feed(s) {', '.join(map(str, sorted(failed)))} failed", returncode=1)
