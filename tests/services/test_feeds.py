"""Polling followed feeds against a real local outlet (tests/feedserver.py) on loopback: RSS, Atom and a
sitemap index, 304s, deduplication, limits, refusals that store nothing, back-off and pausing, the lock."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from claims.models import Article, Claim, Feed, FeedItem
from claims.pipeline.fetch.addresses import Address, is_public_address
from claims.pipeline.types import InputError
from claims.services import feeds as feed_service
from claims.services import urls as url_service
from claims.services.feeds import feed_create, feed_poll, feed_update, feeds_due
from claims.services.ingestion import article_ingest
from tests.feedserver import FeedServer, Route, article_html, atom, rss, sitemap, sitemap_index

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("loopback_fetch")]

RSS_TYPE = "application/rss+xml"


def _follow(server: FeedServer, path: str, **options: Any) -> Feed:
    return feed_create(url=server.url(path), **options)


def _rss_with(server: FeedServer, count: int, etag: str = '"r1"') -> list[str]:
    urls = server.add_articles(count)
    server.routes["/feed.xml"] = Route(rss([(u, f"Story {i}") for i, u in enumerate(urls)]), RSS_TYPE, etag=etag)
    return urls


def test_an_rss_feed_is_polled_its_entries_ingested_with_claims_and_the_feed_updated(feed_server: FeedServer) -> None:
    urls = _rss_with(feed_server, 3)
    feed = _follow(feed_server, "/feed.xml", outlet="Valley Courier")
    result = feed_poll(feed_id=feed.pk)
    assert (result.status, result.entries, result.created, result.failed) == ("ok", 3, 3, 0)
    assert set(Article.objects.values_list("url", flat=True)) == set(urls)
    assert Claim.objects.filter(article__url=urls[0]).count() >= 5
    feed.refresh_from_db()
    assert (feed.last_status, feed.articles_found, feed.last_new, feed.etag) == ("ok", 3, 3, '"r1"')
    assert feed.last_polled is not None and feed.next_due is not None and feed.polling_since is None
    assert feed.next_due - feed.last_polled == timedelta(minutes=feed.poll_minutes)
    assert FeedItem.objects.filter(feed=feed, outcome="ingested").count() == 3


def test_the_second_poll_sends_the_etag_gets_304_and_fetches_no_entry(feed_server: FeedServer) -> None:
    _rss_with(feed_server, 2)
    feed = _follow(feed_server, "/feed.xml")
    feed_poll(feed_id=feed.pk)
    feed_server.requests.clear()
    result = feed_poll(feed_id=feed.pk)
    assert result.status == "not_modified"
    assert feed_server.requests == [("/feed.xml", '"r1"')]
    feed.refresh_from_db()
    assert (feed.last_status, feed.articles_found, feed.last_new) == ("not_modified", 2, 0)


def test_an_entry_already_ingested_is_not_fetched_again(feed_server: FeedServer) -> None:
    urls = _rss_with(feed_server, 3, etag="")
    stored = article_ingest(raw=article_html(1), url=urls[1], content_type="text/html")
    assert stored.status == "created"
    feed = _follow(feed_server, "/feed.xml")
    result = feed_poll(feed_id=feed.pk)
    assert (result.created, result.known) == (2, 1)
    assert "/news/story-1" not in feed_server.paths()
    feed_server.requests.clear()
    again = feed_poll(feed_id=feed.pk)  # no ETag: the feed is read again, but no entry is fetched
    assert (again.status, again.known, again.ingested) == ("ok", 3, 0)
    assert feed_server.paths() == ["/feed.xml"]
    assert Article.objects.count() == 3


def test_an_atom_feed_is_polled(feed_server: FeedServer) -> None:
    urls = feed_server.add_articles(2, prefix="/atom-news/")
    feed_server.routes["/atom"] = Route(atom([(u, "A story") for u in urls]), "application/atom+xml")
    result = feed_poll(feed_id=_follow(feed_server, "/atom").pk)
    assert (result.status, result.created) == ("ok", 2)


def test_a_sitemap_index_is_followed_to_its_sitemaps(feed_server: FeedServer) -> None:
    first = feed_server.add_articles(2, prefix="/a/")
    second = feed_server.add_articles(1, prefix="/b/")
    feed_server.routes["/sitemap-a.xml"] = Route(sitemap(first), "application/xml")
    feed_server.routes["/sitemap-b.xml"] = Route(sitemap(second), "text/xml")
    feed_server.routes["/sitemap.xml"] = Route(
        sitemap_index(["/sitemap-a.xml", feed_server.url("/sitemap-b.xml")]), "application/xml"
    )
    result = feed_poll(feed_id=_follow(feed_server, "/sitemap.xml").pk)
    assert (result.status, result.created) == ("ok", 3)
    assert set(Article.objects.values_list("url", flat=True)) == set(first + second)


def test_the_include_filter_keeps_only_entries_that_mention_a_keyword(feed_server: FeedServer) -> None:
    urls = feed_server.add_articles(3)
    feed_server.routes["/feed.xml"] = Route(
        rss([(urls[0], "Lamps go dark"), (urls[1], "Benches painted"), (urls[2], "More lamps ordered")]), RSS_TYPE
    )
    feed = _follow(feed_server, "/feed.xml", include="lamps, tunnel")
    result = feed_poll(feed_id=feed.pk)
    assert (result.entries, result.created) == (2, 2)
    assert "/news/story-1" not in feed_server.paths()


def test_entries_beyond_the_per_poll_limit_wait_for_the_next_poll_and_no_etag_is_kept(
    feed_server: FeedServer, settings: Any
) -> None:
    settings.FACTCHECK_FEED_MAX_ENTRIES_PER_POLL = 2
    _rss_with(feed_server, 5)
    feed = _follow(feed_server, "/feed.xml")
    first = feed_poll(feed_id=feed.pk)
    assert (first.created, first.deferred) == (2, 3)
    feed.refresh_from_db()
    assert feed.etag == ""  # a 304 next time would hide the three left over
    assert (feed_poll(feed_id=feed.pk).created, feed_poll(feed_id=feed.pk).created) == (2, 1)
    feed.refresh_from_db()
    assert (Article.objects.count(), feed.articles_found, feed.etag) == (5, 5, '"r1"')


def test_the_daily_limit_counts_every_entry_fetched_in_the_last_day(feed_server: FeedServer, settings: Any) -> None:
    settings.FACTCHECK_FEED_MAX_ITEMS_PER_DAY = 3
    _rss_with(feed_server, 5)
    feed = _follow(feed_server, "/feed.xml")
    assert (feed_poll(feed_id=feed.pk).created, feed_poll(feed_id=feed.pk).deferred) == (3, 2)
    assert Article.objects.count() == 3
    FeedItem.objects.filter(feed=feed).update(updated_at=timezone.now() - timedelta(days=2))
    assert feed_poll(feed_id=feed.pk).created == 2


@pytest.mark.parametrize(
    ("route", "reason"),
    [
        (Route(b'<rss version="2.0"><channel><title>Cut', RSS_TYPE), "not well-formed"),
        (Route(b"<!doctype html><html><body><p>Our news</p></body></html>"), "HTML web page"),
        (
            Route(
                b'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
                b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://x.example/&b;</loc>'
                b"</url></urlset>",
                "application/xml",
            ),
            "billion laughs",
        ),
        (Route(b"{}", "application/json"), "application/json"),
        (Route(b"gone", "text/plain", 410), "HTTP 410"),
    ],
)
def test_a_feed_that_cannot_be_read_is_an_error_on_the_feed_and_stores_nothing(
    route: Route, reason: str, feed_server: FeedServer
) -> None:
    feed_server.routes["/feed.xml"] = route
    feed = _follow(feed_server, "/feed.xml")
    result = feed_poll(feed_id=feed.pk)
    assert result.status == "error" and reason in result.error
    feed.refresh_from_db()
    assert (feed.last_status, feed.error_count) == ("error", 1) and reason in feed.last_error
    assert (Article.objects.count(), FeedItem.objects.count()) == (0, 0)


def test_a_sitemap_index_with_a_bad_child_stores_nothing(feed_server: FeedServer) -> None:
    good = feed_server.add_articles(2)
    feed_server.routes["/good.xml"] = Route(sitemap(good), "application/xml")
    feed_server.routes["/bad.xml"] = Route(b"<urlset><url>", "application/xml")
    feed_server.routes["/index.xml"] = Route(sitemap_index(["/good.xml", "/bad.xml"]), "application/xml")
    result = feed_poll(feed_id=_follow(feed_server, "/index.xml").pk)
    assert result.status == "error" and "/bad.xml" in result.error and "not well-formed" in result.error
    assert not any(path.startswith("/news/") for path in feed_server.paths())
    assert Article.objects.count() == 0


def test_entries_on_private_network_addresses_are_refused_and_nothing_is_stored(feed_server: FeedServer) -> None:
    feed_server.routes["/feed.xml"] = Route(
        rss(
            [
                ("http://10.0.0.7/intranet/report", "Report"),
                ("http://192.168.1.20/admin", "Router"),
                ("http://169.254.169.254/latest/meta-data/", "Metadata"),
            ]
        ),
        RSS_TYPE,
    )
    feed = _follow(feed_server, "/feed.xml")
    result = feed_poll(feed_id=feed.pk)
    assert (result.status, result.failed, result.ingested) == ("error", 3, 0)
    assert "refused to fetch http://10.0.0.7/intranet/report: 10.0.0.7, a private or reserved address" in result.error
    assert Article.objects.count() == 0
    feed.refresh_from_db()
    assert feed.error_count == 1 and "3 of 3 entries failed" in feed.last_error
    assert set(FeedItem.objects.values_list("outcome", flat=True)) == {"failed"}


def test_a_feed_redirecting_to_loopback_is_refused_by_the_production_rules(
    feed_server: FeedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The feed's own hop stands for a public host (the test server is on loopback); every later hop
    is judged by the production policy, so the redirect to loopback must be refused."""
    feed = _follow(feed_server, "/feed.xml")
    hops: list[str] = []

    def first_hop_only(address: Address) -> bool:
        hops.append(str(address))
        return len(hops) == 1 or is_public_address(address)

    monkeypatch.setattr(feed_service, "address_policy", lambda: first_hop_only)
    monkeypatch.setattr(url_service, "address_policy", lambda: first_hop_only)
    feed_server.routes["/feed.xml"] = Route(b"", status=302, location=f"http://localhost:{feed_server.port}/real")
    feed_server.routes["/real"] = Route(rss([]), RSS_TYPE)
    result = feed_poll(feed_id=feed.pk)
    assert result.status == "error" and "loopback" in result.error and "localhost" in result.error
    assert "/real" not in feed_server.paths()
    assert (Article.objects.count(), FeedItem.objects.count()) == (0, 0)


def test_without_the_test_setting_a_loopback_feed_is_refused_when_added(settings: Any) -> None:
    settings.FACTCHECK_FETCH_ALLOW_LOOPBACK = False
    with pytest.raises(InputError, match="loopback"):
        feed_create(url="http://127.0.0.1:8080/feed.xml")


def test_errors_back_off_and_a_feed_that_keeps_failing_is_paused_until_edited(
    feed_server: FeedServer, settings: Any
) -> None:
    settings.FACTCHECK_FEED_PAUSE_AFTER_ERRORS = 3
    feed_server.routes["/feed.xml"] = Route(b"<html></html>")
    feed = _follow(feed_server, "/feed.xml", poll_minutes=10)
    gaps = []
    for _ in range(3):
        feed_poll(feed_id=feed.pk)
        feed.refresh_from_db()
        assert feed.next_due is not None and feed.last_polled is not None
        gaps.append(feed.next_due - feed.last_polled)
    assert gaps == [timedelta(minutes=20), timedelta(minutes=40), timedelta(minutes=80)]
    assert feed.paused and feed.error_count == 3
    assert feeds_due(now=timezone.now() + timedelta(days=30)) == []
    _rss_with(feed_server, 1)
    feed_update(feed=feed, url=feed.url, outlet=feed.outlet, poll_minutes=10, include="", active=True)
    feed.refresh_from_db()
    assert not feed.paused and feed.error_count == 0
    assert feed_poll(feed_id=feed.pk).status == "ok"


def test_due_feeds_are_claimed_once_so_the_next_tick_does_not_enqueue_them_again() -> None:
    due = feed_create(url="https://courier.example/feed.xml")
    later = feed_create(url="https://gazette.example/atom")
    Feed.objects.filter(pk=later.pk).update(next_due=timezone.now() + timedelta(minutes=5))
    inactive = feed_create(url="https://tribune.example/sitemap.xml", active=False)
    now = timezone.now()
    assert feeds_due(now=now) == [due.pk]
    assert feeds_due(now=now) == []
    assert inactive.pk not in feeds_due(now=now + timedelta(hours=1))


def test_a_feed_being_polled_is_not_polled_a_second_time_at_once(feed_server: FeedServer) -> None:
    _rss_with(feed_server, 1)
    feed = _follow(feed_server, "/feed.xml")
    Feed.objects.filter(pk=feed.pk).update(polling_since=timezone.now())
    result = feed_poll(feed_id=feed.pk)
    assert result.status == "busy" and feed_server.requests == []
    Feed.objects.filter(pk=feed.pk).update(polling_since=timezone.now() - timedelta(hours=1))  # a dead poll's lock
    assert feed_poll(feed_id=feed.pk).status == "ok"


def test_polling_a_deleted_feed_raises_does_not_exist() -> None:
    with pytest.raises(Feed.DoesNotExist):
        feed_poll(feed_id=987654)


@pytest.mark.parametrize(
    ("options", "reason"),
    [
        ({"url": "ftp://courier.example/feed"}, "only http and https"),
        ({"url": "http://10.1.2.3/feed"}, "private"),
        ({"url": "https://courier.example/feed", "poll_minutes": 1}, "between 5 and"),
    ],
)
def test_a_bad_feed_is_refused_when_added(options: dict[str, Any], reason: str) -> None:
    with pytest.raises(InputError, match=reason):
        feed_create(**options)
    assert Feed.objects.count() == 0


def test_a_feed_is_followed_only_once() -> None:
    feed_create(url="https://courier.example/feed.xml")
    with pytest.raises(InputError, match="already followed"):
        feed_create(url="https://courier.example/feed.xml")


def test_a_sitemap_of_thousands_of_urls_is_deduplicated_in_batches(feed_server: FeedServer, settings: Any) -> None:
    settings.FACTCHECK_FEED_MAX_ENTRIES_PER_POLL = 1
    settings.FACTCHECK_FEED_MAX_ITEMS_PER_DAY = 5000  # the items made below count as fetched today
    listed = [feed_server.url(f"/old/{n}") for n in range(1200)]
    fresh = feed_server.add_articles(1)
    stored = article_ingest(raw=article_html(5), url=listed[1100], content_type="text/html")
    assert stored.status == "created"
    feed_server.routes["/sitemap.xml"] = Route(sitemap(listed + fresh), "application/xml")
    feed = _follow(feed_server, "/sitemap.xml")
    FeedItem.objects.bulk_create([FeedItem(feed=feed, url=url, outcome="ingested") for url in listed[:1100]])
    FeedItem.objects.bulk_create([FeedItem(feed=feed, url=url, outcome="failed", attempts=3) for url in listed[1101:]])
    result = feed_poll(feed_id=feed.pk)
    assert (result.entries, result.known, result.created, result.deferred) == (1201, 1200, 1, 0)
    assert [p for p in feed_server.paths() if p != "/sitemap.xml"] == ["/news/story-0"]


@pytest.mark.django_db(transaction=True)
def test_two_polls_of_one_feed_at_the_same_moment_fetch_it_once(feed_server: FeedServer) -> None:
    """Two workers start a poll of one feed together: the lock (a conditional UPDATE) lets one in."""
    import threading

    from django.db import connection

    urls = feed_server.add_articles(2)
    feed_server.routes["/feed.xml"] = Route(rss([(u, "Story") for u in urls]), RSS_TYPE, delay=1.0)
    feed = _follow(feed_server, "/feed.xml")
    statuses: list[str] = []
    start = threading.Barrier(2)

    def poll() -> None:
        try:
            start.wait()
            statuses.append(feed_poll(feed_id=feed.pk).status)
        finally:
            connection.close()

    threads = [threading.Thread(target=poll) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(statuses) == ["busy", "ok"]
    assert feed_server.paths().count("/feed.xml") == 1
    assert Article.objects.count() == 2 and FeedItem.objects.count() == 2
