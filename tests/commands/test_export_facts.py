"""`export_facts`: one row per fact (CSV, formula-safe; JSON Lines with members) and the desk's
corrected groups as a gold file that the shared scorer reads."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from claims.fact_exports import COLUMNS
from claims.models import FactGroup
from claims.services.corrections import claim_split, group_relation_set
from tests.conftest import SHARED_EVAL
from tests.factories import make_article, make_claim, make_group

pytestmark = pytest.mark.django_db


def export(*args: str) -> str:
    out = io.StringIO()
    call_command("export_facts", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def _fact(label: str = "Deaths in the flood", values: tuple[float, ...] = (12, 14)) -> tuple[FactGroup, list[Any]]:
    group = make_group(relation="conflict")
    FactGroup.objects.filter(pk=group.pk).update(label=label)
    claims = []
    for i, value in enumerate(values):
        article = make_article(
            text=f"Officials said {value:g} people died.",
            outlet=f"o{i}.example",
            source_name=f"{group.pk:03d}{i}_story.txt",
        )
        claims.append(make_claim(article=article, text=f"{value:g} people", value=value, unit="people", group=group))
    group.refresh_from_db()
    return group, claims


def test_csv_has_one_formula_safe_row_per_fact_with_members_and_who_set_the_relation(reviewer: Any) -> None:
    group, claims = _fact(label='=HYPERLINK("http://evil")')
    group_relation_set(group_id=group.pk, relation="time_shifted", actor=reviewer)
    text = export("--format", "csv")
    assert text.startswith(",".join(COLUMNS) + "\r\n")
    [row] = list(csv.DictReader(io.StringIO(text, newline="")))
    assert row["subject"] == '\'=HYPERLINK("http://evil")'
    assert (row["relation"], row["relation_set_by_person"], row["relation_set_by"]) == ("time_shifted", "true", "rita")
    assert row["member_claims"] == " ".join(str(c.pk) for c in claims)
    assert (row["value_low"], row["value_high"], row["articles"], row["corrected"]) == ("12", "14", "2", "true")


def test_jsonl_lists_members_and_marks_facts_the_matcher_alone_made(reviewer: Any) -> None:
    _fact()
    [line] = export("--format", "jsonl").splitlines()
    row = json.loads(line)
    assert row["relation_set_by_person"] is False and row["corrected"] is False
    assert [m["value"] for m in row["members"]] == [12, 14]
    assert {"claim_id", "article_id", "outlet", "published", "text", "sentence", "hedge"} <= set(row["members"][0])


def test_corrected_only_leaves_out_facts_no_reviewer_touched(reviewer: Any) -> None:
    _fact()
    corrected, claims = _fact(label="Bridge", values=(3, 4, 5))
    claim_split(claim_id=claims[0].pk, actor=reviewer)
    rows = [json.loads(line) for line in export("--format", "jsonl", "--corrected").splitlines()]
    assert [r["fact_id"] for r in rows] == [corrected.pk]
    assert {(c["kind"], c["claim_id"], c["author"]) for c in rows[0]["corrections"]} == {
        ("cannot_link", claims[0].pk, "rita")
    }


def test_the_gold_file_follows_the_evaluation_schema_and_scores_the_store_perfectly(tmp_path: Path) -> None:
    if not (SHARED_EVAL / "score.py").exists():
        pytest.skip("../shared/eval is not beside the project")
    group, claims = _fact()
    make_claim(article=claims[0].article, text="Officials", value=None, kind="date", unit="date")
    gold = tmp_path / "gold.json"
    call_command("export_facts", "--format", "gold", "--output", str(gold), stdout=io.StringIO())
    document = json.loads(gold.read_text(encoding="utf-8"))
    assert set(document) == {"articles", "groups"}
    assert set(document["articles"][0]) == {"id", "file", "outlet", "published", "claims"}
    assert set(document["articles"][0]["claims"][0]) == {
        "quote",
        "value",
        "unit",
        "kind",
        "approx",
        "subject",
        "borderline",
    }
    [fact] = document["groups"]
    assert fact["id"] == f"fact-{group.pk}" and fact["relation"] == "conflict" and len(fact["members"]) == 2
    predicted = tmp_path / "claims.jsonl"
    out = io.StringIO()
    call_command("export_claims", "--jsonl", stdout=out)
    predicted.write_text(out.getvalue(), encoding="utf-8")
    scored = subprocess.run(
        [sys.executable, str(SHARED_EVAL / "score.py"), str(gold), str(predicted), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    figures = json.loads(scored.stdout.strip().splitlines()[-1])
    assert figures["group_pairs_f1"] == 1.0 and figures["relation_accuracy"] == 1.0


def test_gold_leaves_out_articles_the_scorer_could_not_tell_apart() -> None:
    group = make_group()
    for i in range(2):
        make_claim(
            article=make_article(source_name="same.txt", identity=f"file:{i}/same.txt", outlet=f"o{i}.example"),
            group=group,
        )
    err = io.StringIO()
    out = io.StringIO()
    call_command("export_facts", "--format", "gold", stdout=out, stderr=err)
    assert "cannot tell them apart" in err.getvalue()
    assert json.loads(out.getvalue())["groups"] == []
