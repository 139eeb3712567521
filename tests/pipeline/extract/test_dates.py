"""Relative dates resolved against the publication date (claims/pipeline/extract/dates.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from claims.pipeline.extract.dates import (
    FUTURE,
    iso_range,
    month_span,
    resolve_month,
    resolve_relative,
    resolve_weekday,
    safe_date,
    shift_month,
)

FRIDAY = dt.date(2024, 3, 15)


def test_a_month_span_runs_from_the_first_to_the_last_day_leap_years_included() -> None:
    assert month_span(2024, 2) == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert month_span(2023, 2) == (dt.date(2023, 2, 1), dt.date(2023, 2, 28))


@pytest.mark.parametrize(("delta", "expected"), [(-1, (2023, 12)), (1, (2024, 2)), (-13, (2022, 12)), (0, (2024, 1))])
def test_shifting_a_month_crosses_year_boundaries(delta: int, expected: tuple[int, int]) -> None:
    assert shift_month(2024, 1, delta) == expected


def test_a_weekday_in_a_past_tense_sentence_is_the_one_just_gone() -> None:
    assert resolve_weekday(1, FRIDAY, forward=False) == dt.date(2024, 3, 12)  # Tuesday before
    assert resolve_weekday(4, FRIDAY, forward=False) == FRIDAY  # "on Friday" the same day


def test_a_weekday_in_a_future_sentence_is_the_one_ahead() -> None:
    assert resolve_weekday(1, FRIDAY, forward=True) == dt.date(2024, 3, 19)


def test_a_month_without_a_year_is_the_latest_at_or_before_publication_or_the_next_ahead() -> None:
    assert resolve_month(11, FRIDAY, forward=False) == "2023-11"
    assert resolve_month(2, FRIDAY, forward=False) == "2024-02"
    assert resolve_month(2, FRIDAY, forward=True) == "2025-02"
    assert resolve_month(6, FRIDAY, forward=True) == "2024-06"


def test_an_impossible_day_gives_none_instead_of_an_error() -> None:
    assert safe_date(2023, 2, 29) is None
    assert safe_date(2024, 2, 29) == dt.date(2024, 2, 29)


@pytest.mark.parametrize(
    ("anchor", "unit", "expected"),
    [
        ("this", "week", "2024-03-11/2024-03-17"),
        ("last", "week", "2024-03-04/2024-03-10"),
        ("next", "weekend", "2024-03-23/2024-03-24"),
        ("last", "month", "2024-02"),
        ("Next", "Year", "2025"),
        ("this", "quarter", "2024-01-01/2024-03-31"),
        ("last", "quarter", "2023-10-01/2023-12-31"),
        ("last", "summer", "2023-06-01/2023-08-31"),
        ("this", "winter", "2023-12-01/2024-02-29"),
        ("last", "fortnight", ""),
    ],
)
def test_relative_expressions_resolve_around_the_publication_date(anchor: str, unit: str, expected: str) -> None:
    assert resolve_relative(anchor, unit, FRIDAY) == expected


def test_last_summer_written_in_the_autumn_is_this_years_summer() -> None:
    assert resolve_relative("last", "summer", dt.date(2024, 10, 2)) == "2024-06-01/2024-08-31"


def test_an_iso_range_joins_two_dates_with_a_slash() -> None:
    assert iso_range(dt.date(2024, 1, 1), dt.date(2024, 1, 7)) == "2024-01-01/2024-01-07"


@pytest.mark.parametrize(
    ("sentence", "future"),
    [
        ("The council will vote on Tuesday.", True),
        ("Work is expected to start in May.", True),
        ("The council voted on Tuesday.", False),
        ("Willow trees lined the road.", False),
    ],
)
def test_future_words_are_found_as_whole_words(sentence: str, future: bool) -> None:
    assert bool(FUTURE.search(sentence)) is future
