"""A real Celery beat and a real worker on Redis and PostgreSQL drive one feed poll end to end.

`manage.py feeds add` follows a local feed of 20 articles; one beat tick later the worker has
ingested all 20 with their claims and matched them, and the feeds page shows the poll. The feed is
then made due again: the next tick sends If-None-Match, gets 304, and fetches no article.
"""

from __future__ import annotations

import io
import subprocess
import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from claims.models import Article, Claim, Feed
from tests.feedserver import FeedServer, Route, rss
from tests.integration.test_worker_crash import _celery, _own_queue, _start_worker, _stop, _worker_env

ENTRIES = 20
TICK_SECONDS = 2


def _env(queue: str) -> dict[str, str]:
    env = _worker_env(queue)
    env.update(
        {
            "CELERY_DEFAULT_QUEUE": queue,  # beat sends, and the worker consumes, on this test's own queue
            "FACTCHECK_FEEDS_TICK_SECONDS": str(TICK_SECONDS),
            "FACTCHECK_RECHECK_URLS_SECONDS": "86400",
            "FACTCHECK_FETCH_ALLOW_LOOPBACK": "1",  # the test outlet listens on 127.0.0.1
        }
    )
    return env


def _start(kind: str, queue: str, log: Any, tmp_path: Any) -> subprocess.Popen[bytes]:
    if kind == "worker":
        return _start_worker(queue, f"feeds-{uuid.uuid4().hex[:6]}", log, env=_env(queue))
    return _celery(["beat", "--schedule", str(tmp_path / "celerybeat-schedule")], _env(queue), log)


@pytest.fixture
def queue() -> Iterator[str]:
    yield from _own_queue("test-feeds")


def _wait_for(condition: Any, *, timeout: float, what: str, log_path: Any) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}\n" + log_path.read_text(errors="replace")[-4000:])
        time.sleep(0.3)


def test_one_beat_tick_polls_a_feed_of_20_entries_and_the_next_gets_304(
    transactional_db: Any, loopback_fetch: None, feed_server: FeedServer, queue: str, admin_user: Any, tmp_path: Any
) -> None:
    urls = feed_server.add_articles(ENTRIES)
    feed_server.routes["/feed.xml"] = Route(
        rss([(u, f"Story {i}") for i, u in enumerate(urls)]), "application/rss+xml", etag='"courier-1"'
    )
    call_command("feeds", "add", feed_server.url("/feed.xml"), "--outlet", "Valley Courier", stdout=io.StringIO())
    feed = Feed.objects.get()

    log_path = tmp_path / "celery.log"
    log = log_path.open("wb")
    worker = _start("worker", queue, log, tmp_path)
    beat = _start("beat", queue, log, tmp_path)
    try:
        _wait_for(
            lambda: Feed.objects.filter(pk=feed.pk, last_polled__isnull=False).exists(),
            timeout=90,
            what="beat and the worker to poll the feed",
            log_path=log_path,
        )
        _wait_for(
            lambda: Article.objects.exclude(matcher_version="").count() == ENTRIES,
            timeout=120,
            what="all 20 articles to be ingested and matched",
            log_path=log_path,
        )
        feed.refresh_from_db()
        assert (feed.last_status, feed.articles_found, feed.last_new, feed.etag) == (
            "ok",
            ENTRIES,
            ENTRIES,
            '"courier-1"',
        )
        assert set(Article.objects.values_list("url", flat=True)) == set(urls)
        with_claims = Article.objects.filter(claims__isnull=False).distinct().count()
        assert with_claims == ENTRIES and Claim.objects.filter(group__isnull=False).exists()
        assert sorted(feed_server.paths()) == sorted(["/feed.xml"] + [u.removeprefix(feed_server.base) for u in urls])

        client = Client()
        client.force_login(admin_user)
        page = client.get("/feeds/").content.decode()
        assert "Valley Courier" in page and f"{ENTRIES} new" in page and f">{ENTRIES}<" in page

        # The second tick: the feed is due again, the server answers the ETag with 304.
        first_poll = feed.last_polled
        feed_server.requests.clear()
        Feed.objects.filter(pk=feed.pk).update(next_due=timezone.now())
        _wait_for(
            lambda: Feed.objects.get(pk=feed.pk).last_polled != first_poll,
            timeout=60,
            what="the second poll",
            log_path=log_path,
        )
        feed.refresh_from_db()
        assert feed.last_status == "not_modified" and feed.articles_found == ENTRIES
        assert feed_server.requests == [("/feed.xml", '"courier-1"')]
        assert Article.objects.count() == ENTRIES
    finally:
        _stop(beat)
        _stop(worker)
        log.close()
