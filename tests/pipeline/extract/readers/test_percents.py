"""Percentages and shares (readers/percents.py)."""

from __future__ import annotations

from claims.pipeline.extract.readers.percents import percent_after, read_fraction, share_of
from tests.pipeline.extract.readers.scan import hit, number


def test_a_third_of_is_a_share_in_percent() -> None:
    ctx, match = hit("Nearly a third of the staff left.", "a third")
    (draft,) = read_fraction(ctx, match)
    assert (draft.kind, draft.value, draft.unit) == ("percent", 33.3, "percent")


def test_one_in_five_is_twenty_percent() -> None:
    ctx, figure = number("One in five adults smokes.", "One", 1.0)
    drafts = share_of(ctx, figure.start, figure.end, 1.0)
    assert drafts is not None
    assert [(d.kind, d.value) for d in drafts] == [("percent", 20.0)]


def test_a_share_of_a_smaller_whole_is_no_share() -> None:
    ctx, figure = number("Nine in five is nonsense.", "Nine", 9.0)
    assert share_of(ctx, figure.start, figure.end, 9.0) is None


def test_percentage_points_are_told_apart_from_percent() -> None:
    ctx, figure = number("Turnout rose 3 percentage points.", "3", 3.0)
    drafts = percent_after(ctx, figure)
    assert drafts is not None
    assert [d.unit for d in drafts] == ["percentage points"]
    ctx, figure = number("Turnout was 61% this time.", "61", 61.0)
    drafts = percent_after(ctx, figure)
    assert drafts is not None
    assert [(d.value, d.unit) for d in drafts] == [(61.0, "percent")]
