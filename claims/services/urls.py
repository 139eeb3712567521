"""Ingest an article from a URL, fetched with every address checked (see pipeline.fetch)."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from claims.broker import BrokerUnavailable
from claims.pipeline.fetch.addresses import (
    AddressPolicy,
    check_url,
    is_public_address,
    is_public_or_loopback_address,
)
from claims.pipeline.fetch.download import FetchedPage, fetch_url
from claims.services.ingestion import IngestResult, article_ingest


def address_policy() -> AddressPolicy:
    """Public addresses only; loopback too when FACTCHECK_FETCH_ALLOW_LOOPBACK is on (test servers)."""
    return is_public_or_loopback_address if settings.FACTCHECK_FETCH_ALLOW_LOOPBACK else is_public_address


def fetch_with_limits(url: str, **options: Any) -> FetchedPage:
    """Fetch a URL under the product's limits (time, size, redirects, URL length, address policy);
    options go to fetch_url as they are (headers, accepted media types). Raises InputError."""
    return fetch_url(
        url,
        timeout=settings.FACTCHECK_FETCH_TIMEOUT,
        max_bytes=settings.FACTCHECK_MAX_ARTICLE_BYTES,
        max_redirects=settings.FACTCHECK_FETCH_MAX_REDIRECTS,
        max_url_length=settings.FACTCHECK_MAX_URL_LENGTH,
        address_allowed=address_policy(),
        **options,
    )


def fetch_article(*, url: str) -> tuple[bytes, str, str]:
    """Fetch an article page: (body, content type, final URL). Raises InputError."""
    page = fetch_with_limits(url)
    return page.body, page.content_type, page.url


def url_ingest(*, url: str, run_async: bool = False, force: bool = False) -> IngestResult:
    """Fetch and store one article; with run_async, validate the URL now and fetch in a task."""
    if run_async:
        from claims.tasks import enqueue_ingest_url

        # Refused now, as the fetch itself would refuse it: a malformed URL, or a host that
        # resolves to a loopback, private or otherwise non-public address.
        check_url(url, max_url_length=settings.FACTCHECK_MAX_URL_LENGTH, address_allowed=address_policy())
        try:
            enqueue_ingest_url(url)
        except BrokerUnavailable as exc:
            return IngestResult(input=url, status="error", error=f"not queued: {exc}")
        return IngestResult(input=url, status="queued")
    body, content_type, _final = fetch_article(url=url)
    return article_ingest(raw=body, url=url, content_type=content_type, label=url, force=force)
