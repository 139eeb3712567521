"""The pairwise match score and the precise-value bonus."""

from __future__ import annotations

from claims.pipeline.match.scoring import match_score, specific_value
from tests.pipeline.match.examples import claim


def test_match_score_is_symmetric_and_bounded() -> None:
    a = claim(
        1,
        "Unemployment fell to 4.1% in March, the statistics office said.",
        "4.1%",
        kind="percent",
        value=4.1,
        unit="percent",
    )
    b = claim(
        2, "The jobless rate dropped to 4.1 percent in March.", "4.1 percent", kind="percent", value=4.1, unit="percent"
    )
    assert match_score(a, b) == match_score(b, a)
    assert 0.0 <= match_score(a, b) <= 1.0


def test_a_precise_figure_is_specific_and_a_round_one_is_not() -> None:
    assert all(specific_value(v) for v in (207, 2445, 42.195, 14.9e9, 23))
    assert not any(specific_value(v) for v in (20, 2, 25, 1500))
    assert not specific_value(None)


def test_the_same_precise_margin_worded_differently_scores_higher_than_a_different_one() -> None:
    ahead = claim(
        1,
        "The Harbour Cup skipper crossed the line 3:27 minutes ahead of the defending champion.",
        "3:27 minutes",
        kind="duration",
        value=207,
        unit="seconds",
    )
    behind = claim(
        2,
        "The defending champion of the Harbour Cup finished three minutes and 27 seconds behind.",
        "three minutes and 27 seconds",
        kind="duration",
        value=207,
        unit="seconds",
    )
    other = claim(
        3,
        "The defending champion of the Harbour Cup finished three minutes and 41 seconds behind.",
        "three minutes and 41 seconds",
        kind="duration",
        value=221,
        unit="seconds",
    )
    assert match_score(ahead, behind) > match_score(ahead, other)


def test_one_precise_distance_in_two_units_earns_the_same_value_bonus() -> None:
    miles = claim(
        1,
        "She set a course best over the 26.2-mile route along the Harbour Loop.",
        "26.2-mile",
        kind="quantity",
        value=26.2,
        unit="mile",
    )
    km = claim(
        2,
        "Runners on the Harbour Loop cover 42.195km from the pier.",
        "42.195km",
        kind="quantity",
        value=42.195,
        unit="km",
    )
    shorter = claim(
        3, "Runners on the Harbour Loop cover 21.1km from the pier.", "21.1km", kind="quantity", value=21.1, unit="km"
    )
    assert match_score(miles, km) > match_score(miles, shorter)  # half the distance earns no bonus


def test_a_precise_time_outside_a_rough_bound_is_another_fact() -> None:
    precise = claim(
        1,
        "Ada Moss won the Lakeside Half in 1:04:12 on a windy course.",
        "1:04:12",
        kind="quantity",
        value=3852,
        unit="seconds",
    )
    bound = claim(
        2,
        "Ada Moss became the first woman to run the Lakeside Half in under 1:04.",
        "1:04",
        kind="quantity",
        value=3840,
        unit="seconds",
        hedge="at_most",
    )
    assert match_score(precise, bound) == 0.0
