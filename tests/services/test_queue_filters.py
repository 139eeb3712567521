"""Each filter table is rendered twice: the queue's (QueueFilters) for the ORM (the claims list)
and as SQL (the lease statement); the export's (VerdictFilters) for the ORM (the Python export)
and as SQL (the COPY export). Both renderings must pick the same rows for every combination."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from claims.exports import VerdictFilters, _copy_where, verdict_joins, verdict_queryset
from claims.models import Claim, Verdict
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


def _verdicts_by_sql(filters: VerdictFilters) -> set[int]:
    where, params = _copy_where(filters)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT v.id {verdict_joins()}{where}", params)
        return {row[0] for row in cursor.fetchall()}


def test_the_sql_and_orm_renderings_of_every_export_filter_combination_pick_the_same_verdicts(
    reviewer: Any, reviewer2: Any
) -> None:
    first = make_article(text="Ferries ran 12 times and cost $4 million.", outlet="one.example")
    second = make_article(text="Ferries ran 13 times and cost $5 million.", outlet="two.example")
    conflict = make_group(relation="conflict")
    twelve = make_claim(article=first, text="12 times", group=conflict)
    thirteen = make_claim(article=second, text="13 times", group=conflict)
    money = make_claim(article=second, text="$5 million", kind="money")  # in no group: "single"
    money.status = Claim.Status.WITHDRAWN
    money.save()
    early, late = dt.datetime(2024, 3, 1, 23, 30, tzinfo=dt.UTC), dt.datetime(2024, 3, 3, 0, 10, tzinfo=dt.UTC)
    for claim, who, choice, at, retracted in [
        (twelve, reviewer, "agree", early, None),
        (twelve, reviewer2, "disagree", late, None),
        (thirteen, reviewer, "agree", late, timezone.now()),
        (money, reviewer2, "unclear", early, None),
    ]:
        row = Verdict.objects.create(claim=claim, reviewer=who, verdict=choice, retracted_at=retracted)
        Verdict.objects.filter(pk=row.pk).update(created_at=at)  # created_at is set on insert
    days = [None, dt.date(2024, 3, 1), dt.date(2024, 3, 2)]  # either side of each verdict's day
    checked = combinations = 0
    for since, until, outlet, article_id, who, choice, status, relation, include_retracted in itertools.product(
        days,
        days,
        ["", "two.example"],
        [None, first.pk],
        ["", reviewer.username],
        ["", "agree"],
        ["", Claim.Status.WITHDRAWN],
        ["", "conflict", "single"],
        [False, True],
    ):
        filters = VerdictFilters(
            since=since,
            until=until,
            outlet=outlet,
            article_id=article_id,
            reviewer=who,
            verdict=choice,
            status=status,
            relation=relation,
            include_retracted=include_retracted,
        )
        by_orm = set(verdict_queryset(filters).values_list("pk", flat=True))
        assert _verdicts_by_sql(filters) == by_orm, filters
        checked += bool(by_orm)
        combinations += 1
    assert checked > combinations // 10  # the comparison is not only between empty sets
    assert _verdicts_by_sql(VerdictFilters(include_retracted=True)) == set(Verdict.objects.values_list("pk", flat=True))


def test_export_filter_values_are_parameters_never_sql(reviewer: Any) -> None:
    Verdict.objects.create(claim=make_claim(), reviewer=reviewer, verdict="agree")
    assert _verdicts_by_sql(VerdictFilters(reviewer="x' OR '1'='1")) == set()
