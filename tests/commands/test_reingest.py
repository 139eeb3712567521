"""`manage.py reingest`: enqueue a job; with --wait, a JSON summary and a failing exit status."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from claims.models import Article, Job
from claims.services.ingestion import article_ingest
from tests.services.fake_pipeline import install_fake_pipeline


@pytest.fixture
def eager_tasks(monkeypatch: pytest.MonkeyPatch, transactional_db: Any) -> Iterator[None]:
    """Tasks run in-process as soon as the job commits (real commits), even where CI configures a broker."""
    from factcheck.celery import app

    monkeypatch.setitem(app.conf, "task_always_eager", True)
    install_fake_pipeline(monkeypatch)
    yield


def _article(text: str, name: str) -> Article:
    result = article_ingest(raw=text.encode(), name=name)
    assert result.article is not None
    return Article.objects.get(pk=result.article)


def run(*args: str) -> tuple[str, int]:
    out = io.StringIO()
    try:
        call_command("reingest", *args, stdout=out, stderr=io.StringIO())
    except CommandError as exc:
        return out.getvalue(), exc.returncode
    return out.getvalue(), 0


def test_reingest_all_waits_and_prints_a_summary(eager_tasks: None) -> None:
    first = _article("The orchard shipped 300 crates.", "a.txt")
    _article("The mill employs 45 people.", "b.txt")
    Article.objects.filter(pk=first.pk).update(extractor_version="older")

    out, code = run("--all", "--wait", "--timeout", "10")

    summary = json.loads(out)
    assert code == 0
    assert summary == {
        "job": summary["job"],
        "state": "done",
        "total": 2,
        "done": 2,
        "failed": 0,
        "unchanged": 1,
        "updated": 1,
        "errors": [],
    }
    assert Job.objects.get(pk=summary["job"]).kind == "reingest_all"


def test_a_failed_article_makes_the_exit_status_non_zero(eager_tasks: None, monkeypatch: pytest.MonkeyPatch) -> None:
    from claims.pipeline.types import InputError

    article = _article("The bakery sold 80 loaves.", "c.txt")

    def refuse(raw: bytes, **kwargs: Any) -> Any:
        raise InputError("the text is empty")

    monkeypatch.setattr("claims.services.ingestion.clean_document", refuse)
    out, code = run(str(article.pk), "--wait")

    summary = json.loads(out)
    assert code == 1
    assert (summary["failed"], summary["state"]) == (1, "failed")
    assert summary["errors"] == [{"article": article.pk, "error": "the text is empty"}]


def test_outlet_selects_that_outlets_articles(eager_tasks: None) -> None:
    from claims.models import Outlet

    article = _article("The port handled 12 ships.", "d.txt")
    _article("The library lent 900 books.", "e.txt")
    Article.objects.filter(pk=article.pk).update(outlet=Outlet.objects.create(domain="harbour.example", name="H"))

    out, code = run("--outlet", "harbour.example", "--wait")

    assert code == 0
    assert json.loads(out)["total"] == 1


def test_without_wait_it_only_enqueues(eager_tasks: None) -> None:
    _article("The farm grew 7 kinds of beans.", "f.txt")
    out, code = run("--all")
    assert code == 0
    assert out.startswith("job ") and "queued: 1 article(s)" in out


@pytest.mark.django_db
def test_nothing_selected_is_an_error() -> None:
    assert run()[1] == 1
    assert run("424242")[1] == 1
