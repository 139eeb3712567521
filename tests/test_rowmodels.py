"""ModelColumns: rows read with hand-written SQL become the same model instances the ORM gives."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import Article, Claim, FactGroup
from claims.rowmodels import ModelColumns, split_row
from tests.factories import make_article, make_claim, make_group

pytestmark = pytest.mark.django_db

CLAIMS = ModelColumns(Claim, "c")
ARTICLES = ModelColumns(Article, "a", exclude=("raw",))
GROUPS = ModelColumns(FactGroup, "g")
SQL = f"""SELECT {CLAIMS.sql}, {ARTICLES.sql}, {GROUPS.sql} FROM claims_claim c
          JOIN claims_article a ON a.id = c.article_id LEFT JOIN claims_factgroup g ON g.id = c.group_id
          WHERE c.id = %s"""


def _read(claim_id: int) -> tuple[Any, Any, Any]:
    with connection.cursor() as cursor:
        cursor.execute(SQL, [claim_id])
        row = cursor.fetchone()
    claim_part, article_part, group_part = split_row(row, CLAIMS, ARTICLES, GROUPS)
    return CLAIMS.build(claim_part), ARTICLES.build(article_part), GROUPS.build(group_part)


def _fields(instance: Any, exclude: tuple[str, ...] = ()) -> dict[str, Any]:
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields if f.attname not in exclude}


def test_a_built_claim_equals_the_orm_claim_field_for_field_including_json_and_datetimes() -> None:
    claim = make_claim(subject=["council", {"place": "harbour"}], group=make_group(relation="conflict"))
    built, _, _ = _read(claim.pk)
    assert isinstance(built, Claim) and not built._state.adding
    assert _fields(built) == _fields(Claim.objects.get(pk=claim.pk))
    assert built.subject == ["council", {"place": "harbour"}]


def test_an_excluded_column_is_deferred_and_loads_on_first_use() -> None:
    article = make_article(text="The council met 12 times.")
    claim = make_claim(article=article, text="12 times")
    _, built, _ = _read(claim.pk)
    assert _fields(built, exclude=("raw",)) == _fields(Article.objects.get(pk=article.pk), exclude=("raw",))
    assert "raw" in built.get_deferred_fields()
    with CaptureQueriesContext(connection) as queries:
        assert bytes(built.raw) == b"The council met 12 times."
    assert len(queries) == 1


def test_the_null_side_of_an_outer_join_builds_nothing() -> None:
    claim = make_claim(group=None)
    _, _, group = _read(claim.pk)
    assert group is None


def test_insert_rows_writes_defaults_and_auto_now_add_and_gives_ids_in_order(reviewer: Any) -> None:
    from claims.models import AuditEntry, Verdict
    from claims.rowmodels import insert_rows

    claim = make_claim()
    verdict = Verdict(claim=claim, reviewer=reviewer, verdict="agree", note="ok", claim_value=12)
    insert_rows([verdict])
    entries = [
        AuditEntry(claim=claim, actor=reviewer, action="verdict", old="", new="agree"),
        AuditEntry(claim=claim, actor=reviewer, action="review", old="open", new="done"),
    ]
    insert_rows(entries)
    assert verdict.pk and not verdict._state.adding
    stored = Verdict.objects.get(pk=verdict.pk)
    assert _fields(stored) == _fields(verdict)
    assert stored.claim_version == 1 and stored.adjudication is False and stored.created_at is not None
    assert [e.pk for e in entries] == list(AuditEntry.objects.order_by("id").values_list("id", flat=True))
    assert [e.action for e in AuditEntry.objects.order_by("id")] == ["verdict", "review"]


def test_update_fields_writes_only_the_named_fields_and_stamps_auto_now() -> None:
    from claims.rowmodels import update_fields

    claim = make_claim()
    before = Claim.objects.get(pk=claim.pk).updated_at
    claim.review = "done"
    claim.text = "not saved"
    update_fields(claim, ["review", "updated_at"])
    stored = Claim.objects.get(pk=claim.pk)
    assert stored.review == "done" and stored.text == "12 times"
    assert stored.updated_at == claim.updated_at and stored.updated_at > before
    with pytest.raises(ValueError, match="verdicts is not a column"):
        update_fields(claim, ["verdicts"])
