"""Measures: the counted noun or verb nearest a figure, normalised to a concept."""

from __future__ import annotations

import pytest

from claims.pipeline.match.frames.measure import measure_of
from claims.pipeline.match.frames.words import locate


def measure(text: str, sentence: str, kind: str = "count", unit: str = "") -> str:
    return measure_of(text=text, sentence=sentence, span=locate(sentence, text), kind=kind, unit=unit)


@pytest.mark.parametrize(
    "text, sentence",
    [
        ("312 people", "The storm killed 312 people along the coast."),
        ("312", "The death toll rose to 312 on Tuesday."),
        ("312 people", "Officials said 312 people had lost their lives."),
        ("312", "Besides the 312 dead, rescuers found survivors."),
        ("312 people", "At least 312 people died in the floods."),
    ],
)
def test_killed_dead_died_and_death_toll_are_one_measure(text: str, sentence: str) -> None:
    assert measure(text, sentence) == "deaths"


def test_the_dead_the_missing_and_the_injured_are_three_measures() -> None:
    sentence = "The blast killed 41 people, injured 230 and left 17 missing, the mayor said."
    assert measure("41 people", sentence) == "deaths"
    assert measure("230", sentence, kind="quantity") == "injuries"
    assert measure("17", sentence, kind="quantity") == "missing"


def test_a_concept_beyond_another_figure_belongs_to_that_figure() -> None:
    sentence = "The fire killed 9 people and destroyed 120 homes."
    assert measure("9 people", sentence) == "deaths"
    assert measure("120 homes", sentence, unit="homes") == "dwellings"


def test_rose_to_names_the_level_reached_not_a_change() -> None:
    assert measure("1,200", "The toll has risen to 1,200.", kind="quantity") == "deaths"
    assert measure("12%", "Sales rose 12% in the quarter.", kind="percent") == "change"


def test_a_counted_noun_with_no_concept_is_its_own_measure_and_people_is_none() -> None:
    assert measure("14 bridges", "The river swept away 14 bridges.", unit="bridges") == "bridge"
    assert measure("300 people", "About 300 people gathered in the square.", unit="people") == ""


def test_units_of_length_and_time_name_their_measure() -> None:
    assert measure("30 miles", "The town lies 30 miles north.", kind="quantity", unit="miles") == "distance"
    assert measure("48 kilometres", "It is 48 kilometres away.", kind="quantity", unit="kilometres") == "distance"


def test_a_number_set_off_by_commas_after_a_name_is_an_age() -> None:
    assert measure("41", "Mayor Lena Ortiz, 41, won a second term.", kind="quantity") == "age"
    assert measure("41", "The council, which has 41 members, met.", kind="quantity") != "age"
    assert measure("41", "In total, 41, the count said.", kind="quantity") != "age"


def test_a_figure_followed_by_fewer_or_more_is_a_change() -> None:
    assert measure("16 per cent", "There were 16 per cent fewer applicants.", kind="percent") == "change"
    assert measure("3%", "Prices were 3% higher in May.", kind="percent") == "change"


def test_the_base_a_figure_is_compared_to_is_not_what_it_measures() -> None:
    sentence = "The bid is a premium of about 30% to Friday's close and 88% compared to the share price in May."
    assert measure("88%", sentence, kind="percent", unit="percent") != "price"
    assert measure("88%", "The bid was 88% higher compared with the price in May.", kind="percent") != "price"
    assert measure("$12", "Shares closed at $12, the price at which it listed.", kind="money", unit="USD") == "price"
