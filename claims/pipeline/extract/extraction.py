"""Find every checkable figure in a cleaned article: amounts, counts, ordinals, percentages, dates, durations.

One precompiled regex (scanner.py) finds anything that can start a figure (digits, currency signs, number
words, ordinals, month and weekday names, relative-time phrases); each hit is handed to the reader of its
kind (readers/), which reads it with a few anchored regex matches on the text right after and before it
(scale word, unit, hedge). The per-hit Python is small, so throughput stays in the millions of characters
per second. This module dispatches the hits, drops overlapping ones, joins the pieces of one date, and
turns each draft into a claim with its sentence, score and subject.

Rules are about the shape of language, not about any article: a number glued to a word ("G20",
"COVID-19") is a name, "the two" followed by a plural noun not counted before is a reference, a short
line with no lower-case word and no sentence punctuation is page furniture, and so on.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from claims.pipeline.extract.context import Context, Draft
from claims.pipeline.extract.readers.calendar_dates import (
    merge_dates,
    read_calendar,
    read_clock,
    read_decade,
    read_prefix_year,
    read_relative,
    read_weekday,
    resolve_steps,
)
from claims.pipeline.extract.readers.counts import read_multitude
from claims.pipeline.extract.readers.durations import read_race_time, read_time_word, read_vague
from claims.pipeline.extract.readers.figures import read_digits, read_words
from claims.pipeline.extract.readers.money import link_conversions, read_money
from claims.pipeline.extract.readers.ordinals import read_ordinal
from claims.pipeline.extract.readers.percents import read_fraction
from claims.pipeline.extract.scanner import SCANNER, trigger_positions
from claims.pipeline.extract.sentences import SentenceIndex
from claims.pipeline.extract.subject import subject_of
from claims.pipeline.types import ExtractedClaim

EXTRACTOR_VERSION = "2026.11.3"

_RESOLVABLE = (dt.date(1000, 1, 1), dt.date(9000, 12, 31))

_KIND_SCORE: dict[str, float] = {
    "money": 0.95,
    "percent": 0.9,
    "count": 0.8,
    "ordinal": 0.65,
    "quantity": 0.6,
    "duration": 0.5,
    "date": 0.45,
}


Reader = Callable[[Context, re.Match[str]], list[Draft]]

# The reader of each scanner group; a bare number ("num") is read in digits.
_READERS: dict[str, Reader] = {
    "decade": read_decade,
    "prefixyear": read_prefix_year,
    "money": read_money,
    "racetime": read_race_time,
    "timeword": read_time_word,
    "clock": read_clock,
    "daymonth": read_calendar,
    "monthday": read_calendar,
    "monthyear": read_calendar,
    "month": read_calendar,
    "weekday": read_weekday,
    "relative": read_relative,
    "vague": read_vague,
    "multitude": read_multitude,
    "fraction": read_fraction,
    "ordinal": read_ordinal,
    "words": read_words,
}


def read(ctx: Context, match: re.Match[str]) -> list[Draft]:
    """The drafts of one scanner hit; none for an address, a phone number or a hit in page furniture."""
    group = match.lastgroup
    if group in ("url", "phone") or ctx.lines.is_furniture(match.start()):
        return []
    return _READERS.get(group or "", read_digits)(ctx, match)


def _score(draft: Draft) -> float:
    score = _KIND_SCORE.get(draft.kind, 0.5)
    if draft.loose:
        score = 0.2 if draft.unit == "time" else 0.15
    elif draft.kind == "date" and draft.value is None:
        score = 0.3
    elif draft.value is None:
        score -= 0.25
    if draft.hedge != "exact" and draft.value is not None:
        score -= 0.05
    return round(max(0.0, min(1.0, score)), 2)


_MAX_SENTENCE = 600  # a "sentence" longer than this is text without punctuation: keep a window of it


def _clip_sentence(text: str, start: int, end: int, draft: Draft) -> tuple[int, int]:
    """The sentence bounds, cut to a window around the claim when the text has no sentence breaks."""
    end = max(end, draft.end)
    if end - start <= _MAX_SENTENCE:
        return start, end
    half = (_MAX_SENTENCE - (draft.end - draft.start)) // 2
    low = max(start, draft.start - max(half, 0))
    high = min(end, draft.end + max(half, 0))
    space = text.find(" ", low, draft.start)
    if low > start and space >= 0:
        low = space + 1
    space = text.rfind(" ", draft.end, high)
    if high < end and space >= 0:
        high = space
    return low, high


def extract_claims(text: str, *, published: dt.date | None = None) -> list[ExtractedClaim]:
    """Every checkable figure of a cleaned article, sorted by start offset.

    Conventions (those of the shared gold file): years are dates whose value is the year; "early 1950s"
    is 1950 with unit "decade", hedged; weekdays, months without a year and relative dates have no value
    but are resolved into ``normalized`` against ``published`` when it is given; "a decade" is 10 years;
    money is the full amount with an ISO currency code; a percentage is the number shown; a range
    ("20-30 people") gives its low end, hedged "at_least"; vague amounts ("dozens of") have no value.
    ``text[claim.start:claim.end] == claim.text`` always holds, and ``claim.sentence`` starts at
    ``claim.sentence_start`` (a window of at most 600 characters when the text has no sentence breaks).
    """
    if published is not None and not _RESOLVABLE[0] <= published <= _RESOLVABLE[1]:
        published = None  # too near the ends of the calendar to resolve "next year" or "5 years ago"
    reader = Context(text, published)
    drafts: list[Draft] = []
    scanned_to = 0
    for position in trigger_positions(text):
        if position < scanned_to:
            continue
        match = SCANNER.match(text, position)
        if match is None:
            continue
        scanned_to = match.end()
        drafts.extend(read(reader, match))
    drafts.sort(key=lambda d: (d.start, -d.end))
    deduplicated: list[Draft] = []
    for draft in drafts:
        if deduplicated and draft.start < deduplicated[-1].end:
            continue  # a later hit inside an earlier span ("or more" swallowed a number)
        deduplicated.append(draft)
    drafts = merge_dates(deduplicated, text)
    sentences = SentenceIndex(text) if drafts else None
    claims: list[ExtractedClaim] = []
    for draft in drafts:
        assert sentences is not None
        sentence_start, sentence_end = _clip_sentence(text, *sentences.around(draft.start), draft)
        sentence = text[sentence_start:sentence_end]
        claims.append(
            ExtractedClaim(
                start=draft.start,
                end=draft.end,
                text=text[draft.start : draft.end],
                sentence=sentence,
                sentence_start=sentence_start,
                kind=draft.kind,
                value=draft.value,
                unit=draft.unit,
                hedge=draft.hedge,
                normalized=draft.normalized,
                score=_score(draft),
                subject=subject_of(text, sentence_start, sentence_end, draft),
            )
        )
    if any(draft.step for draft in drafts):
        assert sentences is not None
        claims = resolve_steps(claims, drafts, sentences)
    return link_conversions(claims, text)
