"""Reads for followed feeds: the rows the feeds page, `feeds list` and `feeds poll --wait` show."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from claims.models import Feed


def feed_list() -> QuerySet[Feed]:
    return Feed.objects.order_by("outlet", "url")


def feed_row(feed: Feed) -> dict[str, Any]:
    """One feed as plain values (JSON fields of `feeds list --json`)."""
    return {
        "id": feed.pk,
        "url": feed.url,
        "outlet": feed.outlet,
        "active": feed.active,
        "paused": feed.paused,
        "poll_minutes": feed.poll_minutes,
        "include": feed.include,
        "status": feed.last_status,
        "error": feed.last_error or None,
        "error_count": feed.error_count,
        "last_polled": feed.last_polled.isoformat() if feed.last_polled else None,
        "next_due": feed.next_due.isoformat() if feed.next_due else None,
        "articles_found": feed.articles_found,
        "last_new": feed.last_new,
    }


def feed_rows(*, ids: list[int] | None = None) -> list[dict[str, Any]]:
    feeds = feed_list()
    if ids is not None:
        feeds = feeds.filter(pk__in=ids)
    return [feed_row(feed) for feed in feeds]
