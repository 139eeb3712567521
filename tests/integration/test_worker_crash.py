"""A real Celery worker on real Redis and PostgreSQL is killed (-9) in the middle of a
re-ingest-all job; a new worker picks the job up after the visibility timeout. Every article
ends processed exactly once, no claim is duplicated and no verdict is lost."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.db import connection
from django.db.models import Count

from claims.models import Article, Claim, Job, JobItem, Verdict
from claims.services.ingestion import article_ingest
from claims.services.reingest import job_start
from tests.conftest import ROOT, require

ARTICLES = 50
VISIBILITY_TIMEOUT = 5
DEADLINE_SECONDS = 120
TOWNS = ["Arden", "Belmont", "Corran", "Dunmore", "Elstow", "Farley", "Glenby", "Hollin", "Ivers", "Jarrow"]
MONTHS = ["January", "March", "May", "July", "September"]


def _redis_ok(url: str) -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(url, socket_timeout=2).ping())
    except Exception:
        return False


def _article_text(n: int) -> str:
    town, month = TOWNS[n % len(TOWNS)], MONTHS[n % len(MONTHS)]
    return (
        f"{town} transit report number {n}\n\n"
        f"The {town} transit authority reported {100 + n} delayed trains in {month}. "
        f"Ticket sales in {town} rose by {n % 9 + 2} percent over the year. "
        f"The board of the {town} network will publish its next review in {month}."
    )


def _worker_env(queue: str) -> dict[str, str]:
    """The worker sees the test database (pytest-django's test_<name>) and a short visibility timeout."""
    parts = urlsplit(os.environ["DATABASE_URL"])
    database_url = urlunsplit(parts._replace(path="/" + str(connection.settings_dict["NAME"])))
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": database_url,
            "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
            "DJANGO_SETTINGS_MODULE": "factcheck.settings",
            "PYTHONPATH": str(ROOT),
        }
    )
    return env


def _celery(args: list[str], env: dict[str, str], log: Any) -> subprocess.Popen[bytes]:
    """A celery process (worker or beat) of the project in its own session, so it and its pool
    children can be killed together by group id."""
    command = [sys.executable, "-m", "celery", "-A", "factcheck", *args, "--loglevel", "INFO"]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def _start_worker(
    queue: str, name: str, log: Any, *, concurrency: int = 2, env: dict[str, str] | None = None
) -> subprocess.Popen[bytes]:
    """A prefork worker consuming only this test's queue."""
    args = ["worker", "-P", "prefork", "-c", str(concurrency), "--without-gossip", "--without-mingle",
            "--without-heartbeat", "-Q", queue, "-n", f"{name}@%h"]  # fmt: skip
    return _celery(args, env if env is not None else _worker_env(queue), log)


def _kill_group(process: subprocess.Popen[bytes], sig: int) -> None:
    try:
        os.killpg(process.pid, sig)
    except ProcessLookupError:
        return


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Warm shutdown (running tasks finish), then -9 for whatever is left of the group."""
    if process.poll() is None:
        _kill_group(process, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=15)
    _kill_group(process, signal.SIGKILL)
    process.wait(timeout=10)


def _purge(queue: str) -> None:
    """Empty the test queue and drop its unacknowledged messages kept for redelivery."""
    import redis

    client = redis.Redis.from_url(os.environ["CELERY_BROKER_URL"])
    client.delete(queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")
    for tag, payload in client.hgetall("unacked").items():
        try:
            routing_key = json.loads(payload)[2]
        except (ValueError, IndexError, TypeError):
            continue
        if routing_key == queue:
            client.hdel("unacked", tag)
            client.zrem("unacked_index", tag)


def _own_queue(prefix: str) -> Iterator[str]:
    """A Celery queue of the test's own on the Redis broker, empty before and after it (for a
    fixture to yield from); the test needs PostgreSQL and Redis."""
    require(os.environ.get("DATABASE_URL", "").startswith("postgres"), "needs PostgreSQL in DATABASE_URL")
    broker = os.environ.get("CELERY_BROKER_URL", "")
    require(broker.startswith("redis") and _redis_ok(broker), "needs Redis in CELERY_BROKER_URL")
    queue = f"{prefix}-{uuid.uuid4().hex[:12]}"
    _purge(queue)
    yield queue
    _purge(queue)


@pytest.fixture
def worker_queue() -> Iterator[str]:
    yield from _own_queue("test-crash")


def _wait_for(condition: Any, *, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.2)


def test_killing_a_worker_mid_job_loses_no_article_and_no_verdict(
    transactional_db: Any, reviewer: Any, worker_queue: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    monkeypatch.setattr("claims.tasks.enqueue_match", lambda article_id: None)  # no matching tasks from setup
    verdict_claims: dict[int, int] = {}
    for n in range(ARTICLES):
        result = article_ingest(raw=_article_text(n).encode(), name=f"transit-{n}.txt")
        assert result.status == "created" and result.article is not None, result
        for claim in Claim.objects.filter(article_id=result.article, kind__in=("count", "percent")):
            verdict = Verdict.objects.create(claim=claim, reviewer=reviewer, verdict="agree", claim_value=claim.value)
            verdict_claims[verdict.pk] = claim.pk
    assert len(verdict_claims) >= ARTICLES
    # Edit every stored article: one figure changes, one sentence goes.
    for article in Article.objects.all():
        text = bytes(article.raw).decode()
        n = int(article.source_name.removeprefix("transit-").removesuffix(".txt"))
        edited = text.replace(f"reported {100 + n} delayed", f"reported {200 + n} delayed")
        edited = edited[: edited.index("Ticket sales")] + edited[edited.index("The board") :]
        Article.objects.filter(pk=article.pk).update(raw=edited.encode())

    log = (tmp_path / "worker.log").open("wb")
    first = _start_worker(worker_queue, "crash-first", log)
    try:
        job = job_start(
            kind="reingest_all", article_ids=Article.objects.values_list("id", flat=True), queue=worker_queue
        )
        _wait_for(
            lambda: JobItem.objects.filter(job=job).exclude(outcome="").count() >= 3,
            timeout=40,
            what="the first worker to process some articles",
        )
        _kill_group(first, signal.SIGKILL)
        first.wait(timeout=10)
        processed_at_kill = JobItem.objects.filter(job=job).exclude(outcome="").count()
        assert processed_at_kill < ARTICLES, "the worker finished before it could be killed"
        print(f"killed the first worker after {processed_at_kill} of {ARTICLES} articles")

        second = _start_worker(worker_queue, "crash-second", log)
        try:
            _wait_for(
                lambda: Job.objects.get(pk=job.pk).state in (Job.State.DONE, Job.State.FAILED),
                timeout=DEADLINE_SECONDS - 30,
                what="the job to finish after the crash",
            )
        finally:
            _stop(second)
    finally:
        _stop(first)
        log.close()

    job.refresh_from_db()
    worker_log = (tmp_path / "worker.log").read_text(errors="replace")[-3000:]
    assert (job.state, job.total, job.done, job.failed) == (Job.State.DONE, ARTICLES, ARTICLES, 0), worker_log
    assert not JobItem.objects.filter(job=job, outcome="").exists()
    # Each article re-ingested exactly once: one new revision, never two.
    assert set(Article.objects.annotate(n=Count("revisions")).values_list("n", flat=True)) == {2}
    duplicated = Claim.objects.values("article_id", "fingerprint").annotate(n=Count("id")).filter(n__gt=1)
    assert not duplicated.exists()
    kept = dict(Verdict.objects.values_list("id", "claim_id"))
    assert kept == verdict_claims
    statuses = dict(Claim.objects.filter(pk__in=kept.values()).values_list("pk", "status"))
    assert set(statuses.values()) <= {Claim.Status.CURRENT, Claim.Status.REOPENED, Claim.Status.WITHDRAWN}
    assert Claim.objects.filter(pk__in=kept.values(), status=Claim.Status.REOPENED).count() >= ARTICLES
    assert Claim.objects.filter(pk__in=kept.values(), status=Claim.Status.WITHDRAWN).count() >= ARTICLES
