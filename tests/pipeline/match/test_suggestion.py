"""How the sources of one fact group relate (agree, conflict, time-shifted), on hand-made examples."""

from __future__ import annotations

import datetime as dt

from claims.pipeline.match.grouping import group_claims
from claims.pipeline.match.scoring import match_score
from claims.pipeline.match.suggestion import suggest_relation
from tests.pipeline.match.examples import DAY, claim, grouped_together


def test_budget_reported_by_three_outlets_with_one_conflicting_is_a_conflict() -> None:
    first = claim(
        1,
        "The regional assembly approved a budget of $4.2 billion for the new hospital network on Monday.",
        "$4.2 billion",
        kind="money",
        value=4.2e9,
        unit="USD",
    )
    second = claim(
        2,
        "Lawmakers in the regional assembly passed a $4.2 billion budget for the hospital network.",
        "$4.2 billion",
        kind="money",
        value=4.2e9,
        unit="USD",
    )
    third = claim(
        3,
        "The hospital network budget approved by the regional assembly totals $4.5 billion.",
        "$4.5 billion",
        kind="money",
        value=4.5e9,
        unit="USD",
    )
    groups = group_claims([first, second, third])
    assert grouped_together(groups, first, second, third)
    suggestion = suggest_relation([first, second, third])
    assert suggestion.relation == "conflict"
    assert "against" in suggestion.reason and "4,200,000,000" in suggestion.reason
    assert suggestion.origins == 3


def test_same_budget_from_two_outlets_agrees() -> None:
    first = claim(
        1,
        "The regional assembly approved a budget of $4.2 billion for the new hospital network.",
        "$4.2 billion",
        kind="money",
        value=4.2e9,
        unit="USD",
    )
    second = claim(
        2,
        "Lawmakers passed a $4.2 billion budget for the regional hospital network.",
        "$4.2 billion",
        kind="money",
        value=4.2e9,
        unit="USD",
    )
    suggestion = suggest_relation([first, second])
    assert suggestion.relation == "agree"
    assert suggestion.subject.startswith("Amount")
    assert suggestion.reason.startswith(f"{suggestion.subject}: 2 sources give")


def test_casualty_count_reported_a_week_apart_is_time_shifted() -> None:
    early = claim(
        1,
        "At least 120 people have died in the floods in the northern valley, rescue officials said.",
        "At least 120 people",
        kind="count",
        value=120,
        unit="people",
        hedge="at_least",
        published=DAY,
    )
    late = claim(
        2,
        "The number of people who died in the northern valley floods has risen to 180, officials said.",
        "180",
        kind="count",
        value=180,
        unit="people",
        published=DAY + dt.timedelta(days=7),
    )
    assert grouped_together(group_claims([early, late]), early, late)
    suggestion = suggest_relation([early, late])
    assert suggestion.relation == "time_shifted"
    assert "at least 120" in suggestion.reason and "180" in suggestion.reason
    assert "different times" in suggestion.reason
    assert "2024-05-06" in suggestion.reason and "2024-05-13" in suggestion.reason


def test_counts_with_different_explicit_time_frames_are_time_shifted() -> None:
    earlier = claim(
        1,
        "Over the past three years, the two ministers have met nearly 15 times.",
        "15 times",
        kind="count",
        value=15,
        unit="meetings",
        hedge="at_most",
    )
    later = claim(
        2,
        "The ministers have met about 25 times since the trade pact was signed in 2016.",
        "25 times",
        kind="count",
        value=25,
        unit="meetings",
        hedge="approx",
    )
    suggestion = suggest_relation([earlier, later])
    assert suggestion.relation == "time_shifted"
    assert "over the past three years" in suggestion.reason.lower()


def test_copies_of_one_wire_story_count_as_one_origin() -> None:
    sentence = "The storm knocked out power to 250,000 homes across the coastal district overnight."
    wire = claim(1, sentence, "250,000 homes", kind="count", value=250000, unit="homes", origin=1)
    copy = claim(2, sentence, "250,000 homes", kind="count", value=250000, unit="homes", origin=1)
    assert match_score(wire, copy) > 0.9
    assert grouped_together(group_claims([wire, copy]), wire, copy)
    suggestion = suggest_relation([wire, copy])
    assert suggestion.relation == "agree"
    assert suggestion.origins == 1
    assert "one origin, 2 copies" in suggestion.reason


def test_count_and_ordinal_of_the_same_noun_agree() -> None:
    ordinal = claim(
        1,
        "Saturday's flight was the company's 25th launch from the desert spaceport.",
        "25th launch",
        kind="ordinal",
        value=25,
        unit="launches",
    )
    total = claim(
        2,
        "The company has now carried out about 25 launches from the desert spaceport.",
        "about 25 launches",
        kind="count",
        value=25,
        unit="launches",
        hedge="approx",
    )
    assert match_score(ordinal, total) > 0.3
    assert grouped_together(group_claims([ordinal, total]), ordinal, total)
    assert suggest_relation([ordinal, total]).relation == "agree"


def test_ten_years_and_a_decade_are_the_same_span() -> None:
    years = claim(
        1,
        "Ten years after the dam was completed, the reservoir behind it is still half empty.",
        "Ten years",
        kind="duration",
        value=10,
        unit="years",
    )
    decade = claim(
        2,
        "A decade after the dam's completion, its reservoir remains half empty.",
        "A decade",
        kind="duration",
        value=1,
        unit="decade",
    )
    assert match_score(years, decade) > 0.3
    assert grouped_together(group_claims([years, decade]), years, decade)
    assert suggest_relation([years, decade]).relation == "agree"


def test_a_year_and_a_month_of_that_year_are_compatible() -> None:
    year = claim(
        1,
        "The ferry line between the two islands closed in 2021 after years of losses.",
        "2021",
        kind="date",
        value=2021,
        unit="year",
        normalized="2021",
    )
    month = claim(
        2,
        "The island ferry line closed in March 2021, ending decades of service.",
        "March 2021",
        kind="date",
        value=2021,
        unit="year",
        normalized="2021-03",
    )
    assert grouped_together(group_claims([year, month]), year, month)
    assert suggest_relation([year, month]).relation == "agree"


def test_different_years_for_one_event_conflict() -> None:
    first = claim(
        1,
        "The ferry line between the two islands closed in 2021 after years of losses.",
        "2021",
        kind="date",
        value=2021,
        unit="year",
        normalized="2021",
    )
    second = claim(
        2,
        "The island ferry line closed in 2020 after years of losses, the operator said.",
        "2020",
        kind="date",
        value=2020,
        unit="year",
        normalized="2020",
    )
    assert grouped_together(group_claims([first, second]), first, second)
    suggestion = suggest_relation([first, second])
    assert suggestion.relation == "conflict"
    assert suggestion.reason == "Date: 2020 against 2021"


def test_relative_dates_resolved_to_the_same_month_match() -> None:
    relative = claim(
        1,
        "Last month the port authority opened a second container terminal.",
        "Last month",
        kind="date",
        value=None,
        unit="date",
        normalized="2024-04",
        published=DAY,
    )
    named = claim(
        2,
        "The port authority's second container terminal opened in April.",
        "April",
        kind="date",
        value=None,
        unit="date",
        normalized="2024-04",
        published=DAY,
    )
    assert grouped_together(group_claims([relative, named]), relative, named)
    assert suggest_relation([relative, named]).relation == "agree"


def test_claims_of_one_article_are_never_grouped_alone() -> None:
    sentence = "The council approved 12 new bus routes and 12 new cycle lanes for the city centre."
    routes = claim(1, sentence, "12 new bus routes", kind="count", value=12, unit="routes")
    lanes = claim(1, sentence, "12 new cycle lanes", kind="count", value=12, unit="routes")
    assert group_claims([routes, lanes]) == []
    assert suggest_relation([routes]).relation == "single"


def test_one_appointment_dated_differently_by_two_outlets_conflicts_rather_than_matching_an_equal_year() -> None:
    appointed = claim(
        1,
        "Maria Lopez has cut costs sharply since she took over as chief executive in 2019.",
        "2019",
        kind="date",
        value=2019,
        unit="year",
        normalized="2019",
    )
    factory_visit = claim(
        1,
        "Lopez made her first visit as chief executive to the Porto factory in 2020.",
        "2020",
        kind="date",
        value=2020,
        unit="year",
        normalized="2020",
    )
    other_outlet = claim(
        2,
        "Lopez, who became chief executive of the airline in 2020, has cut costs sharply.",
        "2020",
        kind="date",
        value=2020,
        unit="year",
        normalized="2020",
    )
    groups = group_claims([appointed, factory_visit, other_outlet])
    assert grouped_together(groups, appointed, other_outlet)
    assert not any(factory_visit.id in group for group in groups)
    assert match_score(appointed, other_outlet) > match_score(factory_visit, other_outlet)
    assert group_claims([factory_visit, other_outlet]) == []  # the same year, but a visit is no appointment
    suggestion = suggest_relation([appointed, other_outlet])
    assert suggestion.relation == "conflict"
    assert suggestion.reason == "Date: 2019 against 2020"


def test_days_of_a_strike_fall_inside_its_stated_range_and_agree() -> None:
    strike_range = claim(
        1,
        "Dock workers held a strike on March 3-5 that closed the container port.",
        "March 3-5",
        kind="date",
        value=None,
        unit="date",
        normalized="2025-03-03/2025-03-05",
        published=dt.date(2025, 3, 7),
    )
    pickets = claim(
        2,
        "Pickets blocked the port gates on Monday, before the union met port managers on Tuesday.",
        "Monday",
        kind="date",
        value=None,
        unit="date",
        normalized="2025-03-03",
        published=dt.date(2025, 3, 6),
    )
    talks = claim(
        2,
        "Pickets blocked the port gates on Monday, before the union met port managers on Tuesday.",
        "Tuesday",
        kind="date",
        value=None,
        unit="date",
        normalized="2025-03-04",
        published=dt.date(2025, 3, 6),
    )
    outside = claim(
        3,
        "The ferry crews walked out on Friday over a separate pay claim.",
        "Friday",
        kind="date",
        value=None,
        unit="date",
        normalized="2025-03-14",
        published=dt.date(2025, 3, 15),
    )
    groups = group_claims([strike_range, pickets, talks, outside])
    assert grouped_together(groups, strike_range, pickets, talks)
    assert not any(outside.id in group for group in groups)
    suggestion = suggest_relation([strike_range, pickets, talks])
    assert suggestion.relation == "agree"  # two days of one strike are no contradiction


def test_two_different_days_without_a_range_holding_them_conflict() -> None:
    first = claim(
        1,
        "The bridge reopened to traffic on Monday after repairs.",
        "Monday",
        kind="date",
        value=None,
        unit="date",
        normalized="2025-03-03",
    )
    second = claim(
        2,
        "The bridge reopened to traffic on Tuesday after repairs.",
        "Tuesday",
        kind="date",
        value=None,
        unit="date",
        normalized="2025-03-04",
    )
    assert suggest_relation([first, second]).relation == "conflict"


def test_counts_of_talks_and_of_meetings_are_one_count() -> None:
    meetings = claim(
        1,
        "The two negotiating teams have met 12 times since the dispute began.",
        "12 times",
        kind="count",
        value=12,
        unit="meetings",
    )
    talks = claim(
        2,
        "Since the dispute began, the negotiating teams have held 12 rounds of talks.",
        "12 rounds",
        kind="count",
        value=12,
        unit="talks",
    )
    assert grouped_together(group_claims([meetings, talks]), meetings, talks)
    assert suggest_relation([meetings, talks]).relation == "agree"


def test_two_consistent_readings_stated_as_before_the_open_and_at_the_close_are_time_shifted() -> None:
    early = claim(
        1,
        "Harbour Freight shares rose about 12% in pre-market trading after the takeover news.",
        "12%",
        kind="percent",
        value=12,
        unit="percent",
        hedge="approx",
    )
    close = claim(
        2,
        "Harbour Freight shares closed up 11% after the takeover news.",
        "11%",
        kind="percent",
        value=11,
        unit="percent",
    )
    assert suggest_relation([early, close]).relation == "time_shifted"


def test_a_revision_gap_reported_twice_still_agrees() -> None:
    first = claim(
        1,
        "The agency revised its ferry passenger estimate upwards by 166,000 to 3.1 million.",
        "166,000",
        kind="count",
        value=166_000,
        unit="",
    )
    second = claim(
        2,
        "Ferry passengers were 166,000 higher than the initial estimate, the agency said.",
        "166,000",
        kind="count",
        value=166_000,
        unit="",
    )
    assert suggest_relation([first, second]).relation == "agree"


def test_the_previous_record_against_the_new_one_is_the_same_measure_at_another_time() -> None:
    new = claim(
        1,
        "Ada Moss won the Lakeside Half in 1:03:40, a course record.",
        "1:03:40",
        kind="quantity",
        value=3820,
        unit="seconds",
    )
    old = claim(
        2,
        "Moss cut 32 seconds off the previous record of 1:04:12 set by Lena Ott at the Lakeside Half.",
        "1:04:12",
        kind="quantity",
        value=3852,
        unit="seconds",
    )
    assert match_score(new, old) > 0.0
    assert suggest_relation([new, old]).relation == "time_shifted"
