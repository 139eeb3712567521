"""Quantities with a unit of measure (readers/quantities.py)."""

from __future__ import annotations

import pytest

from claims.pipeline.extract.readers.quantities import labelled_before, unit_after
from tests.pipeline.extract.readers.scan import number, read_after


@pytest.mark.parametrize(
    ("text", "written", "kind", "unit"),
    [
        ("The road runs 40 km along the coast.", "40", "quantity", "km"),  # a unit after the number
        ("They set out a 12-point plan.", "12", "quantity", "points"),  # a hyphenated noun
        ("The two envoys met 40 times last year.", "40", "count", "meetings"),  # times after a verb of meeting
        ("Shares trade at 7.3 times earnings.", "7.3", "quantity", "times"),  # a multiple
    ],
)
def test_the_words_after_a_number_name_its_unit(text: str, written: str, kind: str, unit: str) -> None:
    drafts = read_after(unit_after, text, written, float(written))
    assert [(d.kind, d.unit) for d in drafts] == [(kind, unit)]


def test_a_magnitude_named_before_the_figure_is_its_measure() -> None:
    ctx, figure = number("A magnitude 6.3 quake struck at dawn.", "6.3", 6.3)
    drafts = labelled_before(ctx, figure.start, figure.end, 6.3)
    assert drafts is not None and [(d.kind, d.unit) for d in drafts] == [("quantity", "magnitude")]


def test_a_bare_number_has_no_unit() -> None:
    ctx, figure = number("The toll rose to 2,445 overnight.", "2,445", 2445.0)
    assert unit_after(ctx, figure) is None
