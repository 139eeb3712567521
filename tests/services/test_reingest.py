"""Re-ingestion: unchanged content writes nothing, edits reopen or withdraw claims without
losing a verdict, an extractor bump re-extracts, and a task delivered twice counts once."""

from __future__ import annotations

from typing import Any

import pytest

from claims.models import Article, AuditEntry, Claim, Job, JobItem, Verdict
from claims.services.ingestion import article_ingest
from claims.services.reingest import (
    TransientReingestError,
    article_reingest,
    job_item_run,
    job_start,
    job_summary,
)
from claims.tasks import reingest_article, reingest_chunk
from tests.services.fake_pipeline import install_fake_pipeline

URL = "https://news.example.org/2024/harbour-shelters"
ORIGINAL = (
    "Harbour town adds bus shelters\n\n"
    "The harbour town council approved 40 new bus shelters on Tuesday. "
    "Officials said the work will cost 25 million euros. "
    "The mayor thanked residents for their patience."
)


@pytest.fixture(params=["fake", "real"])
def pipeline(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run each test with the tiny fakes, and again with the real cleaner and extractor."""
    if request.param == "fake":
        install_fake_pipeline(monkeypatch)
    return str(request.param)


class FakeWeb:
    """What claims.services.urls.fetch_article returns per URL; no network is touched."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.pages: dict[str, str] = {}
        self.fetches = 0
        self.error: Exception | None = None
        monkeypatch.setattr("claims.services.urls.fetch_article", self.fetch)

    def fetch(self, *, url: str) -> tuple[bytes, str, str]:
        self.fetches += 1
        if self.error is not None:
            raise self.error
        return self.pages[url].encode(), "text/plain; charset=utf-8", url


@pytest.fixture
def web(monkeypatch: pytest.MonkeyPatch) -> FakeWeb:
    return FakeWeb(monkeypatch)


def _ingest_url(web: FakeWeb, text: str = ORIGINAL, url: str = URL) -> Article:
    web.pages[url] = text
    result = article_ingest(raw=text.encode(), url=url, content_type="text/plain; charset=utf-8", label=url)
    assert result.status == "created", result
    assert result.article is not None
    return Article.objects.get(pk=result.article)


def _ingest_file(text: str, name: str) -> Article:
    result = article_ingest(raw=text.encode(), name=name)
    assert result.article is not None, result
    return Article.objects.get(pk=result.article)


def _claim_with(article: Article, digits: str) -> Claim:
    return next(c for c in article.claims.all() if digits in c.text)


def _verdict(claim: Claim, user: Any) -> Verdict:
    return Verdict.objects.create(claim=claim, reviewer=user, verdict="agree", claim_value=claim.value)


def test_unchanged_content_writes_nothing(db: Any, pipeline: str, web: FakeWeb) -> None:
    article = _ingest_url(web)
    claims_before = list(article.claims.values_list("id", "status", "version", "updated_at"))
    audit_before = AuditEntry.objects.count()

    assert article_reingest(article_id=article.pk) == "unchanged"

    assert web.fetches == 1
    assert article.revisions.count() == 1
    assert list(article.claims.values_list("id", "status", "version", "updated_at")) == claims_before
    assert AuditEntry.objects.count() == audit_before


def test_changed_figure_reopens_the_claim_and_keeps_its_verdicts(
    db: Any, pipeline: str, web: FakeWeb, reviewer: Any
) -> None:
    article = _ingest_url(web)
    claim = _claim_with(article, "40")
    verdict = _verdict(claim, reviewer)
    web.pages[URL] = ORIGINAL.replace("40 new", "42 new")

    assert article_reingest(article_id=article.pk) == "updated"

    claim.refresh_from_db()
    assert claim.status == Claim.Status.REOPENED
    assert claim.value == 42
    assert claim.previous_value == 40
    assert claim.review == Claim.Review.OPEN
    assert claim.version == 2
    assert list(claim.verdicts.all()) == [verdict]
    assert article.revisions.count() == 2
    assert AuditEntry.objects.filter(claim=claim, action="figure changed", old="40", new="42").exists()


def test_removed_sentence_withdraws_the_claim_and_keeps_its_verdicts(
    db: Any, pipeline: str, web: FakeWeb, reviewer: Any
) -> None:
    article = _ingest_url(web)
    money = _claim_with(article, "25")
    shelters = _claim_with(article, "40")
    verdict = _verdict(money, reviewer)
    web.pages[URL] = ORIGINAL.replace("Officials said the work will cost 25 million euros. ", "")

    assert article_reingest(article_id=article.pk) == "updated"

    money.refresh_from_db()
    shelters.refresh_from_db()
    assert money.status == Claim.Status.WITHDRAWN
    assert list(money.verdicts.all()) == [verdict]
    assert shelters.status == Claim.Status.CURRENT


def test_bumping_the_extractor_version_re_extracts_from_the_stored_bytes(
    db: Any, pipeline: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = _ingest_file(ORIGINAL, "shelters.txt")
    assert article_reingest(article_id=article.pk) == "unchanged"

    monkeypatch.setattr("claims.services.ingestion.EXTRACTOR_VERSION", "next-version")
    assert article_reingest(article_id=article.pk) == "updated"

    article.refresh_from_db()
    assert article.extractor_version == "next-version"
    assert article.revisions.order_by("-number")[0].extractor_version == "next-version"
    current = article.claims.exclude(status=Claim.Status.WITHDRAWN)
    assert current.exists()
    assert set(current.values_list("extractor_version", flat=True)) == {"next-version"}
    assert article_reingest(article_id=article.pk) == "unchanged"


def test_force_re_extracts_unchanged_content(db: Any, pipeline: str) -> None:
    article = _ingest_file(ORIGINAL, "shelters.txt")
    assert article_reingest(article_id=article.pk, force=True) == "updated"
    assert article.revisions.count() == 2


def test_a_task_delivered_twice_changes_nothing_the_second_time(
    db: Any, pipeline: str, web: FakeWeb, reviewer: Any
) -> None:
    article = _ingest_url(web)
    _verdict(_claim_with(article, "40"), reviewer)
    web.pages[URL] = ORIGINAL.replace("40 new", "45 new")
    job = job_start(kind="test", article_ids=[article.pk])

    reingest_article(job.pk, article.pk)
    snapshot = (
        list(article.claims.values_list("id", "status", "value", "previous_value", "version", "updated_at")),
        article.revisions.count(),
        AuditEntry.objects.count(),
    )
    reingest_article(job.pk, article.pk)
    reingest_chunk(job.pk, [article.pk])

    assert (
        list(article.claims.values_list("id", "status", "value", "previous_value", "version", "updated_at")),
        article.revisions.count(),
        AuditEntry.objects.count(),
    ) == snapshot
    job.refresh_from_db()
    assert (job.state, job.total, job.done, job.failed) == (Job.State.DONE, 1, 1, 0)
    assert job_summary(job)["updated"] == 1
    assert Verdict.objects.count() == 1


def test_a_chunk_counts_every_article_once(db: Any, pipeline: str) -> None:
    ids = [_ingest_file(f"{ORIGINAL} It was vote number {n}.", f"a{n}.txt").pk for n in range(3)]
    job = job_start(kind="test", article_ids=ids)

    reingest_chunk(job.pk, ids)
    reingest_chunk(job.pk, ids)

    job.refresh_from_db()
    assert (job.state, job.done, job.failed) == (Job.State.DONE, 3, 0)
    assert job_summary(job) == {
        "job": job.pk,
        "state": "done",
        "total": 3,
        "done": 3,
        "failed": 0,
        "unchanged": 3,
        "updated": 0,
        "errors": [],
    }


def test_refused_content_fails_the_item_and_the_job(db: Any, pipeline: str, web: FakeWeb) -> None:
    from claims.pipeline.types import InputError

    article = _ingest_url(web)
    web.error = InputError("the URL returned HTTP 404 Not Found")
    job = job_start(kind="test", article_ids=[article.pk])

    reingest_chunk(job.pk, [article.pk])

    job.refresh_from_db()
    assert (job.state, job.done, job.failed) == (Job.State.FAILED, 0, 1)
    assert job.errors == [{"article": article.pk, "error": "the URL returned HTTP 404 Not Found"}]
    assert job_summary(job)["errors"] == [{"article": article.pk, "error": "the URL returned HTTP 404 Not Found"}]


def test_a_server_error_is_transient_and_leaves_the_item_pending(
    db: Any, pipeline: str, web: FakeWeb, monkeypatch: pytest.MonkeyPatch
) -> None:
    from claims.pipeline.types import InputError

    article = _ingest_url(web)
    web.error = InputError("the URL returned HTTP 503 Service Unavailable")
    job = job_start(kind="test", article_ids=[article.pk])
    with pytest.raises(TransientReingestError):
        job_item_run(job_id=job.pk, article_id=article.pk)
    assert JobItem.objects.get(job=job).outcome == ""

    handed_over: list[tuple[Any, ...]] = []
    monkeypatch.setattr(reingest_article, "apply_async", lambda args, kwargs, **options: handed_over.append(args))
    reingest_chunk(job.pk, [article.pk])
    assert handed_over == [(job.pk, article.pk)]

    web.error = None
    reingest_article(job.pk, article.pk)
    job.refresh_from_db()
    assert (job.state, job.done, job.failed) == (Job.State.DONE, 1, 0)


def test_a_deleted_article_is_skipped_quietly(db: Any, pipeline: str) -> None:
    with pytest.raises(Article.DoesNotExist):
        article_reingest(article_id=987654)


def test_an_empty_job_is_done_at_once(db: Any) -> None:
    job = job_start(kind="test", article_ids=[])
    assert (job.state, job.total) == (Job.State.DONE, 0)
