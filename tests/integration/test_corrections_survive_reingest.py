"""Reviewers' corrections hold through a matcher version bump and through `reingest --all` run by
a real Celery worker on PostgreSQL and Redis: the split claim stays out, the joined claim stays in,
the chosen relation stays; a claim whose figure changed keeps its links (same fingerprint), one
whose sentence was rewritten leaves its links stale for a reviewer."""

from __future__ import annotations

import io
import subprocess
from typing import Any

import pytest
from django.core.management import call_command

from claims.fact_selectors import constraint_rows
from claims.models import Article, Claim, FactGroup, Job
from claims.pipeline.match.params import MATCHER_VERSION
from claims.services.corrections import claim_join, claim_split, group_relation_set
from claims.services.ingestion import article_ingest
from claims.services.matching import article_match
from tests.integration.test_worker_crash import _purge, _stop, _wait_for, worker_queue  # noqa: F401
from tests.integration.test_worker_crash import _start_worker as start_celery_worker

TEXTS = {
    "flood-a.txt": "Officials said 52 people died in the floods in the northern valley on Monday.",
    "flood-b.txt": "Rescuers said 57 people died in the floods in the northern valley, officials reported.",
    "flood-c.txt": "Aid groups said 52 people died in the floods in the northern valley this week.",
    "flood-d.txt": "The floods destroyed 300 homes in the northern valley.",
}
DEFAULT_QUEUE = "celery"  # where `reingest --all` sends its job


def _start_worker(queue: str, log: Any) -> subprocess.Popen[bytes]:
    """One worker process with one pool process: concurrent matching of neighbouring articles is
    the concern of the matcher's own locking, not of this test."""
    return start_celery_worker(queue, "corrections", log, concurrency=1)


def _claim(name: str) -> Claim:
    return Claim.objects.exclude(status=Claim.Status.WITHDRAWN).get(article__source_name=name, value__isnull=False)


def _group(name: str) -> int | None:
    return _claim(name).group_id


def _assert_corrections_hold() -> None:
    assert _group("flood-a.txt") is None or _group("flood-a.txt") != _group("flood-b.txt")
    assert _group("flood-d.txt") is not None and _group("flood-d.txt") == _group("flood-b.txt")
    group = FactGroup.objects.get(claims=_claim("flood-b.txt"))
    assert (group.relation, group.relation_override) == ("time_shifted", "time_shifted")


@pytest.mark.usefixtures("worker_queue")  # requires PostgreSQL and Redis (fails in CI, skips elsewhere)
def test_corrections_survive_a_matcher_bump_and_reingest_all_through_a_worker(
    transactional_db: Any, reviewer: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    with monkeypatch.context() as setup:
        setup.setattr("claims.tasks.enqueue_match", lambda article_id: None)  # matched below, in order
        for name, text in TEXTS.items():
            assert article_ingest(raw=text.encode(), name=name).status == "created"
    for article in Article.objects.order_by("id"):
        article_match(article_id=article.pk)
    assert _group("flood-a.txt") is not None and _group("flood-a.txt") == _group("flood-b.txt") == _group(
        "flood-c.txt"
    ), "the matcher should group the three death tolls"
    assert _group("flood-d.txt") != _group("flood-b.txt")

    claim_split(claim_id=_claim("flood-a.txt").pk, actor=reviewer, note="Monday's count, another fact")
    claim_join(claim_id=_claim("flood-d.txt").pk, group_id=_group("flood-b.txt") or 0, actor=reviewer)
    group_relation_set(group_id=_group("flood-b.txt") or 0, relation="time_shifted", actor=reviewer)
    _assert_corrections_hold()

    with monkeypatch.context() as bump:  # a new matcher version re-matches every article
        bump.setattr("claims.services.matching.MATCHER_VERSION", "match-next")
        for article in Article.objects.order_by("-id"):
            article_match(article_id=article.pk)
    _assert_corrections_hold()

    # The desk's sources change: A's figure is revised (same fingerprint), C's sentence is rewritten.
    edits = {
        "flood-a.txt": TEXTS["flood-a.txt"].replace("52", "53"),
        "flood-c.txt": "By Friday, aid groups counted 52 people dead after the northern valley floods.",
    }
    for name, text in edits.items():
        Article.objects.filter(source_name=name).update(raw=text.encode())
    Article.objects.update(matcher_version="")
    _purge(DEFAULT_QUEUE)
    log = (tmp_path / "worker.log").open("wb")
    worker = _start_worker(DEFAULT_QUEUE, log)
    try:
        call_command("reingest", "--all", "--force", stdout=io.StringIO())
        job = Job.objects.latest("id")
        _wait_for(
            lambda: Job.objects.get(pk=job.pk).state in (Job.State.DONE, Job.State.FAILED),
            timeout=90,
            what="the re-ingest job",
        )
        _wait_for(
            lambda: not Article.objects.exclude(matcher_version=MATCHER_VERSION).exists(),
            timeout=60,
            what="every article to be re-matched by the worker",
        )
    finally:
        _stop(worker)
        log.close()
        _purge(DEFAULT_QUEUE)
    worker_log = (tmp_path / "worker.log").read_text(errors="replace")[-3000:]
    assert Job.objects.get(pk=job.pk).state == Job.State.DONE, worker_log
    assert _claim("flood-a.txt").value == 53 and _claim("flood-a.txt").status == Claim.Status.REOPENED
    _assert_corrections_hold()
    rewritten = Claim.objects.get(
        article__source_name="flood-c.txt", status=Claim.Status.WITHDRAWN, value__isnull=False
    )
    rows = constraint_rows([rewritten.pk])
    assert rows and all(row.stale for row in rows)  # shown for a reviewer to confirm or dismiss
