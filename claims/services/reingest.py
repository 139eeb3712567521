"""Writes for re-ingestion: re-read an article, re-clean, re-extract, re-match, and count it
once in its job however often a task is delivered.

A job's counters move only through conditional UPDATEs: a JobItem's outcome goes from ""
to a result in one UPDATE ... WHERE outcome = '', and only the task whose UPDATE matched a
row bumps the job's counts (F() expressions, so concurrent tasks never lose an increment).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import Any

from celery.exceptions import SoftTimeLimitExceeded
from django.db import OperationalError, transaction
from django.db.models import Case, Count, F, Value, When
from django.utils import timezone

from claims.broker import BrokerUnavailable, send
from claims.models import Article, Job, JobItem
from claims.pipeline.fetch import addresses
from claims.pipeline.types import InputError
from claims.services import urls
from claims.services.ingestion import article_store, clean

logger = logging.getLogger(__name__)

CHUNK_SIZE = 25
MAX_JOB_ERRORS = 50  # the job row keeps the first errors; every item keeps its own

SUCCESS_OUTCOMES = ("created", "updated", "unchanged")
FAILED = "failed"


class TransientReingestError(Exception):
    """A failure worth retrying later (a timeout, a 5xx, a dropped connection)."""


# What the tasks retry with backoff. The fetcher reports every fetch failure as FetchError (an
# InputError); a TransientFetchError, when it gains one, is retried as such.
_TRANSIENT_FETCH_ERROR = getattr(addresses, "TransientFetchError", None)
TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (TransientReingestError, OperationalError) + (
    (_TRANSIENT_FETCH_ERROR,) if isinstance(_TRANSIENT_FETCH_ERROR, type) else ()
)

_RETRIED_BY_THE_TASK: tuple[type[BaseException], ...] = (*TRANSIENT_ERRORS, SoftTimeLimitExceeded)

_SERVER_ERROR = re.compile(r"\bHTTP 5\d\d\b|\btimed out\b|\bclosed before\b|\brefused the connection\b")


def is_transient_fetch_error(error: BaseException) -> bool:
    """A fetch failure another try may cure: timeouts, dropped connections and 5xx answers."""
    if any(isinstance(error, kind) for kind in TRANSIENT_ERRORS):
        return True
    cause = error.__cause__
    if isinstance(cause, TimeoutError | ConnectionError):
        return True
    return isinstance(error, InputError) and bool(_SERVER_ERROR.search(str(error)))


def is_url_sourced(article: Article) -> bool:
    """Fetched from the web (a URL and no input file name), so re-ingestion fetches it again."""
    return bool(article.url) and not article.source_name


def _read_source(article: Article) -> tuple[bytes, str]:
    """The article's current bytes: fetched again when it came from a URL, else the stored raw."""
    if not is_url_sourced(article):
        return bytes(article.raw), ""
    try:
        body, content_type, _final_url = urls.fetch_article(url=article.url)
    except InputError as error:
        if is_transient_fetch_error(error):
            raise TransientReingestError(str(error)) from error
        raise
    return body, content_type


def _reingest_bytes(*, article: Article, raw: bytes, content_type: str, force: bool) -> str:
    doc = clean(raw=raw, name=article.source_name, url=article.url, content_type=content_type)
    _stored, status = article_store(
        identity=article.identity, raw=raw, doc=doc, name=article.source_name, url=article.url or doc.url, force=force
    )
    return status


def article_reingest(*, article_id: int, force: bool = False) -> str:
    """Re-read, re-clean, re-extract and re-match one article: "created", "updated" or "unchanged".

    Raises Article.DoesNotExist, InputError (content refused: retrying will not help) and
    TransientReingestError (try again later).
    """
    article = Article.objects.get(pk=article_id)
    raw, content_type = _read_source(article)
    return _reingest_bytes(article=article, raw=raw, content_type=content_type, force=force)


class JobNotQueued(BrokerUnavailable):
    """The job was created but (some of) its work could not be handed to the broker: those
    items are recorded as failed, so the job still ends instead of waiting forever."""

    def __init__(self, error: BaseException, *, job: Job) -> None:
        super().__init__(error)
        self.job = job


def job_start(
    *,
    kind: str,
    article_ids: Iterable[int],
    user: Any = None,
    description: str = "",
    force: bool = False,
    queue: str | None = None,
) -> Job:
    """Create a job and its items in one transaction; its chunk tasks are sent once it commits.

    ``queue`` sends the chunk tasks to a named Celery queue instead of the default one. Outside
    a transaction the chunks are sent at once, and when the broker cannot be reached the items
    not sent fail with the reason and JobNotQueued is raised.
    """
    ids = sorted(set(article_ids))
    with transaction.atomic():
        job = Job.objects.create(
            kind=kind[:40],
            description=description[:300],
            total=len(ids),
            created_by=user if user is not None and user.is_authenticated else None,
        )
        JobItem.objects.bulk_create([JobItem(job=job, article_id=article_id) for article_id in ids])
        if not ids:
            Job.objects.filter(pk=job.pk).update(state=Job.State.DONE, finished_at=timezone.now())
            job.refresh_from_db()
    send_chunks = partial(_job_send, job, chunked(ids, CHUNK_SIZE), force=force, queue=queue)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(partial(_job_send_or_log, send_chunks))
    else:
        send_chunks()
    return job


def _job_send_or_log(send_chunks: Callable[[], None]) -> None:
    """On the commit of a caller's transaction nobody is left to tell: the job records the failure."""
    try:
        send_chunks()
    except JobNotQueued as error:
        logger.warning("job %s: %s", error.job.pk, error)


def _job_send(job: Job, chunks: list[list[int]], *, force: bool, queue: str | None) -> None:
    from claims.tasks import reingest_chunk

    for position, chunk in enumerate(chunks):
        try:
            send(reingest_chunk, (job.pk, chunk), {"force": force}, **route(queue))
        except BrokerUnavailable as error:
            unsent = [article_id for rest in chunks[position:] for article_id in rest]
            job_items_fail(job_id=job.pk, article_ids=unsent, error=f"not queued: {error}")
            job.refresh_from_db()
            raise JobNotQueued(error, job=job) from error


def job_items_fail(*, job_id: int, article_ids: list[int], error: str) -> int:
    """Record the items not yet counted as failed, in one go; the job ends when nothing is left."""
    with transaction.atomic():
        failed = JobItem.objects.filter(job_id=job_id, article_id__in=article_ids, outcome="").update(
            outcome=FAILED, error=error[:2000]
        )
        if failed:
            job = Job.objects.select_for_update().get(pk=job_id)
            job.failed = F("failed") + failed
            if len(job.errors) < MAX_JOB_ERRORS:
                job.errors = [*job.errors, {"article": None, "error": f"{failed} article(s): {error}"[:500]}]
            job.save(update_fields=["failed", "errors"])
            _finish_if_counted(job_id)
    return failed


def _finish_if_counted(job_id: int) -> None:
    Job.objects.filter(
        pk=job_id, state__in=(Job.State.QUEUED, Job.State.RUNNING), total__lte=F("done") + F("failed")
    ).update(
        state=Case(When(failed=0, then=Value(Job.State.DONE)), default=Value(Job.State.FAILED)),
        finished_at=timezone.now(),
    )


def route(queue: str | None) -> dict[str, Any]:
    """apply_async options sending a task to ``queue``, or to the default queue when None."""
    return {"queue": queue} if queue else {}


def chunked(ids: Sequence[int], size: int) -> list[list[int]]:
    return [list(ids[i : i + size]) for i in range(0, len(ids), size)]


def job_item_pending(*, job_id: int, article_id: int) -> bool:
    """False when this item was already counted (a redelivered task has nothing to do)."""
    return JobItem.objects.filter(job_id=job_id, article_id=article_id, outcome="").exists()


def job_item_run(*, job_id: int, article_id: int, force: bool = False) -> str | None:
    """Re-ingest one article of a job and count it once. Returns its outcome, or None when it
    had already been counted. Content refusals and unexpected errors count as failed;
    TransientReingestError and OperationalError propagate for the task to retry."""
    if not job_item_pending(job_id=job_id, article_id=article_id):
        return None
    _mark_running(job_id)
    try:
        article = Article.objects.get(pk=article_id)
        raw, content_type = _read_source(article)
        # The re-ingestion and the item's count commit together: a crash in between undoes both.
        with transaction.atomic():
            outcome = _reingest_bytes(article=article, raw=raw, content_type=content_type, force=force)
            won = job_item_finish(job_id=job_id, article_id=article_id, outcome=outcome)
            if not won:
                transaction.set_rollback(True)  # counted by another delivery meanwhile: keep its write
        return outcome if won else None
    except Article.DoesNotExist:
        job_item_finish(job_id=job_id, article_id=article_id, outcome=FAILED, error="the article was deleted")
        return FAILED
    except _RETRIED_BY_THE_TASK:
        raise
    except InputError as error:
        job_item_finish(job_id=job_id, article_id=article_id, outcome=FAILED, error=str(error))
        return FAILED
    except Exception as error:  # a bug must fail one item, never stall the whole job
        logger.exception("re-ingesting article %s of job %s failed", article_id, job_id)
        job_item_finish(job_id=job_id, article_id=article_id, outcome=FAILED, error=f"{type(error).__name__}: {error}")
        return FAILED


def _mark_running(job_id: int) -> None:
    Job.objects.filter(pk=job_id, state=Job.State.QUEUED).update(state=Job.State.RUNNING)


def job_item_finish(*, job_id: int, article_id: int, outcome: str, error: str = "") -> bool:
    """Record an item's outcome if nobody has yet; only then bump the job's counts. True if recorded."""
    with transaction.atomic():
        won = JobItem.objects.filter(job_id=job_id, article_id=article_id, outcome="").update(
            outcome=outcome, error=error[:2000]
        )
        if not won:
            return False
        if outcome == FAILED:
            Job.objects.filter(pk=job_id).update(failed=F("failed") + 1)
            job = Job.objects.select_for_update().only("errors").get(pk=job_id)
            if len(job.errors) < MAX_JOB_ERRORS:
                job.errors = [*job.errors, {"article": article_id, "error": error[:500]}]
                job.save(update_fields=["errors"])
        else:
            Job.objects.filter(pk=job_id).update(done=F("done") + 1)
        _finish_if_counted(job_id)
    return True


def job_summary(job: Job) -> dict[str, Any]:
    """The JSON object `reingest --wait` prints: counts by outcome and the recorded errors."""
    outcomes = dict(
        JobItem.objects.filter(job=job).values("outcome").annotate(n=Count("id")).values_list("outcome", "n")
    )
    errors = list(JobItem.objects.filter(job=job, outcome=FAILED).order_by("article_id").values("article_id", "error"))
    return {
        "job": job.pk,
        "state": job.state,
        "total": job.total,
        "done": job.done,
        "failed": job.failed,
        "unchanged": outcomes.get("unchanged", 0),
        "updated": outcomes.get("updated", 0) + outcomes.get("created", 0),
        "errors": [{"article": e["article_id"], "error": e["error"]} for e in errors],
    }


def job_is_finished(job: Job) -> bool:
    return job.state in (Job.State.DONE, Job.State.FAILED)
