"""Ordinals and ranks (readers/ordinals.py)."""

from __future__ import annotations

from claims.pipeline.extract.readers.ordinals import rank_sign, read_ordinal
from tests.pipeline.extract.readers.scan import hit, number


def test_came_first_is_a_rank() -> None:
    ctx, match = hit("She came first in the final.", "first")
    assert [(d.kind, d.value, d.unit) for d in read_ordinal(ctx, match)] == [("ordinal", 1.0, "rank")]


def test_a_superlative_after_an_ordinal_makes_a_rank() -> None:
    ctx, match = hit("It is the second-largest port.", "second")
    assert [(d.value, d.unit) for d in read_ordinal(ctx, match)] == [(2.0, "rank")]


def test_the_first_round_names_a_stage_and_is_no_claim() -> None:
    ctx, match = hit("He lost in the first round.", "first")
    assert read_ordinal(ctx, match) == []


def test_a_count_of_occurrences_is_claimed_even_after_the() -> None:
    ctx, match = hit("It is the third consecutive year of growth.", "third")
    assert [(d.value, d.unit) for d in read_ordinal(ctx, match)] == [(3.0, "years")]


def test_a_number_sign_in_a_ranking_is_a_rank() -> None:
    ctx, figure = number("It is the world's No. 4 maker of chips.", "4", 4.0)
    drafts = rank_sign(ctx, figure.start, figure.end, 4.0)
    assert drafts is not None and [(d.kind, d.unit) for d in drafts] == [("ordinal", "rank")]
