"""Celery tasks: take ids, re-fetch, call a service, return quietly when the row is gone.

With no broker configured (the embedded default) they run in-process.
"""

from __future__ import annotations

import logging
import random

from celery import Task, current_task, shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.db import DatabaseError, OperationalError, transaction

from claims.models import Article
from claims.services.matching import NeighbourhoodMoved, article_match
from claims.services.reingest import (
    FAILED,
    TRANSIENT_ERRORS,
    TransientReingestError,
    is_url_sourced,
    job_item_finish,
    job_item_run,
    job_start,
    route,
)
from claims.services.transient import is_transient

logger = logging.getLogger(__name__)


def _same_queue(task: Task | None) -> str | None:
    """Follow-up tasks go to the queue this one came from (None: the default queue)."""
    delivery_info = getattr(getattr(task, "request", None), "delivery_info", None) or {}
    return delivery_info.get("routing_key") or None


MATCH_MAX_RETRIES = 8


def _match_backoff(retries: int) -> float:
    """Exponential backoff with full jitter: up to 1, 2, 4 ... 60 seconds."""
    return random.uniform(0.5, 1.0) * min(60, 2**retries)


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, time_limit=300, soft_time_limit=240,
             max_retries=MATCH_MAX_RETRIES)
def match_article(self: Task, article_id: int) -> None:
    """Match one article. A deadlock or serialization failure that outlasts the service's own
    quick retries, or a neighbourhood that kept moving, is transient: retried with backoff."""
    try:
        article_match(article_id=article_id)
    except Article.DoesNotExist:
        logger.info("match_article: article %s is gone", article_id)
    except (DatabaseError, NeighbourhoodMoved) as error:
        if isinstance(error, DatabaseError) and not is_transient(error):
            raise
        logger.warning("match_article %s: %s; retrying", article_id, error)
        raise self.retry(exc=error, countdown=_match_backoff(self.request.retries)) from error


def enqueue_match(article_id: int) -> None:
    """Match after the current transaction commits, so the worker sees the stored claims.
    Inside a task (a re-ingestion), the match goes to the queue that task came from."""
    options = route(_same_queue(current_task))
    transaction.on_commit(lambda: match_article.apply_async((article_id,), **options))


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


# Re-ingestion. Only transient failures are retried, with exponential backoff and jitter;
# a redelivered or retried task is harmless because each job item is counted once.
REINGEST_MAX_RETRIES = 5




@shared_task(
    bind=True, acks_late=True, reject_on_worker_lost=True, time_limit=300, soft_time_limit=240,
    autoretry_for=TRANSIENT_ERRORS, retry_backoff=True, retry_backoff_max=300, retry_jitter=True,
    max_retries=REINGEST_MAX_RETRIES,
)
def reingest_article(self: Task, job_id: int, article_id: int, force: bool = False) -> None:
    """Re-ingest one article of a job; after the last retry the item counts as failed."""
    try:
        job_item_run(job_id=job_id, article_id=article_id, force=force)
    except TRANSIENT_ERRORS as error:
        if self.request.retries >= REINGEST_MAX_RETRIES:
            job_item_finish(job_id=job_id, article_id=article_id, outcome=FAILED,
                            error=f"gave up after {REINGEST_MAX_RETRIES + 1} tries: {error}")
            return
        raise
    except SoftTimeLimitExceeded:
        job_item_finish(job_id=job_id, article_id=article_id, outcome=FAILED, error="took longer than the time limit")


@shared_task(
    bind=True, acks_late=True, reject_on_worker_lost=True, time_limit=300, soft_time_limit=240,
    autoretry_for=(OperationalError,), retry_backoff=True, retry_backoff_max=300, retry_jitter=True,
    max_retries=REINGEST_MAX_RETRIES,
)
def reingest_chunk(self: Task, job_id: int, article_ids: list[int], force: bool = False) -> None:
    """Re-ingest a chunk of a job's articles in turn. An article whose fetch failed for a
    transient reason gets its own retried task; on the soft time limit the rest of the chunk
    is handed to a new task. Redelivered after a crash, it skips the articles already counted."""
    queue = _same_queue(self)
    for position, article_id in enumerate(article_ids):
        try:
            job_item_run(job_id=job_id, article_id=article_id, force=force)
        except TransientReingestError:
            reingest_article.apply_async((job_id, article_id), {"force": force}, countdown=5, **route(queue))
        except SoftTimeLimitExceeded:
            reingest_chunk.apply_async((job_id, article_ids[position:]), {"force": force}, **route(queue))
            return


@shared_task(acks_late=True, reject_on_worker_lost=True, time_limit=120, soft_time_limit=100)
def reingest_all(force: bool = False) -> int:
    """Start a job re-ingesting every article; returns the job id."""
    ids = list(Article.objects.values_list("id", flat=True))
    return job_start(kind="reingest_all", article_ids=ids, description="all articles", force=force).pk


@shared_task(acks_late=True, reject_on_worker_lost=True, time_limit=120, soft_time_limit=100)
def recheck_url_articles() -> int:
    """Beat: re-ingest the articles fetched from the web, so edits at the source are picked up."""
    ids = [a.pk for a in Article.objects.exclude(url="").only("id", "url", "source_name") if is_url_sourced(a)]
    return job_start(kind="recheck_urls", article_ids=ids, description="articles fetched from URLs").pk
