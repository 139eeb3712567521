"""Number forms a newsroom writes, each read on sentences of our own (issue 14), and one kind vocabulary.

`count` is a counted thing, `quantity` a measured amount with a unit, `duration` a span of time, `ordinal` a
rank or position; compound times are one claim in seconds.
"""

from __future__ import annotations

import pytest

from claims.pipeline.extract.extraction import extract_claims
from claims.pipeline.types import ExtractedClaim


def claims_of(text: str) -> list[ExtractedClaim]:
    return extract_claims(text)


def read(text: str) -> list[tuple[str, str, float | None, str]]:
    return [(c.text, c.kind, c.value, c.unit) for c in claims_of(text)]


def only(text: str) -> ExtractedClaim:
    claims = claims_of(text)
    assert len(claims) == 1, [c.text for c in claims]
    return claims[0]


# --- one kind vocabulary ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The flood toll rose to 1,417 on Friday night.",
        "Officials counted more than 9,000 injured across the valley.",
        "The harbour office said 318 were rescued.",
    ],
)
def test_a_bare_whole_number_is_a_count(sentence: str) -> None:
    counts = [c for c in claims_of(sentence) if c.kind not in ("date",)]
    assert counts and all(c.kind == "count" for c in counts), [(c.text, c.kind) for c in counts]


def test_a_bare_decimal_reading_is_a_quantity_not_a_count() -> None:
    claims = claims_of("The gauges read 4.7, 3.2 and 2.9 during the storm.")
    assert [(c.value, c.kind) for c in claims] == [(4.7, "quantity"), (3.2, "quantity"), (2.9, "quantity")]


def test_an_age_is_a_duration_in_years() -> None:
    assert read("Jana Novak, 47, opened the bakery.") == [("47", "duration", 47, "years")]
    assert read("The 81-year-old mayor resigned.") == [("81-year-old", "duration", 81, "years")]


def test_a_figure_after_a_weekday_and_comma_is_not_an_age() -> None:
    assert read("By Friday, 40, then 52 boats had docked.")[1][1] == "count"


def test_a_multiple_is_a_quantity_and_repeated_meetings_a_count() -> None:
    assert read("The bid values the brewer at 9.5 times its annual profit.") == [
        ("9.5 times", "quantity", 9.5, "times")
    ]
    assert read("The two mayors have met 11 times.") == [("11 times", "count", 11, "meetings")]


def test_metric_tons_are_a_quantity_in_tonnes() -> None:
    assert read("The mill makes 3 million metric tons of pulp.") == [
        ("3 million metric tons", "quantity", 3e6, "tonnes")
    ]


# --- labelled measures ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "span"),
    [
        ("A magnitude 5.4 tremor shook the coast.", "5.4"),
        ("The magnitude-5.4 tremor shook the coast.", "5.4"),
        ("A 5.4-magnitude tremor shook the coast.", "5.4-magnitude"),
        ("A tremor measuring 5.4 magnitude shook the coast.", "5.4 magnitude"),
        ("A tremor with a magnitude of 5.4 shook the coast.", "5.4"),
    ],
)
def test_a_labelled_magnitude_is_a_quantity(sentence: str, span: str) -> None:
    claim = only(sentence)
    assert (claim.text, claim.kind, claim.value, claim.unit) == (span, "quantity", 5.4, "magnitude")


# --- compound times and durations ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "span", "seconds"),
    [
        ("The cyclist finished in 4:12:08 on the mountain stage.", "4:12:08", 15128),
        ("She swam the channel in 9 hours, 12 seconds.", "9 hours, 12 seconds", 32412),
        ("She swam the channel in nine hours and 12 seconds.", "nine hours and 12 seconds", 32412),
        ("The relay team clocked 1 hour 4 minutes 30 seconds.", "1 hour 4 minutes 30 seconds", 3870),
        ("He became the first rower to break 5:58 minutes over the course.", "5:58 minutes", 358),
        ("The ferry now needs only 1:45 hours for the crossing.", "1:45 hours", 6300),
    ],
)
def test_a_compound_time_is_one_quantity_in_seconds(sentence: str, span: str, seconds: float) -> None:
    claim = [c for c in claims_of(sentence) if c.unit == "seconds"]
    assert [(c.text, c.kind, c.value) for c in claim] == [(span, "quantity", seconds)]


@pytest.mark.parametrize(
    ("sentence", "span", "seconds"),
    [
        ("The winner crossed the line 2:14 minutes ahead of the pack.", "2:14 minutes", 134),
        ("The runner-up was four minutes and 9 seconds behind.", "four minutes and 9 seconds", 249),
        ("She won by 1 minute, 5 seconds.", "1 minute, 5 seconds", 65),
    ],
)
def test_a_compound_margin_between_results_is_a_duration_in_seconds(sentence: str, span: str, seconds: float) -> None:
    claim = only(sentence)
    assert (claim.text, claim.kind, claim.value, claim.unit) == (span, "duration", seconds, "seconds")


def test_a_compound_time_is_never_split_into_its_parts() -> None:
    texts = [c.text for c in claims_of("The skier won in 2 hours, 35 seconds and the sprinter in 2:03:44.")]
    assert "2 hours" not in texts and "35 seconds" not in texts and "2" not in texts


def test_a_figure_over_another_unit_is_two_claims() -> None:
    claims = claims_of("She was just 12 seconds over 3 hours.")
    assert [(c.text, c.kind, c.value) for c in claims] == [("12 seconds", "duration", 12), ("3 hours", "duration", 3)]


def test_half_a_minute_and_a_hedged_minute_are_durations() -> None:
    assert read("The leader pulled clear by more than half a minute.") == [
        ("half a minute", "duration", 0.5, "minutes")
    ]
    assert read("The new line cuts nearly an hour off the trip.") == [("an hour", "duration", 1.0, "hours")]
    assert read("Half an hour is all it takes.")[0][2] == 0.5


def test_a_minute_as_a_manner_of_speaking_is_not_a_claim() -> None:
    assert claims_of("Wait a minute, she said, and an hour later the deal was off.") == []


def test_a_clock_time_with_seconds_and_a_zone_is_a_time_not_a_race_time() -> None:
    claim = only("The alarm sounded at 10:41:22 GMT.")
    assert (claim.kind, claim.unit, claim.value) == ("date", "time", None)


# --- ranks ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "span", "rank"),
    [
        ("The port is now the country's No. 2 container hub.", "2", 2),
        ("The club is ranked No. 7.", "7", 7),
        ("It is the second-largest lake in the region.", "second-largest", 2),
        ("Her jump was the third-longest ever at the games.", "third-longest", 3),
        ("The fourth-placed team lost at home.", "fourth-placed", 4),
        ("The sixth-best-ever score came in the final round.", "sixth-best-ever", 6),
        ("The Dutch crew came first in the regatta.", "first", 1),
        ("The favourite finished fifth, behind two outsiders.", "fifth", 5),
        ("His score is second behind the course record.", "second", 2),
        ("The veteran ended the race in third.", "third", 3),
        ("It was the 14th since 1998.", "14th", 14),
    ],
)
def test_ranks_are_ordinals(sentence: str, span: str, rank: int) -> None:
    claim = [c for c in claims_of(sentence) if c.kind == "ordinal"]
    assert [(c.text, c.value, c.unit) for c in claim] == [(span, rank, "rank")]


def test_a_first_that_sets_a_record_is_a_claim() -> None:
    texts = [c.text for c in claims_of("She became the first woman to sail alone around the cape.")]
    assert texts == ["first woman"]
    assert claims_of("It was the first time anyone had done it.")[0].text.startswith("first time")


@pytest.mark.parametrize(
    "sentence",
    [
        "The second dam gave way an hour after the first one.",
        "Officials blamed the first incident on a faulty valve.",
        "She lost in the first round of the tournament.",
        "Sales rose in the second or third quarter.",
        "The mayor was first elected in a by-election.",
        "In the very first tremor the roof fell in.",
    ],
)
def test_a_stage_named_with_an_ordinal_is_not_a_claim(sentence: str) -> None:
    assert [c for c in claims_of(sentence) if c.kind == "ordinal"] == []


def test_a_name_with_a_number_sign_is_not_a_rank() -> None:
    text = "The PM returned to No. 10 Downing Street. Resolution No. 5 was passed."
    assert claims_of(text) == []


# --- counts in words, two figures in one phrase ---------------------------------------------------------------


def test_counts_in_words_read_past_intensifiers_and_one_person() -> None:
    assert read("The storm brought down four very tall oaks.") == [("four very tall oaks", "count", 4, "oaks")]
    assert read("Police said one woman was hurt in the crush.") == [("one woman", "count", 1, "women")]


def test_one_as_a_pronoun_or_idiom_is_not_a_count() -> None:
    assert claims_of("One thing is clear: one day the river will rise.") == []


def test_a_change_by_one_figure_to_another_is_two_claims() -> None:
    claims = claims_of("The estimate was revised down by 2,500 to 41,200.")
    assert [(c.text, c.kind, c.value) for c in claims] == [("2,500", "count", 2500), ("41,200", "count", 41200)]


def test_a_range_is_still_one_claim_at_its_low_end() -> None:
    claim = only("Organisers expect 5,000-5,500 runners.")
    assert (claim.text, claim.value, claim.hedge) == ("5,000-5,500 runners", 5000, "at_least")


# --- what is not a claim -------------------------------------------------------------------------------------


def test_relative_stamps_and_update_stamps_are_not_claims() -> None:
    text = (
        "Updated 3rd June, 2021 09:12 AM\nThe river fell 2 metres.\nabout 1 hour ago\nRail strike called off\n"
        "5 mins ago\n"
    )
    assert [c.text for c in claims_of(text)] == ["2 metres"]


def test_a_relative_time_inside_a_sentence_is_still_a_claim() -> None:
    assert [c.text for c in claims_of("The tremor struck 2 hours ago, the agency said.")] == ["2 hours ago"]


def test_a_dateline_is_not_a_claim() -> None:
    text = "OSLO, March 3 (Reuters) - The fund sold 40 buildings.\nLIMA, Peru (AP) \u2014 Rescuers found 12 miners."
    assert [c.text for c in claims_of(text)] == ["40 buildings", "12 miners"]


def test_a_model_number_in_running_text_is_not_a_count() -> None:
    assert claims_of("The champion was wearing Swift Air Glide 3 spikes on the track.") == []
    assert read("Floods Cut Power To 9,400 Homes") == []  # a title-case line is furniture either way


# --- decimal commas and other locales -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "span", "kind", "value", "unit"),
    [
        ("Unemployment rose to 7,4% in the spring.", "7,4%", "percent", 7.4, "percent"),
        ("The carmaker booked $12,65 billion in sales.", "$12,65 billion", "money", 12.65e9, "USD"),
        ("The bank set aside €2,5 Mrd for losses.", "€2,5 Mrd", "money", 2.5e9, "EUR"),
        ("The region has 2.345.678 inhabitants.", "2.345.678 inhabitants", "count", 2345678, "inhabitants"),
        ("The state will borrow Rs 3 lakh crore.", "Rs 3 lakh crore", "money", 3e12, "INR"),
    ],
)
def test_decimal_commas_and_dotted_thousands_are_read_by_context(
    sentence: str, span: str, kind: str, value: float, unit: str
) -> None:
    claim = only(sentence)
    assert (claim.text, claim.kind, claim.unit) == (span, kind, unit)
    assert claim.value == pytest.approx(value)


def test_a_comma_between_small_numbers_without_an_amount_word_is_a_list() -> None:
    assert [c.value for c in claims_of("Bays 4,5 and 6 were closed.")] == [6]


def test_a_version_number_and_an_address_are_not_dotted_thousands() -> None:
    assert claims_of("Version 3.100.200 shipped; the router at 10.0.0.1 restarted.") == []


# --- fractions, ratios, vague floors --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "span", "value"),
    [
        ("A third of the bridges need repair.", "A third", 33.3),
        ("Officials say 3/4 of the wells are dry.", "3/4", 75.0),
        ("Two-thirds of the wells are dry.", "Two-thirds", 66.7),
        ("Three out of ten pupils walk to school.", "Three out of ten", 30.0),
        ("One in three pupils walks to school.", "One in three", 33.3),
        ("One quarter of the staff left.", "One quarter", 25.0),
    ],
)
def test_fractions_and_ratios_are_shares_in_percent(sentence: str, span: str, value: float) -> None:
    claim = only(sentence)
    assert (claim.text, claim.kind, claim.value, claim.unit) == (span, "percent", value, "percent")


def test_half_a_million_is_a_count() -> None:
    assert read("Half a million visitors came.") == [("Half a million visitors", "count", 500000, "visitors")]


def test_vague_magnitudes_state_a_floor_without_a_value() -> None:
    claims = claims_of("Tens of thousands of fans queued, and price rises ran into double digits.")
    assert [(c.text, c.kind, c.value, c.hedge) for c in claims] == [
        ("Tens of thousands of", "count", None, "at_least"),
        ("double digits", "count", None, "at_least"),
    ]


def test_a_label_word_before_a_duration_does_not_hide_it() -> None:
    assert read("She cycled the mountain route 48 seconds faster than her rival.") == [
        ("48 seconds", "duration", 48, "seconds")
    ]
    assert claims_of("Patients with type 2 diabetes joined phase 3 trials.") == []


def test_a_superlative_written_apart_or_a_series_is_a_claim_even_after_the() -> None:
    assert read("It is now the third largest port in Europe.") == [("third largest", "ordinal", 3, "rank")]
    assert read("Prices fell for the fourth consecutive month.")[0][:3] == ("fourth consecutive month", "ordinal", 4)
    assert read("The town marks the 50th anniversary of the flood.")[0][:3] == ("50th anniversary", "ordinal", 50)


def test_a_word_that_only_ends_like_a_superlative_is_not_a_rank() -> None:
    assert claims_of("The first test went well, and the second interest payment is due.") == []


def test_capitalised_names_before_a_count_of_occurrences_do_not_hide_it() -> None:
    assert read("The minister has visited the United States 10 times.") == [("10 times", "count", 10, "visits")]


def test_a_count_that_leaves_out_the_noun_just_counted_takes_it_over() -> None:
    claims = claims_of("The last nine titles were won at home, including the last four by the same coach.")
    assert [(c.text, c.kind, c.value, c.unit) for c in claims] == [
        ("nine titles", "count", 9, "titles"),
        ("four", "count", 4, "titles"),
    ]


def test_a_number_word_without_a_noun_and_nothing_counted_before_is_not_taken_over() -> None:
    assert claims_of("We met the last four from the list at noon.") == []


def test_a_high_ordinal_after_the_counts_unless_it_names_a_part() -> None:
    assert read("It was the 40th summit between the two blocs.")[0][:3] == ("40th summit", "ordinal", 40)
    assert claims_of("Sales slowed in the fourth quarter and the fifth round.") == []


def test_a_rank_since_a_year_gives_the_ordinal_and_the_year() -> None:
    assert read("The strike was the 9th since 2011.") == [("9th", "ordinal", 9, "rank"), ("2011", "date", 2011, "year")]


def test_a_range_with_an_en_dash_is_one_claim() -> None:
    claim = only("The hall seats 1,200\u20131,500 guests.")
    assert (claim.value, claim.hedge, claim.unit) == (1200, "at_least", "guests")


def test_the_two_of_a_pair_already_named_is_a_reference_not_a_count() -> None:
    assert claims_of("The two companies said the merger would close soon.") == []


def test_minutes_seconds_and_hundredths_are_a_time_in_seconds_not_a_clock() -> None:
    claims = [c for c in claims_of("She won the final in 2:05.31, the relay team in 7:41.8.") if c.unit == "seconds"]
    assert [(c.text, c.kind) for c in claims] == [("2:05.31", "quantity"), ("7:41.8", "quantity")]
    assert [c.value for c in claims] == [pytest.approx(125.31), pytest.approx(461.8)]


def test_a_rank_within_a_career_is_a_claim() -> None:
    assert read("The win was the 23rd of her career.") == [("23rd", "ordinal", 23, "rank")]


def test_one_dot_group_before_a_counted_noun_is_thousands_but_a_measure_keeps_its_decimal() -> None:
    assert read("The group employs 45.000 people.") == [("45.000 people", "count", 45000, "people")]
    assert read("The rod is 1.250 metres long.") == [("1.250 metres", "quantity", 1.25, "metres")]


def test_a_count_behind_a_name_or_nationality_keeps_its_noun() -> None:
    assert read("The navy needs at least four more Arleigh destroyers.")[0][:2] == (
        "four more Arleigh destroyers",
        "count",
    )
    assert read("Police detained 14 Belgian fans.") == [("14 Belgian fans", "count", 14, "fans")]
    assert read("In 2013 Lopez made history.") == [("2013", "date", 2013, "year")]


def test_a_low_ordinal_after_the_is_a_claim_when_its_clause_says_so_far_this_week() -> None:
    assert read("It was the second major flood in the valley this year.")[0][:3] == ("second major flood", "ordinal", 2)
