"""Dates and times of day: decades, years, day-month dates, weekdays, relative dates ("last week"),
clock times; adjacent pieces of one point in time joined, and "the following day" resolved."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from claims.pipeline.extract import dates
from claims.pipeline.extract.context import Context, Draft, plural_of
from claims.pipeline.extract.patterns import TIME_ZONE_AFTER
from claims.pipeline.extract.sentences import SentenceIndex
from claims.pipeline.lexicon import MONTH_NAME, WEEKDAY_NAME, WEEKDAYS, month_number
from claims.pipeline.types import ExtractedClaim

_SCOPE_YEAR_BEFORE = re.compile(r"\b(?:from|than|on|over|versus|vs\.?|compared\s+(?:with|to)|since)\s+$", re.I)

_LEADING_PREP = re.compile(
    r"(?:in|on|by|since|until|till|from|during|last|next|this|early|mid|late|end\s+of|through|before|after|of)\s+$",
    re.I,
)

_DATE_JOIN = re.compile(r"\s*,?\s*(?:(?:on|at)\s+(?:the\s+)?)?$", re.I)


def read_decade(ctx: Context, match: re.Match[str]) -> list[Draft]:
    text = match.group()
    digits = re.search(r"\d+", text)
    if not digits:
        return []
    decade = int(digits.group())
    if decade < 100:
        decade += 1900 if decade >= 30 else 2000
    lower = text.lower()
    first, last = decade, decade + 9
    if lower.startswith("early"):
        last = decade + 3
    elif lower.startswith("mid"):
        first, last = decade + 3, decade + 6
    elif lower.startswith("late"):
        first = decade + 6
    hedge = "approx" if lower[0].isalpha() else "exact"
    return [Draft(match.start(), match.end(), "date", decade, "decade", hedge, f"{first:04d}/{last:04d}")]


def read_prefix_year(ctx: Context, match: re.Match[str]) -> list[Draft]:
    """ "mid-2023", "post-1945": the year, approximately."""
    year = int(match.group()[-4:])
    return [Draft(match.start(), match.end(), "date", year, "year", "approx", f"{year:04d}")]


def read_clock(ctx: Context, match: re.Match[str]) -> list[Draft]:
    start, end = match.span()
    text = match.group()
    if ":" not in text and not re.search(r"[ap]\.?m", text, re.I):
        return []
    zone = TIME_ZONE_AFTER.match(ctx.text, end)
    if zone:
        end = zone.end()
    hedge, end = ctx.hedge(start, end)
    return [Draft(start, end, "date", None, "time", hedge, loose=True)]


def read_calendar(ctx: Context, match: re.Match[str]) -> list[Draft]:
    """ "17 March 2023", "March 17", "March 2023", "in March": a date, resolved against publication."""
    group = match.lastgroup
    start, end = match.span()
    text = match.group()
    month_match = re.search(MONTH_NAME, text, re.I)
    if not month_match or not month_match.group()[0].isupper():
        return []
    month = month_number(month_match.group())
    if month is None:
        return []
    year_match = re.search(r"\b(\d{4})$", text)
    year = int(year_match.group(1)) if year_match else None
    day_text = text[: month_match.start()] if group == "daymonth" else text[month_match.end() :]
    if year_match and group == "monthday":
        day_text = text[month_match.end() : year_match.start()]
    days = [] if group in ("monthyear", "month") else [int(d) for d in re.findall(r"\b\d{1,2}(?!\d)", day_text)][:2]
    if group == "month":
        prep = _LEADING_PREP.search(ctx.before(start, 14))
        if not prep or (
            month_match.group() == "May"
            and prep.group().strip().lower()
            not in ("in", "since", "until", "from", "during", "last", "next", "this", "early", "mid", "late", "of")
        ):
            return []
        # "In March" alone. Follow with "last year" etc.? No: a month needs a preposition to be a date.
    normalized = ""
    if days and any(not 1 <= d <= 31 for d in days):
        return []
    if year is not None:
        if days:
            first = dates.safe_date(year, month, days[0])
            last = dates.safe_date(year, month, days[-1])
            if first is None or last is None:
                return []
            normalized = first.isoformat() if len(days) == 1 else dates.iso_range(first, last)
        else:
            normalized = f"{year:04d}-{month:02d}"
        unit = "date" if days else "year"
        return [Draft(start, end, "date", year, unit, "exact", normalized)]
    if ctx.published is not None:
        if days:
            anchor_year = ctx.published.year
            if not ctx.forward(start) and month > ctx.published.month:
                anchor_year -= 1
            elif ctx.forward(start) and month < ctx.published.month:
                anchor_year += 1
            first = dates.safe_date(anchor_year, month, days[0])
            last = dates.safe_date(anchor_year, month, days[-1])
            if first and last:
                normalized = first.isoformat() if len(days) == 1 else dates.iso_range(first, last)
        else:
            normalized = dates.resolve_month(month, ctx.published, ctx.forward(start))
    return [Draft(start, end, "date", None, "date", "exact", normalized)]


def read_weekday(ctx: Context, match: re.Match[str]) -> list[Draft]:
    start, end = match.span()
    text = match.group()
    if not text[0].isupper() or text.lower().endswith("s"):
        return []  # "on Mondays" is a habit, not a date
    normalized = ""
    if ctx.published is not None:
        weekday = WEEKDAYS[text.lower()]
        before = ctx.before(start, 6).lower()
        forward = ctx.forward(start) or before.endswith("next ")
        day = dates.resolve_weekday(weekday, ctx.published, forward)
        if before.endswith("last ") and day >= ctx.published:
            day -= dt.timedelta(days=7)
        normalized = day.isoformat()
    return [Draft(start, end, "date", None, "date", "exact", normalized, loose=True)]


def read_relative(ctx: Context, match: re.Match[str]) -> list[Draft]:
    start, end = match.span()
    words = match.group().lower().split()
    unit = words[-1]
    anchor = words[-2] if len(words) > 1 else ""
    published = ctx.published
    if unit in ("decade", "century") and anchor in ("last", "past", "previous"):
        value = 10.0 if unit == "decade" else 100.0
        return [Draft(start, end, "duration", value, "years")]
    if anchor == "past" and ctx.before(start, 4).lower().endswith("the "):
        return [Draft(start, end, "duration", 1.0, plural_of(unit))]  # "over the past year"
    normalized = ""
    loose = True
    if words[0] in ("yesterday", "today", "tomorrow", "tonight"):
        if published is not None:
            offset = {"yesterday": -1, "tomorrow": 1}.get(words[0], 0)
            normalized = (published + dt.timedelta(days=offset)).isoformat()
    elif words[0] == "the":
        loose = False
        backwards = anchor in ("previous", "preceding") or words[-1] == "before"
        step_unit = "day" if unit in ("morning", "evening", "after", "before") else unit
        return [Draft(start, end, "date", None, "date", "exact", "", step=(-1 if backwards else 1, step_unit))]
    elif published is not None:
        normalized = dates.resolve_relative(anchor, unit, published)
    if unit in ("month", "year") and anchor in ("last", "next", "previous"):
        loose = False
    return [Draft(start, end, "date", None, "date", "exact", normalized, loose=loose)]


def read_year(ctx: Context, start: int, end: int, year: int) -> list[Draft]:
    if _SCOPE_YEAR_BEFORE.search(ctx.before(start, 16)) and follows_figure(ctx, start):
        return []  # "up 30% from 2021": the base year belongs to the figure before it
    if re.search(r"\b(?:the|a|its)\s+$", ctx.before(start, 6), re.I) and ctx.text[end + 1 : end + 2].isupper():
        return []  # "the 2022 World Cup": a name
    return [Draft(start, end, "date", float(year), "year", "exact", f"{year:04d}")]


def follows_figure(ctx: Context, start: int) -> bool:
    window = ctx.before(start, 30)
    return bool(re.search(r"(?:%|per\s?cent|percent|\d\s?(?:bn|billion|million|trillion|m|k))\s+\w+\s+$", window, re.I))


_WEEKDAY_ONLY = re.compile(WEEKDAY_NAME, re.I)


def _joinable(first: Draft, second: Draft, text: str) -> bool:
    """A clock time next to its day ("09:30 am on Tuesday"), or a weekday before its date ("Tuesday, May 7")."""
    if first.kind != "date" or second.kind != "date" or second.start - first.end > 8:
        return False
    if _DATE_JOIN.fullmatch(text, first.end, second.start) is None:
        return False
    if (first.unit == "time") != (second.unit == "time"):
        day = second if first.unit == "time" else first
        return day.unit == "date" and "/" not in day.normalized
    first_is_weekday = _WEEKDAY_ONLY.fullmatch(text, first.start, first.end) is not None
    return (
        first_is_weekday
        and second.unit in ("date", "year")
        and "/" not in second.normalized
        and (second.value is not None or second.unit == "date")
        and _WEEKDAY_ONLY.fullmatch(text, second.start, second.end) is None
        and any(char.isdigit() for char in text[second.start : second.end])
    )


def merge_dates(drafts: list[Draft], text: str) -> list[Draft]:
    """Join adjacent pieces of one point in time into one claim."""
    merged: list[Draft] = []
    for draft in drafts:
        if merged and _joinable(merged[-1], draft, text):
            last = merged[-1]
            time_piece = last if last.unit == "time" else draft if draft.unit == "time" else None
            day_piece = draft if time_piece is last else last if time_piece is draft else draft
            merged[-1] = Draft(
                last.start,
                draft.end,
                "date",
                draft.value if draft.value is not None else last.value,
                "time" if time_piece is not None else day_piece.unit,
                last.hedge if last.hedge != "exact" else draft.hedge,
                day_piece.normalized or last.normalized or draft.normalized,
                loose=last.loose and draft.loose,
                step=day_piece.step,
            )
            continue
        merged.append(draft)
    return merged


_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")

_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})")


def _step_from(anchor: str, step: tuple[int, str]) -> str:
    """ "The following day" after a resolved date: the day, week, month or year next to it."""
    delta, unit = step
    day = _ISO_DAY.match(anchor)
    if unit == "day":
        if not day:
            return ""
        anchor_day = dates.safe_date(int(day[1]), int(day[2]), int(day[3]))
        return (anchor_day + dt.timedelta(days=delta)).isoformat() if anchor_day else ""
    if unit == "week":
        if not day:
            return ""
        anchor_day = dates.safe_date(int(day[1]), int(day[2]), int(day[3]))
        if anchor_day is None:
            return ""
        monday = anchor_day - dt.timedelta(days=anchor_day.weekday()) + dt.timedelta(weeks=delta)
        return dates.iso_range(monday, monday + dt.timedelta(days=6))
    month = _ISO_MONTH.match(anchor)
    if unit == "month" and month:
        year, month_number = dates.shift_month(int(month[1]), int(month[2]), delta)
        return f"{year:04d}-{month_number:02d}"
    if unit == "year" and re.match(r"^\d{4}", anchor):
        return f"{int(anchor[:4]) + delta:04d}"
    return ""


def resolve_steps(claims: list[ExtractedClaim], drafts: list[Draft], sentences: SentenceIndex) -> list[ExtractedClaim]:
    """Resolve "the following day" against the last resolved date of its sentence or the one before."""
    result = list(claims)
    for index, (claim, draft) in enumerate(zip(claims, drafts, strict=True)):
        if draft.step is None or claim.normalized:
            continue
        previous_start = sentences.around(claim.sentence_start - 2)[0] if claim.sentence_start >= 2 else 0
        for earlier in reversed(result[:index]):
            if earlier.start < previous_start:
                break
            if earlier.kind == "date" and earlier.normalized and "/" not in earlier.normalized:
                normalized = _step_from(earlier.normalized, draft.step)
                if normalized:
                    result[index] = replace(claim, normalized=normalized)
                break
    return result
