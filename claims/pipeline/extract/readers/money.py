"""Money: an amount with a currency sign or code before it or a currency word after it, and two
amounts of one sum linked ("1.28 trillion yuan ($153 billion)")."""

from __future__ import annotations

import re
from dataclasses import replace

from claims.pipeline.extract.context import Context, Draft, Figure, finite
from claims.pipeline.extract.numbers import CURRENCY_PREFIX, CURRENCY_WORD, parse_digits, scale_of
from claims.pipeline.extract.patterns import AMOUNT, CURRENCY_AFTER, CURRENCY_SIGN, SCALE_AFTER, SCALE_WORD
from claims.pipeline.types import ExtractedClaim

_WORD_SCALE_AFTER = re.compile(rf"\s{SCALE_WORD}", re.I)

_CONVERSION_GAP = re.compile(
    r"\s*(?:\(\s*(?:about|around|approximately|roughly|some|or|nearly|almost|~)?\s*|,?\s+or\s+(?:about\s+|around\s+)?)$"
)


def read_money(ctx: Context, match: re.Match[str]) -> list[Draft]:
    text = match.group()
    start, end = match.span()
    prefix = re.match(CURRENCY_SIGN, text, re.I)
    if not prefix:
        return []
    currency = CURRENCY_PREFIX.get(re.sub(r"\s", "", prefix.group().lower()), "USD")
    amounts = re.findall(rf"({AMOUNT})(?:\s?({SCALE_WORD})|(k|m|bn|b)\b)?", text[prefix.end() :], re.I)
    values: list[float] = []
    for digits, word_scale, letter_scale in amounts:
        number = parse_digits(digits)
        if number is None:
            return []
        values.append(number * scale_of(word_scale or letter_scale or ""))
    if not values:
        return []
    if len(values) == 2 and amounts[0][1:] == ("", "") and (amounts[1][1] or amounts[1][2]):
        values[0] *= scale_of(amounts[1][1] or amounts[1][2])  # "$2-3bn": the scale applies to both
    suffix = SCALE_AFTER.match(ctx.text, end) if not amounts[-1][2] else None
    if suffix and amounts[-1][1] and not _WORD_SCALE_AFTER.match(ctx.text, end):
        suffix = None  # "Rs 2 lakh crore": a second scale word multiplies; a letter after a word does not
    if suffix:
        factor = scale_of(suffix.group().strip())
        values = [v * factor for v in values]
        end = suffix.end()
    word_currency = CURRENCY_AFTER.match(ctx.text, end)
    if word_currency and prefix.group().strip().lower() in ("rs", "rs."):
        end = word_currency.end()  # "Rs 500 crore rupees"
    hedge, end = ctx.hedge(start, end)
    if len(values) == 2 and hedge == "exact":
        hedge = "at_least"  # "$1.2-1.5bn": the low end, at least
    value = finite(values[0])
    return [Draft(start, end, "money", value, currency, hedge, head="money")]


def currency_after(ctx: Context, figure: Figure) -> list[Draft] | None:
    """ "500 crore rupees", "40 dollars": a currency named after the amount."""
    start, end, value, hedge = figure.start, figure.end, figure.value, figure.hedge
    currency = CURRENCY_AFTER.match(ctx.text, end)
    if not currency:
        return None
    phrase = re.sub(r"\s+", " ", currency.group().strip().lower())
    code = CURRENCY_WORD.get(phrase) or CURRENCY_WORD.get(phrase.split()[-1], "USD")
    if code == "GBP" and re.search(r"\bweigh", ctx.before(start, 60), re.I):
        return [Draft(start, currency.end(), "quantity", value, "pounds", hedge)]
    return [Draft(start, currency.end(), "money", value, code, hedge, head="money")]


def link_conversions(claims: list[ExtractedClaim], text: str) -> list[ExtractedClaim]:
    """ "1.28 trillion yuan ($153 billion)": two amounts of one sum, each pointing at the other."""
    result = list(claims)
    for index in range(len(result) - 1):
        first, second = result[index], result[index + 1]
        if first.kind != "money" or second.kind != "money" or first.unit == second.unit:
            continue
        if second.start - first.end > 24 or not _CONVERSION_GAP.search(text, first.end, second.start):
            continue
        gap = text[first.end : second.start]
        if "(" in gap and ")" not in text[second.end : second.end + 3]:
            continue
        result[index] = replace(first, linked_to=index + 1)
        result[index + 1] = replace(second, linked_to=index)
    return result
