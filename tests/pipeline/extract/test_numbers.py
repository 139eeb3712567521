"""Figures written in digits and in words (claims/pipeline/extract/numbers.py)."""

from __future__ import annotations

import pytest

from claims.pipeline.extract.numbers import (
    CURRENCY_PREFIX,
    CURRENCY_WORD,
    parse_digits,
    parse_number_words,
    parse_ordinal_word,
    scale_of,
)


@pytest.mark.parametrize(
    ("token", "value"),
    [("1,280.5", 1280.5), (".5", 0.5), ("12,8", 12.8), ("1.234.567", 1234567.0), ("42", 42.0), ("1,200", 1200.0)],
)
def test_digits_are_read_with_thousands_separators_and_decimal_commas(token: str, value: float) -> None:
    assert parse_digits(token) == value


@pytest.mark.parametrize("token", ["abc", "1e999", "nan", "inf", ""])
def test_what_is_not_a_finite_number_gives_none(token: str) -> None:
    assert parse_digits(token) is None


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("thirty-two", 32),
        ("two hundred and fifty thousand", 250_000),
        ("a dozen", 12),
        ("a hundred", 100),
        ("half a million", 500_000),
        ("three billion", 3e9),
        ("Nineteen", 19),
    ],
)
def test_number_words_are_read_as_numbers(phrase: str, value: float) -> None:
    assert parse_number_words(phrase) == value


@pytest.mark.parametrize("phrase", ["", "and", "several", "two apples"])
def test_phrases_with_no_or_other_words_give_none(phrase: str) -> None:
    assert parse_number_words(phrase) is None


@pytest.mark.parametrize(("phrase", "value"), [("third", 3), ("twenty-first", 21), ("40th", 40), ("1st", 1)])
def test_ordinals_in_words_or_digits_are_read(phrase: str, value: int) -> None:
    assert parse_ordinal_word(phrase) == value


def test_a_word_that_is_no_ordinal_gives_none() -> None:
    assert parse_ordinal_word("twenty") is None


@pytest.mark.parametrize(
    ("word", "multiplier"), [("bn", 1e9), ("Million", 1e6), ("crore", 1e7), ("k.", 1e3), ("people", 1.0)]
)
def test_scale_words_give_their_multiplier_and_other_words_one(word: str, multiplier: float) -> None:
    assert scale_of(word) == multiplier


def test_currency_symbols_and_words_map_to_iso_codes() -> None:
    assert CURRENCY_PREFIX["€"] == "EUR" and CURRENCY_PREFIX["us$"] == "USD"
    assert CURRENCY_WORD["pounds sterling"] == "GBP" and CURRENCY_WORD["rmb"] == "CNY"
    assert all(len(code) == 3 and code.isupper() for code in [*CURRENCY_PREFIX.values(), *CURRENCY_WORD.values()])
