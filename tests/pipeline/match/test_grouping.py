"""Which claims of several articles are grouped as one fact, on hand-made examples."""

from __future__ import annotations

import datetime as dt

from claims.pipeline.match.blocking import blocking_keys
from claims.pipeline.match.grouping import group_claims
from claims.pipeline.match.records import ClaimRecord
from claims.pipeline.match.scoring import match_score
from claims.pipeline.match.values import value_range
from tests.pipeline.match.examples import DAY, claim, grouped_together


def test_unrelated_figures_with_the_same_value_are_not_grouped() -> None:
    museum = claim(
        1,
        "The art museum reopened in 2019 after a long renovation of its west wing.",
        "2019",
        kind="date",
        value=2019,
        unit="year",
        normalized="2019",
    )
    striker = claim(
        2,
        "The striker signed for the harbour club in 2019 and scored twice on debut.",
        "2019",
        kind="date",
        value=2019,
        unit="year",
        normalized="2019",
    )
    bridge = claim(
        3,
        "The new footbridge is 40 metres long and opens to walkers next spring.",
        "40 metres",
        kind="quantity",
        value=40,
        unit="metres",
    )
    nurses = claim(
        4,
        "The clinic hired 40 nurses to cope with the winter surge in patients.",
        "40 nurses",
        kind="count",
        value=40,
        unit="nurses",
    )
    assert match_score(museum, striker) < 0.16
    assert match_score(bridge, nurses) == 0.0
    assert group_claims([museum, striker, bridge, nurses]) == []


def test_an_article_does_not_contradict_itself_inside_a_group() -> None:
    first = claim(
        1,
        "The ferry line between the two islands closed in 2021 after years of losses.",
        "2021",
        kind="date",
        value=2021,
        unit="year",
        normalized="2021",
    )
    same_article_other_year = claim(
        1,
        "The ferry line between the two islands opened in 1998.",
        "1998",
        kind="date",
        value=1998,
        unit="year",
        normalized="1998",
    )
    other = claim(
        2,
        "The island ferry line closed in 2021, ending decades of service.",
        "2021",
        kind="date",
        value=2021,
        unit="year",
        normalized="2021",
    )
    groups = group_claims([first, same_article_other_year, other])
    assert grouped_together(groups, first, other)
    assert not any(same_article_other_year.id in group for group in groups)


def test_a_factory_visit_and_a_summit_in_the_same_year_are_not_grouped() -> None:
    visit = claim(
        1,
        "The minister toured the battery factory in Dresden in 2019, promising new subsidies.",
        "2019",
        kind="date",
        value=2019,
        unit="year",
        normalized="2019",
    )
    summit = claim(
        2,
        "The minister attended a climate summit in Nairobi in 2019 and promised new subsidies.",
        "2019",
        kind="date",
        value=2019,
        unit="year",
        normalized="2019",
    )
    assert match_score(visit, summit) < 0.16
    assert group_claims([visit, summit]) == []


def test_the_same_place_and_event_in_the_same_year_are_grouped() -> None:
    first = claim(
        1,
        "The minister toured the battery factory in Dresden in 2019, promising new subsidies.",
        "2019",
        kind="date",
        value=2019,
        unit="year",
        normalized="2019",
    )
    second = claim(
        2,
        "During a tour of the Dresden battery factory in 2019, the minister pledged support.",
        "2019",
        kind="date",
        value=2019,
        unit="year",
        normalized="2019",
    )
    assert grouped_together(group_claims([first, second]), first, second)


def test_dozens_of_encounters_is_compatible_with_a_count_of_meetings() -> None:
    vague = claim(
        1,
        "Over dozens of encounters, the two negotiating teams built a working trust.",
        "dozens of",
        kind="count",
        value=None,
        unit="encounters",
        hedge="approx",
    )
    counted = claim(
        2,
        "The two negotiating teams have met about 30 times, building a working trust.",
        "30 times",
        kind="count",
        value=30,
        unit="meetings",
        hedge="approx",
    )
    too_few = claim(
        3,
        "The two negotiating teams have met 5 times, building a working trust.",
        "5 times",
        kind="count",
        value=5,
        unit="meetings",
    )
    assert value_range(vague) == (24.0, 99.0)
    assert grouped_together(group_claims([vague, counted]), vague, counted)
    assert match_score(vague, too_few) == 0.0  # five is not dozens


def test_dates_that_only_name_the_period_of_a_statistic_are_not_lined_up() -> None:
    first = claim(
        1,
        "Ferry passengers rose to 3.1 million in the year to March 2024, the port said.",
        "March 2024",
        kind="date",
        value=2024,
        unit="date",
        normalized="2024-03",
    )
    second = claim(
        2,
        "The port handled 3.1 million ferry passengers in the year to March 2024.",
        "March 2024",
        kind="date",
        value=2024,
        unit="date",
        normalized="2024-03",
    )
    assert match_score(first, second) > 0  # still compared, so each brings the other's neighbours
    assert group_claims([first, second]) == []


def test_dates_of_one_event_still_line_up() -> None:
    first = claim(
        1,
        "The new harbour bridge opened to traffic in March 2024 after years of delay.",
        "March 2024",
        kind="date",
        value=2024,
        unit="date",
        normalized="2024-03",
    )
    second = claim(
        2,
        "The harbour bridge opened in March 2024, three years late.",
        "March 2024",
        kind="date",
        value=2024,
        unit="date",
        normalized="2024-03",
    )
    assert grouped_together(group_claims([first, second]), first, second)


def test_a_figure_read_in_its_articles_carried_period_stays_apart_from_another_periods_figure() -> None:
    earlier = claim(
        1,
        "The agency said ferry passengers were 2.8 million, before its revision.",
        "2.8 million",
        kind="count",
        value=2.8e6,
        unit="passengers",
    )
    later = claim(
        2,
        "The agency said ferry passengers were 3.1 million, before its revision.",
        "3.1 million",
        kind="count",
        value=3.1e6,
        unit="passengers",
    )
    assert grouped_together(group_claims([earlier, later]), earlier, later)  # no period stated: one figure
    dated_earlier = ClaimRecord(**{**earlier.__dict__, "context_period": "12m:2023-03"})
    dated_later = ClaimRecord(**{**later.__dict__, "context_period": "12m:2024-03"})
    assert group_claims([dated_earlier, dated_later]) == []


def test_one_precise_measurement_worded_apart_shares_a_blocking_key_and_links() -> None:
    ahead = claim(
        1,
        "The cyclist crossed the line 4:13 minutes ahead of the pack after a long solo attack.",
        "4:13 minutes",
        kind="duration",
        value=253,
        unit="seconds",
    )
    behind = claim(
        2,
        "Her nearest rival, a former champion, was four minutes and 13 seconds behind her.",
        "four minutes and 13 seconds",
        kind="duration",
        value=253,
        unit="seconds",
    )
    assert set(blocking_keys(ahead)) & set(blocking_keys(behind))
    assert grouped_together(group_claims([ahead, behind]), ahead, behind)


def test_one_sentence_giving_two_tolls_compares_two_facts_and_never_joins_them() -> None:
    s1 = "The floods have killed 42 people, the deadliest since floods killed 310 people in the same valley."
    first_now = claim(1, s1, "42 people", kind="count", value=42, unit="people")
    first_then = claim(1, s1, "310 people", kind="count", value=310, unit="people")
    s2 = "The floods have killed 42 people in the valley, officials said, the deadliest since 310 people died."
    second_now = claim(2, s2, "42 people", kind="count", value=42, unit="people")
    second_then = claim(2, s2, "310 people", kind="count", value=310, unit="people")
    groups = group_claims([first_now, first_then, second_now, second_then])
    assert not grouped_together(groups, first_now, first_then)
    assert not grouped_together(groups, second_now, second_then)


def test_an_article_lowering_a_toll_in_a_later_sentence_still_gives_one_count_at_two_times() -> None:
    early = claim(
        1,
        "Officials had said 900 people were killed in the floods.",
        "900 people",
        kind="count",
        value=900,
        unit="people",
    )
    late = claim(
        1, "On Friday officials lowered the death toll from the floods to 450.", "450", kind="count", value=450, unit=""
    )
    other = claim(
        2,
        "The death toll from the floods stood at 450 on Friday, after 900 people were reported killed.",
        "450",
        kind="count",
        value=450,
        unit="",
    )
    other_early = claim(
        2,
        "The death toll from the floods stood at 450 on Friday, after 900 people were reported killed.",
        "900 people",
        kind="count",
        value=900,
        unit="people",
    )
    groups = group_claims([early, late, other, other_early])
    assert grouped_together(groups, late, other)


def test_two_precise_times_that_differ_are_two_races_and_never_join() -> None:
    spring = claim(
        1,
        "Ada Moss won the Lakeside Half in the spring in 1:04:12 on a windy course.",
        "1:04:12",
        kind="quantity",
        value=3852,
        unit="seconds",
    )
    autumn = claim(
        2,
        "Ada Moss won the Lakeside Half on Sunday in 1:03:40, a course record.",
        "1:03:40",
        kind="quantity",
        value=3820,
        unit="seconds",
    )
    same = claim(
        3,
        "Moss crossed the Lakeside Half finish line in 1:03:40 on Sunday.",
        "1:03:40",
        kind="quantity",
        value=3820,
        unit="seconds",
    )
    assert match_score(spring, autumn) == 0.0
    assert match_score(autumn, same) > 0.16
    groups = group_claims([spring, autumn, same])
    assert grouped_together(groups, autumn, same)
    assert not any(spring.id in group for group in groups)


def test_a_toll_that_grows_tenfold_stays_one_count_but_a_later_tiny_one_is_another_fact() -> None:
    first = claim(
        1,
        "The floods in the northern valley killed 40 people, rescue officials said.",
        "40 people",
        kind="count",
        value=40,
        unit="people",
        published=DAY,
    )
    grown = claim(
        2,
        "The death toll from the northern valley floods has risen to 1,180, officials said.",
        "1,180",
        kind="count",
        value=1180,
        unit="people",
        published=DAY + dt.timedelta(days=2),
    )
    later_small = claim(
        3,
        "Officials in the northern valley said two people died in a landslide on Friday.",
        "two people",
        kind="count",
        value=2,
        unit="people",
        published=DAY + dt.timedelta(days=5),
    )
    assert match_score(first, grown) > 0.16
    assert match_score(grown, later_small) == 0.0  # a count does not fall from over a thousand to two
    groups = group_claims([first, grown, later_small])
    assert grouped_together(groups, first, grown)
    assert not any(later_small.id in group for group in groups)
