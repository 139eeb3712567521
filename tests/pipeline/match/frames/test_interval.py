"""Value intervals from hedges and rounding precision."""

from __future__ import annotations

import pytest

from claims.pipeline.match.frames.interval import interval_of, overlap, precision_of


def test_precision_follows_the_written_digits_but_never_coarser_than_the_second() -> None:
    assert precision_of(2445) == 1
    assert precision_of(906_000) == 1000
    assert precision_of(2000) == 100
    assert precision_of(6.3) == pytest.approx(0.1)
    assert precision_of(40) == 1


def test_nearly_forty_covers_thirty_nine_point_six_but_not_forty_one() -> None:
    nearly = interval_of(40, hedge="at_most")
    assert nearly is not None
    assert overlap(nearly, interval_of(39.6, hedge="exact") or (0, 0))
    assert not overlap(nearly, interval_of(41, hedge="exact") or (0, 0))


def test_more_than_two_thousand_agrees_with_two_thousand_and_fifty_three_not_with_fourteen_hundred() -> None:
    more = interval_of(2000, hedge="at_least")
    assert more is not None
    assert overlap(more, interval_of(2053, hedge="exact") or (0, 0))
    assert not overlap(more, interval_of(1400, hedge="exact") or (0, 0))


def test_neighbouring_whole_numbers_do_not_overlap() -> None:
    assert not overlap(interval_of(2, hedge="exact") or (0, 0), interval_of(1, hedge="exact") or (0, 0))


def test_miles_and_kilometres_are_compared_in_metres() -> None:
    miles = interval_of(26.2, hedge="exact", unit="miles")
    km = interval_of(42.195, hedge="exact", unit="km")
    assert miles is not None and km is not None
    assert overlap(miles, km)
    assert not overlap(
        interval_of(25, hedge="exact", unit="miles") or (0, 0), interval_of(35, hedge="exact", unit="km") or (0, 0)
    )


def test_no_value_gives_no_interval() -> None:
    assert interval_of(None, hedge="exact") is None
