"""Counts (readers/counts.py)."""

from __future__ import annotations

from claims.pipeline.extract.readers.counts import count_after, read_multitude
from tests.pipeline.extract.readers.scan import hit, number


def test_tens_of_thousands_of_people_is_a_count_of_at_least_that_many() -> None:
    ctx, match = hit("Tens of thousands of people marched.", "Tens")
    (draft,) = read_multitude(ctx, match)
    assert (draft.kind, draft.value, draft.unit, draft.hedge) == ("count", None, "people", "at_least")


def test_the_plural_noun_after_a_number_is_what_it_counts() -> None:
    ctx, figure = number("Builders finished 40 new homes this year.", "40", 40.0)
    assert [(d.kind, d.value, d.unit) for d in count_after(ctx, figure)] == [("count", 40.0, "homes")]


def test_a_number_completing_a_name_is_no_count() -> None:
    ctx, figure = number("They flew on a Boeing 737 to the coast.", "737", 737.0)
    assert count_after(ctx, figure) == []


def test_an_age_in_apposition_is_a_duration_in_years() -> None:
    ctx, figure = number("Maria Lopez, 45, said she would stay.", "45", 45.0)
    assert [(d.kind, d.unit, d.head) for d in count_after(ctx, figure)] == [("duration", "years", "age")]
