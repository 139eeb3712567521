"""Counts (readers/counts.py)."""

from __future__ import annotations

import pytest

from claims.pipeline.extract.readers.counts import count_after, read_multitude
from tests.pipeline.extract.readers.scan import hit, number


def test_tens_of_thousands_of_people_is_a_count_of_at_least_that_many() -> None:
    ctx, match = hit("Tens of thousands of people marched.", "Tens")
    (draft,) = read_multitude(ctx, match)
    assert (draft.kind, draft.value, draft.unit, draft.hedge) == ("count", None, "people", "at_least")


@pytest.mark.parametrize(
    ("text", "written", "read"),
    [
        ("Builders finished 40 new homes this year.", "40", [("count", "homes", "homes")]),  # the noun after it
        ("They flew on a Boeing 737 to the coast.", "737", []),  # a number completing a name
        ("Maria Lopez, 45, said she would stay.", "45", [("duration", "years", "age")]),  # an age in apposition
        ("The toll rose to 2,445 overnight.", "2,445", [("count", "", "")]),  # a count of what the sentence counts
    ],
)
def test_what_a_number_without_a_unit_counts(text: str, written: str, read: list[tuple[str, str, str]]) -> None:
    ctx, figure = number(text, written, float(written.replace(",", "")))
    assert [(d.kind, d.unit, d.head) for d in count_after(ctx, figure)] == read
