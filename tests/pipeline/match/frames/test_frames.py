"""Whole frames: what keeps two figures apart, when they are time-shifted or in conflict, the subject line."""

from __future__ import annotations

import datetime as dt

from claims.pipeline.match.frames import (
    Frame,
    frame_of,
    frames_conflict,
    frames_shifted,
    group_subject,
    subject_line,
    why_apart,
)

MONDAY = dt.date(2025, 3, 10)
THURSDAY = dt.date(2025, 3, 13)


def frame(
    text: str,
    sentence: str,
    *,
    value: float,
    published: dt.date = MONDAY,
    kind: str = "count",
    unit: str = "",
    hedge: str = "exact",
) -> Frame:
    return frame_of(text=text, sentence=sentence, kind=kind, value=value, unit=unit, hedge=hedge, published=published)


def test_a_toll_on_monday_and_on_thursday_is_time_shifted_not_in_conflict() -> None:
    monday = frame("80 people", "The floods in Valdora killed 80 people.", value=80)
    thursday = frame(
        "212", "The death toll in Valdora has risen to 212.", value=212, published=THURSDAY, kind="quantity"
    )
    assert why_apart(monday, thursday) == ""
    assert frames_conflict(monday, thursday) is True
    assert frames_shifted(monday, thursday)


def test_two_tolls_reported_the_same_day_with_other_values_conflict() -> None:
    a = frame("80 people", "The floods killed 80 people.", value=80)
    b = frame("95 people", "At least 95 people died in the floods, the agency said.", value=95, hedge="exact")
    assert frames_conflict(a, b) is True
    assert not frames_shifted(a, b)


def test_the_dead_and_the_missing_are_kept_apart() -> None:
    dead = frame("80 people", "The floods killed 80 people.", value=80)
    missing = frame("80 people", "Some 80 people are missing after the floods.", value=80)
    assert why_apart(dead, missing) == "measure"


def test_a_magnitude_does_not_move_so_other_dates_do_not_shift_it() -> None:
    a = frame("6.1", "A magnitude 6.1 quake struck.", value=6.1, kind="quantity")
    b = frame("6.4", "The magnitude 6.4 quake struck.", value=6.4, published=THURSDAY, kind="quantity")
    assert not frames_shifted(a, b)


def test_the_subject_line_names_measure_owner_and_day() -> None:
    a = frame("80 people", "The floods in Valdora killed 80 people.", value=80)
    assert subject_line(a) == "Deaths, Valdora, as of 10 Mar 2025"
    b = frame("212", "The death toll in Valdora has risen to 212.", value=212, published=THURSDAY, kind="quantity")
    assert group_subject([a, b]) == "Deaths, Valdora, as of 10 Mar to 13 Mar 2025"
    assert group_subject([]) == ""


def test_the_subject_line_says_the_period_in_words() -> None:
    a = frame("512,000", "Arrivals rose to 512,000 in the year to June 2024.", value=512_000, kind="quantity")
    assert "year to Jun 2024" in subject_line(a)


def test_a_share_with_a_fifth_counted_and_with_nearly_all_counted_is_time_shifted() -> None:
    early = frame("41%", "With a fifth of the votes counted, Mora led with 41% of the vote.", value=41, kind="percent")
    late = frame("44%", "With nearly all votes counted, Mora had 44% of the vote.", value=44, kind="percent")
    assert why_apart(early, late) == ""
    assert frames_conflict(early, late) is True
    assert frames_shifted(early, late)
