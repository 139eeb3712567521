"""Writes for followed feeds: add and edit a feed, and poll one.

A poll takes the feed's lock (a conditional UPDATE, so two tasks never poll one feed at once),
fetches the feed with ETag / Last-Modified through the SSRF-safe fetcher, reads every entry URL
(a sitemap index's child sitemaps included) BEFORE ingesting anything, so a feed that cannot be
read stores nothing, and then ingests the new entries one by one through the URL ingestion path
(copies, claims and matching as for any URL article), each in its own transaction.
"""

from __future__ import annotations

import time
import urllib.parse
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from claims.models import Article, Feed, FeedItem
from claims.pipeline.fetch.addresses import validate_url
from claims.pipeline.fetch.download import FetchedPage
from claims.pipeline.fetch.feeds import (
    FEED_ACCEPT,
    FEED_MEDIA_TYPES,
    SITEMAP,
    SITEMAP_INDEX,
    FeedEntry,
    FeedError,
    matches_keywords,
    parse_feed,
    parse_keywords,
)
from claims.pipeline.types import InputError
from claims.services.ingestion import article_ingest
from claims.services.urls import address_policy, fetch_article, fetch_with_limits

MAX_POLL_MINUTES = 7 * 24 * 60
_VALIDATOR_LIMITS = {"etag": 500, "last_modified": 100}
_LOOKUP_BATCH = 500


@dataclass
class PollResult:
    """What one poll did; `feeds poll` prints it as JSON."""

    feed: int
    status: str  # ok | not_modified | partial | error | busy
    entries: int = 0  # entry URLs the feed lists (after the include filter)
    ingested: int = 0  # articles fetched and stored (created, updated or unchanged)
    created: int = 0  # of which new articles
    failed: int = 0
    known: int = 0  # entries already stored, not fetched again
    deferred: int = 0  # new entries left for a later poll by the limits
    error: str = ""
    errors: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        return {
            "feed": self.feed,
            "status": self.status,
            "entries": self.entries,
            "ingested": self.ingested,
            "created": self.created,
            "failed": self.failed,
            "known": self.known,
            "deferred": self.deferred,
            "error": self.error or None,
        }


def _clean_outlet(outlet: str, url: str) -> str:
    return (outlet.strip() or (urllib.parse.urlsplit(url).hostname or "").removeprefix("www."))[:253]


def _check_fields(*, url: str, poll_minutes: int, include: str) -> None:
    validate_url(url, max_url_length=settings.FACTCHECK_MAX_URL_LENGTH, address_allowed=address_policy())
    if not settings.FACTCHECK_FEED_MIN_POLL_MINUTES <= poll_minutes <= MAX_POLL_MINUTES:
        raise InputError(
            f"the poll interval must be between {settings.FACTCHECK_FEED_MIN_POLL_MINUTES} "
            f"and {MAX_POLL_MINUTES} minutes"
        )
    if len(include) > 500:
        raise InputError("the include filter is longer than 500 characters")


def feed_create(*, url: str, outlet: str = "", poll_minutes: int = 30, include: str = "", active: bool = True) -> Feed:
    """Follow a feed; it is due at once. Raises InputError for a bad URL, interval or a duplicate."""
    url = url.strip()
    _check_fields(url=url, poll_minutes=poll_minutes, include=include)
    if Feed.objects.filter(url=url).exists():
        raise InputError(f"the feed {url} is already followed")
    return Feed.objects.create(
        url=url,
        outlet=_clean_outlet(outlet, url),
        poll_minutes=poll_minutes,
        include=include.strip(),
        active=active,
        next_due=timezone.now(),
    )


def feed_update(*, feed: Feed, url: str, outlet: str, poll_minutes: int, include: str, active: bool) -> Feed:
    """Edit a feed. Saving it resumes a paused feed (errors reset, due at once); a new URL forgets the
    validators of the old one."""
    url = url.strip()
    _check_fields(url=url, poll_minutes=poll_minutes, include=include)
    if Feed.objects.filter(url=url).exclude(pk=feed.pk).exists():
        raise InputError(f"the feed {url} is already followed")
    if url != feed.url:
        feed.etag, feed.last_modified = "", ""
    feed.url, feed.outlet, feed.poll_minutes = url, _clean_outlet(outlet, url), poll_minutes
    feed.include, feed.active = include.strip(), active
    if feed.paused_at is not None:
        feed.paused_at, feed.error_count = None, 0
    feed.next_due = timezone.now()
    feed.save()
    return feed


def feeds_due(*, now: datetime, limit: int = 200) -> list[int]:
    """Claim the active, unpaused feeds that are due, and return their ids.

    Each is pushed back by the lock window in the same conditional UPDATE, so the next beat tick does
    not enqueue it again while its poll waits in the queue; the poll sets the real next time.
    """
    candidates = list(
        Feed.objects.filter(active=True, paused_at__isnull=True, next_due__lte=now)
        .order_by("next_due")
        .values_list("id", flat=True)[:limit]
    )
    hold = now + timedelta(seconds=settings.FACTCHECK_FEED_LOCK_SECONDS)
    return [pk for pk in candidates if Feed.objects.filter(pk=pk, next_due__lte=now).update(next_due=hold) == 1]


def _acquire(feed_id: int, now: datetime) -> bool:
    stale = now - timedelta(seconds=settings.FACTCHECK_FEED_LOCK_SECONDS)
    free = Q(polling_since__isnull=True) | Q(polling_since__lt=stale)
    return Feed.objects.filter(free, pk=feed_id).update(polling_since=now) == 1


def feed_poll(*, feed_id: int) -> PollResult:
    """Poll one feed now. Raises Feed.DoesNotExist for a deleted feed; returns status "busy" when
    another poll of the same feed holds its lock."""
    now = timezone.now()
    if not _acquire(feed_id, now):
        Feed.objects.only("id").get(pk=feed_id)  # DoesNotExist for a deleted feed
        return PollResult(feed=feed_id, status="busy", error="another poll of this feed is running")
    try:
        feed = Feed.objects.get(pk=feed_id)
        try:
            page, entries = _read_feed(feed)
        except InputError as error:
            result = PollResult(feed=feed_id, status=Feed.Status.ERROR, error=str(error))
            _record(feed, result, now=now, page=None)
            return result
        if page.status == 304:
            result = PollResult(feed=feed_id, status=Feed.Status.NOT_MODIFIED)
        else:
            result = _ingest_entries(feed, entries, now=now)
        _record(feed, result, now=now, page=page)
        return result
    finally:
        Feed.objects.filter(pk=feed_id, polling_since=now).update(polling_since=None)


def _fetch(url: str, headers: dict[str, str] | None = None) -> FetchedPage:
    return fetch_with_limits(url, accepted_types=FEED_MEDIA_TYPES, accept=FEED_ACCEPT, headers=headers)


def _read_feed(feed: Feed) -> tuple[FetchedPage, list[FeedEntry]]:
    """Fetch and parse the feed (and a sitemap index's children): every entry, or an InputError."""
    headers = {}
    if feed.etag:
        headers["If-None-Match"] = feed.etag
    if feed.last_modified:
        headers["If-Modified-Since"] = feed.last_modified
    page = _fetch(feed.url, headers or None)
    if page.status == 304:
        return page, []
    parsed = parse_feed(page.body, url=page.url)
    if parsed.kind != SITEMAP_INDEX:
        return page, list(parsed.entries)
    limit = settings.FACTCHECK_FEED_MAX_SITEMAPS
    entries: list[FeedEntry] = []
    for child_url in parsed.sitemaps[:limit]:
        try:
            child = parse_feed(_fetch(child_url).body, url=child_url)
        except InputError as error:
            raise FeedError(f"the sitemap {child_url} listed by the index: {error}") from error
        if child.kind != SITEMAP:
            raise FeedError(f"the index lists {child_url}, which is not a sitemap of articles")
        entries.extend(child.entries)
    return page, entries


def _already_done(feed: Feed, urls: list[str]) -> set[str]:
    """Entry URLs not to fetch: stored articles (any source) and this feed's finished entries.

    Looked up in batches: a sitemap may list tens of thousands of URLs."""
    done: set[str] = set()
    finished = ~Q(outcome=FeedItem.Outcome.FAILED) | Q(attempts__gte=settings.FACTCHECK_FEED_ENTRY_ATTEMPTS)
    for start in range(0, len(urls), _LOOKUP_BATCH):
        batch = urls[start : start + _LOOKUP_BATCH]
        done.update(Article.objects.filter(identity__in=batch).values_list("identity", flat=True))
        done.update(Article.objects.filter(url__in=batch).values_list("url", flat=True))
        done.update(FeedItem.objects.filter(finished, feed=feed, url__in=batch).values_list("url", flat=True))
    return done


def _ingest_entries(feed: Feed, entries: list[FeedEntry], *, now: datetime) -> PollResult:
    keywords = parse_keywords(feed.include)
    wanted = [entry for entry in entries if matches_keywords(entry, keywords)]
    urls = [entry.url for entry in wanted if len(entry.url) <= settings.FACTCHECK_MAX_URL_LENGTH]
    done = _already_done(feed, urls)
    new = [url for url in urls if url not in done]
    fetched_today = (
        FeedItem.objects.filter(feed=feed, updated_at__gte=now - timedelta(days=1))
        .exclude(outcome=FeedItem.Outcome.KNOWN)
        .count()
    )
    room = max(
        0, min(settings.FACTCHECK_FEED_MAX_ENTRIES_PER_POLL, settings.FACTCHECK_FEED_MAX_ITEMS_PER_DAY - fetched_today)
    )
    result = PollResult(
        feed=feed.pk,
        status=Feed.Status.OK,
        entries=len(wanted),
        known=len(urls) - len(new),
        deferred=max(0, len(new) - room),
    )
    deadline = time.monotonic() + settings.FACTCHECK_FEED_POLL_SECONDS
    for position, url in enumerate(new[:room]):
        if time.monotonic() > deadline:
            result.deferred += room - position
            break
        _ingest_entry(feed, url, result)
    if result.failed:
        result.status = Feed.Status.ERROR if not result.ingested else Feed.Status.PARTIAL
        shown = "; ".join(result.errors[:3])
        result.error = f"{result.failed} of {result.failed + result.ingested} entries failed: {shown}"
    return result


def _ingest_entry(feed: Feed, url: str, result: PollResult) -> None:
    """Fetch one entry (outside any transaction), then store it and its feed item together."""
    error, body, content_type = "", b"", ""
    try:
        body, content_type, _final = fetch_article(url=url)
    except InputError as exc:
        error = str(exc)
    with transaction.atomic():
        article_id = None
        if not error:
            ingested = article_ingest(raw=body, url=url, content_type=content_type, label=url)
            error, article_id = ingested.error, ingested.article
            if ingested.status == "created":
                result.created += 1
        item, made = FeedItem.objects.select_for_update().get_or_create(
            feed=feed, url=url, defaults={"outcome": FeedItem.Outcome.FAILED}
        )
        item.outcome = FeedItem.Outcome.FAILED if error else FeedItem.Outcome.INGESTED
        item.error, item.article_id = error[:2000], article_id
        item.attempts = 1 if made else item.attempts + 1
        item.save()
    if error:
        result.failed += 1
        result.errors.append(error if url in error else f"{url}: {error}")
    else:
        result.ingested += 1


def _backoff(feed: Feed, errors: int) -> timedelta:
    minutes = min(feed.poll_minutes * 2 ** min(errors, 16), settings.FACTCHECK_FEED_MAX_BACKOFF_MINUTES)
    return timedelta(minutes=max(minutes, feed.poll_minutes))


def _record(feed: Feed, result: PollResult, *, now: datetime, page: FetchedPage | None) -> None:
    """Store the poll's outcome on the feed in one UPDATE (the lock is released by the caller).

    An error counts towards back-off (the interval doubles per consecutive error, up to a day) and,
    after FACTCHECK_FEED_PAUSE_AFTER_ERRORS in a row, pauses the feed. The validators are kept only
    when every entry was dealt with, so entries left for later are not hidden behind a 304.
    """
    values: dict[str, object] = {
        "last_polled": now,
        "last_status": result.status,
        "last_error": result.error,
        "updated_at": now,
    }
    if result.status == Feed.Status.ERROR:
        errors = feed.error_count + 1
        values.update(error_count=errors, next_due=now + _backoff(feed, errors), last_new=0)
        if errors >= settings.FACTCHECK_FEED_PAUSE_AFTER_ERRORS:
            values["paused_at"] = now
    else:
        values.update(
            error_count=0, paused_at=None, next_due=now + timedelta(minutes=feed.poll_minutes), last_new=result.created
        )
        if page is not None and page.status != 304:
            complete = not result.deferred and not result.failed
            values["etag"] = _validator(page.etag, "etag") if complete else ""
            values["last_modified"] = _validator(page.last_modified, "last_modified") if complete else ""
        if result.created:
            values["articles_found"] = F("articles_found") + result.created
    Feed.objects.filter(pk=feed.pk).update(**values)


def _validator(value: str, name: str) -> str:
    """A validator as the server sent it; one too long or with control characters is not kept."""
    value = value.strip()
    if len(value) > _VALIDATOR_LIMITS[name] or any(ord(c) < 32 or ord(c) == 127 for c in value):
        return ""
    return value
