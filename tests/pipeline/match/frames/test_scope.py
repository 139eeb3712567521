"""Scope slots: period, per-unit, round, subgroup, and difference against level."""

from __future__ import annotations

import datetime as dt

from claims.pipeline.match.frames.scope import (
    carried_periods,
    is_period_slot,
    is_reporting_period,
    scope_of,
    scopes_differ,
)
from claims.pipeline.match.frames.words import locate

PUBLISHED = dt.date(2025, 3, 14)


def scope(text: str, sentence: str, kind: str = "percent") -> dict[str, str]:
    return dict(scope_of(text=text, sentence=sentence, span=locate(sentence, text), kind=kind, published=PUBLISHED))


def test_growth_in_one_year_and_growth_in_another_differ_by_period() -> None:
    a = scope_of(
        text="3.1%", sentence="The economy grew 3.1% in 2022.", span=(17, 21), kind="percent", published=PUBLISHED
    )
    b = scope_of(
        text="2.4%", sentence="The economy grew 2.4% in 2023.", span=(17, 21), kind="percent", published=PUBLISHED
    )
    assert dict(a)["period"] == "2022" and dict(b)["period"] == "2023"
    assert scopes_differ(a, b) == "period"


def test_a_month_of_a_year_lies_within_that_year() -> None:
    assert scope("480,000", "Arrivals reached 480,000 in June 2024.", kind="quantity")["period"] == "2024-06"
    assert scopes_differ((("period", "2024-03"),), (("period", "2024"),)) == ""
    assert scopes_differ((("period", "2024-03"),), (("period", "2023-03"),)) == "period"


def test_twelve_months_to_june_are_not_the_calendar_year_but_twelve_months_to_december_are() -> None:
    a = scope("480,000", "Arrivals reached 480,000 in the year to March 2024.", kind="quantity")
    assert a["period"] == "12m:2024-03"
    assert scopes_differ((("period", "12m:2024-06"),), (("period", "2024"),)) == "period"
    assert scopes_differ((("period", "12m:2023-12"),), (("period", "2023"),)) == ""
    assert scopes_differ((("period", "12m:2024-06"),), (("period", "2024-06"),)) == ""


def test_the_only_period_of_a_sentence_scopes_every_figure_in_it() -> None:
    sentence = "In 2024 the agency counted 512 cases after first reporting 430."
    assert scope("430", sentence, kind="quantity")["period"] == "2024"


def test_last_year_is_the_year_before_publication() -> None:
    assert scope("7%", "Prices rose 7% last year.")["period"] == "~2024"  # loosely: any period within 2024


def test_a_price_per_share_and_a_total_differ() -> None:
    assert scope("$31", "The bid values the firm at $31 per share.", kind="money")["per"] == "share"
    assert scope("$31", "The bid pays $31 a share in cash.", kind="money")["per"] == "share"
    assert "per" not in scope("$2.4 billion", "The bid values the firm at $2.4 billion.", kind="money")


def test_the_first_round_and_the_runoff_differ() -> None:
    first = scope_of(
        text="38%", sentence="She won 38% in the first round.", span=(8, 11), kind="percent", published=PUBLISHED
    )
    runoff = scope_of(
        text="52%", sentence="She took 52% in the runoff.", span=(9, 12), kind="percent", published=PUBLISHED
    )
    assert scopes_differ(first, runoff) == "round"


def test_the_womens_race_and_the_mens_differ() -> None:
    assert scope("2:14:04", "She won the women's race in 2:14:04.", kind="quantity")["subgroup"] == "women"


def test_a_difference_is_never_the_same_fact_as_a_level() -> None:
    delta = scope_of(
        text="5,000",
        sentence="The estimate was revised up by 5,000.",
        span=(31, 36),
        kind="quantity",
        published=PUBLISHED,
    )
    level = scope_of(
        text="5,000", sentence="About 5,000 people attended.", span=(6, 11), kind="quantity", published=PUBLISHED
    )
    assert dict(delta)["delta"] == "yes"
    assert scopes_differ(delta, level) == "delta"
    assert scope("300", "Turnout was 300 higher than in the last vote.", kind="quantity")["delta"] == "yes"
    assert "delta" not in scope("300", "It killed 300 people and injured more than 900.", kind="quantity")


def test_quarters_and_halves_are_periods_within_their_year() -> None:
    assert scope("4.2%", "Sales grew 4.2% in the third quarter of 2024.")["period"] == "2024-Q3"
    assert scope("4.2%", "Sales grew 4.2% in Q2.")["period"] == "2025-Q2"  # the year of publication
    assert scope("4.2%", "Sales grew 4.2% in the first half of 2024.")["period"] == "2024-H1"
    assert "period" not in scope("61 seconds", "He ran the second half 61 seconds faster.", kind="duration")
    assert scopes_differ((("period", "2024-Q3"),), (("period", "2024-Q2"),)) == "period"
    assert scopes_differ((("period", "2024-Q3"),), (("period", "2024"),)) == ""


def test_a_sentence_without_a_period_carries_the_reporting_period_last_stated_in_its_article() -> None:
    sentences = [
        "Factory output rose to 41,000 units in the quarter to March, the agency said.",
        "Exports fell to 12,500 units in the year to December 2024.",
        "The agency said the figure was 11,900 units before it was revised.",
        "Sales were higher in 2019 and in 2021.",
        "The board met 40 times.",
    ]
    carried = carried_periods(sentences, published=PUBLISHED)
    assert carried[0] == ""  # nothing was stated before the first sentence
    assert carried[2] == "12m:2024-12"  # the year to December 2024, stated just before
    assert carried[4] == ""  # a sentence naming two years ends the carry


def test_a_plain_year_dating_an_event_is_not_carried_to_later_sentences() -> None:
    carried = carried_periods(["The mayor took office in 2019.", "She has opened 12 schools."], published=PUBLISHED)
    assert carried == ["", ""]
    assert is_reporting_period("12m:2024-06") and is_reporting_period("2024-Q3")
    assert not is_reporting_period("2019") and not is_reporting_period("2024-06")


def test_a_carried_period_fills_only_an_empty_period_slot() -> None:
    sentence = "The agency said the figure was 11,900 units."
    carried = scope_of(
        text="11,900",
        sentence=sentence,
        span=locate(sentence, "11,900"),
        kind="count",
        published=PUBLISHED,
        context_period="12m:2024-12",
    )
    assert dict(carried)["period"] == "12m:2024-12"
    own = "The figure was 11,900 units in 2023."
    stated = scope_of(
        text="11,900",
        sentence=own,
        span=locate(own, "11,900"),
        kind="count",
        published=PUBLISHED,
        context_period="12m:2024-12",
    )
    assert dict(stated)["period"] == "2023"


def test_a_date_naming_the_period_of_a_statistic_is_a_period_slot() -> None:
    sentence = "Exports reached 12,500 units in the year to December 2024."
    assert is_period_slot(sentence, locate(sentence, "December 2024"))
    other = "The plant opened in December 2024."
    assert not is_period_slot(other, locate(other, "December 2024"))


def test_those_of_a_count_brought_to_one_kind_of_place_are_a_part_not_the_whole() -> None:
    part = scope("120", "Officials said 120 injured were taken to two field hospitals overnight.", kind="count")
    whole = scope("640", "Officials said 640 people were injured in the floods.", kind="count")
    assert part["part"] == "hospital" and "part" not in whole
    assert scopes_differ(tuple(part.items()), tuple(whole.items())) == "part"
    assert scopes_differ(tuple(part.items()), (("part", "hospital"),)) == ""


def test_a_sentence_naming_its_own_period_far_from_the_figure_does_not_take_the_carried_one() -> None:
    sentence = (
        "Passenger numbers at the regional airports rose by 14 per cent over the summer, helped by new "
        "routes, and reached a total of 3.2 million in the year to March 2025."
    )
    read = scope_of(
        text="14 per cent",
        sentence=sentence,
        span=locate(sentence, "14 per cent"),
        kind="percent",
        published=PUBLISHED,
        context_period="12m:2023-12",
    )
    assert dict(read).get("period") != "12m:2023-12"


def test_those_of_a_count_in_a_number_of_districts_or_villages_are_a_part_not_the_whole() -> None:
    part = scope("45", "The regional governor said the storm injured 45 people in three villages.", kind="count")
    whole = scope("310", "The storm injured 310 people across the province, officials said.", kind="count")
    assert part["part"] == "village" and "part" not in whole
    assert scopes_differ(tuple(part.items()), tuple(whole.items())) == "part"
    # A place phrase that follows another figure belongs to that one: "12 farms and 40 people in two towns".
    earlier = scope("12", "The flood reached 12 farms and 40 people in two towns.", kind="count")
    assert "part" not in earlier


def test_a_figure_of_another_thing_of_its_kind_is_not_the_one_the_others_report() -> None:
    other = scope("7.1", "Another tremor of magnitude 7.1 shook the coast on Friday.", kind="quantity")
    first = scope("7.1", "The magnitude 7.1 tremor shook the coast on Tuesday.", kind="quantity")
    besides = scope("40", "The fire killed two and injured another 40 passengers.", kind="count")
    assert other["other"] == "yes" and "other" not in first and "other" not in besides
    assert scopes_differ(tuple(other.items()), tuple(first.items())) == "other"
    assert scopes_differ(tuple(other.items()), tuple(other.items())) == ""
