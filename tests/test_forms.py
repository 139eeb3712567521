"""The filter forms the queue, the claim list and the fact list share a base with (claims/forms.py)."""

from __future__ import annotations

from typing import Any

import pytest

from claims.forms import ClaimSearchForm, FactFilterForm, QueueFilterForm
from claims.models import Outlet


def test_a_bad_value_drops_that_one_filter_and_keeps_the_others() -> None:
    search = ClaimSearchForm({"q": "  budget ", "kind": "no-such-kind", "article": "x"}, with_outlets=False).search()

    assert (search.q, search.kind, search.article) == ("budget", "", None)


def test_an_empty_query_filters_nothing() -> None:
    filters = FactFilterForm(None, with_outlets=False).filters()

    assert (filters.q, filters.relation, filters.outlet, filters.status, filters.order) == ("", "", None, "", "")


def test_the_queue_filters_read_their_values() -> None:
    filters = QueueFilterForm({"article": "12", "kind": "count", "relation": "conflict"}, with_outlets=False).filters()

    assert (filters.article, filters.kind, filters.relation) == (12, "count", "conflict")


@pytest.mark.django_db
def test_a_form_read_for_its_filters_alone_reads_no_outlets(django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(0):
        ClaimSearchForm({"q": "x"}, with_outlets=False).search()


@pytest.mark.django_db
def test_a_shown_form_offers_every_outlet_and_takes_one_by_id() -> None:
    outlet = Outlet.objects.create(name="Daily Example", domain="daily.example")

    form = FactFilterForm({"outlet": str(outlet.pk)})

    assert (str(outlet.pk), "Daily Example") in form.fields["outlet"].choices  # type: ignore[attr-defined]
    assert form.filters().outlet == outlet.pk
