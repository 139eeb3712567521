"""What the matcher reads off one claim, once (cached): its kind family, the days a date may refer to,
its counted noun, its frame, the weighted terms of its sentence and clause, and the head of its clause."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from claims.pipeline.extract.dates import month_span
from claims.pipeline.extract.heads import figure_head
from claims.pipeline.match import params
from claims.pipeline.match.frames import Frame, frame_of, subject_line
from claims.pipeline.match.frames.measure import dimension_of
from claims.pipeline.match.frames.words import FOLD
from claims.pipeline.match.records import ClaimRecord
from claims.pipeline.match.terms import WORD, event_term, stem, tokens_of

_TIME_UNITS_IN_DAYS = {
    "second": 1 / 86400,
    "minute": 1 / 1440,
    "hour": 1 / 24,
    "day": 1.0,
    "week": 7.0,
    "fortnight": 14.0,
    "month": 30.44,
    "quarter": 91.3,
    "year": 365.25,
    "decade": 3652.5,
    "century": 36525.0,
}

_GENERIC_UNITS = ("time", "count", "item", "unit", "number", "thing", "occasion", "instance", "person", "people")

_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")

_AGO = re.compile(r"^\W*(ago|earlier)\b", re.IGNORECASE)


def _unit_stem(unit: str) -> str:
    """The stem of a unit's head noun: "meetings" -> "meet", "joint statements" -> "statement"."""
    words = [w for w in re.findall(r"[a-z]+", unit.lower()) if w not in ("of", "the")]
    return stem(words[-1]) if words else ""


_GENERIC_STEMS = frozenset(stem(u) for u in _GENERIC_UNITS)


def time_unit_days(unit: str) -> float | None:
    base = _unit_stem(unit)
    for name, days in _TIME_UNITS_IN_DAYS.items():
        if base == stem(name):
            return days
    return None


def family_of(claim: ClaimRecord) -> str:
    """Which claims can be compared at all: time points, spans of time, counted things, percent, money."""
    kind = claim.kind
    if kind == "date":
        return "time"
    if kind == "duration":
        return "time" if _points_back(claim) else "span"
    if kind in ("count", "ordinal", "quantity"):
        return "span" if time_unit_days(claim.unit) and kind == "quantity" else "amount"
    if kind == "money":
        currency = re.sub(r"[^A-Z$€£¥]", "", claim.unit.upper())[:3] or "money"
        return f"money-{currency}"
    return kind or "other"


def _points_back(claim: ClaimRecord) -> bool:
    """A duration followed by "ago" or "earlier" names a point in time, not a span."""
    position = claim.sentence.find(claim.text)
    if position < 0:
        return bool(re.search(r"\b(ago|earlier)\b", claim.text, re.IGNORECASE))
    rest = claim.sentence[position + len(claim.text) :]
    return bool(_AGO.match(rest)) or bool(re.search(r"\bago\b", claim.text, re.IGNORECASE))


def _iso_interval(text: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day covered by an ISO-like date, month, year or range ("2023-03-20/2023-03-22")."""
    bounds: list[tuple[dt.date, dt.date]] = []
    for match in _ISO.finditer(text):
        year = int(match.group(1))
        try:
            if match.group(3):
                day = dt.date(year, int(match.group(2)), int(match.group(3)))
                bounds.append((day, day))
            elif match.group(2):
                month = int(match.group(2))
                bounds.append(month_span(year, month))
            else:
                bounds.append((dt.date(year, 1, 1), dt.date(year, 12, 31)))
        except ValueError:
            continue
    if not bounds:
        return None
    return min(b[0] for b in bounds), max(b[1] for b in bounds)


@lru_cache(maxsize=65536)
def time_interval(claim: ClaimRecord) -> tuple[dt.date, dt.date] | None:
    """The days a time-point claim may refer to, or None when it cannot be resolved."""
    normalized = claim.normalized
    if normalized:
        interval = _iso_interval(normalized)
        if interval and claim.kind == "duration":
            slack = dt.timedelta(days=max(3.0, 0.35 * (span_days(claim) or 0.0)))
            return interval[0] - slack, interval[1] + slack
        if interval:
            return interval
    if claim.kind == "duration":
        days = time_unit_days(claim.unit)
        if claim.published is None or claim.value is None or days is None:
            return None
        back = claim.value * days
        margin = max(back * 0.35, 3.0)
        return (
            claim.published - dt.timedelta(days=back + margin),
            claim.published - dt.timedelta(days=max(0.0, back - margin)),
        )
    if claim.value is not None and 1000 <= claim.value <= 2999:
        year = int(claim.value)
        if _unit_stem(claim.unit) == "decad" or claim.unit.lower().startswith("decade"):
            return dt.date(year, 1, 1), dt.date(min(year + 9, 9999), 12, 31)
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    return None


def span_days(claim: ClaimRecord) -> float | None:
    days = time_unit_days(claim.unit)
    if days is None or claim.value is None:
        return None
    return claim.value * days


def _noun_stems(claim: ClaimRecord) -> frozenset[str]:
    """The counted noun, from the unit of a count, ordinal or quantity ("meetings" -> "meet")."""
    unit = _unit_stem(claim.unit)
    if claim.kind in ("count", "ordinal", "quantity") and unit and unit not in _GENERIC_STEMS:
        words = re.findall(r"[a-z]+", claim.unit.lower())
        return frozenset({unit, event_term(words[-1])} if words else {unit})
    return frozenset()


@lru_cache(maxsize=65536)
def claim_frame(claim: ClaimRecord) -> Frame:
    """The claim's frame (claims.pipeline.match.frames): measure, owner, scope, reference time, value interval."""
    return frame_of(
        text=claim.text,
        sentence=claim.sentence,
        kind=claim.kind,
        value=claim.value,
        unit=claim.unit,
        hedge=claim.hedge,
        published=claim.published,
        context_period=claim.context_period,
    )


def claim_subject(claim: ClaimRecord) -> str:
    """The claim's subject line for people: "Deaths, Herat, as of 9 Oct 2023"."""
    return subject_line(claim_frame(claim))


@dataclass(frozen=True)
class Features:
    family: str
    sentence_terms: dict[str, float]
    local_terms: dict[str, float]
    nouns: frozenset[str]
    interval: tuple[dt.date, dt.date] | None
    normalized_sentence: str
    head_events: dict[str, float]  # event terms of the figure's own clause (see extract/heads.py), by weight
    head_places: frozenset[str]  # places named in that clause's prepositional phrases
    entities: frozenset[str]  # stems of the sentence's names (capitalised words not opening it)


@lru_cache(maxsize=65536)
def features_of(claim: ClaimRecord) -> Features:
    tokens = tokens_of(claim.sentence)
    position = claim.sentence.find(claim.text) if claim.text else -1
    if position < 0:
        position, end = 0, len(claim.sentence)
    else:
        end = position + len(claim.text)
    # The head is read from the sentence here rather than taken from ``claim.subject``, so that claims
    # stored by any extractor version (or built by hand) are compared alike.
    sentence_terms: dict[str, float] = {}
    for token in tokens:
        if position <= token.start < end and claim.kind != "date":
            continue  # the claim's own words (e.g. "meetings") are judged as its noun, not as context
        weight = params.ENTITY_WEIGHT if token.entity else 1.0
        sentence_terms[token.stem] = max(sentence_terms.get(token.stem, 0.0), weight)
    # Words nearest the figure, in the same clause, carry its event: "took over the presidency in 2012".
    local_terms: dict[str, float] = {}
    before = [t for t in tokens if t.end <= position and not _clause_break(claim.sentence[t.end : position])]
    after = [t for t in tokens if t.start >= end and not _clause_break(claim.sentence[end : t.start])]
    inside = [t for t in tokens if position <= t.start < end]
    for distance, token in enumerate(reversed(before[-5:])):
        local_terms[token.stem] = max(local_terms.get(token.stem, 0.0), 1.0 / (1.0 + 0.5 * distance))
    for distance, token in enumerate(after[:3]):
        local_terms[token.stem] = max(local_terms.get(token.stem, 0.0), 0.8 / (1.0 + 0.5 * distance))
    for token in inside if not dimension_of(claim.unit) else ():
        # A unit of length or time ("miles", "seconds") is compared as the frame's dimension, not as a word.
        local_terms[token.stem] = max(local_terms.get(token.stem, 0.0), 1.0)
    family = family_of(claim)
    head = figure_head(claim.sentence, position, end)
    head_events: dict[str, float] = {}
    for word, weight in head.events:
        term = event_term(word)
        head_events[term] = max(head_events.get(term, 0.0), weight)
    return Features(
        head_events=head_events,
        head_places=frozenset(stem(place.lower()) for place in head.places),
        entities=frozenset(t.stem for t in tokens if t.entity),
        family=family,
        sentence_terms=sentence_terms,
        local_terms=local_terms,
        nouns=_noun_stems(claim),
        interval=time_interval(claim) if family == "time" else None,
        normalized_sentence=" ".join(w.lower() for w in WORD.findall(claim.sentence.translate(FOLD))),
    )


def _clause_break(between: str) -> bool:
    return bool(re.search(r"[;:()\u2014]|\s-\s|[.!?]\s", between))
