"""Cross-source matching through the real ingestion path, scored by the desk's own scorer."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from tests.conftest import SEEDS

EVAL = Path(__file__).resolve().parents[2].parent / "shared" / "eval"

pytestmark = pytest.mark.django_db


def test_the_seeds_ingested_one_by_one_are_grouped_as_the_gold_file_says(
    django_capture_on_commit_callbacks: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not (EVAL / "score.py").exists():
        pytest.skip("../shared/eval is not beside the project")
    from factcheck.celery import app

    monkeypatch.setitem(app.conf, "task_always_eager", True)  # in-process even where CI configures a broker
    with django_capture_on_commit_callbacks(execute=True):  # matching runs as its task would, after commit
        call_command("ingest", str(SEEDS), stdout=io.StringIO(), stderr=io.StringIO())
    out = io.StringIO()
    call_command("export_claims", "--jsonl", stdout=out)
    predicted = tmp_path / "claims.jsonl"
    predicted.write_text(out.getvalue(), encoding="utf-8")
    scored = subprocess.run(
        [sys.executable, str(EVAL / "score.py"), str(EVAL / "seeds_gold.json"), str(predicted), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    figures = json.loads(scored.stdout.strip().splitlines()[-1])
    assert figures["recall"] >= 0.95, figures
    assert figures["group_pairs_f1"] >= 0.9, figures
    assert figures["relation_accuracy"] >= 0.9, figures


def test_each_claim_carries_the_reporting_period_its_article_stated_before_it(
    django_capture_on_commit_callbacks: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from claims.models import Claim
    from claims.services.matching import claim_record, context_periods
    from factcheck.celery import app

    monkeypatch.setitem(app.conf, "task_always_eager", True)
    text = tmp_path / "ferries.txt"
    text.write_text(
        "Harbour ferries carry more passengers\n\n"
        "Ferry passengers rose to 3,100,000 in the year to March 2024, the port authority said on Tuesday. "
        "The authority said the figure had been 2,800,000 before it revised its count.\n",
        encoding="utf-8",
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("ingest", str(text), stdout=io.StringIO(), stderr=io.StringIO())
    claims = {c.text: c for c in Claim.objects.select_related("article")}
    carried = context_periods(claims.values())
    assert carried[claims["3,100,000"].pk] == ""  # nothing stated before its sentence
    assert carried[claims["2,800,000"].pk] == "12m:2024-03"
    record = claim_record(claims["2,800,000"], context_period=carried[claims["2,800,000"].pk])
    assert record.context_period == "12m:2024-03"
