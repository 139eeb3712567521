"""`manage.py extract`: claims of files as JSON lines, cleaned as ingest cleans, no database."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.conftest import SEEDS

FIELDS = {"article", "start", "end", "text", "sentence", "kind", "value", "unit", "hedge", "normalized", "score"}


def test_extract_prints_one_json_object_per_claim_with_every_field() -> None:
    out = io.StringIO()
    call_command("extract", str(SEEDS / "004_129643cfcd3c7d50.txt"), "--jsonl", stdout=out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert rows and all(set(row) >= FIELDS for row in rows)
    assert all(row["article"] == "004_129643cfcd3c7d50.txt" for row in rows)
    money = {row["unit"]: row["value"] for row in rows if row["kind"] == "money"}
    assert money == {"CNY": 1.28e12, "USD": 153e9}


def test_extract_spans_point_into_the_cleaned_text() -> None:
    from claims.services.ingestion import clean

    path = SEEDS / "000_d60d2a514374b1c8.txt"
    text = clean(raw=path.read_bytes(), name=path.name).text
    out = io.StringIO()
    call_command("extract", str(path), "--jsonl", stdout=out)
    for row in map(json.loads, out.getvalue().splitlines()):
        assert text[row["start"] : row["end"]] == row["text"]


def test_extract_touches_no_database() -> None:
    # Without the db mark pytest-django blocks every query: a query here would raise.
    out = io.StringIO()
    call_command("extract", str(SEEDS), "--jsonl", stdout=out)
    assert len(out.getvalue().splitlines()) > 40


def test_extract_reports_bad_files_and_exits_non_zero(tmp_path: Path) -> None:
    (tmp_path / "blank.txt").write_text("   \n")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("extract", str(tmp_path / "blank.txt"), "--jsonl", stdout=io.StringIO(), stderr=err)
    assert "blank.txt: error:" in err.getvalue()
