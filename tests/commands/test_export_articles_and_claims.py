"""`export_articles --jsonl` and `export_claims --jsonl`: the fields outside tools rely on."""

import io
import json
from typing import Any

import pytest
from django.core.management import call_command

from tests.factories import make_article, make_claim, make_group


def lines(command: str) -> list[dict[str, Any]]:
    out = io.StringIO()
    call_command(command, "--jsonl", stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


@pytest.mark.django_db
def test_export_articles_gives_every_documented_field() -> None:
    original = make_article(text="Exports rose 5% in 2024.")
    copy = make_article(text="Exports rose 5% in 2024.", copy_of=original, url="https://news.example/a")
    rows = lines("export_articles")
    assert [r["id"] for r in rows] == [original.pk, copy.pk]
    assert {"id", "input", "url", "outlet", "title", "published", "copy_of", "text"} <= set(rows[1])
    assert rows[1]["copy_of"] == original.pk and rows[0]["copy_of"] is None
    assert rows[1]["url"] == "https://news.example/a"
    assert rows[0]["published"] == "2024-05-01"


@pytest.mark.django_db
def test_export_claims_carries_group_relation_and_reason() -> None:
    group = make_group(relation="conflict", reason="2012 against 2013")
    grouped = make_claim(text="12 times", group=group)
    alone = make_claim(text="12 times")
    withdrawn = make_claim(text="12 times", status="withdrawn")
    rows = {r["claim_id"]: r for r in lines("export_claims")}
    assert withdrawn.pk not in rows
    assert rows[grouped.pk]["group"] == group.pk
    assert (rows[grouped.pk]["relation"], rows[grouped.pk]["reason"]) == ("conflict", "2012 against 2013")
    assert rows[alone.pk]["group"] is None and rows[alone.pk]["relation"] == "single"
    expected = {
        "claim_id",
        "article",
        "kind",
        "value",
        "unit",
        "hedge",
        "text",
        "sentence",
        "start",
        "end",
        "normalized",
        "score",
        "group",
        "relation",
        "reason",
    }
    assert expected <= set(rows[alone.pk])
    assert rows[alone.pk]["article"] == alone.article.source_name


@pytest.mark.django_db
def test_export_claims_carries_each_claims_subject_line() -> None:
    article = make_article(text="The floods killed 80 people on Monday.")
    claim = make_claim(
        article=article,
        text="80 people",
        sentence="The floods killed 80 people on Monday.",
        kind="count",
        value=80,
        unit="people",
    )
    rows = {r["claim_id"]: r for r in lines("export_claims")}
    assert rows[claim.pk]["subject"] == "Deaths, as of 1 May 2024"
