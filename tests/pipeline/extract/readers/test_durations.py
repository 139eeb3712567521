"""Durations and race times (readers/durations.py)."""

from __future__ import annotations

import datetime as dt

from claims.pipeline.extract.readers.durations import read_race_time, read_time_word, read_vague, time_after
from tests.pipeline.extract.readers.scan import hit, read_after

FRIDAY = dt.date(2024, 3, 15)


def test_a_race_time_is_read_in_seconds() -> None:
    ctx, match = hit("She won in 2:03:59 on a cold morning.", "2:03")
    (draft,) = read_race_time(ctx, match)
    assert (draft.kind, draft.value, draft.unit) == ("quantity", 7439.0, "seconds")


def test_a_race_time_ahead_of_another_is_a_margin() -> None:
    ctx, match = hit("He finished 1:02 minutes ahead of the pack.", "1:02")
    (draft,) = read_race_time(ctx, match)
    assert (draft.kind, draft.value) == ("duration", 62.0)


def test_half_an_hour_is_a_duration_and_a_minute_later_is_a_manner_of_speaking() -> None:
    ctx, match = hit("The talks lasted half an hour.", "half")
    assert [(d.value, d.unit) for d in read_time_word(ctx, match)] == [(0.5, "hours")]
    ctx, match = hit("A minute later the lights went out.", "A minute")
    assert read_time_word(ctx, match) == []


def test_several_years_is_a_duration_without_a_value() -> None:
    ctx, match = hit("It took several years to finish.", "several")
    (draft,) = read_vague(ctx, match)
    assert (draft.kind, draft.value, draft.unit, draft.hedge) == ("duration", None, "years", "approx")


def test_years_old_is_an_age_and_weeks_ago_a_date_before_publication() -> None:
    drafts = read_after(time_after, "The 45 years old bridge closed.", "45", 45.0)
    assert [(d.head, d.unit) for d in drafts] == [("age", "years")]
    drafts = read_after(time_after, "It opened 3 weeks ago.", "3", 3.0, published=FRIDAY)
    assert [d.normalized for d in drafts] == ["2024-02-23"]


def test_hours_and_seconds_of_one_time_are_summed() -> None:
    drafts = read_after(time_after, "The record stands at 2 hours, 35 seconds.", "2", 2.0)
    assert [(d.value, d.unit) for d in drafts] == [(7235.0, "seconds")]
