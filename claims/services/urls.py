"""Ingest an article from a URL, fetched with every address checked (see pipeline.fetch)."""

from __future__ import annotations

from django.conf import settings

from claims.pipeline.fetch import AddressPolicy, fetch_url, is_public_address, is_public_or_loopback_address
from claims.services.ingestion import IngestResult, article_ingest


def address_policy() -> AddressPolicy:
    """Public addresses only; loopback too when FACTCHECK_FETCH_ALLOW_LOOPBACK is on (test servers)."""
    return is_public_or_loopback_address if settings.FACTCHECK_FETCH_ALLOW_LOOPBACK else is_public_address


def fetch_article(*, url: str) -> tuple[bytes, str, str]:
    """Fetch a URL under the product's limits: (body, content type, final URL). Raises InputError."""
    page = fetch_url(
        url,
        timeout=settings.FACTCHECK_FETCH_TIMEOUT,
        max_bytes=settings.FACTCHECK_MAX_ARTICLE_BYTES,
        max_redirects=settings.FACTCHECK_FETCH_MAX_REDIRECTS,
        max_url_length=settings.FACTCHECK_MAX_URL_LENGTH,
        address_allowed=address_policy(),
    )
    return page.body, page.content_type, page.url


def url_ingest(*, url: str, run_async: bool = False, force: bool = False) -> IngestResult:
    """Fetch and store one article; with run_async, validate the URL now and fetch in a task."""
    if run_async:
        from claims.pipeline.fetch import validate_url
        from claims.tasks import enqueue_ingest_url

        validate_url(url, max_url_length=settings.FACTCHECK_MAX_URL_LENGTH)
        enqueue_ingest_url(url)
        return IngestResult(input=url, status="queued")
    body, content_type, _final = fetch_article(url=url)
    return article_ingest(raw=body, url=url, content_type=content_type, label=url, force=force)
