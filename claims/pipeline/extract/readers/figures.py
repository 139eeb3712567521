"""A bare number, in digits or words: codes and names left out, ranges and scale words read, and the
unit decided by the readers of money, percentages, durations, quantities and counts, in that order."""

from __future__ import annotations

import re

from claims.pipeline.extract.context import Context, Draft, Figure, finite
from claims.pipeline.extract.numbers import parse_digits, parse_number_words, scale_of
from claims.pipeline.extract.patterns import (
    CURRENCY_AFTER,
    GLUED_LETTER_UNIT,
    MEASURE_AFTER,
    NUM,
    PERCENT_AFTER,
    SCALE_AFTER,
    TIME_AFTER,
)
from claims.pipeline.extract.readers.counts import count_after
from claims.pipeline.extract.readers.durations import time_after
from claims.pipeline.extract.readers.money import currency_after
from claims.pipeline.extract.readers.ordinals import rank_sign
from claims.pipeline.extract.readers.percents import percent_after, share_of
from claims.pipeline.extract.readers.quantities import labelled_before, unit_after

_RANGE_AFTER = re.compile(rf"\s?(?:-|\u2013|\u2014)\s?({NUM})(?![\d.])|\s+(?:to|and)\s+({NUM})(?![\d.])")

_CHANGE_BEFORE = re.compile(
    r"(?:\b(?:from|rose|fell|increased|decreased|dropped|climbed|jumped|slipped|grew|shrank|up|down|cut|raised)"
    r"\s+|\b)(?:by\s+)?$",
    re.I,
)

_BETWEEN_BEFORE = re.compile(r"\bbetween\s+$", re.I)

_NUMBER_SIGN_BEFORE = re.compile(r"\b(?:No|no|Nos|Number)\.?\s?$")

_LABEL_BEFORE = re.compile(
    r"\b(?:type|phase|stage|level|grade|category|tier|round|chapter|section|article|clause|page|room|gate|"
    r"platform|route|flight|version|season|episode|part|vol|volume|number|row|step|class|division|zone|district|"
    r"block|exit|runway|terminal|channel|item|rule|annex|figure|table|model|series|act|scene|verse|lane|pier) $",
    re.I,
)


def is_identifier(ctx: Context, start: int, end: int) -> bool:
    """Digits that belong to a name or a code: "G20", "Pipeline-2", "4G", "737-MAX", "v1.2.3", "20231017"."""
    text = ctx.text
    token = text[start:end]
    prev = text[start - 1 : start]
    nxt = text[end : end + 1]
    if "\ufffd" in (prev, nxt):
        return True  # digits next to an undecodable byte are debris of a broken encoding
    if prev.isalpha() or prev in ("_", "@", "#", "/", "\\"):
        return True
    if prev == "-" and (text[start - 2 : start - 1].isalpha() or text[start - 2 : start - 1].isdigit()):
        return True  # "Pipeline-2"; or the second half of "3-1", read with the first
    if nxt == "-" and text[end + 1 : end + 2].isupper():
        return True
    if nxt.isalpha() and not (
        SCALE_AFTER.match(text, end)
        or MEASURE_AFTER.match(text, end)
        or GLUED_LETTER_UNIT.match(text, end)
        or PERCENT_AFTER.match(text, end)
    ):
        return True
    if (nxt == "/" and text[end + 1 : end + 2].isdigit()) or _NUMBER_SIGN_BEFORE.search(text, max(0, start - 5), start):
        return True  # "24/7", "1/3", "12/05/2024", "No. 10"
    if (
        prev == " "
        and _LABEL_BEFORE.search(text, max(0, start - 12), start)
        and not (TIME_AFTER.match(text, end) or PERCENT_AFTER.match(text, end))
    ):
        return True  # "type 2 diabetes", "phase 3 trials", "stage 4": a label, not an amount ("route 61 seconds")
    if nxt == "." and text[end + 1 : end + 2].isdigit():
        return True  # version numbers and IP addresses
    # Long unseparated digit runs and zero-led codes ("0800") are references, not amounts.
    return token.isdigit() and (len(token) >= 5 or (len(token) >= 3 and token[0] == "0"))


def read_number(ctx: Context, start: int, end: int, value: float | None, *, from_words: bool) -> list[Draft]:
    if value is None:
        return []
    labelled = None if from_words else labelled_before(ctx, start, end, value)
    if labelled is not None:
        return labelled
    ranked = None if from_words else rank_sign(ctx, start, end, value)
    if ranked is not None:
        return ranked
    if not from_words and is_identifier(ctx, start, end):
        return []
    text = ctx.text
    token = text[start:end]
    lower = token.lower()
    share = share_of(ctx, start, end, value)
    if share is not None:
        return share
    if from_words and lower.split()[-1] in ("decade", "century"):
        hedge, end = ctx.hedge(start, end)
        return [Draft(start, end, "duration", value, "years", hedge)]  # "a decade of growth"
    number_end = end
    in_range = False
    # Ranges: "20-30", "20 to 30", "between 20 and 30". The value is the low end, hedged "at least".
    range_match = None if from_words else _RANGE_AFTER.match(text, end)
    if range_match:
        high = parse_digits(range_match.group(1) or range_match.group(2))
        joined_by_and = range_match.group().strip()[:3].lower() == "and"
        if high is None or (joined_by_and and not _BETWEEN_BEFORE.search(ctx.before(start, 12))):
            pass
        elif not range_match.group(1) and _CHANGE_BEFORE.search(ctx.before(start, 24)):
            pass  # "rose from 20 to 30": two figures, not a range
        elif high > value:
            end = range_match.end()
            in_range = True
        elif token.isdigit() and len(token) == 4 and high < 100 and range_match.group(1):
            last_year = int(token[:2]) * 100 + int(high)  # "2022-23"
            return [Draft(start, range_match.end(), "date", value, "year", "exact", f"{token}/{last_year}")]
        elif range_match.group(1) and high <= 20 and value <= 20:
            return []  # a score such as "3-1": not a quantity of anything
    # Scale words: "1.28 trillion", "2bn", "40m" (a glued "m" is metres unless a plural noun follows).
    scale = SCALE_AFTER.match(text, end)
    if scale and not (from_words and lower.split()[-1] in ("thousand", "million", "billion", "trillion")):
        word = scale.group().strip().lower()
        if word == "m" and not from_words:
            plural = ctx.noun_after(scale.end())[1]
            if not plural and not CURRENCY_AFTER.match(text, scale.end()):
                scale = None
        if scale:
            value *= scale_of(word)
            end = scale.end()
    hedge, end = ctx.hedge(start, end)
    if in_range and hedge == "exact":
        hedge = "at_least"
    value = finite(value)
    if value is None:
        return []
    figure = Figure(start, end, number_end, value, hedge, from_words, in_range)
    for read_after in (currency_after, percent_after, time_after, unit_after):
        drafts = read_after(ctx, figure)
        if drafts is not None:
            return drafts
    return count_after(ctx, figure)


def read_words(ctx: Context, match: re.Match[str]) -> list[Draft]:
    """A number written in words: "thirty-two", "a dozen", "two hundred thousand"."""
    start, end = match.span()
    return read_number(ctx, start, end, parse_number_words(match.group()), from_words=True)


def read_digits(ctx: Context, match: re.Match[str]) -> list[Draft]:
    """A number written in digits: "1,280.5", "12,8", "1.234.567"."""
    start, end = match.span()
    return read_number(ctx, start, end, parse_digits(match.group()), from_words=False)
