"""Words of a sentence with their offsets, and how far each stands from a figure in its sentence."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from claims.pipeline.lexicon import COORDINATORS, LIGHT_WORDS

FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})
_WORD = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*|\d[\d,.:]*")
BREAK = re.compile(r"[,;:()\[\]\"]|\s-\s|[.!?](?:\s|$)")
# Crossing a comma or a bracket, or another figure, makes a word less likely to belong to this figure;
# a coordinator ("and", "while") opens another clause; hedges and auxiliaries in between cost little.
BREAK_COST = 3
FIGURE_COST = 8
COORDINATOR_COST = 2
LIGHT_COST = 0.25


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate(FOLD)


@dataclass(frozen=True)
class Word:
    text: str  # lower case, as written
    start: int
    end: int
    capital: bool
    number: bool


@lru_cache(maxsize=4096)
def words(sentence: str) -> tuple[Word, ...]:
    """The words (and numbers) of a sentence; cached, since every figure of a sentence reads them."""
    folded = fold(sentence)
    out = []
    for match in _WORD.finditer(folded):
        raw = match.group(0)
        out.append(Word(raw.lower(), match.start(), match.end(), raw[:1].isupper(), raw[:1].isdigit()))
    return tuple(out)


def locate(sentence: str, text: str) -> tuple[int, int]:
    """The figure's span in its sentence (the whole sentence when it is not found)."""
    position = fold(sentence).find(fold(text)) if text else -1
    if position < 0:
        return 0, len(sentence)
    return position, position + len(text)


def _word_cost(word: str) -> float:
    if word in LIGHT_WORDS:
        return LIGHT_COST
    if word in COORDINATORS:
        return 1 + COORDINATOR_COST
    return 1.0


@lru_cache(maxsize=4096)
def distances(sentence: str, span: tuple[int, int]) -> tuple[tuple[Word, float, bool], ...]:
    """Every word outside the figure with its cost from it and whether it follows the figure.

    The cost counts the words in between, plus BREAK_COST for each comma, bracket or sentence stop and
    FIGURE_COST for each other number crossed: "killing 14 people and wounding 78 others" puts
    "wounding" nearer 78 than 14.
    """
    start, end = span
    folded = fold(sentence)
    tokens = words(sentence)
    before = [w for w in tokens if w.end <= start]
    after = [w for w in tokens if w.start >= end]
    out: list[tuple[Word, float, bool]] = []
    for side, ordered in ((False, list(reversed(before))), (True, after)):
        cost = 0.0
        edge = start if not side else end
        for word in ordered:
            gap = folded[word.end : edge] if not side else folded[edge : word.start]
            cost += _word_cost(word.text) + BREAK_COST * len(BREAK.findall(gap))
            edge = word.start if not side else word.end
            if word.number:
                cost += FIGURE_COST
                continue
            out.append((word, cost, side))
    return tuple(out)


def gap_cost(sentence: str, span: tuple[int, int], first: int, last: int) -> float:
    """The cost (as in distances) of reaching the text at [first, last) from the figure."""
    folded = fold(sentence)
    gap = folded[span[1] : first] if first >= span[1] else folded[last : span[0]]
    tokens = _WORD.findall(gap)
    numbers = sum(1 for t in tokens if t[:1].isdigit())
    words_cost = sum(_word_cost(t.lower()) for t in tokens if not t[:1].isdigit())
    return 1 + words_cost + BREAK_COST * len(BREAK.findall(gap)) + FIGURE_COST * numbers
