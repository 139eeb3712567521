"""The pipeline's one vocabulary (claims/pipeline/lexicon.py)."""

from __future__ import annotations

import re

import pytest

from claims.pipeline.lexicon import CARDINAL_WORD, MONTH_NAME, MONTHS, SUBJECT_STOPWORDS, month_number, word_set


@pytest.mark.parametrize(("word", "number"), [("January", 1), ("sept.", 9), ("Sep", 9), ("DEC", 12), ("may", 5)])
def test_month_names_and_abbreviations_give_their_number(word: str, number: int) -> None:
    assert month_number(word) == number


def test_a_word_that_is_no_month_gives_none() -> None:
    assert month_number("Monday") is None


def test_longer_number_words_come_first_so_seventeen_is_not_read_as_seven() -> None:
    words = CARDINAL_WORD.split("|")
    assert words.index("seventeen") < words.index("seven")


def test_a_word_list_is_written_as_one_string_of_words() -> None:
    assert word_set(" a  b\nc ") == frozenset({"a", "b", "c"})


def test_every_month_key_is_read_by_the_month_name_pattern() -> None:
    pattern = re.compile(MONTH_NAME, re.I)
    assert all(pattern.fullmatch(name) for name in MONTHS)


def test_subject_stop_words_hold_the_function_words_and_calendar_words() -> None:
    assert {"the", "of", "monday", "january", "million"} <= SUBJECT_STOPWORDS
