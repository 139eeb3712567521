"""Dates and times of day (readers/calendar_dates.py)."""

from __future__ import annotations

import datetime as dt

from claims.pipeline.extract.readers.calendar_dates import (
    read_calendar,
    read_decade,
    read_prefix_year,
    read_relative,
    read_weekday,
)
from tests.pipeline.extract.readers.scan import hit

FRIDAY = dt.date(2024, 3, 15)


def test_the_early_nineties_are_the_first_years_of_the_decade_approximately() -> None:
    ctx, match = hit("Prices rose in the early 1990s.", "early")
    (draft,) = read_decade(ctx, match)
    assert (draft.value, draft.unit, draft.hedge, draft.normalized) == (1990, "decade", "approx", "1990/1993")


def test_mid_year_is_the_year_approximately() -> None:
    ctx, match = hit("Work resumes by mid-2026 at the latest.", "mid")
    (draft,) = read_prefix_year(ctx, match)
    assert (draft.value, draft.hedge, draft.normalized) == (2026, "approx", "2026")


def test_a_day_month_and_year_is_one_iso_day() -> None:
    ctx, match = hit("The dam opened on 17 March 2023.", "17")
    (draft,) = read_calendar(ctx, match)
    assert (draft.kind, draft.normalized) == ("date", "2023-03-17")


def test_a_month_without_a_year_or_preposition_is_no_date() -> None:
    ctx, match = hit("March was wet.", "March")
    assert read_calendar(ctx, match) == []


def test_a_weekday_in_a_past_sentence_is_the_one_just_gone() -> None:
    ctx, match = hit("The mayor resigned on Tuesday.", "Tuesday", published=FRIDAY)
    (draft,) = read_weekday(ctx, match)
    assert (draft.normalized, draft.loose) == ("2024-03-12", True)


def test_last_month_is_the_calendar_month_before_publication() -> None:
    ctx, match = hit("Sales fell last month.", "last", published=FRIDAY)
    (draft,) = read_relative(ctx, match)
    assert (draft.normalized, draft.loose) == ("2024-02", False)


def test_the_following_day_is_a_step_from_the_date_before() -> None:
    ctx, match = hit("Talks resumed the following day.", "the")
    (draft,) = read_relative(ctx, match)
    assert draft.step == (1, "day")
