"""Quantities with a unit of measure (readers/quantities.py)."""

from __future__ import annotations

from claims.pipeline.extract.readers.quantities import labelled_before, unit_after
from tests.pipeline.extract.readers.scan import number


def test_a_unit_after_the_number_is_its_measure() -> None:
    ctx, figure = number("The road runs 40 km along the coast.", "40", 40.0)
    drafts = unit_after(ctx, figure)
    assert drafts is not None and [(d.kind, d.unit) for d in drafts] == [("quantity", "km")]


def test_a_hyphenated_noun_after_the_number_is_its_unit() -> None:
    ctx, figure = number("They set out a 12-point plan.", "12", 12.0)
    drafts = unit_after(ctx, figure)
    assert drafts is not None and [d.unit for d in drafts] == ["points"]


def test_times_after_a_verb_of_meeting_counts_meetings() -> None:
    ctx, figure = number("The two envoys met 40 times last year.", "40", 40.0)
    drafts = unit_after(ctx, figure)
    assert drafts is not None and [(d.kind, d.unit) for d in drafts] == [("count", "meetings")]


def test_a_magnitude_named_before_the_figure_is_its_measure() -> None:
    ctx, figure = number("A magnitude 6.3 quake struck at dawn.", "6.3", 6.3)
    drafts = labelled_before(ctx, figure.start, figure.end, 6.3)
    assert drafts is not None and [(d.kind, d.unit) for d in drafts] == [("quantity", "magnitude")]


def test_a_bare_number_has_no_unit() -> None:
    ctx, figure = number("The toll rose to 2,445 overnight.", "2,445", 2445.0)
    assert unit_after(ctx, figure) is None
