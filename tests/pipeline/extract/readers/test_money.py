"""Money: a currency sign or code before the amount, or a currency word after it (readers/money.py)."""

from __future__ import annotations

import pytest

from claims.pipeline.extract.readers.money import currency_after, read_money
from tests.pipeline.extract.readers.scan import hit, number, read_after


def test_a_sign_before_the_amount_gives_its_currency_and_a_scale_word_multiplies_it() -> None:
    ctx, match = hit("The bridge will cost $2.5bn over five years.", "$")
    (draft,) = read_money(ctx, match)
    assert (draft.kind, draft.value, draft.unit, draft.hedge) == ("money", 2.5e9, "USD", "exact")


def test_a_range_of_amounts_is_its_low_end_at_least_with_the_scale_of_the_high_end() -> None:
    ctx, match = hit("Repairs need \u20ac2-3bn this decade.", "\u20ac")
    (draft,) = read_money(ctx, match)
    assert (draft.value, draft.unit, draft.hedge) == (2e9, "EUR", "at_least")


@pytest.mark.parametrize(
    ("text", "written", "kind", "unit"),
    [
        ("The fine was 500 euros in the end.", "500", "money", "EUR"),  # a currency word after the number
        ("The baby weighed 8 pounds at birth.", "8", "quantity", "pounds"),  # pounds after weighing: a weight
    ],
)
def test_a_currency_word_after_a_number_names_the_currency(text: str, written: str, kind: str, unit: str) -> None:
    drafts = read_after(currency_after, text, written, float(written))
    assert [(d.kind, d.unit) for d in drafts] == [(kind, unit)]


def test_a_number_without_a_currency_is_left_to_the_other_readers() -> None:
    ctx, figure = number("The fine was 500 in the end.", "500", 500.0)
    assert currency_after(ctx, figure) is None
