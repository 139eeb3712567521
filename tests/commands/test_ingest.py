"""`manage.py ingest`: files, folders, stdin; JSON results; errors never half-store anything."""

import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from claims.models import Article, ArticleRevision, Claim
from tests.conftest import SEEDS


def run_ingest(*args: str) -> tuple[list[dict[str, Any]], int]:
    out = io.StringIO()
    code = 0
    try:
        call_command("ingest", *args, "--json", stdout=out, stderr=io.StringIO())
    except CommandError as exc:
        code = exc.returncode
    return [json.loads(line) for line in out.getvalue().splitlines() if line.strip()], code


@pytest.fixture
def on_commit_runs(django_capture_on_commit_callbacks: Any) -> Iterator[None]:
    with django_capture_on_commit_callbacks(execute=True):
        yield


@pytest.mark.django_db
def test_the_seed_folder_ingests_five_articles_with_copies_and_dates(on_commit_runs: None) -> None:
    results, code = run_ingest(str(SEEDS))
    assert code == 0
    assert [r["status"] for r in results] == ["created"] * 5
    by_prefix = {Path(r["input"]).name[:3]: r for r in results}
    first, second = by_prefix["000"], by_prefix["002"]
    assert second["copy_of"] == first["article"] or first["copy_of"] == second["article"]
    assert by_prefix["001"]["copy_of"] is None
    assert by_prefix["002"]["published"] == "2023-10-17"
    assert by_prefix["003"]["published"] == "2023-03-27"
    assert by_prefix["004"]["published"] == "2023-03-17"
    text_000 = Article.objects.get(pk=by_prefix["000"]["article"]).text
    assert "鈥" not in text_000 and "\ufffd" not in text_000
    assert "“no-limits”" in text_000
    for prefix in ("003", "004"):
        text = Article.objects.get(pk=by_prefix[prefix]["article"]).text
        for furniture in ("Subscribe Now", "Follow Us On", "sign up for our news emails", "OPEN APP"):
            assert furniture not in text
    assert Claim.objects.count() > 40


@pytest.mark.django_db
def test_ingesting_the_same_files_again_changes_nothing(on_commit_runs: None) -> None:
    run_ingest(str(SEEDS))
    claims_before = Claim.objects.count()
    results, code = run_ingest(str(SEEDS))
    assert code == 0
    assert [r["status"] for r in results] == ["unchanged"] * 5
    assert ArticleRevision.objects.count() == 5
    assert Claim.objects.count() == claims_before


@pytest.mark.django_db
def test_a_changed_file_with_the_same_name_becomes_a_new_revision(tmp_path: Path, on_commit_runs: None) -> None:
    path = tmp_path / "budget.txt"
    path.write_text("The city will spend $40 million on roads in 2025, the mayor said on Monday.\n")
    run_ingest(str(path))
    path.write_text("The city will spend $42 million on roads in 2025, the mayor said on Monday.\n")
    results, _ = run_ingest(str(path))
    assert results[0]["status"] == "updated"
    article = Article.objects.get()
    assert article.revisions.count() == 2
    money = article.claims.get(kind="money")
    assert (money.value, money.previous_value, money.status) == (42_000_000, 40_000_000, "reopened")


@pytest.mark.django_db
def test_bad_inputs_each_get_an_error_and_the_good_ones_still_go_in(tmp_path: Path, on_commit_runs: None) -> None:
    (tmp_path / "good.txt").write_text("Unemployment fell to 4.1% in March, down from 4.4% a year earlier.\n")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (tmp_path / "zipped.html").write_bytes(b"PK\x03\x04" + b"\x00" * 300)
    (tmp_path / "notes.docx").write_bytes(b"whatever")
    results, code = run_ingest(str(tmp_path))
    assert code == 1
    status = {Path(r["input"]).name: r for r in results}
    assert status["good.txt"]["status"] == "created"
    for bad in ("empty.txt", "image.txt", "zipped.html"):
        assert status[bad]["status"] == "error"
        assert status[bad]["error"]
    assert "notes.docx" not in status  # folders take article files only
    assert Article.objects.count() == 1


@pytest.mark.django_db
def test_an_oversized_file_is_refused_with_the_limit_named(tmp_path: Path, settings: Any, on_commit_runs: None) -> None:
    settings.FACTCHECK_MAX_ARTICLE_BYTES = 1000
    big = tmp_path / "big.txt"
    big.write_text("The index rose 3% in May. " * 100)
    results, code = run_ingest(str(big))
    assert code == 1
    assert results[0]["status"] == "error" and "limit" in results[0]["error"]
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_a_missing_path_is_an_error_not_a_crash(on_commit_runs: None) -> None:
    results, code = run_ingest("/nonexistent/article.txt")
    assert code == 1
    assert results[0]["status"] == "error" and "no such file" in results[0]["error"]


@pytest.mark.django_db
def test_stdin_is_read_with_a_dash(monkeypatch: pytest.MonkeyPatch, on_commit_runs: None) -> None:
    text = b"Turnout reached 68 per cent, the highest since 1992, officials said on Sunday.\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text)))
    results, code = run_ingest("-")
    assert code == 0 and results[0]["status"] == "created"
    assert Article.objects.get().claims.filter(kind="percent", value=68).exists()


@pytest.mark.django_db
def test_hostile_html_keeps_text_and_drops_markup(tmp_path: Path, on_commit_runs: None) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Port traffic</title><script>alert(1)</script></head><body>"
        "<article><p>Container traffic grew 12% in 2024 to 3.1 million boxes, the port authority said.</p>"
        "<p>The port handled 4,200 ships<img src=x onerror=alert(2)> last year.</p>"
        "<iframe src='javascript:alert(3)'></iframe></article></body></html>"
    )
    _, code = run_ingest(str(page))
    assert code == 0
    text = Article.objects.get().text
    assert "Container traffic grew 12%" in text
    for bad in ("<script", "alert(", "<img", "onerror", "<iframe", "javascript:"):
        assert bad not in text


@pytest.mark.django_db
def test_urls_to_loopback_are_refused_before_any_fetch(on_commit_runs: None) -> None:
    results, code = run_ingest("--url", "http://127.0.0.1:9/article")
    assert code == 1
    assert results[0]["status"] == "error"
    assert not Article.objects.exists()
