"""The feeds page in real headless Chromium: an Admin follows a local feed, polls it now, sees the
poll's outcome, and the status table refreshes itself (htmx) when a poll happens elsewhere."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from claims.models import Article, Feed
from tests.browser.conftest import Watched
from tests.browser.conftest import login as _login
from tests.feedserver import FeedServer, Route, rss

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("loopback_fetch")]


@pytest.fixture
def eager_polls(monkeypatch: pytest.MonkeyPatch) -> None:
    """ "Poll now" runs the poll in-process once its request commits (no worker in this test)."""
    from factcheck.celery import app

    monkeypatch.setitem(app.conf, "task_always_eager", True)
    monkeypatch.setattr("claims.tasks.enqueue_match", lambda article_id: None)


def test_an_admin_follows_a_feed_polls_it_and_watches_the_status_refresh(
    browser: Any, live_server: Any, admin_user: Any, feed_server: FeedServer, eager_polls: None
) -> None:
    urls = feed_server.add_articles(3)
    feed_server.routes["/feed.xml"] = Route(rss([(u, "Story") for u in urls]), "application/rss+xml")
    feed_server.routes["/page"] = Route(b"<!doctype html><html><body><p>Our newsroom</p></body></html>")
    context = browser.new_context()
    watched = Watched(context)
    page = watched.page
    base = live_server.url
    _login(watched, base, "ada")

    page.click("nav >> text=Feeds")
    page.wait_for_url(f"{base}/feeds/")
    page.click("text=Follow a feed")
    page.fill("#id_url", feed_server.url("/feed.xml"))
    page.fill("#id_outlet", "Valley Courier")
    page.click("button[type=submit].primary")
    page.wait_for_url(f"{base}/feeds/")
    assert "Following" in (page.text_content(".messages") or "")
    row = page.locator("tr", has_text="Valley Courier")
    assert row.locator("[data-testid=feed-polled]").text_content() == "never"

    row.locator("text=Poll now").click()
    page.wait_for_url(f"{base}/feeds/")
    row = page.locator("tr", has_text="Valley Courier")
    assert row.locator("[data-testid=feed-found]").text_content() == "3"
    assert "3 new" in (row.locator("[data-testid=feed-polled]").text_content() or "")
    assert row.locator("[data-testid=feed-state]").text_content().strip() == "ok"
    assert Article.objects.count() == 3

    # A second feed that is an HTML page: its poll fails and says why.
    page.goto(f"{base}/feeds/add/")
    page.fill("#id_url", feed_server.url("/page"))
    page.fill("#id_outlet", "Not a feed")
    page.click("button[type=submit].primary")
    page.locator("tr", has_text="Not a feed").locator("text=Poll now").click()
    page.wait_for_url(f"{base}/feeds/")
    bad = page.locator("tr", has_text="Not a feed")
    assert "HTML web page" in (bad.locator("[data-testid=feed-error]").text_content() or "")

    # A poll elsewhere (beat and a worker) changes the row; the table refreshes without a page load.
    page.evaluate("window.__sameDocument = true")
    feed = Feed.objects.get(outlet="Valley Courier")
    Feed.objects.filter(pk=feed.pk).update(articles_found=11, last_new=8, last_polled=timezone.now())
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid=feed-found]')].some(td => td.textContent === '11')""",
        timeout=15_000,
    )
    assert page.evaluate("window.__sameDocument") is True
    assert watched.problems == []
    context.close()
