"""Celery tasks: take ids, re-fetch, call a service, return quietly when the row is gone.

With no broker configured (the embedded default) they run in-process.
"""

from __future__ import annotations

import logging

from celery import shared_task
from django.db import transaction

from claims.models import Article
from claims.services.matching import article_match

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, reject_on_worker_lost=True, time_limit=300, soft_time_limit=240)
def match_article(article_id: int) -> None:
    try:
        article_match(article_id=article_id)
    except Article.DoesNotExist:
        logger.info("match_article: article %s is gone", article_id)


def enqueue_match(article_id: int) -> None:
    """Match after the current transaction commits, so the worker sees the stored claims."""
    transaction.on_commit(lambda: match_article.delay(article_id))


@shared_task(acks_late=True, reject_on_worker_lost=True, time_limit=300, soft_time_limit=240)
def ingest_text(raw: str, name: str = "") -> None:
    from claims.services.ingestion import article_ingest

    article_ingest(raw=raw.encode("latin-1"), name=name)


@shared_task(acks_late=True, reject_on_worker_lost=True, time_limit=300, soft_time_limit=240)
def ingest_url(url: str) -> None:
    from claims.pipeline.types import InputError
    from claims.services.urls import url_ingest

    try:
        url_ingest(url=url)
    except InputError as exc:
        logger.warning("ingest_url %s refused: %s", url, exc)


def enqueue_ingest_text(*, raw: bytes, name: str) -> None:
    # Bytes travel through the JSON serializer as latin-1 text, which maps every byte one to one.
    payload = raw.decode("latin-1")
    transaction.on_commit(lambda: ingest_text.delay(payload, name))


def enqueue_ingest_url(url: str) -> None:
    transaction.on_commit(lambda: ingest_url.delay(url))
