"""What every reader of a figure shares: the draft of a claim, the text around a hit, and its hedge.

``Context`` holds one text, its line index, its publication date and the counted nouns seen so far;
its helpers read the text right before and after a hit (the hedge, the counted noun, whether the
sentence speaks of the future).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

from claims.pipeline.extract import dates
from claims.pipeline.extract.patterns import NEXT_WORDS, NOUN_PREMODIFIERS, WORD
from claims.pipeline.extract.sentences import LineIndex
from claims.pipeline.lexicon import FUNCTION_WORDS, word_set

_HEDGE_BEFORE = re.compile(
    r"(?:\b(?P<approx>about|around|roughly|approximately|nearly|almost|some|close\s+to|an\s+estimated|estimated|"
    r"circa|c\.|just\s+before|just\s+after|shortly\s+before|shortly\s+after|within|the\s+best\s+part\s+of)"
    r"|\b(?P<least>more\s+than|over|at\s+least|upwards\s+of|no\s+fewer\s+than|no\s+less\s+than|as\s+many\s+as|"
    r"as\s+much\s+as|in\s+excess\s+of|just\s+over|well\s+over|above|exceeding|greater\s+than)"
    r"|\b(?P<most>less\s+than|fewer\s+than|under|up\s+to|at\s+most|no\s+more\s+than|just\s+under|below|"
    r"a\s+maximum\s+of))\s+(?:\w+\s+)?$|(?P<tilde>~\s?)$",
    re.I,
)

# The last word of every hedge phrase above: a cheap test before the regex runs.
_HEDGE_WORD_SET = frozenset(
    (
        "about",
        "around",
        "roughly",
        "approximately",
        "nearly",
        "almost",
        "some",
        "to",
        "estimated",
        "circa",
        "c.",
        "before",
        "after",
        "within",
        "of",
        "than",
        "over",
        "least",
        "upwards",
        "as",
        "excess",
        "above",
        "exceeding",
        "under",
        "most",
        "below",
    )
)

_LOWER_WORDS = re.compile(r"[a-z]+\.?")

_HEDGE_AFTER = re.compile(
    r"(?P<least>\s+or\s+more\b|\+|-plus\b|\s+plus\b|\s+and\s+(?:above|over|up)\b)|(?P<approx>\s+or\s+so\b|-odd\b|\s+odd\b)"
    r"|(?P<most>\s+or\s+(?:less|fewer)\b|\s+at\s+most\b)",
    re.I,
)

_FUTURE_VERB = dates.FUTURE

_INTENSIFIERS = frozenset(("very", "extremely", "highly", "particularly", "especially", "relatively", "fairly"))

_NOT_PLURAL = word_set(
    "is was has his this its us as thus plus less across unless always perhaps news series species bus "
    "gas yes does goes whereas towards afterwards besides whereas sometimes"
)

_IRREGULAR_PLURALS = word_set(
    "people children men women police staff personnel cattle sheep fish deer aircraft troops feet teeth "
    "mice geese data media"
)

_IRREGULAR_SINGULARS = {"man": "men", "woman": "women", "person": "people", "child": "children"}


@dataclass
class Draft:
    """A claim being built; becomes an ExtractedClaim once sentence, score and subject are known."""

    start: int
    end: int
    kind: str
    value: float | None
    unit: str
    hedge: str = "exact"
    normalized: str = ""
    head: str = ""  # the counted noun, first term of the subject
    loose: bool = False  # a weekday or "this week": low check-worthiness
    step: tuple[int, str] | None = None  # "the following day": (+1, "day") from the date mentioned just before


@dataclass(frozen=True)
class Figure:
    """A number read with its range, scale and hedge, before what it measures is decided."""

    start: int
    end: int  # after the range, scale word and trailing hedge
    number_end: int  # after the number itself
    value: float
    hedge: str
    from_words: bool
    in_range: bool


def plural_of(word: str) -> str:
    word = word.lower()
    if word.endswith("s") or word in _IRREGULAR_PLURALS:
        return word
    if word in _IRREGULAR_SINGULARS:
        return _IRREGULAR_SINGULARS[word]
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("ch", "sh", "x")):
        return word + "es"
    return word + "s"


def is_plural(lower: str) -> bool:
    return lower in _IRREGULAR_PLURALS or (
        lower.endswith("s")
        and not lower.endswith(("ss", "'s", "\u2019s", "us", "is"))
        and lower not in _NOT_PLURAL
        and len(lower) > 3
    )


def normalize_time_unit(unit: str, value: float | None) -> tuple[float | None, str]:
    """Normalise "decades" → x10 years, "century" → x100 years, "weeks" → "weeks"."""
    unit = unit.lower()
    if unit.startswith("decade"):
        return (value * 10 if value is not None else None), "years"
    if unit.startswith("centur"):
        return (value * 100 if value is not None else None), "years"
    return value, unit if unit.endswith("s") else unit + "s"


def finite(value: float | None) -> float | None:
    return value if value is not None and math.isfinite(value) else None


class Context:
    """One text being read: the text, its line index, its publication date and the counted nouns seen so far."""

    def __init__(self, text: str, published: dt.date | None) -> None:
        self.text = text
        self.published = published
        self.lines = LineIndex(text)
        self.counted: set[str] = set()
        self.last_count: tuple[int, str] = (-1, "")  # (end offset, noun) of the latest count with a noun

    def before(self, start: int, width: int = 40) -> str:
        return self.text[max(0, start - width) : start]

    def forward(self, start: int) -> bool:
        """Does the sentence around start speak of the future? Decides which Tuesday "on Tuesday" is."""
        window = max(0, start - 120)
        lo = max(self.text.rfind(".", window, start), self.text.rfind("\n", window, start), window - 1)
        hi = self.text.find(".", start, start + 80)
        hi = min(len(self.text), start + 80) if hi < 0 else hi
        return bool(_FUTURE_VERB.search(self.text, lo + 1, hi))

    def hedge(self, start: int, end: int) -> tuple[str, int]:
        """The hedge around a figure, and the end of the span once a trailing hedge ("or more") is included."""
        after = _HEDGE_AFTER.match(self.text, end)
        if after:
            kind = "at_least" if after.group("least") else "approx" if after.group("approx") else "at_most"
            return kind, after.end()
        before = self.before(start, 36)
        if not _HEDGE_WORD_SET.intersection(_LOWER_WORDS.findall(before.lower())[-2:]) and "~" not in before[-2:]:
            return "exact", end
        match = _HEDGE_BEFORE.search(before)
        if match:
            if match.group("approx") or match.group("tilde"):
                return "approx", end
            return ("at_least" if match.group("least") else "at_most"), end
        return "exact", end

    def noun_after(self, end: int, limit: int = 3) -> tuple[str, bool, int]:
        """The counted noun after a number: (word, is_plural, end offset). Skips up to two adjectives.

        "two joint statements" gives "statements"; "13th visit after" gives "visit" (the last word of the
        noun phrase before a function word); "in 2013 Lee made" gives nothing, a name follows.
        """
        match = NEXT_WORDS.match(self.text, end)
        if not match:
            return "", False, end
        candidate, candidate_end = "", end
        for index, word_match in enumerate(WORD.finditer(self.text, end, match.end())):
            if index >= limit:
                break
            word = word_match.group().rstrip("'\u2019")
            lower = word.lower()
            if lower in NOUN_PREMODIFIERS or lower in _INTENSIFIERS:
                continue  # "2,000 more nurses", "40 new homes", "three very strong aftershocks"
            if lower in FUNCTION_WORDS:
                break
            if word[0].isupper() and not word.isupper():
                if index == 0:
                    return "", False, end  # a name follows the number
                break
            if is_plural(lower):
                return lower, True, word_match.end()
            candidate, candidate_end = lower, word_match.end()
            if self.text[word_match.end() : word_match.end() + 1] not in (" ", "-"):
                break  # punctuation ends the noun phrase
        return candidate, False, candidate_end

    def sentence_initial(self, start: int) -> bool:
        before = self.before(start, 4).rstrip(" \"'\u201c\u2018(")
        return not before or before[-1] in ".!?\n:"
