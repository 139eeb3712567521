"""Quantities with a unit of measure: "40 km", "5kg", "magnitude 6.3", "a 12-point plan", "7.3 times"."""

from __future__ import annotations

import re

from claims.pipeline.extract.context import Context, Draft, Figure, plural_of
from claims.pipeline.extract.patterns import GLUED_LETTER_UNIT, MEASURE_AFTER

_GLUED_UNITS = {"m": "metres", "g": "grams", "C": "degrees celsius", "F": "degrees fahrenheit", "K": "kelvin"}

_COUNTED_UNITS = frozenset(("votes", "seats", "goals", "runs", "wickets"))

_UNIT_NAMES = {"metric tons": "tonnes", "metric ton": "tonnes", "metric tonnes": "tonnes", "metric tonne": "tonnes"}

# A measure named before its figure: "magnitude 6.3", "a magnitude-6.3 quake", "a magnitude of 6.3".
_LABELLED_BEFORE = re.compile(
    r"\b(?P<unit>magnitude|Richter\s+scale)(?:\s+of)?(?:\s+(?:about|around|nearly|almost|roughly|some))?(?:\s+|-)$",
    re.I,
)

_HYPHEN_AFTER = re.compile(r"-(?P<word>[a-z]+)\b")

_TIMES_AFTER = re.compile(r"\s+times\b", re.I)

# "met 40 times" counts meetings: the verb before "times" names what was counted.
_TIMES_VERBS: dict[str, str] = {
    "met": "meetings",
    "meet": "meetings",
    "meeting": "meetings",
    "visited": "visits",
    "visit": "visits",
    "spoke": "conversations",
    "talked": "conversations",
    "called": "calls",
    "won": "wins",
    "lost": "defeats",
    "voted": "votes",
    "raised": "increases",
    "hiked": "increases",
    "cut": "cuts",
    "lowered": "cuts",
    "attacked": "attacks",
    "struck": "strikes",
    "vetoed": "vetoes",
    "travelled": "trips",
    "traveled": "trips",
}

_TIMES_VERB = re.compile(r"\b(" + "|".join(_TIMES_VERBS) + r")\b", re.I)


def labelled_before(ctx: Context, start: int, end: int, value: float) -> list[Draft] | None:
    """A measure named before its figure: "magnitude 6.3", "a magnitude-6.3 quake"."""
    label = _LABELLED_BEFORE.search(ctx.before(start, 24))
    if not label or ctx.text[end : end + 1].isalpha():
        return None
    hedge, end = ctx.hedge(start, end)
    unit = label.group("unit").split()[0].lower()
    return [Draft(start, end, "quantity", value, "magnitude" if unit == "richter" else unit, hedge, head=unit)]


def unit_after(ctx: Context, figure: Figure) -> list[Draft] | None:
    """A unit of measure after the number: "40 km", "5kg", "a 12-point plan", "7.3 times"."""
    text = ctx.text
    start, end, value, hedge = figure.start, figure.end, figure.value, figure.hedge
    measure = MEASURE_AFTER.match(text, end)
    if measure:
        unit = re.sub(r"\s+", " ", measure.group("unit").strip().lower())
        unit = _UNIT_NAMES.get(unit, unit)
        kind = "percent" if unit == "basis points" else "count" if unit in _COUNTED_UNITS else "quantity"
        return [Draft(start, measure.end(), kind, value, unit, hedge, head=unit)]
    if not figure.from_words and text[end - 1 : end].isdigit():
        glued = GLUED_LETTER_UNIT.match(text, end)
        if glued:
            unit = _GLUED_UNITS[glued.group()]
            return [Draft(start, glued.end(), "quantity", value, unit, hedge, head=unit)]
    hyphen = None if figure.in_range else _HYPHEN_AFTER.match(text, figure.number_end)
    if hyphen and hyphen.group("word") not in ("odd", "plus"):
        unit = plural_of(hyphen.group("word"))  # "a 12-point plan", "a 5-storey building"
        return [Draft(start, hyphen.end(), "quantity", value, unit, hedge, head=unit)]
    times = _TIMES_AFTER.match(text, end)
    if times:
        verb = _TIMES_VERB.search(ctx.before(start, 50))
        if verb and value == int(value):
            unit = _TIMES_VERBS[verb.group(1).lower()]
            return [Draft(start, times.end(), "count", value, unit, hedge, head=unit)]
        # "7.3 times earnings", "three times as many": a multiple, not a count of events
        return [Draft(start, times.end(), "quantity", value, "times", hedge, head="times")]
    return None
