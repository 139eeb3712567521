"""Celery tasks: take ids, re-fetch, call a service, return quietly when the row is gone.

With no broker configured (the embedded default) they run in-process.
"""

from __future__ import annotations

import logging
import random
from typing import Any, TypedDict

from celery import Task, current_task, shared_task
from celery.exceptions import SoftTimeLimitExceeded
from celery.signals import task_failure
from django.db import DatabaseError, OperationalError

from claims.broker import send, send_on_commit
from claims.models import Article
from claims.services.failures import task_failure_record
from claims.services.ingestion import pending_input_ingest
from claims.services.matching import NeighbourhoodMoved, article_match
from claims.services.pending import SWEEP_GRACE_SECONDS, match_pending_clear, match_pending_since, pending_work
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


class TaskOptions(TypedDict, total=False):
    acks_late: bool
    reject_on_worker_lost: bool
    time_limit: int
    soft_time_limit: int


# Every task is acknowledged after it ran, so a message whose worker died is delivered again.
# The limits are what one run may take: at the soft one the task is told (SoftTimeLimitExceeded),
# at the hard one its worker process is killed.
REDELIVERED = TaskOptions(acks_late=True, reject_on_worker_lost=True)
WORK_LIMITS: TaskOptions = {**REDELIVERED, "time_limit": 300, "soft_time_limit": 240}  # ingestion, matching
BEAT_LIMITS: TaskOptions = {**REDELIVERED, "time_limit": 120, "soft_time_limit": 100}  # periodic bookkeeping
TICK_LIMITS: TaskOptions = {**REDELIVERED, "time_limit": 60, "soft_time_limit": 50}  # a beat tick that only enqueues


@task_failure.connect
def _record_failure(
    sender: Any = None, task_id: str | None = None, exception: BaseException | None = None, args: Any = None, **_: Any
) -> None:
    """Every task that fails for good leaves a row the jobs page shows, not only a log line."""
    try:
        task_failure_record(
            task=getattr(sender, "name", str(sender)),
            task_id=task_id or "",
            args=args or (),
            error=f"{type(exception).__name__}: {exception}",
        )
    except Exception:  # the database may be what failed: the worker's log still has it
        logger.exception("could not record the failure of task %s", task_id)


def _same_queue(task: Task[..., Any] | None) -> str | None:
    """Follow-up tasks go to the queue this one came from (None: the default queue)."""
    delivery_info = getattr(getattr(task, "request", None), "delivery_info", None) or {}
    return delivery_info.get("routing_key") or None


MATCH_MAX_RETRIES = 8


def _match_backoff(retries: int) -> float:
    """Exponential backoff with full jitter: up to 1, 2, 4 ... 60 seconds."""
    cap: int = min(60, 2**retries)
    return random.uniform(0.5, 1.0) * cap


@shared_task(bind=True, max_retries=MATCH_MAX_RETRIES, **WORK_LIMITS)
def match_article(self: Task[[int], None], article_id: int) -> None:
    """Match one article. A deadlock or serialization failure that outlasts the service's own
    quick retries, or a neighbourhood that kept moving, is transient: retried with backoff."""
    pending_since = match_pending_since(article_id=article_id)
    try:
        article_match(article_id=article_id)
    except Article.DoesNotExist:
        logger.info("match_article: article %s is gone", article_id)
        return
    except (DatabaseError, NeighbourhoodMoved) as error:
        if isinstance(error, DatabaseError) and not is_transient(error):
            raise
        logger.warning("match_article %s: %s; retrying", article_id, error)
        raise self.retry(exc=error, countdown=_match_backoff(self.request.retries)) from error
    match_pending_clear(article_id=article_id, since=pending_since)


def enqueue_match(article_id: int) -> None:
    """Match after the current transaction commits, so the worker sees the stored claims.
    Inside a task (a re-ingestion), the match goes to the queue that task came from.
    Raises BrokerUnavailable when sent at once (outside a transaction) and the broker is down;
    the article stays marked as waiting, and the sweep sends it again."""
    send_on_commit(match_article, (article_id,), **route(_same_queue(current_task)))


@shared_task(**WORK_LIMITS)
def ingest_input(input_id: int) -> None:
    """Ingest an input `ingest --async` stored (PendingInput), then drop it; a refused input is
    recorded as a failure the jobs page shows."""
    result = pending_input_ingest(input_id=input_id)
    if result is not None and result.status == "error":
        task_failure_record(task=ingest_input.name, args=(input_id,), error=f"{result.input}: {result.error}")


@shared_task(**WORK_LIMITS)
def ingest_text(raw: str, name: str = "") -> None:
    """Kept for messages queued by an earlier release, which carried the bytes themselves."""
    from claims.services.ingestion import article_ingest

    article_ingest(raw=raw.encode("latin-1"), name=name)


@shared_task(**WORK_LIMITS)
def ingest_url(url: str) -> None:
    from claims.pipeline.types import InputError
    from claims.services.ingestion import IngestResult
    from claims.services.urls import url_ingest

    try:
        result = url_ingest(url=url)
    except InputError as exc:
        result = IngestResult(input=url, status="error", error=str(exc))
    if result.status == "error":
        logger.warning("ingest_url %s refused: %s", url, result.error)
        task_failure_record(task=ingest_url.name, args=(url,), error=result.error)


def enqueue_ingest_input(input_id: int) -> None:
    send_on_commit(ingest_input, (input_id,))


def enqueue_ingest_url(url: str) -> None:
    send_on_commit(ingest_url, (url,))


@shared_task(**BEAT_LIMITS)
def sweep_pending() -> dict[str, int]:
    """Beat: send again the matching of articles and the inputs left waiting longer than
    SWEEP_GRACE_SECONDS (their first send failed, or its worker died)."""
    articles, inputs = pending_work(older_than=SWEEP_GRACE_SECONDS)
    for article_id in articles:
        send(match_article, (article_id,))
    for input_id in inputs:
        send(ingest_input, (input_id,))
    return {"articles": len(articles), "inputs": len(inputs)}


# Re-ingestion. Only transient failures are retried, with exponential backoff and jitter;
# a redelivered or retried task is harmless because each job item is counted once.
REINGEST_MAX_RETRIES = 5
# How a task retries the errors it names in autoretry_for: exponential backoff with jitter, capped.
RETRY_WITH_BACKOFF: dict[str, Any] = {
    "retry_backoff": True,
    "retry_backoff_max": 300,
    "retry_jitter": True,
    "max_retries": REINGEST_MAX_RETRIES,
}


@shared_task(bind=True, autoretry_for=TRANSIENT_ERRORS, **WORK_LIMITS, **RETRY_WITH_BACKOFF)
def reingest_article(self: Task[[int, int, bool], None], job_id: int, article_id: int, force: bool = False) -> None:
    """Re-ingest one article of a job; after the last retry the item counts as failed."""
    try:
        job_item_run(job_id=job_id, article_id=article_id, force=force)
    except TRANSIENT_ERRORS as error:
        if self.request.retries >= REINGEST_MAX_RETRIES:
            job_item_finish(
                job_id=job_id,
                article_id=article_id,
                outcome=FAILED,
                error=f"gave up after {REINGEST_MAX_RETRIES + 1} tries: {error}",
            )
            return
        raise
    except SoftTimeLimitExceeded:
        job_item_finish(job_id=job_id, article_id=article_id, outcome=FAILED, error="took longer than the time limit")


@shared_task(bind=True, autoretry_for=(OperationalError,), **WORK_LIMITS, **RETRY_WITH_BACKOFF)
def reingest_chunk(
    self: Task[[int, list[int], bool], None], job_id: int, article_ids: list[int], force: bool = False
) -> None:
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


@shared_task(**BEAT_LIMITS)
def reingest_all(force: bool = False) -> int:
    """Start a job re-ingesting every article; returns the job id."""
    ids = list(Article.objects.values_list("id", flat=True))
    return job_start(kind="reingest_all", article_ids=ids, description="all articles", force=force).pk


@shared_task(**BEAT_LIMITS)
def recheck_url_articles() -> int:
    """Beat: re-ingest the articles fetched from the web, so edits at the source are picked up."""
    ids = [a.pk for a in Article.objects.exclude(url="").only("id", "url", "source_name") if is_url_sourced(a)]
    return job_start(kind="recheck_urls", article_ids=ids, description="articles fetched from URLs").pk


# Followed feeds. Beat runs poll_due_feeds every FACTCHECK_FEEDS_TICK_SECONDS; each due feed is polled
# by its own task, and the feed's lock (services.feeds) keeps two polls of one feed from overlapping.
# A feed that cannot be fetched is not retried by Celery: the poll records the error and the feed's
# back-off decides when it is tried again.


@shared_task(**TICK_LIMITS)
def poll_due_feeds() -> int:
    """Beat: enqueue a poll for every feed that is due; returns how many."""
    from django.utils import timezone

    from claims.services.feeds import feeds_due

    due = feeds_due(now=timezone.now())
    for feed_id in due:
        enqueue_poll_feed(feed_id)
    return len(due)


@shared_task(autoretry_for=(OperationalError,), **WORK_LIMITS, **RETRY_WITH_BACKOFF)
def poll_feed(feed_id: int) -> str:
    """Poll one feed and ingest its new entries; returns the poll's status."""
    from claims.models import Feed
    from claims.services.feeds import feed_poll

    try:
        result = feed_poll(feed_id=feed_id)
    except Feed.DoesNotExist:
        logger.info("poll_feed: feed %s is gone", feed_id)
        return "gone"
    if result.error:
        logger.warning("poll_feed %s: %s: %s", feed_id, result.status, result.error)
    return result.status


def enqueue_poll_feed(feed_id: int) -> None:
    """Raises BrokerUnavailable when sent at once (outside a transaction) and the broker is down;
    a feed whose poll was never sent is still due, so the next beat tick polls it."""
    send_on_commit(poll_feed, (feed_id,))
