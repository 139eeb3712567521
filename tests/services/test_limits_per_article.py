"""Limits that keep one article from taking a worker down: a claims cap per article (refused
with a message naming it, nothing half-written), worker children recycled, failures recorded
where the jobs page shows them, and matching that scores its candidates a batch at a time."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from claims.models import Article, ArticleBand, ArticleRevision, Claim, Job, TaskFailure
from claims.services import matching
from claims.services.ingestion import article_ingest
from claims.services.reingest import job_start
from claims.tasks import match_article, sweep_pending
from tests.conftest import ROOT, SEEDS

pytestmark = pytest.mark.django_db

FIGURES = " ".join(f"Pier {n} handled {100 + n} ships." for n in range(12))
NOTE = (
    b"Harbour note\n\nPier 1 handled 101 ships in March, the harbour authority said in its monthly "
    b"report on traffic through the port."
)


@pytest.fixture
def in_process(monkeypatch: Any) -> None:
    from factcheck.celery import app

    monkeypatch.setitem(app.conf, "task_always_eager", True)


def test_an_article_over_the_claims_cap_is_refused_by_name_and_nothing_is_stored(settings: Any) -> None:
    settings.FACTCHECK_MAX_CLAIMS_PER_ARTICLE = 10
    result = article_ingest(raw=("Harbour figures\n\n" + FIGURES).encode(), name="piers.txt")
    assert result.status == "error"
    assert result.error.startswith("piers.txt: ") and "more than the 10 one article may have" in result.error
    assert "FACTCHECK_MAX_CLAIMS_PER_ARTICLE" in result.error
    assert not Article.objects.exists() and not ArticleRevision.objects.exists()
    assert not ArticleBand.objects.exists() and not Claim.objects.exists()


def test_an_article_that_grows_past_the_cap_keeps_its_last_good_revision(
    settings: Any, django_capture_on_commit_callbacks: Any, in_process: None
) -> None:
    article = article_ingest(raw=NOTE, name="piers.txt")
    assert article.status == "created" and article.article is not None
    settings.FACTCHECK_MAX_CLAIMS_PER_ARTICLE = 10
    Article.objects.filter(pk=article.article).update(raw=("Harbour figures\n\n" + FIGURES).encode())
    with django_capture_on_commit_callbacks(execute=True):
        job = job_start(kind="test", article_ids=[article.article], force=True)
    job.refresh_from_db()
    assert job.state == Job.State.FAILED and "more than the 10" in job.errors[0]["error"]
    assert ArticleRevision.objects.filter(article_id=article.article).count() == 1
    assert Claim.objects.filter(article_id=article.article).count() == article.claims == 2


def test_the_command_line_names_the_oversized_file_and_reads_the_next(settings: Any, tmp_path: Any) -> None:
    settings.FACTCHECK_MAX_CLAIMS_PER_ARTICLE = 10
    big, small = tmp_path / "big.txt", tmp_path / "small.txt"
    big.write_text("Harbour figures\n\n" + FIGURES, encoding="utf-8")
    small.write_bytes(NOTE)
    out = io.StringIO()
    with pytest.raises(Exception, match="1 input"):
        call_command("ingest", str(big), str(small), "--json", stdout=out, stderr=io.StringIO())
    results = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["status"] for r in results] == ["error", "created"]
    assert "big.txt" in results[0]["error"]


def test_worker_children_are_recycled_by_task_count_and_memory_from_the_environment() -> None:
    code = (
        "from factcheck.celery import app; import django; django.setup(); "
        "print(app.conf.worker_max_tasks_per_child, app.conf.worker_max_memory_per_child)"
    )
    env = {**os.environ, "CELERY_WORKER_MAX_TASKS_PER_CHILD": "7", "CELERY_WORKER_MAX_MEMORY_PER_CHILD": "65536"}
    env.pop("DATABASE_URL", None)
    shown = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert shown.stdout.split() == ["7", "65536"]
    env.pop("CELERY_WORKER_MAX_TASKS_PER_CHILD")
    env.pop("CELERY_WORKER_MAX_MEMORY_PER_CHILD")
    default = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    tasks, memory = (int(n) for n in default.stdout.split())
    assert 0 < tasks <= 1000 and 0 < memory <= 2 * 1024 * 1024


def test_a_failed_task_is_recorded_and_shown_on_the_jobs_page(
    client: Client, admin_user: Any, monkeypatch: Any, in_process: None
) -> None:
    article = article_ingest(raw=NOTE, name="piers.txt")
    assert article.article is not None

    def broken(*, article_id: int) -> int:
        raise RuntimeError("matching ran out of memory")

    monkeypatch.setattr("claims.tasks.article_match", broken)
    from factcheck.celery import app

    monkeypatch.setitem(app.conf, "task_eager_propagates", False)  # fails as in a worker: recorded, not raised
    assert match_article.apply_async((article.article,)).failed()
    failure = TaskFailure.objects.get()
    assert failure.task == "claims.tasks.match_article" and failure.article_id == article.article
    assert "RuntimeError: matching ran out of memory" in failure.error
    client.force_login(admin_user)
    page = client.get("/jobs/").content.decode()
    assert "Failed background tasks" in page and "matching ran out of memory" in page
    assert Article.objects.get(pk=article.article).match_pending_since is not None
    stored_long_ago = failure.created_at.replace(year=2000)
    Article.objects.filter(pk=article.article).update(match_pending_since=stored_long_ago)
    assert sweep_pending()["articles"] == 0  # failed since it was stored: on the jobs page, not retried every sweep
    TaskFailure.objects.update(created_at=stored_long_ago.replace(year=1999))
    assert sweep_pending()["articles"] == 1  # stored again after the failure: matched again


def test_matching_a_batch_at_a_time_groups_the_seeds_as_one_pass_does(
    django_capture_on_commit_callbacks: Any, in_process: None, monkeypatch: Any
) -> None:
    def groups() -> set[frozenset[str]]:
        members: dict[int, set[str]] = {}
        for claim in Claim.objects.exclude(group=None):
            members.setdefault(claim.group_id or 0, set()).add(f"{claim.article.source_name}:{claim.start}")
        return {frozenset(m) for m in members.values()}

    monkeypatch.setattr(matching, "SCORING_BATCH", 1)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("ingest", str(SEEDS), stdout=io.StringIO(), stderr=io.StringIO())
    one_at_a_time = groups()
    monkeypatch.setattr(matching, "SCORING_BATCH", 10_000)
    for article in Article.objects.order_by("id"):
        matching.article_match(article_id=article.pk)
    assert groups() == one_at_a_time and len(one_at_a_time) > 5
