"""What a figure counts: the counted noun or verb nearest it, normalised to a concept.

"2,053 people were dead", "killed at least 2,000 people" and "the death toll rose to 2,445" are all
"deaths"; "1,240 people are injured" is "injuries". The counted noun of the figure itself decides
first ("1,320 houses"); else the nearest concept word of the sentence, words across a comma or
another figure counting as further away. A word that names no concept leaves the counted noun
itself as the measure ("12 villages" -> "villages"), or no measure at all ("2,000 people").
"""

from __future__ import annotations

import re

from claims.pipeline.match.frames.lexicon import GENERIC_NOUNS, MEASURE_WORDS, UNIT_MEASURES
from claims.pipeline.match.frames.words import BREAK, distances, fold

# Measures named by words (deaths, price); DIMENSIONS come from units alone (a distance, a time) and say
# only what kind of figure it is, not which fact.
CONCEPTS = frozenset(MEASURE_WORDS.values())
DIMENSIONS = frozenset(UNIT_MEASURES.values())
# Concepts that say what kind of figure it is but not of what: "a 20% fall" may be of anything.
UNSPECIFIC = frozenset({"change"})

# A concept word further than this (in words, see words.distances) is not taken as the figure's.
MAX_DISTANCE = 11
# "rose to 2,445" names the level the count reached, not a change: the change word is passed over.
_TO_LEVEL = re.compile(
    r"\b(?:to|at|of|above|below|past|beyond|over|under)"
    r"(?:\s+(?:an?|the|some|about|around|nearly|almost|estimated|roughly|just))*\s*$"
)


def _unit_words(unit: str) -> list[str]:
    return [w for w in re.findall(r"[a-z-]+", unit.lower()) if w not in ("of", "the")]


def dimension_of(unit: str) -> str:
    """What kind of quantity the unit measures ("distance", "duration", "mass"), or ""."""
    words = _unit_words(unit)
    return UNIT_MEASURES.get(words[-1], "") if words else ""


def measure_of(*, text: str, sentence: str, span: tuple[int, int], kind: str, unit: str) -> str:
    """The figure's measure concept ("deaths", "price", "distance"), or its counted noun ("villages"),
    or "" when none is stated. Only concepts are in CONCEPTS: a counted noun may still be a synonym
    of another ("meetings", "interactions"), so it names a subject but never keeps two figures apart."""
    unit_words = _unit_words(unit)
    dimension = dimension_of(unit)
    if unit_words and not dimension:
        head = unit_words[-1]
        if head in MEASURE_WORDS:
            return MEASURE_WORDS[head]
        if kind == "count" and head not in GENERIC_NOUNS:
            return _noun(head)  # "12 villages" counts villages, whatever verb stands nearby
    if kind in ("date", "ordinal", "duration"):
        return ""  # a point or span of time: its dimension says what it is
    if _is_age_apposition(sentence, span, unit):
        return "age"
    if _COMPARED_AFTER.match(fold(sentence)[span[1] :]):
        return "change"  # "16 per cent fewer applicants", "3% higher": a difference, not a level
    inside = [w.lower() for w in re.findall(r"[A-Za-z-]+", fold(text))]
    for word in inside:
        if word in MEASURE_WORDS and word not in unit_words[:-1]:
            return MEASURE_WORDS[word]
    folded = fold(sentence)
    best: tuple[float, int, str] | None = None
    for word, cost, after in distances(sentence, span):
        concept = MEASURE_WORDS.get(word.text)
        if concept is None or cost > MAX_DISTANCE:
            continue
        if concept in ("change", "growth"):
            if not after and _TO_LEVEL.search(folded[word.end : span[0]]):
                continue
            if after and BREAK.search(folded[span[1] : word.start]):
                continue  # "906, a jump on the estimate": an aside about the change, not what 906 counts
        if after and _COMPARED_TO.search(folded[span[1] : word.start]):
            continue  # "142% compared to the closing price": the base of the comparison, not the measure
        rank = (cost, 0 if after else 1, concept)
        if best is None or rank < best:
            best = rank
    if best is not None:
        return best[2]
    if dimension:
        return dimension
    if unit_words and unit_words[-1] not in GENERIC_NOUNS and kind in ("count", "quantity"):
        return _noun(unit_words[-1])
    return ""


_COMPARED_AFTER = re.compile(
    r"^\s*(?:per\s*cent|percent|%)?\s*(?:fewer|less|higher|lower|bigger|smaller)\b"
    r"(?!\s+than\b)",
    re.I,
)
_COMPARED_TO = re.compile(r"\b(?:compared\s+(?:to|with)|relative\s+to|than|against|over)\b", re.I)
_NAME_BEFORE = re.compile(r"\b[A-Z][\w'\u2019-]+,\s*$")
_COMMA_AFTER = re.compile(r"^\s*,")


def _is_age_apposition(sentence: str, span: tuple[int, int], unit: str) -> bool:
    """ "Kiptum, 23, ran ...": a bare whole number set off by commas right after a name is an age."""
    folded = fold(sentence)
    figure = folded[span[0] : span[1]].strip()
    if unit or not figure.isdigit() or not 1 <= int(figure) <= 120:
        return False
    return bool(_NAME_BEFORE.search(folded[: span[0]]) and _COMMA_AFTER.match(folded[span[1] :]))


def _noun(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word
