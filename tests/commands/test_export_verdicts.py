"""`export_verdicts`: columns, neutralising, other sources, filters, formats, and the COPY path."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from claims.export_formats import csv_copy_chunks, csv_python_chunks
from claims.exports import COLUMNS, VerdictFilters, verdict_rows
from claims.models import Verdict
from tests.conftest import require
from tests.factories import make_article, make_claim, make_group

DOCUMENTED = [
    "claim_id",
    "article_title",
    "outlet",
    "url",
    "published",
    "claim_text",
    "sentence",
    "kind",
    "value",
    "unit",
    "hedge",
    "group",
    "relation",
    "other_sources",
    "verdict",
    "reviewer",
    "note",
    "decided_at",
    "status",
    "retracted_at",
]


def export(*args: str) -> str:
    out = io.StringIO()
    call_command("export_verdicts", *args, stdout=out)
    return out.getvalue()


def csv_rows(*args: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(export(*args), newline="")))


def verdict(claim: Any, reviewer: Any, choice: str = "agree", note: str = "", **extra: Any) -> Verdict:
    return Verdict.objects.create(claim=claim, reviewer=reviewer, verdict=choice, note=note, **extra)


@pytest.fixture
def desk(reviewer: Any, reviewer2: Any) -> dict[str, Any]:
    """A conflict group over three articles (two outlets agree, one differs) plus a lone claim."""
    group = make_group(relation="conflict", reason="2013 against 2012")
    first = make_article(text="The bridge opened in 2013.", outlet="harbour.example", url="https://harbour.example/b")
    second = make_article(text="The bridge opened in 2012.", outlet="valley.example")
    third = make_article(text="Opened in 2013, the bridge cost -3.5 million.", outlet="coast.example")
    claims = {
        "first": make_claim(article=first, text="2013", kind="date", value=2013, unit="", group=group),
        "second": make_claim(article=second, text="2012", kind="date", value=2012, unit="", group=group),
        "third": make_claim(article=third, text="2013", kind="date", value=2013, unit="", group=group),
        "gone": make_claim(
            article=third, text="-3.5 million", kind="money", value=-3.5e6, unit="EUR", group=group, status="withdrawn"
        ),
        "alone": make_claim(text="12 times", value=-3.5),
    }
    return {"group": group, "claims": claims, "reviewer": reviewer, "reviewer2": reviewer2}


@pytest.mark.django_db
def test_csv_has_every_documented_column_and_one_row_per_verdict(desk: dict[str, Any]) -> None:
    claims, rita, rob = desk["claims"], desk["reviewer"], desk["reviewer2"]
    verdict(claims["first"], rita, "conflict", note="second source says 2012")
    verdict(claims["first"], rob, "conflict")
    verdict(claims["alone"], rita, "agree")
    text = export()
    assert text.startswith(",".join(COLUMNS) + "\r\n")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert set(DOCUMENTED) <= set(rows[0])
    assert [(r["claim_id"], r["reviewer"]) for r in rows] == [
        (str(claims["first"].pk), "rita"),
        (str(claims["first"].pk), "rob"),
        (str(claims["alone"].pk), "rita"),
    ]
    first = rows[0]
    assert first["outlet"] == "harbour.example" and first["url"] == "https://harbour.example/b"
    assert (first["kind"], first["value"], first["relation"], first["status"]) == (
        "date",
        "2013",
        "conflict",
        "current",
    )
    assert first["group"] == str(desk["group"].pk) and first["published"] == "2024-05-01"
    assert first["note"] == "second source says 2012" and first["retracted_at"] == ""
    assert first["decided_at"].endswith("Z") and first["adjudication"] == "false"
    assert rows[2]["relation"] == "single" and rows[2]["group"] == ""


@pytest.mark.django_db
def test_other_sources_says_what_the_other_articles_report_leaving_out_withdrawn_claims(desk: dict[str, Any]) -> None:
    claims, rita = desk["claims"], desk["reviewer"]
    verdict(claims["first"], rita)
    verdict(claims["third"], rita)
    rows = {r["claim_id"]: r for r in csv_rows()}
    assert rows[str(claims["first"].pk)]["other_sources"] == "valley.example: 2012; coast.example: 2013"
    assert rows[str(claims["third"].pk)]["other_sources"] == "harbour.example: 2013; valley.example: 2012"


@pytest.mark.django_db
def test_formula_text_is_neutralised_but_negative_numbers_stay_numbers(desk: dict[str, Any]) -> None:
    rita = desk["reviewer"]
    verdict(desk["claims"]["alone"], rita, note='=HYPERLINK("http://evil.example","click")')
    verdict(desk["claims"]["first"], rita, note="@SUM(A1)\nsecond line, with a comma")
    rows = csv_rows()
    assert rows[0]["note"] == '\'=HYPERLINK("http://evil.example","click")'
    assert rows[0]["value"] == "-3.5"
    assert rows[1]["note"] == "'@SUM(A1)\nsecond line, with a comma"


@pytest.mark.django_db
def test_retracted_verdicts_are_left_out_unless_asked_for(desk: dict[str, Any]) -> None:
    rita = desk["reviewer"]
    taken_back = verdict(desk["claims"]["first"], rita, "agree", retracted_at=timezone.now())
    kept = verdict(desk["claims"]["first"], rita, "conflict")
    assert [r["verdict_id"] for r in csv_rows()] == [str(kept.pk)]
    rows = csv_rows("--include-retracted")
    assert [r["verdict_id"] for r in rows] == [str(taken_back.pk), str(kept.pk)]
    assert rows[0]["retracted_at"].endswith("Z") and rows[1]["retracted_at"] == ""


@pytest.mark.django_db
def test_filters_pick_verdicts_by_reviewer_verdict_relation_outlet_article_status_and_day(
    desk: dict[str, Any],
) -> None:
    claims, rita, rob = desk["claims"], desk["reviewer"], desk["reviewer2"]
    a = verdict(claims["first"], rita, "conflict")
    b = verdict(claims["second"], rob, "agree")
    c = verdict(claims["alone"], rita, "unclear")
    d = verdict(claims["gone"], rob, "not_a_claim")
    Verdict.objects.filter(pk=c.pk).update(created_at=dt.datetime(2024, 1, 10, 23, 59, tzinfo=dt.UTC))

    def ids(*args: str) -> list[int]:
        return [int(r["verdict_id"]) for r in csv_rows(*args)]

    assert ids("--reviewer", "rob") == [b.pk, d.pk]
    assert ids("--verdict", "conflict") == [a.pk]
    assert ids("--relation", "single") == [c.pk]
    assert ids("--relation", "conflict") == [a.pk, b.pk, d.pk]
    assert ids("--outlet", "valley.example") == [b.pk]
    assert ids("--article", str(claims["second"].article_id)) == [b.pk]
    assert ids("--status", "withdrawn") == [d.pk]
    assert ids("--since", "2024-01-10", "--until", "2024-01-10") == [c.pk]
    assert ids("--until", "2024-01-09") == []
    assert c.pk not in ids("--since", "2024-01-11")


@pytest.mark.django_db
def test_output_file_is_utf8_with_an_optional_bom(desk: dict[str, Any], tmp_path: Path) -> None:
    desk["claims"]["alone"].article.title = "Café budget"
    desk["claims"]["alone"].article.save()
    verdict(desk["claims"]["alone"], desk["reviewer"])
    plain, excel = tmp_path / "plain.csv", tmp_path / "excel.csv"
    call_command("export_verdicts", "--output", str(plain))
    call_command("export_verdicts", "--output", str(excel), "--bom")
    assert excel.read_bytes() == b"\xef\xbb\xbf" + plain.read_bytes()
    assert "Café budget".encode() in plain.read_bytes() and not plain.read_bytes().startswith(b"\xef\xbb\xbf")


@pytest.mark.django_db
def test_jsonl_has_the_same_fields_with_typed_values(desk: dict[str, Any]) -> None:
    verdict(desk["claims"]["first"], desk["reviewer"], note="=1+1")
    (row,) = [json.loads(line) for line in export("--format", "jsonl").splitlines()]
    assert list(row) == list(COLUMNS)
    assert row["value"] == 2013 and row["note"] == "=1+1" and row["adjudication"] is False
    assert row["other_sources"] == "valley.example: 2012; coast.example: 2013"


@pytest.mark.django_db
def test_claimreview_gives_one_review_per_claim_with_a_live_verdict(
    desk: dict[str, Any], settings: Any, admin_user: Any
) -> None:
    settings.FACTCHECK_PUBLISHER = "Harbour Fact Desk"
    claims, rita, rob = desk["claims"], desk["reviewer"], desk["reviewer2"]
    verdict(claims["first"], rita, "agree")
    verdict(claims["first"], rob, "conflict")
    verdict(claims["first"], admin_user, "conflict", adjudication=True)
    verdict(claims["first"], rita, "unclear")  # later, but the adjudication decides
    verdict(claims["second"], rita, "agree", retracted_at=timezone.now())
    document = json.loads(export("--format", "claimreview"))
    assert document["@context"] == "https://schema.org"
    (review,) = document["@graph"]
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == claims["first"].sentence
    assert review["reviewRating"] == {"@type": "Rating", "alternateName": "conflict"}
    assert review["author"] == {"@type": "Organization", "name": "Harbour Fact Desk"}
    appearance = review["itemReviewed"]["appearance"]
    assert review["itemReviewed"]["@type"] == "Claim"
    assert appearance["url"] == "https://harbour.example/b"
    assert appearance["publisher"]["name"] == "harbour.example"
    assert dt.date.fromisoformat(review["datePublished"])


@pytest.mark.django_db
def test_rows_are_read_a_chunk_at_a_time_without_a_query_per_row(
    desk: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    claims, rita = desk["claims"], desk["reviewer"]
    for _ in range(30):
        verdict(claims["first"], rita)
        verdict(claims["second"], rita)
    with django_assert_max_num_queries(8):
        rows = list(verdict_rows(VerdictFilters(), chunk_rows=20))
    assert len(rows) == 60
    assert rows[0][COLUMNS.index("other_sources")] == "valley.example: 2012; coast.example: 2013"


@pytest.mark.django_db
def test_copy_and_python_exports_give_identical_bytes(desk: dict[str, Any], admin_user: Any) -> None:
    require(connection.vendor == "postgresql", "the COPY export needs PostgreSQL")
    claims, rita, rob = desk["claims"], desk["reviewer"], desk["reviewer2"]
    claims["first"].article.title = '-minus, "quoted"\ttab'
    claims["first"].article.save()
    claims["second"].article.outlet = None
    claims["second"].article.save()
    verdict(claims["first"], rita, note="=cmd|' /C calc'!A0")
    verdict(claims["second"], rob, "conflict", note='line one\r\nline two, "quoted"')
    verdict(claims["gone"], rita, "unclear", note="\tstarts with a tab", retracted_at=timezone.now())
    verdict(claims["alone"], admin_user, "not_a_claim", adjudication=True, note="+1 ünïcödé")
    claims["alone"].value = 1.234567890123456e15
    claims["alone"].save()
    for filters in [
        VerdictFilters(),
        VerdictFilters(include_retracted=True),
        VerdictFilters(reviewer="rob"),
        VerdictFilters(relation="single"),
        VerdictFilters(outlet="harbour.example"),
        VerdictFilters(since=dt.date(2020, 1, 1), status="current", verdict="agree"),
    ]:
        python = b"".join(csv_python_chunks(filters))
        copied = b"".join(csv_copy_chunks(filters))
        assert copied == python, filters
    assert b"'=cmd" in b"".join(csv_copy_chunks(VerdictFilters()))


@pytest.fixture
def crowded_group(reviewer: Any) -> dict[str, Any]:
    """A group where one article has two live claims, one source is labelled by a formula-like
    file name, one article has only a withdrawn claim; plus a group with no live claim at all."""
    group, empty = make_group(relation="agree"), make_group(relation="agree")
    harbour = make_article(text="Forty ships, 40 ships in all.", outlet="harbour.example")
    upload = make_article(text="It handled 40 ships.", source_name="=SUM(A1).txt")
    upload.outlet = None
    upload.save()
    coast = make_article(text="About 40 ships.", outlet="coast.example")
    claims = {
        "harbour": make_claim(article=harbour, text="40 ships", group=group),
        "harbour_again": make_claim(article=harbour, text="Forty ships", group=group),
        "upload": make_claim(article=upload, text="40 ships", group=group),
        "coast_gone": make_claim(article=coast, text="40 ships", group=group, status="withdrawn"),
        "all_gone": make_claim(article=coast, text="About 40", group=empty, status="withdrawn"),
    }
    formula_first = make_group(relation="agree")  # here the formula-like label comes first
    claims["upload_first"] = make_claim(article=upload, text="40 ships", group=formula_first)
    claims["harbour_second"] = make_claim(article=harbour, text="40 ships", group=formula_first)
    claims["coast_gone_too"] = make_claim(article=coast, text="40 ships", group=formula_first, status="withdrawn")
    for claim in claims.values():
        verdict(claim, reviewer)
    return claims


@pytest.mark.django_db
def test_other_sources_leaves_out_every_claim_of_the_rows_article_and_neutralises_a_formula_label(
    crowded_group: dict[str, Any],
) -> None:
    said = {r["claim_id"]: r["other_sources"] for r in csv_rows()}
    both_harbour = "harbour.example: 40 ships; harbour.example: Forty ships"
    assert said[str(crowded_group["harbour"].pk)] == "'=SUM(A1).txt: 40 ships"
    assert said[str(crowded_group["harbour_again"].pk)] == "'=SUM(A1).txt: 40 ships"
    assert said[str(crowded_group["upload"].pk)] == both_harbour
    assert said[str(crowded_group["coast_gone"].pk)] == f"{both_harbour}; =SUM(A1).txt: 40 ships"
    assert said[str(crowded_group["all_gone"].pk)] == ""
    assert said[str(crowded_group["upload_first"].pk)] == "harbour.example: 40 ships"
    assert said[str(crowded_group["harbour_second"].pk)] == "'=SUM(A1).txt: 40 ships"
    assert said[str(crowded_group["coast_gone_too"].pk)] == "'=SUM(A1).txt: 40 ships; harbour.example: 40 ships"


@pytest.mark.django_db
def test_copy_and_python_agree_on_other_sources_in_crowded_groups(crowded_group: dict[str, Any]) -> None:
    require(connection.vendor == "postgresql", "the COPY export needs PostgreSQL")
    article_id = crowded_group["harbour"].article_id
    for filters in [VerdictFilters(), VerdictFilters(article_id=article_id), VerdictFilters(status="withdrawn")]:
        assert b"".join(csv_copy_chunks(filters)) == b"".join(csv_python_chunks(filters)), filters
