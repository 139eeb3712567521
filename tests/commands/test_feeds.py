"""`manage.py feeds add | list | poll`: against a local outlet, with tasks run in-process."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from claims.models import Article, Feed
from tests.feedserver import FeedServer, Route, rss

pytestmark = pytest.mark.usefixtures("loopback_fetch")


@pytest.fixture
def eager_tasks(monkeypatch: pytest.MonkeyPatch, transactional_db: Any) -> Iterator[None]:
    """Tasks run in-process as soon as they are enqueued (real commits), even where CI configures a broker."""
    from factcheck.celery import app

    monkeypatch.setitem(app.conf, "task_always_eager", True)
    monkeypatch.setattr("claims.tasks.enqueue_match", lambda article_id: None)
    yield


def run(*args: str) -> tuple[str, int]:
    out = io.StringIO()
    try:
        call_command("feeds", *args, stdout=out, stderr=io.StringIO())
    except CommandError as exc:
        return out.getvalue() + str(exc), exc.returncode
    return out.getvalue(), 0


def test_feeds_add_follows_a_feed_with_its_options(db: Any) -> None:
    out, code = run(
        "add",
        "https://courier.example/feed.xml",
        "--outlet",
        "Valley Courier",
        "--every",
        "15",
        "--include",
        "lamps, benches",
    )
    assert code == 0 and "added" in out
    feed = Feed.objects.get()
    assert (feed.url, feed.outlet, feed.poll_minutes, feed.include, feed.active) == (
        "https://courier.example/feed.xml",
        "Valley Courier",
        15,
        "lamps, benches",
        True,
    )


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (("add", "file:///etc/passwd"), "only http and https"),
        (("add", "http://192.168.0.4/feed"), "private"),
        (("add", "https://courier.example/feed", "--every", "0"), "between"),
    ],
)
def test_feeds_add_refuses_a_bad_feed_with_the_reason_and_adds_nothing(
    db: Any, args: tuple[str, ...], reason: str
) -> None:
    out, code = run(*args)
    assert code == 1 and reason in out
    assert not Feed.objects.exists()


def test_feeds_list_prints_each_feed_as_text_or_json(db: Any) -> None:
    run("add", "https://courier.example/feed.xml")
    text, _ = run("list")
    assert "https://courier.example/feed.xml" in text and "never" in text
    line, _ = run("list", "--json")
    row = json.loads(line)
    assert (row["url"], row["status"], row["articles_found"], row["last_polled"]) == (
        "https://courier.example/feed.xml",
        "new",
        0,
        None,
    )


def test_feeds_poll_wait_polls_through_the_task_and_prints_the_outcome(
    eager_tasks: None, feed_server: FeedServer
) -> None:
    urls = feed_server.add_articles(2)
    feed_server.routes["/feed.xml"] = Route(rss([(u, "Story") for u in urls]), "application/rss+xml", etag='"a"')
    run("add", feed_server.url("/feed.xml"))
    feed = Feed.objects.get()
    out, code = run("poll", str(feed.pk), "--wait")
    assert code == 0, out
    row = json.loads(out)
    assert (row["status"], row["articles_found"], row["last_new"]) == ("ok", 2, 2)
    assert Article.objects.count() == 2
    out, code = run("poll", "--all", "--wait")
    assert code == 0 and json.loads(out)["status"] == "not_modified"


def test_feeds_poll_wait_exits_1_when_a_feed_fails(eager_tasks: None, feed_server: FeedServer) -> None:
    feed_server.routes["/feed.xml"] = Route(b"<html><body>Welcome</body></html>")
    run("add", feed_server.url("/feed.xml"))
    out, code = run("poll", "--all", "--wait")
    assert code == 1 and "HTML web page" in out


def test_feeds_poll_needs_ids_or_all_and_names_missing_feeds(db: Any) -> None:
    assert run("poll")[1] == 1
    out, code = run("poll", "987654")
    assert code == 1 and "987654" in out
