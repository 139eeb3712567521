"""Durations and race times: "3 weeks", "45 years old", "5 years ago", "2:03:59", "half an hour",
"3 minutes and 27 seconds", and margins between results ("by 34 seconds")."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from claims.pipeline.extract.context import Context, Draft, Figure, normalize_time_unit
from claims.pipeline.extract.numbers import parse_digits, parse_number_words
from claims.pipeline.extract.patterns import CARDINAL_SEQUENCE, TIME_AFTER, TIME_ZONE_AFTER

_SECONDS_PER = {"hours": 3600, "minutes": 60, "seconds": 1, "mins": 60, "secs": 1, "hrs": 3600}

_COMPOUND_PART = re.compile(
    rf"(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s+)(?P<n>\d+(?:\.\d+)?|{CARDINAL_SEQUENCE})\s+(?P<u>minutes?|seconds?)\b", re.I
)

# A margin between two results: "won by 34 seconds", "3:27 minutes ahead", "finished 30 seconds back".
_MARGIN_AFTER = re.compile(r"\s+(?:ahead|behind|faster|slower|quicker|back|clear|adrift|short)\b", re.I)

_MARGIN_BEFORE = re.compile(
    r"\bby\s+(?:(?:just|only|a\s+mere|more\s+than|less\s+than|almost|nearly|about|some|around|over|under)\s+)?$",
    re.I,
)


def read_vague(ctx: Context, match: re.Match[str]) -> list[Draft]:
    """ "a few days", "several years": a duration with no value."""
    unit = match.group().split()[-1].lower()
    return [Draft(match.start(), match.end(), "duration", None, normalize_time_unit(unit, None)[1], "approx")]


def margin(ctx: Context, start: int, end: int) -> bool:
    """Is the span a margin between two results ("by 3 minutes", "34 seconds ahead") rather than a result?"""
    return bool(_MARGIN_AFTER.match(ctx.text, end) or _MARGIN_BEFORE.search(ctx.before(start, 30)))


def read_race_time(ctx: Context, match: re.Match[str]) -> list[Draft]:
    """ "2:03:59", "2:05 hours", "3:27 minutes": one time, in seconds."""
    start, end = match.span()
    text = match.group()
    if TIME_ZONE_AFTER.match(ctx.text, end):
        return [Draft(start, end, "date", None, "time", "exact", loose=True)]  # "10:41:22 GMT": a stamp
    digits = re.match(r"(\d+):(\d\d)(?::(\d\d))?(\.\d+)?", text)
    assert digits is not None
    first, second = int(digits.group(1)), int(digits.group(2))
    fraction = float(digits.group(4) or 0)
    if digits.group(3) is not None:
        seconds = first * 3600 + second * 60 + int(digits.group(3)) + fraction
    elif text[digits.end() :].strip().lower().startswith("h"):
        seconds = first * 3600 + second * 60 + fraction * 60
    else:
        seconds = first * 60 + second + fraction
    return [time_span(ctx, start, end, seconds)]


def time_span(ctx: Context, start: int, end: int, seconds: float) -> Draft:
    """A compound time in seconds: a margin between results is a duration, a result itself a quantity."""
    hedge, end = ctx.hedge(start, end)
    kind = "duration" if margin(ctx, start, end) else "quantity"
    return Draft(start, end, kind, seconds, "seconds", hedge, head="time")


def read_time_word(ctx: Context, match: re.Match[str]) -> list[Draft]:
    """ "half a minute", "half an hour"; "a minute" only as a margin or hedged ("almost a minute")."""
    start, end = match.span()
    words = match.group().lower().split()
    value = 0.5 if words[0] == "half" else 1.0
    hedge, end = ctx.hedge(start, end)
    if value == 1.0 and hedge == "exact" and not margin(ctx, start, end):
        return []  # "a minute later", "an hour's drive": a manner of speaking
    return [Draft(start, end, "duration", value, words[-1] + "s", hedge)]


def compound_time(ctx: Context, start: int, unit_end: int, amount: float, unit: str, hedge: str) -> Draft | None:
    """ "2 hours, 35 seconds", "three minutes and 27 seconds": the parts of one time, summed in seconds."""
    size = _SECONDS_PER.get(unit)
    if size is None or size == 1:
        return None
    total, end = amount * size, unit_end
    while True:
        part = _COMPOUND_PART.match(ctx.text, end)
        if not part:
            break
        number = part.group("n")
        value = parse_digits(number) if number[0].isdigit() else parse_number_words(number)
        part_size = _SECONDS_PER[normalize_time_unit(part.group("u"), None)[1]]
        if value is None or part_size >= size:
            break
        total, end, size = total + value * part_size, part.end(), part_size
    if end == unit_end:
        return None
    draft = time_span(ctx, start, end, total)
    return draft if hedge == "exact" else replace(draft, hedge=hedge)


def time_after(ctx: Context, figure: Figure) -> list[Draft] | None:
    """ "3 weeks", "45 years old", "5 years ago", "2 hours, 35 seconds": a time unit after the number."""
    start, value, hedge = figure.start, figure.value, figure.hedge
    time_unit = TIME_AFTER.match(ctx.text, figure.end)
    if not time_unit:
        return None
    if ctx.text[start : figure.number_end].lower() == "one" and time_unit.group("unit").lower() == "day":
        return []  # "one day" is an idiom far more often than a duration
    years_or_unit = normalize_time_unit(time_unit.group("unit"), value)
    amount, unit = years_or_unit
    tail = (time_unit.group("tail") or "").strip(" -").lower()
    if tail == "old":
        return [Draft(start, time_unit.end(), "duration", amount, unit, hedge, head="age")]
    if tail == "ago":
        normalized = ago(ctx, amount, unit) if ctx.published is not None and amount is not None else ""
        return [Draft(start, time_unit.end(), "duration", amount, unit, hedge, normalized)]
    if not tail and amount is not None and not figure.in_range:
        compound = compound_time(ctx, start, time_unit.end("unit"), amount, unit, hedge)
        if compound is not None:
            return [compound]
    return [Draft(start, time_unit.end("unit"), "duration", amount, unit, hedge)]


def ago(ctx: Context, value: float, unit: str) -> str:
    """ "3 weeks ago" → the ISO date three weeks before publication."""
    assert ctx.published is not None
    days_per = {"days": 1, "weeks": 7, "months": 30.44, "years": 365.25, "hours": 1 / 24}.get(unit)
    if days_per is None or value * days_per > 300_000:
        return ""
    return (ctx.published - dt.timedelta(days=round(value * days_per))).isoformat()
