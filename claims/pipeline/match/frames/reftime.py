"""When a figure was true: its reference time and, for estimates, which vintage it is.

The reference time is the publication date, moved by the sentence's own report-time words: "said on
Monday" or "as of Monday" (weekdays resolved backwards from the publication date), "as of 9 October",
"yesterday". A figure of a running count stated "so far" or "as of" is a snapshot at that time. The
vintage says whether an estimate is the first one ("the original estimate of 740", "initially
estimated", "from 740 to 906": 740) or a later one ("revised up to 906", "now thought to be"), and
likewise for a price move before the market opened or at its close.
"""

from __future__ import annotations

import datetime as dt
import re

from claims.pipeline.extract.dates import resolve_weekday, safe_date
from claims.pipeline.lexicon import MONTH_NAME, WEEKDAY_NAME, WEEKDAYS, month_number
from claims.pipeline.match.frames.words import fold, gap_cost

EARLY = "early"
LATE = "late"
MAX_DISTANCE = 9
# A figure's own qualifiers mostly come before it ('the revised figure of 906'); marks after it weigh less.
AFTER_COST = 2

_WEEKDAY = rf"({WEEKDAY_NAME}|yesterday|today)"
_REPORT = re.compile(
    r"\b(?:said|says|told|announced|reported|confirmed|added|stated|updated|as\s+of|by|as\s+at)\s+"
    rf"(?:[a-z]+\s+){{0,2}}?(?:on\s+)?{_WEEKDAY}\b",
    re.I,
)
_WEEKDAY_SAID = re.compile(rf"\b{_WEEKDAY}\s+(?:said|announced|reported|confirmed)\b", re.I)
_AS_OF_DATE = re.compile(
    rf"\b(?:as\s+of|as\s+at|by)\s+(?:(\d{{1,2}})\s+({MONTH_NAME})|({MONTH_NAME})\s+(\d{{1,2}}))\b", re.I
)
_ESTIMATE = r"(?:estimates?|figures?|counts?|tolls?|forecasts?|numbers?|readings?|results?|data|tally)"
_EARLY = re.compile(
    rf"\b(?:original|initial|preliminary|first|previous|earlier|old|provisional)\s+{_ESTIMATE}\b"
    r"|\b(?:originally|initially|previously|first\s+estimated)\b",
    re.I,
)
_LATE = re.compile(r"\b(?:revised|revision|revisions|updated|latest|now|actually|final|upgraded|downgraded)\b", re.I)
# Moments of a trading day: a price change before the market opens and at its close are two readings.
_SESSION_EARLY = re.compile(r"\b(?:pre-?market|premarket|early\s+trading|opened|at\s+the\s+open(?:ing)?)\b", re.I)
_SESSION_LATE = re.compile(
    r"\b(?:closed|ended\s+(?:the\s+)?(?:trading|session|day)|at\s+the\s+close|"
    r"finished\s+(?:the\s+)?(?:trading|session|day))\b",
    re.I,
)
# "the previous record of 2:01:09": a record stands until it is beaten, so its former holder's figure is
# an earlier reading of it; only the figure the phrase itself names ("beat the previous record" is not).
_FORMER_RECORD_BEFORE = re.compile(
    r"\b(?:previous|old|former|earlier)\s+(?:[a-z]+\s+)?(?:record|mark|best)\s+(?:of|at|was|stood\s+at)\s+$", re.I
)
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:an?\s+|the\s+|about\s+|around\s+)?[$€£]?\s*$", re.I)
_TO_AFTER_FROM = re.compile(r"\bfrom\s+[^\s]*\d[^\s]*\s+(?:\w+\s+)?to\s+(?:about\s+|around\s+)?[$€£]?\s*$", re.I)


def _weekday_back(name: str, published: dt.date) -> dt.date:
    name = name.lower()
    if name == "today":
        return published
    if name == "yesterday":
        return published - dt.timedelta(days=1)
    return resolve_weekday(WEEKDAYS[name], published, forward=False)


def reference_of(sentence: str, published: dt.date | None) -> dt.date | None:
    """The day the sentence's figures were reported as true: the publication date unless it says otherwise."""
    if published is None:
        return None
    folded = fold(sentence)
    dated = _AS_OF_DATE.search(folded)
    if dated:
        day = int(dated.group(1) or dated.group(4))
        month = month_number(dated.group(2) or dated.group(3)) or published.month
        when = safe_date(published.year, month, day)
        if when is not None and when > published:
            when = safe_date(published.year - 1, month, day)
        if when is not None:
            return when
    said = _REPORT.search(folded) or _WEEKDAY_SAID.search(folded)
    if said:
        return _weekday_back(said.group(1), published)
    return published


def vintage_of(sentence: str, span: tuple[int, int]) -> str:
    """EARLY for a first estimate, LATE for a revised or current one, "" when the sentence says neither."""
    folded = fold(sentence)
    start, end = span
    before = folded[max(0, start - 60) : start]
    if _TO_AFTER_FROM.search(before):
        return LATE
    if _FROM_BEFORE.search(before) or _FORMER_RECORD_BEFORE.search(before):
        return EARLY
    marks: list[tuple[float, str]] = []
    for pattern, label in ((_EARLY, EARLY), (_LATE, LATE), (_SESSION_EARLY, EARLY), (_SESSION_LATE, LATE)):
        for match in pattern.finditer(folded):
            if start <= match.start() < end:
                continue
            if label == EARLY and re.search(r"\bthan\s+$", folded[max(0, match.start() - 10) : match.start()]):
                continue  # "higher than previously thought": the figure is the new one
            cost = gap_cost(sentence, span, match.start(), match.end())
            if match.start() >= end:
                cost += AFTER_COST
            if cost <= MAX_DISTANCE:
                marks.append((cost, label))
    return min(marks)[1] if marks else ""


_SHARES = {
    "a fifth": 0.2,
    "one fifth": 0.2,
    "a quarter": 0.25,
    "one quarter": 0.25,
    "a third": 1 / 3,
    "one third": 1 / 3,
    "half": 0.5,
    "two thirds": 2 / 3,
    "three quarters": 0.75,
    "most": 0.75,
    "nearly all": 0.98,
    "almost all": 0.98,
    "virtually all": 0.98,
    "all": 1.0,
}
_COUNTED = re.compile(
    r"\b(?:with|after)\s+(?:about\s+|around\s+|nearly\s+(?=\d)|over\s+|more\s+than\s+|just\s+over\s+)?"
    r"(?P<share>a\s+fifth|one\s+fifth|a\s+quarter|one\s+quarter|a\s+third|one\s+third|half|two\s+thirds|"
    r"three\s+quarters|most|nearly\s+all|almost\s+all|virtually\s+all|all|\d+(?:\.\d+)?\s*(?:%|per\s*cent|percent))"
    r"\s+(?:(?:of\s+)?(?:the\s+)?(?:votes?|ballots|precincts|polling\s+stations|districts|results)\s+)?"
    r"(?:counted|tallied|reported|in|processed|declared)\b",
    re.I,
)
_FINAL = re.compile(r"\b(?:final|official|complete)\s+(?:results?|count|tally)\b", re.I)


def progress_of(sentence: str) -> float | None:
    """How much of a count in progress was in when the figure was given: 0.2 for "with a fifth of the
    votes counted", 1.0 for "final results"; None when the sentence does not say."""
    folded = fold(sentence)
    match = _COUNTED.search(folded)
    if match:
        share = re.sub(r"\s+", " ", match.group("share").lower())
        if share in _SHARES:
            return _SHARES[share]
        number = re.match(r"\d+(?:\.\d+)?", share)
        return min(1.0, float(number.group(0)) / 100) if number else None
    return 1.0 if _FINAL.search(folded) else None
