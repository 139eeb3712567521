"""QueueFilters renders the same filters twice: for the ORM (the claims list) and as SQL (the
lease statement). Both renderings must pick the same claims for every combination."""

from __future__ import annotations

import itertools

import pytest
from django.db import connection

from claims.models import Claim
from claims.selectors import QueueFilters
from tests.factories import make_article, make_claim, make_group

pytestmark = pytest.mark.django_db


def _claims_by_sql(filters: QueueFilters) -> set[int]:
    conditions, params = filters.sql()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT c.id FROM {Claim._meta.db_table} c WHERE 1 = 1{conditions}", params)
        return {row[0] for row in cursor.fetchall()}


def test_the_sql_and_orm_renderings_of_every_filter_combination_pick_the_same_claims() -> None:
    first = make_article(text="Ferries ran 12 times and cost $4 million.", outlet="one.example")
    second = make_article(text="Ferries ran 13 times and cost $5 million.", outlet="two.example")
    conflict, agree = make_group(relation="conflict"), make_group(relation="agree")
    make_claim(article=first, text="12 times", group=conflict)
    make_claim(article=first, text="$4 million", kind="money", group=agree)
    make_claim(article=second, text="13 times", group=conflict)
    make_claim(article=second, text="$5 million", kind="money")  # in no group: "single"
    articles = [None, first.pk, second.pk]
    outlets = [None, first.outlet_id, second.outlet_id]
    kinds = ["", "count", "money", "date"]
    relations = ["", "conflict", "agree", "single", "time_shifted"]
    checked = 0
    for article, outlet, kind, relation in itertools.product(articles, outlets, kinds, relations):
        filters = QueueFilters(article=article, outlet=outlet, kind=kind, relation=relation)
        by_orm = set(filters.apply(Claim.objects.all()).values_list("pk", flat=True))
        assert _claims_by_sql(filters) == by_orm, filters
        checked += bool(by_orm)
    assert checked > 20  # most combinations select something: the comparison is not between empty sets


def test_filter_values_are_parameters_never_sql() -> None:
    make_claim(kind="count")
    hostile = QueueFilters(kind="count' OR '1'='1")
    assert _claims_by_sql(hostile) == set()
