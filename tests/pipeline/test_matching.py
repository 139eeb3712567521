"""Cross-source matching on hand-made multi-article examples (none taken from the seeds)."""

from __future__ import annotations

import datetime as dt
from itertools import count

from claims.pipeline.matching import (
    MATCHER_VERSION,
    ClaimRecord,
    blocking_keys,
    event_term,
    group_claims,
    match_score,
    shortlist_candidates,
    specific_value,
    stem,
    suggest_relation,
    value_range,
)

_ids = count(1)
DAY = dt.date(2024, 5, 6)


def claim(
    article: int,
    sentence: str,
    text: str,
    *,
    kind: str,
    value: float | None,
    unit: str,
    hedge: str = "exact",
    normalized: str = "",
    published: dt.date | None = DAY,
    origin: int | None = None,
    subject: tuple[str, ...] = (),
) -> ClaimRecord:
    assert text in sentence
    return ClaimRecord(
        id=next(_ids),
        article_id=article,
        origin_id=article if origin is None else origin,
        published=published,
        kind=kind,
        value=value,
        unit=unit,
        hedge=hedge,
        normalized=normalized,
        text=text,
        sentence=sentence,
        subject=subject,
    )


def grouped_together(groups: list[list[int]], *claims: ClaimRecord) -> bool:
    return any({c.id for c in claims} <= set(group) for group in groups)


def test_matcher_has_a_version() -> None:
    assert MATCHER_VERSION


def test_light_stemming_joins_inflections_and_derivations() -> None:
    assert stem("invade") == stem("invasion") == stem("invaded")
    assert stem("visit") == stem("visits") == stem("visited")
    assert stem("meeting") == stem("met") == stem("meetings")
    assert stem("presidency") == stem("president")
    assert stem("budget") != stem("bridge")


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


def test_claims_of_one_article_are_never_grouped_alone() -> None:
    sentence = "The council approved 12 new bus routes and 12 new cycle lanes for the city centre."
    routes = claim(1, sentence, "12 new bus routes", kind="count", value=12, unit="routes")
    lanes = claim(1, sentence, "12 new cycle lanes", kind="count", value=12, unit="routes")
    assert group_claims([routes, lanes]) == []
    assert suggest_relation([routes]).relation == "single"


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


def test_matching_claims_share_a_short_blocking_key() -> None:
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
        "The hospital network budget approved by the regional assembly totals $4.5 billion.",
        "$4.5 billion",
        kind="money",
        value=4.5e9,
        unit="USD",
    )
    keys_first, keys_second = blocking_keys(first), blocking_keys(second)
    words_first = [key for key in keys_first if "#" not in key]
    assert set(words_first) & set(keys_second)  # words meet, so a conflicting figure still finds its match
    assert all(len(key) <= 120 for key in keys_first + keys_second)
    assert not any("4.2" in key or "4200000000" in key for key in words_first)  # only the value key has it
    percent = claim(3, "Unemployment fell to 4.1% in March.", "4.1%", kind="percent", value=4.1, unit="percent")
    assert not set(blocking_keys(percent)) & set(keys_first)  # another kind family never shares a key


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


def test_an_event_noun_and_its_verb_share_a_class() -> None:
    assert event_term("talks") == event_term("met") == event_term("encounters") == "meeting"
    assert event_term("invasion") == event_term("attacked") == "armed-conflict"
    assert event_term("harbour") == stem("harbour")


def test_the_shortlist_prefers_candidates_sharing_rare_keys_over_common_ones() -> None:
    ids_by_key = {
        "count|people": list(range(100, 130)),  # a key every count of people carries: weak evidence
        "count|harbourmaster": [7],  # a rare word: strong evidence
        "count|ferries": [7, 8, 9],
    }
    shortlist = shortlist_candidates(["count|people", "count|harbourmaster", "count|ferries"], ids_by_key, limit=4)
    assert shortlist[:3] == [7, 9, 8]  # rare keys first; equal weight goes to the newest (highest id)
    assert shortlist[3] == 129
    assert len(shortlist) == 4


def test_the_shortlist_never_grows_past_its_limit_however_long_the_posting_lists() -> None:
    ids_by_key = {f"count|w{n}": list(range(n * 1000, n * 1000 + 30)) for n in range(8)}
    assert len(shortlist_candidates(list(ids_by_key), ids_by_key, limit=16)) == 16
    assert shortlist_candidates(["count|unknown"], ids_by_key, limit=16) == []


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


def test_one_precise_distance_in_miles_and_in_kilometres_shares_a_blocking_key() -> None:
    miles = claim(
        1, "Walkers set off on the 13.1-mile course at dawn.", "13.1-mile", kind="quantity", value=13.1, unit="mile"
    )
    km = claim(
        2, "The charity said the 21.1km loop raised record sums.", "21.1km", kind="quantity", value=21.1, unit="km"
    )
    assert set(blocking_keys(miles)) & set(blocking_keys(km))


def test_a_round_figure_gets_no_value_blocking_key() -> None:
    round_figure = claim(1, "Organisers expect 20 teams to enter.", "20 teams", kind="count", value=20, unit="teams")
    other = claim(2, "Police closed 20 roads around the park.", "20 roads", kind="count", value=20, unit="roads")
    assert not {k for k in blocking_keys(round_figure) if "#" in k} & set(blocking_keys(other))


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
