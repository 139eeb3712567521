"""Claim frames: what a figure measures, whose it is, its scope, when it was true, and its value range.

A pure package (no Django), one module per stage:

* ``measure``  -- the counted noun or verb, normalised to a concept ("killed", "dead", "death toll" are
  "deaths"; the missing and the injured are other measures);
* ``owner`` (here) -- the name nearest the figure: whose figure it is;
* ``scope``    -- period, per-unit, round, subgroup, and difference-or-level slots;
* ``reftime``  -- the reference time (publication date moved by "said on Monday", "as of 9 October"),
  the vintage of an estimate (first or revised) and the share of a count in progress ("a fifth counted");
* ``interval`` -- the value as an interval from the hedge and the rounding precision.

Matching joins figures whose measures agree and whose scopes do not differ; the relation of a group
comes from the frames' intervals and reference times; ``subject_line`` says what a group is about.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from claims.pipeline.lexicon import MONTHS, WEEKDAYS, word_set
from claims.pipeline.match.frames.interval import Interval, interval_of, overlap
from claims.pipeline.match.frames.lexicon import MOVING
from claims.pipeline.match.frames.measure import CONCEPTS, DIMENSIONS, dimension_of, measure_of
from claims.pipeline.match.frames.reftime import EARLY, LATE, progress_of, reference_of, vintage_of
from claims.pipeline.match.frames.scope import Scope, scope_of, scopes_differ
from claims.pipeline.match.frames.words import distances, locate, words

__all__ = [
    "EARLY",
    "LATE",
    "Frame",
    "frame_of",
    "frames_conflict",
    "frames_shifted",
    "group_subject",
    "interval_of",
    "overlap",
    "scopes_differ",
    "subject_line",
    "why_apart",
]

OWNER_DISTANCE = 8
PROGRESS_STEP = 0.05  # counts given with shares counted this far apart were taken at different times
_SOURCE_BEFORE = re.compile(r"\b(?:told|according\s+to|said|says|reported|by|from)\s+(?:the\s+)?$", re.I)
_NOT_NAMES = (
    frozenset(MONTHS)
    | frozenset(WEEKDAYS)
    | word_set(
        "the a an it its he she they we this that these those there in on at by for of and but mr mrs ms dr "
        "according officials official"
    )
)


@dataclass(frozen=True)
class Frame:
    measure: str  # concept ("deaths", "price") or counted noun ("villages"); "" when none is stated
    owner: str  # the nearest name ("Herat", "Nippon Steel"); "" when none
    scope: Scope  # (slot, value) pairs: period, per, round, subgroup, delta
    reference: dt.date | None  # when the figure was reported true
    vintage: str  # EARLY, LATE or ""
    interval: Interval | None  # the values it allows, in base units (metres, seconds) where it has one
    kind: str = ""  # the claim's kind, named in the subject line when no measure is stated
    dimension: str = ""  # what its unit measures: "distance", "duration", "mass"; "" for plain numbers
    progress: float | None = None  # share of a count in progress that was in (0.2: "a fifth counted")

    @property
    def moving(self) -> bool:
        """A measure that changes as time passes (tolls, counts in progress, prices), or an estimate."""
        return self.measure in MOVING or bool(self.vintage) or self.progress is not None


def _bare(word: str) -> str:
    return word.removesuffix("'s")


def owner_of(sentence: str, span: tuple[int, int]) -> str:
    """The capitalised name nearest the figure (not the sentence's first word), with its neighbours."""
    tokens = words(sentence)
    first = tokens[0].start if tokens else 0
    best: tuple[float, int] | None = None
    for word, cost, _ in distances(sentence, span):
        if not word.capital or word.start == first or _bare(word.text) in _NOT_NAMES or cost > OWNER_DISTANCE:
            continue
        if best is None or cost < best[0]:
            best = (cost, word.start)
    if best is None:
        return ""
    index = next(i for i, t in enumerate(tokens) if t.start == best[1])
    if _SOURCE_BEFORE.search(sentence[max(0, tokens[index].start - 16) : tokens[index].start]):
        return ""  # "told Reuters", "according to the ministry": who says it, not whose figure it is
    low = high = index
    while (
        low > 0
        and tokens[low - 1].capital
        and tokens[low - 1].start != first
        and _bare(tokens[low - 1].text) not in _NOT_NAMES
    ):
        low -= 1
    while high + 1 < len(tokens) and tokens[high + 1].capital and _bare(tokens[high + 1].text) not in _NOT_NAMES:
        high += 1
    name = sentence[tokens[low].start : tokens[high].end].removesuffix("'s").removesuffix("\u2019s")
    name = name.strip(" ()[]-\u2013\u2014,;:")
    return name if len(name) > 1 else ""


def frame_of(
    *,
    text: str,
    sentence: str,
    kind: str,
    value: float | None,
    unit: str,
    hedge: str,
    published: dt.date | None,
    context_period: str = "",
) -> Frame:
    span = locate(sentence, text)
    return Frame(
        measure=measure_of(text=text, sentence=sentence, span=span, kind=kind, unit=unit),
        owner=owner_of(sentence, span),
        scope=scope_of(
            text=text, sentence=sentence, span=span, kind=kind, published=published, context_period=context_period
        ),
        reference=reference_of(sentence, published),
        vintage=vintage_of(sentence, span) if kind != "date" else "",
        interval=interval_of(value, hedge=hedge, unit=unit) if kind != "date" else None,
        kind=kind,
        dimension=dimension_of(unit),
        progress=progress_of(sentence) if kind != "date" else None,
    )


def why_apart(a: Frame, b: Frame) -> str:
    """Why two figures cannot be one fact ("measure", "period", "per", ...), or "" when they may be."""
    if a.dimension != b.dimension and a.kind not in ("date", "duration") and b.kind not in ("date", "duration"):
        return "unit"  # 35 km is no count of anything, and no weight
    named = CONCEPTS | DIMENSIONS
    if a.measure and b.measure and a.measure != b.measure and (a.measure in named or b.measure in named):
        return "measure"  # two concepts, or a concept against a counted noun it does not cover
    return scopes_differ(a.scope, b.scope)


def frames_shifted(a: Frame, b: Frame) -> bool:
    """Two reports of a moving measure made at different times, or two vintages of one estimate: a figure
    stated as the first estimate against one that is not (a figure given plainly is the current one)."""
    if (a.vintage == EARLY) != (b.vintage == EARLY):
        return True
    if a.progress is not None and b.progress is not None and abs(a.progress - b.progress) >= PROGRESS_STEP:
        return True  # "with a fifth of the votes counted" against "with nearly all counted"
    if not (a.moving or b.moving):
        return False
    return a.reference is not None and b.reference is not None and a.reference != b.reference


def frames_conflict(a: Frame, b: Frame) -> bool | None:
    """True when the values cannot both hold, None when one is not a number."""
    if a.interval is None or b.interval is None:
        return None
    return not overlap(a.interval, b.interval)


_KIND_WORDS = {
    "money": "Amount",
    "percent": "Percentage",
    "date": "Date",
    "duration": "Duration",
    "ordinal": "Rank",
    "count": "Count",
}
_SLOT_TEXT = {
    "per": "per {}",
    "round": "round {}",
    "subgroup": "{}",
    "period": "{}",
    "delta": "change",
    "part": "at {}s",
}


def _period_text(period: str) -> str:
    """ "12m:2023-06" -> "year to Jun 2023", "2023-06" -> "Jun 2023", "~2023" -> "2023"."""
    twelve = period.startswith("12m:")
    text = period.removeprefix("12m:").lstrip("~")
    if len(text) >= 7 and text[:4].isdigit() and text[5:7].isdigit() and 1 <= int(text[5:7]) <= 12:
        text = f"{dt.date(int(text[:4]), int(text[5:7]), 1):%b %Y}"
    return f"year to {text}" if twelve else text


def subject_line(frame: Frame, *, until: dt.date | None = None) -> str:
    """ "Deaths, Herat, as of 9 Oct 2023": the measure, whose, its scope, and when it was reported."""
    scope = dict(frame.scope)
    if not frame.measure and "delta" in scope:
        parts = ["Change"]
    else:
        parts = [frame.measure.capitalize() if frame.measure else _KIND_WORDS.get(frame.kind, "Figure")]
    parts[0] += "".join(
        f" {_SLOT_TEXT[s].format(scope[s])}"
        for s in ("delta", "per", "subgroup", "part", "round")
        if s in scope and not (s == "delta" and parts[0].startswith("Change"))
    )
    if frame.owner:
        parts.append(frame.owner)
    if "period" in scope:
        parts.append(_period_text(scope["period"]))
    if frame.reference is not None and frame.kind not in ("date", "duration"):  # a date does not move
        day = f"{frame.reference.day} {frame.reference:%b %Y}"
        if until is not None and until != frame.reference:
            day = f"{frame.reference.day} {frame.reference:%b} to {until.day} {until:%b %Y}"
        parts.append(f"as of {day}")
    return ", ".join(parts)


def group_subject(frames: Sequence[Frame]) -> str:
    """One subject line for a group: its commonest measure, owner and scope, over its reporting days."""
    if not frames:
        return ""
    measure = Counter(f.measure for f in frames if f.measure).most_common(1)
    owner = Counter(f.owner for f in frames if f.owner).most_common(1)
    scope = Counter(f.scope for f in frames).most_common(1)[0][0]
    kind = Counter(f.kind for f in frames).most_common(1)[0][0]
    days = sorted(f.reference for f in frames if f.reference is not None)
    summary = Frame(
        measure[0][0] if measure else "", owner[0][0] if owner else "", scope, days[0] if days else None, "", None, kind
    )
    return subject_line(summary, until=days[-1] if days else None)
