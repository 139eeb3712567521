"""bench.common: set-based bench fills take their columns from the models; the growth benches share their flags."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from bench.common import growth_arguments, insert_select
from claims.models import Article, Claim, Outlet
from tests.conftest import require


@pytest.fixture
def postgres(db: Any) -> None:
    require(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL) for set-based bench fills")


def test_a_column_the_fill_does_not_name_gets_the_models_default(postgres: None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            insert_select(
                Outlet,
                {"name": "'Outlet ' || n", "domain": "'o' || n || '.example'"},
                source="FROM generate_series(1, 2) n",
            )
        )
        outlet_id = Outlet.objects.order_by("id").values_list("id", flat=True).first()
        cursor.execute(
            insert_select(
                Article,
                {
                    "identity": "'bench:' || n",
                    "outlet": str(outlet_id),
                    "raw": "'\\x00'::bytea",
                    "text": "'x'",
                    "content_hash": "md5(n::text)",
                },
                source="FROM generate_series(1, 3) n",
            )
        )
        article_id = Article.objects.order_by("id").values_list("id", flat=True).first()
        # priority, review, status, version, score, subject... are not named: their defaults are written
        cursor.execute(
            insert_select(
                Claim,
                {
                    "article": str(article_id),
                    "start": "0",
                    "end": "1",
                    "text": "'1'",
                    "sentence": "'1'",
                    "kind": "'count'",
                    "fingerprint": "'fp-' || n",
                    "extractor_version": "'bench'",
                },
                source="FROM generate_series(1, 4) n",
            )
        )
    assert Outlet.objects.count() == 2 and Article.objects.count() == 3
    claim = Claim.objects.order_by("id").first()
    assert claim is not None and Claim.objects.count() == 4
    written = (claim.priority, claim.review, claim.status, claim.version, claim.hedge)
    assert written == (0, "open", "current", 1, "exact")
    assert claim.subject == [] and claim.unit == "" and claim.group_id is None
    assert Article.objects.get(identity="bench:1").match_pending_since is None


def test_a_not_null_column_without_default_is_named_before_anything_is_written(postgres: None) -> None:
    with pytest.raises(ValueError, match="'article_id'"):
        insert_select(Claim, {"start": "0"}, source="FROM generate_series(1, 1) n")


def test_a_misspelt_field_is_refused(postgres: None) -> None:
    with pytest.raises(ValueError, match="no such fields"):
        insert_select(Outlet, {"name": "'x'", "domain": "'x'", "colour": "'red'"}, source="")


def test_the_growth_benches_take_their_own_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.argv", ["bench/match.py"])

    args = growth_arguments("bench", large=100_000, sample=20)

    assert (args.small, args.large, args.sample, args.database_url) == (1000, 100_000, 20, None)


def test_the_growth_benches_read_the_flags_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        "sys.argv",
        ["bench/ingest.py", "--small", "5", "--large", "9", "--sample", "2", "--database-url", "postgres://h/db"],
    )

    args = growth_arguments("bench", large=20000, sample=40)

    assert (args.small, args.large, args.sample, args.database_url) == (5, 9, 2, "postgres://h/db")
