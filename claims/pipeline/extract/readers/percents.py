"""Percentages and shares: "12%", "3 percentage points", "two-thirds", "a third of", "one in five"."""

from __future__ import annotations

import re

from claims.pipeline.extract.context import Context, Draft, Figure
from claims.pipeline.extract.numbers import parse_digits, parse_number_words
from claims.pipeline.extract.patterns import PERCENT_AFTER, TIME_UNIT
from claims.pipeline.lexicon import CARDINAL_WORD

_SHARE = re.compile(
    rf"\s+(?:in|out\s+of)\s+(?:(\d+)\b(?![.,]\d)|({CARDINAL_WORD})\b)(?!\s+(?:{TIME_UNIT}|per\s?cent|percent)\b)", re.I
)

_FRACTION_DENOMINATORS = {
    "half": 2,
    "halve": 2,
    "third": 3,
    "quarter": 4,
    "fifth": 5,
    "sixth": 6,
    "eighth": 8,
    "tenth": 10,
}

_FRACTION_AFTER = re.compile(
    r"(?:-|\s(?=\w+\s+of\b))(halves|thirds|quarters|fifths|sixths|tenths)\b", re.I
)  # "two-thirds", "three quarters of": a share; "played three quarters" is not


def read_fraction(ctx: Context, match: re.Match[str]) -> list[Draft]:
    """ "a third of", "3/4 of": a share, in percent like "two-thirds of"."""
    start, end = match.span()
    text = match.group()
    if "/" in text:
        numerator, denominator = (int(part) for part in text.split("/"))
    else:
        numerator, denominator = 1, _FRACTION_DENOMINATORS[text.split()[-1].lower()]
    if not 0 < numerator < denominator:
        return []
    hedge, end = ctx.hedge(start, end)
    return [Draft(start, end, "percent", round(100 * numerator / denominator, 1), "percent", hedge, head="percent")]


def share_of(ctx: Context, start: int, end: int, value: float) -> list[Draft] | None:
    """ "one in five", "3 out of 4": a share, in percent."""
    share = _SHARE.match(ctx.text, end)
    if not share:
        return None
    whole = parse_digits(share.group(1)) if share.group(1) else parse_number_words(share.group(2))
    if not whole or value >= whole:
        return None
    hedge, share_end = ctx.hedge(start, share.end())
    return [Draft(start, share_end, "percent", round(100 * value / whole, 1), "percent", hedge, head="percent")]


def percent_after(ctx: Context, figure: Figure) -> list[Draft] | None:
    """ "12%", "3 percentage points", "two-thirds": a share."""
    start, value, hedge = figure.start, figure.value, figure.hedge
    percent = PERCENT_AFTER.match(ctx.text, figure.end)
    if percent:
        unit = "percentage points" if "point" in percent.group().lower() else "percent"
        return [Draft(start, percent.end(), "percent", value, unit, hedge, head=unit)]
    fraction = _FRACTION_AFTER.match(ctx.text, figure.number_end)
    if fraction:
        share = round(100 * value / _FRACTION_DENOMINATORS[fraction.group(1).lower().rstrip("s")], 1)
        return [Draft(start, fraction.end(), "percent", share, "percent", hedge, head="percent")]
    return None
