"""Bare numbers in digits and words: codes left out, ranges and scales read (readers/figures.py)."""

from __future__ import annotations

from claims.pipeline.extract.context import Context
from claims.pipeline.extract.readers.figures import is_identifier, read_digits, read_words
from tests.pipeline.extract.readers.scan import hit


def test_digits_glued_to_a_word_are_part_of_a_name() -> None:
    text = "The G20 summit met 12 times."
    ctx = Context(text, None)
    assert is_identifier(ctx, text.index("20"), text.index("20") + 2)
    assert not is_identifier(ctx, text.index("12"), text.index("12") + 2)


def test_a_range_is_its_low_end_at_least() -> None:
    ctx, match = hit("Between 20 and 30 people were hurt.", "20")
    (draft,) = read_digits(ctx, match)
    assert (draft.kind, draft.value, draft.unit, draft.hedge) == ("count", 20.0, "people", "at_least")


def test_a_scale_word_multiplies_the_number() -> None:
    ctx, match = hit("The plan costs 1.28 trillion yuan.", "1.28")
    (draft,) = read_digits(ctx, match)
    assert (draft.kind, draft.value, draft.unit) == ("money", 1.28e12, "CNY")


def test_a_number_in_words_counts_the_noun_after_it() -> None:
    ctx, match = hit("Some two hundred and fifty thousand people fled.", "two")
    (draft,) = read_words(ctx, match)
    assert (draft.value, draft.unit) == (250_000.0, "people")


def test_the_two_before_a_noun_not_counted_before_points_back() -> None:
    ctx, match = hit("Later the two leaders spoke.", "two")
    assert read_words(ctx, match) == []
