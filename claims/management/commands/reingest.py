"""python manage.py reingest [--all | ID...] [--outlet DOMAIN] [--force] [--wait] [--timeout S]"""

from __future__ import annotations

import json
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.models import Article, Job
from claims.services.reingest import JobNotQueued, job_is_finished, job_start, job_summary

POLL_SECONDS = 1.0


class Command(BaseCommand):
    help = "Enqueue re-ingestion (re-fetch or re-read, re-clean, re-extract, re-match) as a background job."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("ids", nargs="*", type=int, help="article ids")
        parser.add_argument("--all", action="store_true", help="every article")
        parser.add_argument("--outlet", default="", help="every article of the outlet with this domain")
        parser.add_argument("--force", action="store_true", help="re-extract even when nothing changed")
        parser.add_argument("--wait", action="store_true", help="block until the job ends and print a JSON summary")
        parser.add_argument("--timeout", type=float, default=3600.0, help="seconds --wait waits at most")

    def handle(self, *args: Any, **options: Any) -> None:
        articles = Article.objects.all()
        if options["outlet"]:
            articles = articles.filter(outlet__domain=options["outlet"].strip().lower())
        if options["ids"]:
            articles = articles.filter(pk__in=options["ids"])
            missing = set(options["ids"]) - set(articles.values_list("id", flat=True))
            if missing:
                raise CommandError(f"no such article(s): {', '.join(map(str, sorted(missing)))}")
        elif not options["all"] and not options["outlet"]:
            raise CommandError("give article IDs, --all or --outlet DOMAIN")
        kind = "reingest_all" if options["all"] else "reingest_outlet" if options["outlet"] else "reingest_articles"
        description = options["outlet"] or ("all articles" if options["all"] else f"{len(options['ids'])} article(s)")
        try:
            job = job_start(
                kind=kind,
                article_ids=articles.values_list("id", flat=True),
                description=description,
                force=options["force"],
            )
        except JobNotQueued as error:
            raise CommandError(
                f"job {error.job.pk}: {error.job.failed} article(s) not queued: {error}", returncode=1
            ) from error
        if not options["wait"]:
            self.stdout.write(f"job {job.pk} queued: {job.total} article(s)")
            return
        job = self._wait(job, timeout=options["timeout"])
        summary = job_summary(job)
        self.stdout.write(json.dumps(summary, ensure_ascii=False))
        if not job_is_finished(job):
            raise CommandError(f"job {job.pk} still {job.state} after {options['timeout']:g} s", returncode=2)
        if job.failed:
            raise CommandError(f"{job.failed} article(s) failed", returncode=1)

    def _wait(self, job: Job, *, timeout: float) -> Job:
        deadline = time.monotonic() + timeout
        while True:
            job.refresh_from_db()
            if job_is_finished(job) or time.monotonic() >= deadline:
                return job
            time.sleep(POLL_SECONDS)
