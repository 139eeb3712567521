"""Ingest an article from a URL, fetched with every address checked (see pipeline.fetch)."""

from __future__ import annotations

from django.conf import settings

from claims.broker import BrokerUnavailable
from claims.pipeline.fetch import check_url, fetch_url
from claims.services.ingestion import IngestResult, article_ingest


def fetch_article(*, url: str) -> tuple[bytes, str, str]:
    """Fetch a URL under the product's limits: (body, content type, final URL). Raises InputError."""
    page = fetch_url(
        url,
        timeout=settings.FACTCHECK_FETCH_TIMEOUT,
        max_bytes=settings.FACTCHECK_MAX_ARTICLE_BYTES,
        max_redirects=settings.FACTCHECK_FETCH_MAX_REDIRECTS,
        max_url_length=settings.FACTCHECK_MAX_URL_LENGTH,
    )
    return page.body, page.content_type, page.url


def url_ingest(*, url: str, run_async: bool = False, force: bool = False) -> IngestResult:
    """Fetch and store one article; with run_async, validate the URL now and fetch in a task."""
    if run_async:
        from claims.tasks import enqueue_ingest_url

        # Refused now, as the fetch itself would refuse it: a malformed URL, or a host that
        # resolves to a loopback, private or otherwise non-public address.
        check_url(url, max_url_length=settings.FACTCHECK_MAX_URL_LENGTH)
        try:
            enqueue_ingest_url(url)
        except BrokerUnavailable as exc:
            return IngestResult(input=url, status="error", error=f"not queued: {exc}")
        return IngestResult(input=url, status="queued")
    body, content_type, _final = fetch_article(url=url)
    return article_ingest(raw=body, url=url, content_type=content_type, label=url, force=force)
