"""Percentages and shares (readers/percents.py)."""

from __future__ import annotations

import pytest

from claims.pipeline.extract.readers.percents import percent_after, read_fraction, share_of
from tests.pipeline.extract.readers.scan import hit, number, read_after


def test_a_third_of_is_a_share_in_percent() -> None:
    ctx, match = hit("Nearly a third of the staff left.", "a third")
    (draft,) = read_fraction(ctx, match)
    assert (draft.kind, draft.value, draft.unit) == ("percent", 33.3, "percent")


@pytest.mark.parametrize(("text", "written", "value", "share"), [("One in five adults smokes.", "One", 1.0, 20.0)])
def test_one_in_five_is_twenty_percent(text: str, written: str, value: float, share: float) -> None:
    ctx, figure = number(text, written, value)
    drafts = share_of(ctx, figure.start, figure.end, value)
    assert drafts is not None and [(d.kind, d.value) for d in drafts] == [("percent", share)]


def test_a_share_of_a_smaller_whole_is_no_share() -> None:
    ctx, figure = number("Nine in five is nonsense.", "Nine", 9.0)
    assert share_of(ctx, figure.start, figure.end, 9.0) is None


@pytest.mark.parametrize(
    ("text", "written", "value", "unit"),
    [
        ("Turnout rose 3 percentage points.", "3", 3.0, "percentage points"),
        ("Turnout was 61% this time.", "61", 61.0, "percent"),
        ("Two-thirds of voters agreed.", "Two", 2.0, "percent"),
    ],
)
def test_percentage_points_are_told_apart_from_percent(text: str, written: str, value: float, unit: str) -> None:
    assert [d.unit for d in read_after(percent_after, text, written, value)] == [unit]
