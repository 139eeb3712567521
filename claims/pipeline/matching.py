"""Cross-source matching: line up the same fact across articles and suggest how the sources relate.

A reviewer should see in one place what every article says about one quantity. Each claim first gets
a *frame* (``claims.pipeline.match.frames``): its measure ("killed", "dead" and "death toll" are "deaths"),
owner, scope slots (period, per share, round, subgroup, difference or level), reference time and value
interval. Frames decide first: figures of other measures, dimensions or scopes never join, however alike
their sentences; one stated measure or period adds to the words' score (MEASURE_BONUS, PERIOD_BONUS),
and a measure that moves over time (a toll, an estimate) joins whatever its values
(SAME_MEASURE_VALUE_FLOOR), unless a later report is SHRINK_FACTOR times smaller. The relation comes
from the frames too: intervals that overlap agree, reports of a moving measure at other times or of
another vintage are time-shifted, the rest conflict.
Claims are then compared pairwise (``match_score``) on signals that do not depend on the subject of the
news:

* a compatible *kind family* and unit (a count and an ordinal of the same noun; "ten years" and
  "a decade"; a year and a month of that year; a relative date resolved against the publication date);
* the counted noun and the words right around the figure (its verb, the event a date belongs to),
  weighted by their distance to the figure; nouns of one event class meet ("interactions", "met",
  "talks": see ``EVENT_CLASSES``);
* for dates, the *head* of the date's own clause (``heads.figure_head``): the event it dates and the
  places named there. Agreeing heads weigh more than whole-sentence overlap; clauses naming different
  events or different places make a match unlikely, since a shared year is weak evidence on its own;
* resolved dates that overlap, the more so the narrower they are: a day inside a stated range
  ("on Tuesday" within "March 3-5") is one moment of that event;
* named entities and key terms of the whole sentence, lightly stemmed (invade/invasion, visit/visits);
* value proximity, given each figure's hedge ("about 40" and "40th" are compatible, "dozens" is 24-99);
  two exact figures of one precise value ("3:27 minutes", "three minutes and 27 seconds") earn
  SAME_VALUE_BONUS, however differently worded; a precise measurement with a unit and another of its
  kind that excludes it ("2:01:25" and "2:00:35", or "under 2:01") are two facts, unless one is marked as
  the earlier reading ("the previous record of ...").

A figure whose sentence states no period is read in the reporting period its article last stated
(``ClaimRecord.context_period``, see ``frames.scope.carried_periods``), and a date that only names a
statistic's period ("in the year to June 2024") is never lined up with other dates.

``blocking_keys`` gives every claim a few short keys (kind family + a key term) so the Django layer
only compares claims that share a key, and ``group_claims`` clusters candidates; ``suggest_relation``
then says whether the sources agree, conflict, or report the same quantity at different times, and
counts copies of one wire story as one origin. Two different days are no conflict when another member
states a range holding both (lunch on Monday, talks on Tuesday, of a visit on March 20-22).
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

from claims.pipeline.extract.heads import figure_head
from claims.pipeline.match.frames import (
    EARLY,
    LATE,
    Frame,
    frame_of,
    frames_conflict,
    frames_shifted,
    group_subject,
    overlap,
    subject_line,
    why_apart,
)
from claims.pipeline.match.frames.measure import CONCEPTS, DIMENSIONS, UNSPECIFIC, dimension_of
from claims.pipeline.match.frames.scope import is_period_slot
from claims.pipeline.match.frames.words import locate

MATCHER_VERSION = "match-10-counts-do-not-shrink"

# Two claims join a group when their score reaches this (see the module docstring of bench/match_seeds.py).
LINK_THRESHOLD = 0.16
# A second claim of an article joins a group only if it also resembles its article-mate this much.
SAME_ARTICLE_THRESHOLD = 0.1
# Reports of a changing quantity this many days apart are taken as made at different times.
TIME_SHIFT_DAYS = 3
MAX_KEY_LENGTH = 120
MAX_KEY_TERMS = 8
# Below this many distinct sentences, term rarity is not estimated (every word counts the same).
MIN_SENTENCES_FOR_IDF = 8
# Names count more than other words; words rarer than RARE_TERM_IDF earn a bonus when shared.
ENTITY_WEIGHT = 1.5
RARE_TERM_IDF = 0.6
RARE_BONUS_CAP = 0.25
# Dates: the agreement of the events the dates belong to weighs most (see _time_text_score).
HEAD_WEIGHT = 0.5
AMOUNT_HEAD_WEIGHT = 0.15  # counts: the counted noun is compared apart; the clause's verb ("met") adds to it
STRONG_HEAD = 0.5  # an event word at least this heavy is the clear head of its clause
HEAD_DISAGREEMENT_FACTOR = 0.4
PLACE_CONFLICT_FACTOR = 0.3
DISJOINT_NAMES_FACTOR = 0.5  # sentences that share none of their several names rarely report one fact
NARROW_DAYS = 16  # dates resolved to fewer days than this tie two claims by themselves when they overlap

# The constants an accuracy run may tune (bench/accuracy.py --leave-one-out), with the grid it tries.
TUNABLE: dict[str, tuple[float, ...]] = {
    "LINK_THRESHOLD": (0.12, 0.16, 0.22),
    "MEASURE_BONUS": (0.1, 0.2, 0.3),
    "SAME_MEASURE_VALUE_FLOOR": (0.0, 0.3, 0.6),
}
# Two figures that state the same period earn this much (the scope agrees, not just the words).
PERIOD_BONUS = 0.1
# Figures of one stated measure count as at least this close in value (see _value_proximity).
SAME_MEASURE_VALUE_FLOOR = 0.3
# A later report of a moving measure this many times smaller than an earlier one is of another fact (see _shrank).
SHRINK_FACTOR = 10
# Two figures of one stated measure ("killed" and "death toll") earn this much on top of their words' score.
MEASURE_BONUS = 0.3
# Two exact figures of one specific value (207 seconds, 2,053, 14.9 billion, not 20 or 2) earn this much:
# reports of one story that give the same precise figure mostly give the same fact, however worded.
SAME_VALUE_BONUS = 0.15
# The same for a precise measurement with a unit (a distance, a time, a weight), rarer by chance than a count.
SAME_MEASUREMENT_BONUS = 0.25


@dataclass(frozen=True)
class ClaimRecord:
    """What the Django layer hands the matcher for each stored claim."""

    id: int
    article_id: int
    origin_id: int  # id of the article's copy root: copies of one wire story share it
    published: dt.date | None
    kind: str
    value: float | None
    unit: str
    hedge: str
    normalized: str
    text: str
    sentence: str
    subject: tuple[str, ...] = ()
    context_period: str = ""  # the period the article last stated before this sentence (frames.scope.carried_periods)


@dataclass(frozen=True)
class Suggestion:
    """A group's suggested relation, with a reason a reviewer can read and its count of independent origins."""

    relation: str  # agree | conflict | time_shifted | single
    reason: str
    origins: int
    subject: str = ""  # the fact's subject line: "Deaths, Herat, as of 8 Oct to 11 Oct 2023"


# --------------------------------------------------------------------------------------------------
# Words

_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})
_WORD = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*")


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Function words and words that only frame a figure (units of time, "times"); general English, no topic.
STOPWORDS = _word_set(
    """
    a about above after again against ago all almost also although am among an and another any are around as at
    be because been before being below between both but by can could did do does doing down during each either
    else even ever every few for from further had has have having he her here hers herself him himself his how
    however i if in into is it its itself just last least less like many may me might more most much must my
    myself nearly near neither next no nor not now of off often on once one only or other our ours ourselves
    out over own past per perhaps quite rather same several she should since so some such than that the their
    theirs them themselves then there these they this those though through thus till to too toward towards
    under until up upon us very was we were what when where whether which while who whom whose why will with
    within without would yet you your yours yourself also already still since soon later earlier ever
    said say says saying told tell according reported report reports added asked
    mr mrs ms dr st
    year years month months week weeks day days decade decades century centuries hour hours minute minutes
    time times today yesterday tomorrow tonight morning evening afternoon weekend annual annually
    monday tuesday wednesday thursday friday saturday sunday
    january february march april june july august september october november december
    zero two three four five six seven eight nine ten eleven twelve thirteen fifteen twenty thirty forty
    fifty sixty seventy eighty ninety hundred thousand million billion trillion dozen dozens
    first second third fourth fifth sixth seventh eighth ninth tenth half
    percent per cent
    """
)

_IRREGULAR = {
    "met": "meet",
    "began": "begin",
    "begun": "begin",
    "took": "take",
    "taken": "take",
    "won": "win",
    "lost": "lose",
    "fell": "fall",
    "fallen": "fall",
    "rose": "rise",
    "risen": "rise",
    "grew": "grow",
    "grown": "grow",
    "paid": "pay",
    "sold": "sell",
    "bought": "buy",
    "held": "hold",
    "led": "lead",
    "left": "leave",
    "made": "make",
    "went": "go",
    "gone": "go",
    "came": "come",
    "gave": "give",
    "given": "give",
    "saw": "see",
    "seen": "see",
    "knew": "know",
    "known": "know",
    "ran": "run",
    "spent": "spend",
    "struck": "strike",
    "fought": "fight",
    "brought": "bring",
    "built": "build",
    "chose": "choose",
    "chosen": "choose",
    "drew": "draw",
    "drawn": "draw",
    "drove": "drive",
    "driven": "drive",
    "flew": "fly",
    "flown": "fly",
    "kept": "keep",
    "sent": "send",
    "shot": "shoot",
    "sat": "sit",
    "spoke": "speak",
    "spoken": "speak",
    "stood": "stand",
    "threw": "throw",
    "thrown": "throw",
    "thought": "think",
    "wrote": "write",
    "written": "write",
    "killed": "kill",
    "died": "die",
    "dead": "die",
    "death": "die",
    "deaths": "die",
    "born": "birth",
    "births": "birth",
    "wounded": "injur",
    "injured": "injur",
    "children": "child",
    "people": "person",
    "men": "man",
    "women": "woman",
    "lives": "life",
}

# Event nouns and verbs that name one kind of event in general English: "dozens of interactions" and
# "met 40 times" count the same encounters. Only a few broad classes, none about a particular story.
EVENT_CLASSES: dict[str, str] = {
    word: name
    for name, words in {
        "meeting": "meet meets met meeting meetings talks interaction interactions contact contacts encounter "
        "encounters summit summits negotiations",
        "armed-conflict": "war wars invasion invasions invade invades invaded invading assault assaults attack "
        "attacks attacked offensive offensives incursion incursions fighting hostilities",
        "agreement": "deal deals agreement agreements accord accords pact pacts treaty treaties",
        "appointment": "appointed appointment appoint named elected election inaugurated inauguration sworn",
    }.items()
    for word in words.split()
}

_VOWELS = set("aeiou")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light, deterministic stem so inflections and a few derivations meet (invade/invasion, visits/visit)."""
    w = word.lower().replace("'", "")
    if w.endswith("s") and len(w) > 3 and word[-2:] in ("'s",):
        w = w[:-1]
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if len(w) <= 3:
        return w
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    for suffix in ("ingly", "edly", "ing", "ed"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz":
                w = w[:-1]
            break
    if w.endswith("sion") and len(w) > 5 and w[-5] in _VOWELS:
        w = w[:-4] + "d"  # invasion -> invad, decision -> decid, division -> divid
    elif w.endswith("ation") and len(w) > 6:
        w = w[:-5] + "at"  # relation -> relat, creation -> creat
    elif w.endswith("tion") and len(w) > 5:
        w = w[:-3]  # election -> elect
    elif w.endswith("ency") and len(w) > 5:
        w = w[:-4] + "ent"  # presidency -> president
    elif w.endswith(("ment", "ness")) and len(w) > 6:
        w = w[:-4]
    elif w.endswith("ian") and len(w) > 5:
        w = w[:-1]  # Nigerian -> Nigeria, Bolivian -> Bolivia
    elif w.endswith("ly") and len(w) > 5:
        w = w[:-2]
    if w.endswith("e") and len(w) > 3:
        w = w[:-1]
    if w.endswith("y") and len(w) > 3 and w[-2] not in _VOWELS:
        w = w[:-1] + "i"
    return w


def event_term(word: str) -> str:
    """A word's event class when it has one ("talks" -> "meeting"), else its stem."""
    lower = word.lower().replace("\u2019", "'")
    return EVENT_CLASSES.get(lower) or stem(lower)


@dataclass(frozen=True)
class _Token:
    stem: str
    start: int
    end: int
    entity: bool


def _tokens(sentence: str) -> list[_Token]:
    """Content words of a sentence with their offsets; capitalised words not opening the sentence are entities."""
    folded = unicodedata.normalize("NFKC", sentence).translate(_FOLD)
    out: list[_Token] = []
    for index, match in enumerate(_WORD.finditer(folded)):
        raw = match.group(0)
        if raw.endswith("'s"):
            raw = raw[:-2]
        lower = raw.lower()
        if lower in STOPWORDS or len(lower) < 2:
            continue
        entity = raw[:1].isupper() and (index > 0 or lower not in STOPWORDS)
        out.append(_Token(stem(lower), match.start(), match.end(), entity))
    return out


# --------------------------------------------------------------------------------------------------
# Claim features


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
_FRAME_PAST = re.compile(
    r"\b(?:over|in|during|for|within)\s+the\s+(?:past|last|previous)\s+([\w-]+\s+)?(year|month|week|day|decade)s?\b",
    re.IGNORECASE,
)
_FRAME_YEAR = re.compile(r"\b(?:in|since|by|as of|from|until|till|during)\s+(?:[A-Z][a-z]+\s+)?((?:19|20)\d\d)\b")


def _unit_stem(unit: str) -> str:
    """The stem of a unit's head noun: "meetings" -> "meet", "joint statements" -> "statement"."""
    words = [w for w in re.findall(r"[a-z]+", unit.lower()) if w not in ("of", "the")]
    return stem(words[-1]) if words else ""


_GENERIC_STEMS = frozenset(stem(u) for u in _GENERIC_UNITS)


def _time_unit_days(unit: str) -> float | None:
    base = _unit_stem(unit)
    for name, days in _TIME_UNITS_IN_DAYS.items():
        if base == stem(name):
            return days
    return None


def _family(claim: ClaimRecord) -> str:
    """Which claims can be compared at all: time points, spans of time, counted things, percent, money."""
    kind = claim.kind
    if kind == "date":
        return "time"
    if kind == "duration":
        return "time" if _points_back(claim) else "span"
    if kind in ("count", "ordinal", "quantity"):
        return "span" if _time_unit_days(claim.unit) and kind == "quantity" else "amount"
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


def _month_end(year: int, month: int) -> dt.date:
    if month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


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
                bounds.append((dt.date(year, month, 1), _month_end(year, month)))
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
            slack = dt.timedelta(days=max(3.0, 0.35 * (_span_days(claim) or 0.0)))
            return interval[0] - slack, interval[1] + slack
        if interval:
            return interval
    if claim.kind == "duration":
        days = _time_unit_days(claim.unit)
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


def _span_days(claim: ClaimRecord) -> float | None:
    days = _time_unit_days(claim.unit)
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
class _Features:
    family: str
    sentence_terms: dict[str, float]
    local_terms: dict[str, float]
    nouns: frozenset[str]
    interval: tuple[dt.date, dt.date] | None
    normalized_sentence: str
    head_events: dict[str, float]  # event terms of the figure's own clause (see heads.py), by weight
    head_places: frozenset[str]  # places named in that clause's prepositional phrases
    entities: frozenset[str]  # stems of the sentence's names (capitalised words not opening it)


@lru_cache(maxsize=65536)
def _features(claim: ClaimRecord) -> _Features:
    tokens = _tokens(claim.sentence)
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
        weight = ENTITY_WEIGHT if token.entity else 1.0
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
    family = _family(claim)
    head = figure_head(claim.sentence, position, end)
    head_events: dict[str, float] = {}
    for word, weight in head.events:
        term = event_term(word)
        head_events[term] = max(head_events.get(term, 0.0), weight)
    return _Features(
        head_events=head_events,
        head_places=frozenset(stem(place.lower()) for place in head.places),
        entities=frozenset(t.stem for t in tokens if t.entity),
        family=family,
        sentence_terms=sentence_terms,
        local_terms=local_terms,
        nouns=_noun_stems(claim),
        interval=time_interval(claim) if family == "time" else None,
        normalized_sentence=" ".join(w.lower() for w in _WORD.findall(claim.sentence.translate(_FOLD))),
    )


def _clause_break(between: str) -> bool:
    return bool(re.search(r"[;:()\u2014]|\s-\s|[.!?]\s", between))


# --------------------------------------------------------------------------------------------------
# Values


# The values a vague multitude allows: "dozens of" is more than two dozen and less than a hundred.
_MULTITUDES: tuple[tuple[re.Pattern[str], tuple[float, float]], ...] = (
    (re.compile(r"^\W*(?:tens|hundreds)\s+of\s+thousands\b", re.I), (2e4, 1e6)),
    (re.compile(r"^\W*(?:tens|hundreds)\s+of\s+millions\b", re.I), (2e7, 1e9)),
    (re.compile(r"^\W*dozens\b", re.I), (24.0, 99.0)),
    (re.compile(r"^\W*scores\b", re.I), (40.0, 199.0)),
    (re.compile(r"^\W*hundreds\b", re.I), (200.0, 999.0)),
    (re.compile(r"^\W*thousands\b", re.I), (2e3, 99_999.0)),
    (re.compile(r"^\W*millions\b", re.I), (2e6, 999e6)),
    (re.compile(r"^\W*a\s+handful\b", re.I), (2.0, 6.0)),
)


def value_range(claim: ClaimRecord) -> tuple[float, float] | None:
    """The values a figure allows given its hedge: "about 40" is 36-44, "nearly 30" is 27-30, "dozens" 24-99."""
    if claim.value is None:
        if claim.kind == "count":
            for pattern, bounds in _MULTITUDES:
                if pattern.match(claim.text):
                    return bounds
        return None
    v = claim.value
    magnitude = abs(v)
    if claim.hedge == "approx":
        return v - 0.1 * magnitude, v + 0.1 * magnitude
    if claim.hedge == "at_most":
        return v - 0.1 * magnitude, v
    if claim.hedge == "at_least":
        return v, v + 0.25 * magnitude
    return v, v


def _ranges_overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    tolerance = 1e-6 * max(abs(a[0]), abs(a[1]), abs(b[0]), abs(b[1]), 1.0)
    return a[0] <= b[1] + tolerance and b[0] <= a[1] + tolerance


def values_consistent(a: ClaimRecord, b: ClaimRecord) -> bool | None:
    """True when both figures can be the same, False when they cannot, None when one is unresolved."""
    family = _features(a).family
    if family == "time":
        ia, ib = _features(a).interval, _features(b).interval
        if ia is None or ib is None:
            return None
        return ia[0] <= ib[1] and ib[0] <= ia[1]
    if family == "span":
        da, db = _span_days(a), _span_days(b)
        ra, rb = value_range(a), value_range(b)
        if da is None or db is None or ra is None or rb is None:
            return None
        scale_a, scale_b = da / a.value if a.value else 1.0, db / b.value if b.value else 1.0
        return _ranges_overlap((ra[0] * scale_a, ra[1] * scale_a), (rb[0] * scale_b, rb[1] * scale_b))
    conflict = frames_conflict(claim_frame(a), claim_frame(b))
    if conflict is None:
        ra, rb = value_range(a), value_range(b)
        if ra is None or rb is None:
            return None
        return _ranges_overlap(ra, rb)
    return not conflict


def _same_measure(a: ClaimRecord, b: ClaimRecord, *, moving: bool = False) -> bool:
    """Both figures state one measure concept ("killed" and "death toll") and no scope slot differs;
    with `moving`, a measure whose value changes over time (a toll, a price, an estimate)."""
    frame_a, frame_b = claim_frame(a), claim_frame(b)
    if moving and not (frame_a.moving and frame_b.moving):
        return False
    if frame_a.measure not in CONCEPTS - UNSPECIFIC or frame_a.measure != frame_b.measure:
        return False
    return not why_apart(frame_a, frame_b)


def _two_readings(a: ClaimRecord, b: ClaimRecord) -> bool:
    """Two values of one moving measure in one article: readings at two times ("had said over 2,000" ...
    "lowered the toll to 1,000"). One sentence giving both is comparing two facts ("2,400 killed, the
    deadliest after the 50,000 of another quake") unless it marks one as the earlier reading."""
    if not _same_measure(a, b, moving=True):
        return False
    return a.sentence != b.sentence or claim_frame(a).vintage != claim_frame(b).vintage


def _value_proximity(a: ClaimRecord, b: ClaimRecord) -> float:
    """1 for consistent figures, less the further apart they are, 0.5 when one is unresolved.

    Figures of one stated measure that moves are never too far apart to be one fact: a toll of 14 on
    the first day and of 2,000 on the next are reports of one count (SAME_MEASURE_VALUE_FLOOR)."""
    value = _plain_value_proximity(a, b)
    if (
        value < SAME_MEASURE_VALUE_FLOOR
        and _features(a).family != "time"
        and _same_measure(a, b, moving=True)
        and not (value == 0.0 and _shrank(a, b))
    ):
        return SAME_MEASURE_VALUE_FLOOR
    return value


def _shrank(a: ClaimRecord, b: ClaimRecord) -> bool:
    """The later of two reports gives a figure SHRINK_FACTOR times smaller or less: a running count is
    revised by a step, it does not fall from thousands to one, so the later figure counts something else
    (one person killed in an aftershock days after a toll of thousands)."""
    frame_a, frame_b = claim_frame(a), claim_frame(b)
    if frame_a.reference is None or frame_b.reference is None or frame_a.reference == frame_b.reference:
        return False
    if frame_a.interval is None or frame_b.interval is None:
        return False
    earlier, later = (frame_a, frame_b) if frame_a.reference < frame_b.reference else (frame_b, frame_a)
    assert earlier.interval is not None and later.interval is not None
    return sum(later.interval) * SHRINK_FACTOR < sum(earlier.interval)


def _plain_value_proximity(a: ClaimRecord, b: ClaimRecord) -> float:
    consistent = values_consistent(a, b)
    if consistent is None:
        if a.value is None and b.value is None and a.text.strip().lower() == b.text.strip().lower():
            return 0.8  # the same unresolved expression ("this week", "dozens") in both
        if _features(a).family == "time" and (_features(a).interval or _features(b).interval):
            return 0.25  # a date we could not place against one we could: nothing supports the match
        return 0.4
    if consistent:
        return 1.0
    family = _features(a).family
    if family == "time":
        ia, ib = _features(a).interval, _features(b).interval
        assert ia is not None and ib is not None
        gap_days = max((ib[0] - ia[1]).days, (ia[0] - ib[1]).days)
        # The geometric mean of the two widths: 2012 against 2013 is close, a year against a week of the
        # next year is not (that week cannot be a misreported year).
        width = math.sqrt(((ia[1] - ia[0]).days + 1) * ((ib[1] - ib[0]).days + 1))
        return 0.6 if gap_days <= width else 0.3 if gap_days <= 4 * width else 0.0
    range_a, range_b = claim_frame(a).interval, claim_frame(b).interval
    va = sum(range_a) / 2 if range_a else a.value
    vb = sum(range_b) / 2 if range_b else b.value
    if va is None or vb is None or va == 0 or vb == 0 or (va > 0) != (vb > 0):
        return 0.0
    ratio = max(abs(va), abs(vb)) / min(abs(va), abs(vb))
    return 0.6 if ratio <= 1.5 else 0.3 if ratio <= 3 else 0.0


def _date_precision_bonus(fa: _Features, fb: _Features) -> float:
    """Two resolved dates that overlap say more the narrower they are: the same day is a real hint.

    A day inside a short stated range ("on Tuesday" within "March 3-5") is as telling as the same day:
    the range is the span of one event and the day one of its moments.
    """
    if fa.interval is None or fb.interval is None:
        return 0.0
    (a0, a1), (b0, b1) = fa.interval, fb.interval
    if not (a0 <= b1 and b0 <= a1):
        return 0.0
    width = max((a1 - a0).days, (b1 - b0).days) + 1
    contained = (a0 <= b0 and b1 <= a1) or (b0 <= a0 and a1 <= b1)
    if contained and width <= 7:
        return 0.3
    return 0.25 if width <= 1 else 0.12 if width <= 7 else 0.08 if width <= 31 else 0.03 if width <= 366 else 0.0


def _narrow_overlap(fa: _Features, fb: _Features) -> bool:
    """Both dates resolved to at most NARROW_DAYS days and overlapping: the dates alone tie the claims."""
    if fa.interval is None or fb.interval is None:
        return False
    (a0, a1), (b0, b1) = fa.interval, fb.interval
    narrow = (a1 - a0).days < NARROW_DAYS and (b1 - b0).days < NARROW_DAYS
    return narrow and a0 <= b1 and b0 <= a1


def head_agreement(fa: _Features, fb: _Features) -> float:
    """How well the events of the two figures' own clauses agree: the best shared term, by both its weights.

    A term that heads both clauses ("took over the presidency" and "becoming president") counts fully; a
    word that only stands near one of them ("as president", "the leaders") counts little.
    """
    shared = fa.head_events.keys() & fb.head_events.keys()
    return max((fa.head_events[t] * fb.head_events[t] for t in shared), default=0.0)


def _heads_disagree(fa: _Features, fb: _Features) -> bool:
    """Both clauses name a clear event and their clear events differ: "a visit" against "a summit".

    Only the strong terms of each clause are compared: "her visit as mayor to the plant" and "became
    mayor" share a word, but not their events.
    """
    strong_a = {term for term, weight in fa.head_events.items() if weight >= STRONG_HEAD}
    strong_b = {term for term, weight in fb.head_events.items() if weight >= STRONG_HEAD}
    return bool(strong_a and strong_b) and not strong_a & strong_b


def _names_disjoint(fa: _Features, fb: _Features) -> bool:
    """Both sentences name several people, places or organisations, and not one of them is shared:
    "Ana Ruiz met the Harbour Board 40 times" is not about "Tom Lee and the Rail Union"."""
    return len(fa.entities) >= 2 and len(fb.entities) >= 2 and not fa.entities & fb.entities


def _places_differ(fa: _Features, fb: _Features) -> bool:
    """Both clauses say where, and name different places: "to Lyon in 2019" against "in Nairobi in 2019"."""
    return bool(fa.head_places and fb.head_places) and not fa.head_places & fb.head_places


# --------------------------------------------------------------------------------------------------
# Scores

Idf = dict[str, float]


def _cosine(a: dict[str, float], b: dict[str, float], idf: Idf) -> float:
    if not a or not b:
        return 0.0
    shared = a.keys() & b.keys()
    if not shared:
        return 0.0
    dot = sum(a[k] * b[k] * idf.get(k, 1.0) ** 2 for k in shared)
    norm_a = math.sqrt(sum((w * idf.get(k, 1.0)) ** 2 for k, w in a.items()))
    norm_b = math.sqrt(sum((w * idf.get(k, 1.0)) ** 2 for k, w in b.items()))
    return dot / (norm_a * norm_b) if norm_a and norm_b else 0.0


def _overlap(a: dict[str, float], b: dict[str, float], idf: Idf) -> float:
    """Shared weight of two proximity-weighted term sets, relative to the smaller set (0..1)."""
    if not a or not b:
        return 0.0
    shared = sum(math.sqrt(a[k] * b[k]) * idf.get(k, 1.0) for k in a.keys() & b.keys())
    smaller = min(sum(w * idf.get(k, 1.0) for k, w in a.items()), sum(w * idf.get(k, 1.0) for k, w in b.items()))
    return min(1.0, shared / smaller) if smaller else 0.0


def _rare_shared(a: dict[str, float], b: dict[str, float], idf: Idf) -> float:
    """A bonus for sharing words that few sentences use (a place, an unusual noun): strong evidence of one story."""
    if not idf:
        return 0.0
    excess = sum(max(0.0, idf.get(k, 1.0) - RARE_TERM_IDF) for k in a.keys() & b.keys())
    return min(RARE_BONUS_CAP, excess)


def _kind_compatible(a: ClaimRecord, b: ClaimRecord, fa: _Features, fb: _Features) -> float:
    """How well the two claims' kinds and units fit: 1 same thing, 0 cannot be the same quantity."""
    if fa.family != fb.family:
        return 0.0
    if fa.family == "span":
        return 1.0 if _time_unit_days(a.unit) and _time_unit_days(b.unit) else 0.5
    if fa.family == "amount":
        if fa.nouns and fb.nouns:
            return 1.0 if fa.nouns & fb.nouns else 0.15  # "meetings" and "interactions" may rarely be one count
        return 0.7
    return 1.0


@lru_cache(maxsize=65536)
def scopes_a_figure(claim: ClaimRecord) -> bool:
    """A date that only names the period of a statistic ("in the year to June 2024"): no fact to line up."""
    return claim.kind == "date" and is_period_slot(claim.sentence, locate(claim.sentence, claim.text))


def _score(a: ClaimRecord, b: ClaimRecord, idf: Idf) -> float:
    fa, fb = _features(a), _features(b)
    kind = _kind_compatible(a, b, fa, fb)
    if kind == 0.0:
        return 0.0
    measured = 0.0
    if fa.family != "time":
        frame_a, frame_b = claim_frame(a), claim_frame(b)
        if why_apart(frame_a, frame_b):
            return 0.0  # other measures, or scopes that differ: however alike the words, not one fact
        if frame_a.measure and frame_a.measure == frame_b.measure and frame_a.measure not in DIMENSIONS | UNSPECIFIC:
            measured, kind = MEASURE_BONUS, 1.0
        period_a, period_b = dict(frame_a.scope).get("period", "~"), dict(frame_b.scope).get("period", "~")
        if period_a == period_b and not period_a.startswith("~"):
            measured += PERIOD_BONUS  # both state the same period ("the year to June 2024")
    if fa.normalized_sentence and fa.normalized_sentence == fb.normalized_sentence and a.text == b.text:
        text = 1.0  # the same sentence: a copy, or a quote repeated verbatim
    elif fa.family == "time":
        text = _time_text_score(fa, fb, idf)
    else:
        sentence = _cosine(fa.sentence_terms, fb.sentence_terms, idf)
        local = _overlap(fa.local_terms, fb.local_terms, idf)
        nouns = 1.0 if fa.nouns & fb.nouns else 0.0
        rare = _rare_shared(fa.sentence_terms, fb.sentence_terms, idf)
        head = AMOUNT_HEAD_WEIGHT * head_agreement(fa, fb) if fa.family == "amount" else 0.0
        text = 0.6 * sentence + 0.3 * local + 0.1 * nouns + head + rare + _date_precision_bonus(fa, fb)
    if _names_disjoint(fa, fb):
        text *= DISJOINT_NAMES_FACTOR
    if fa.family != "time" and _other_measurements(a, b):
        return 0.0  # two precise readings of one kind of unit that differ ("2:01:25" and "2:00:35") are two facts
    if fa.family != "time" and _same_specific_value(a, b):
        # a precise measurement (a distance, a time, a weight) met again is rarer than a repeated count
        measured += SAME_MEASUREMENT_BONUS if claim_frame(a).dimension else SAME_VALUE_BONUS
    text += measured  # one stated measure is evidence however differently the sentences name their sources
    value = _value_proximity(a, b)
    if value == 0.0:
        return 0.0  # figures too far apart to be one fact, however alike the sentences
    score = min(1.0, text) * (0.5 + 0.5 * value) * (0.6 + 0.4 * kind)
    return round(max(0.0, min(1.0, score)), 6)


def specific_value(value: float | None) -> bool:
    """A figure precise enough that two equal ones are seldom a coincidence: three significant digits or
    more, or two not ending in 5 (207, 2,445, 42.195, 14.9 billion, 23; not 20, 2, 25 or 1,500)."""
    if value is None or value == 0:
        return False
    digits = f"{abs(value):.6g}".replace(".", "").lstrip("0").rstrip("0")
    if "e" in digits:
        digits = digits.split("e")[0].rstrip("0")
    return len(digits) >= 3 or (len(digits) == 2 and digits[-1] != "5")


def _same_specific_value(a: ClaimRecord, b: ClaimRecord) -> bool:
    if a.hedge != "exact" or b.hedge != "exact" or a.value is None or b.value is None:
        return False
    if _features(a).family == "span":
        da, db = _span_days(a), _span_days(b)
        same = da is not None and db is not None and math.isclose(da, db, rel_tol=1e-9)
    elif claim_frame(a).dimension and claim_frame(a).dimension == claim_frame(b).dimension:
        # Other units of one dimension (26.2 miles, 42.195 km): both precise, and each within the other's rounding.
        ia, ib = claim_frame(a).interval, claim_frame(b).interval
        return bool(ia and ib and overlap(ia, ib)) and specific_value(a.value) and specific_value(b.value)
    else:
        same = math.isclose(a.value, b.value, rel_tol=1e-9) and a.unit.lower() == b.unit.lower()
    return same and specific_value(a.value)


def _other_measurements(a: ClaimRecord, b: ClaimRecord) -> bool:
    """A precise measurement with a unit (a time, a distance) and another of the same vintage whose values
    cannot be one: a source that states every digit knows the figure, so a reading that excludes it is of
    another race or site. An earlier reading ("the previous record of ...") against the new one stays
    comparable."""
    frame_a, frame_b = claim_frame(a), claim_frame(b)
    if not frame_a.dimension or frame_a.dimension != frame_b.dimension or frame_a.vintage != frame_b.vintage:
        return False
    if not any(c.hedge == "exact" and specific_value(c.value) for c in (a, b)):
        return False
    return frames_conflict(frame_a, frame_b) is True


def _time_text_score(fa: _Features, fb: _Features, idf: Idf) -> float:
    """Evidence that two dates belong to one event: their own clauses first, the whole sentences after.

    A year shared by two sentences that share words is weak evidence ("his visit to the capital in 2019"
    and "a summit in 2019"): what decides is whether the events the dates belong to agree. Clauses that
    name different events, or different places, make the match unlikely, unless both dates are narrow
    and overlap (days of one short event: "lunch on Monday" inside "the March 20-22 visit").
    """
    sentence = _cosine(fa.sentence_terms, fb.sentence_terms, idf)
    local = _overlap(fa.local_terms, fb.local_terms, idf)
    rare = _rare_shared(fa.sentence_terms, fb.sentence_terms, idf)
    text = 0.3 * sentence + 0.15 * local + HEAD_WEIGHT * head_agreement(fa, fb) + rare + _date_precision_bonus(fa, fb)
    if _heads_disagree(fa, fb) and not _narrow_overlap(fa, fb):
        text *= HEAD_DISAGREEMENT_FACTOR
    if _places_differ(fa, fb):
        text *= PLACE_CONFLICT_FACTOR
    return text


def match_score(a: ClaimRecord, b: ClaimRecord) -> float:
    """How likely two claims report the same quantity about the same thing (0..1, symmetric)."""
    return _score(a, b, {})


def _idf(claims: Sequence[ClaimRecord]) -> Idf:
    """Rarity of each term over the distinct sentences at hand: words every sentence shares say little."""
    sentences = {c.sentence: c for c in claims}
    if len(sentences) < MIN_SENTENCES_FOR_IDF:
        return {}
    frequency: Counter[str] = Counter()
    for claim in sentences.values():
        frequency.update(_features(claim).sentence_terms.keys())
    total = len(sentences)
    scale = math.log(total)
    return {term: max(0.05, math.log(total / count) / scale) for term, count in frequency.items()}


# --------------------------------------------------------------------------------------------------
# Blocking


def blocking_keys(claim: ClaimRecord) -> list[str]:
    """Short index keys: claims that could be the same fact share at least one (family + a key term).

    Keys never carry the figure itself, so a conflicting or time-shifted report still meets its
    match; they carry the family and one of the claim's most specific words (its counted noun,
    the words next to the figure, named entities), which keeps each key's posting list short.
    A resolved day or month is a key of its own, so "on Monday" meets "March 20".
    """
    features = _features(claim)
    family = features.family
    ranked: dict[str, float] = {}
    for term in features.nouns:
        ranked[term] = ranked.get(term, 0.0) + 3.0
    for term, weight in features.local_terms.items():
        ranked[term] = ranked.get(term, 0.0) + 2.0 * weight
    for term, weight in features.sentence_terms.items():
        ranked[term] = ranked.get(term, 0.0) + weight * 0.5
    terms = sorted(ranked, key=lambda t: (-ranked[t], t))[:MAX_KEY_TERMS]
    keys = [f"{family}|{term}"[:MAX_KEY_LENGTH] for term in terms]
    if family == "time" and features.interval is not None:
        first, last = features.interval
        if (last - first).days <= 62:
            keys.append(f"{family}@{first:%Y-%m}")
            if last.month != first.month:
                keys.append(f"{family}@{last:%Y-%m}")
    interval = claim_frame(claim).interval if family != "time" else None
    if interval and claim.hedge == "exact" and specific_value(claim.value):
        # The same precise figure meets its match however differently the sentences are worded:
        # "3:27 minutes ahead" and "three minutes and 27 seconds behind", "26.2 miles" and "42.195 km"
        # (the value in base units, to two significant digits).
        keys.append(f"{family}#{claim_frame(claim).dimension}#{float(f'{sum(interval) / 2:.2g}'):g}")
    return keys


def shortlist_candidates(keys: Sequence[str], ids_by_key: dict[str, list[int]], *, limit: int) -> list[int]:
    """The `limit` candidates most worth scoring for a claim with these blocking keys.

    Each shared key adds 1/len(its posting list): a key few claims carry (a name, a rare
    word) says more than one everybody carries ("count|people"), as in weighted meta-blocking.
    Ties go to the newest claim (highest id). Scoring only this shortlist keeps the expensive
    comparisons per claim constant however long the posting lists grow.
    """
    affinity: dict[int, float] = defaultdict(float)
    for key in dict.fromkeys(keys):
        posting = ids_by_key.get(key) or []
        for candidate in posting:
            affinity[candidate] += 1.0 / len(posting)
    best = heapq.nlargest(limit, affinity.items(), key=lambda item: (item[1], item[0]))
    return [candidate for candidate, _ in best]


# --------------------------------------------------------------------------------------------------
# Grouping


def group_claims(claims: Sequence[ClaimRecord]) -> list[list[int]]:
    """Cluster claims that report the same fact; only clusters spanning two or more articles are returned.

    Average linkage over cross-article pairs, merged best-first: a claim joins a group when it matches
    the group as a whole, not just one member, which stops chains of loosely related figures. Two
    claims of one article only end up together when claims of other articles link both, they resemble
    each other at least a little, and the article does not contradict itself through them.
    """
    items = sorted(set(claims), key=lambda c: c.id)
    idf = _idf(items)
    blocks: dict[str, set[int]] = defaultdict(set)
    for i, claim in enumerate(items):
        for key in blocking_keys(claim):
            blocks[key].add(i)
    scores: dict[tuple[int, int], float] = {}
    for members in blocks.values():
        for i, j in combinations(sorted(members), 2):
            # Pairs within one article never link by themselves: score them only when a merge asks.
            if (i, j) not in scores and items[i].article_id != items[j].article_id:
                scores[(i, j)] = _score(items[i], items[j], idf)

    def pair(i: int, j: int) -> float:
        key = (i, j) if i < j else (j, i)
        if key not in scores:
            scores[key] = _score(items[key[0]], items[key[1]], idf)
        return scores[key]

    def compatible_within_article(i: int, j: int, merged: list[int]) -> bool:
        if _covered([items[m] for m in merged], items[i], items[j]):
            return True  # two days of one event whose span the group states ("Monday" and "Tuesday" of "March 3-5")
        if pair(i, j) < SAME_ARTICLE_THRESHOLD:
            return False
        # An article may itself report a count at two times ("lowered the toll to 1,000" after "over 2,000").
        return _pair_relation(items[i], items[j]) != "conflict" or _two_readings(items[i], items[j])

    def impossible(i: int, j: int) -> bool:
        """The two cannot be one quantity, whatever their words: other families, figures too far apart, or
        a date that only scopes a statistic (compared, so that it still brings its neighbours, never joined)."""
        if scopes_a_figure(items[i]) or scopes_a_figure(items[j]):
            return True
        return _features(items[i]).family != _features(items[j]).family or _value_proximity(items[i], items[j]) == 0

    clusters: dict[int, list[int]] = {i: [i] for i in range(len(items))}

    def linkage(ca: list[int], cb: list[int]) -> float:
        """Half the mean score between the two clusters, half the cohesion of the merged one."""
        merged = ca + cb
        for i in ca:
            for j in cb:
                if items[i].article_id == items[j].article_id and not compatible_within_article(i, j, merged):
                    return 0.0
        crossing = [(i, j) for i in ca for j in cb if items[i].article_id != items[j].article_id]
        if not crossing or any(impossible(i, j) for i, j in crossing):
            return 0.0  # some pair cannot be the same quantity at all (far-apart dates, other units)
        between = [pair(i, j) for i, j in crossing]
        cross = [pair(i, j) for i, j in combinations(merged, 2) if items[i].article_id != items[j].article_id]
        return (sum(between) / len(between) + sum(cross) / len(cross)) / 2

    # Best-first merging with a heap of cluster-pair linkages. A merge changes only the linkages of
    # the merged cluster, so only those are recomputed; stale heap entries are skipped when popped.
    adjacent: dict[int, set[int]] = defaultdict(set)
    for (i, j), score in scores.items():
        if score >= LINK_THRESHOLD and items[i].article_id != items[j].article_id:
            adjacent[i].add(j)
            adjacent[j].add(i)
    links: dict[tuple[int, int], float] = {}
    heap: list[tuple[float, tuple[int, int]]] = []

    def push(a: int, b: int) -> None:
        pair_key = (a, b) if a < b else (b, a)
        link = linkage(clusters[pair_key[0]], clusters[pair_key[1]])
        links[pair_key] = link
        if link >= LINK_THRESHOLD:
            heapq.heappush(heap, (-link, pair_key))

    for i in sorted(adjacent):
        for j in sorted(adjacent[i]):
            if i < j:
                push(i, j)
    while heap:
        negative, (keep, drop) = heapq.heappop(heap)
        if keep not in clusters or drop not in clusters or links.get((keep, drop)) != -negative:
            continue  # a cluster of this pair was merged since the entry was pushed
        clusters[keep].extend(clusters.pop(drop))
        touched = (adjacent.pop(drop, set()) | adjacent[keep]) - {keep, drop}
        for other in touched:
            adjacent[other].discard(drop)
            adjacent[other].add(keep)
            links.pop((min(drop, other), max(drop, other)), None)
        adjacent[keep] = touched
        links.pop((keep, drop), None)
        for other in sorted(touched):
            push(keep, other)
    groups: list[list[int]] = []
    for cluster in clusters.values():
        if len({items[m].article_id for m in cluster}) >= 2:
            groups.append(sorted(items[m].id for m in cluster))
    return sorted(groups)


# --------------------------------------------------------------------------------------------------
# Relations


_HEDGE_WORDS = {"approx": "about ", "at_most": "up to ", "at_least": "at least "}


def describe_value(claim: ClaimRecord) -> str:
    """A figure as a reviewer would say it: "2013", "about 40", "10 years", "2023-02"."""
    hedge = _HEDGE_WORDS.get(claim.hedge, "")
    family = _features(claim).family
    if family == "time":
        if claim.kind == "date" and claim.value is not None and 1000 <= claim.value <= 2999:
            suffix = "s" if claim.unit.lower().startswith("decade") else ""
            return f"{hedge}{int(claim.value)}{suffix}"
        if claim.normalized:
            return claim.normalized
        interval = time_interval(claim)
        if interval:
            return f"{interval[0]:%Y-%m-%d}..{interval[1]:%Y-%m-%d}"
        return f'"{claim.text}"'
    if claim.value is None:
        return f'"{claim.text}"'
    number = f"{claim.value:,.0f}" if float(claim.value).is_integer() else f"{claim.value:,.2f}".rstrip("0")
    if claim.kind == "percent":
        return f"{hedge}{number}%"
    if family == "span" or claim.kind == "money":
        return f"{hedge}{number} {claim.unit}".strip()
    return f"{hedge}{number}"


def time_frames(claim: ClaimRecord) -> tuple[str, ...]:
    """Explicit reference times in the claim's sentence: "over the past six years", "in 2019"."""
    frames: list[str] = []
    for match in _FRAME_PAST.finditer(claim.sentence):
        frames.append(match.group(0).strip())
    own_year = int(claim.value) if claim.value is not None and claim.kind == "date" else None
    for match in _FRAME_YEAR.finditer(claim.sentence):
        year = int(match.group(1))
        if year != own_year and match.group(1) not in claim.text:
            frames.append(match.group(0).strip())
    return tuple(frames)


def _frame_key(claim: ClaimRecord) -> tuple[str, ...]:
    return tuple(sorted(re.sub(r"\W+", " ", f).lower() for f in time_frames(claim)))


def _reference_differs(a: ClaimRecord, b: ClaimRecord) -> bool:
    """Whether two reports of a changing quantity were made at different times."""
    if a.published and b.published and abs((a.published - b.published).days) >= TIME_SHIFT_DAYS:
        return True
    fa, fb = _frame_key(a), _frame_key(b)
    return bool(fa and fb) and fa != fb


def _states_a_range(claim: ClaimRecord) -> bool:
    """A calendar range written out ("March 20-22", "3 to 5 May"): the span of an event, not "this week"."""
    return "/" in claim.normalized and bool(re.search(r"\d\s*(?:-|\u2013|to|and)\s*\d", claim.text))


def _covered(members: Sequence[ClaimRecord], a: ClaimRecord, b: ClaimRecord) -> bool:
    """Two dates that differ but both fall inside a short span another member states: moments of one event.

    "Lunch on Monday" and "talks on Tuesday" do not contradict each other when a source gives the visit
    as "March 20-22"; a year against another year is never covered (only ranges written out in digits and
    shorter than NARROW_DAYS count, not "this week").
    """
    ia, ib = _features(a).interval, _features(b).interval
    if ia is None or ib is None or _features(a).family != "time":
        return False
    for member in members:
        if member is a or member is b or _features(member).family != "time":
            continue
        span = _features(member).interval
        if span is None or (span[1] - span[0]).days >= NARROW_DAYS or not _states_a_range(member):
            continue
        if span[0] <= min(ia[0], ib[0]) and max(ia[1], ib[1]) <= span[1]:
            return True
    return False


def _pair_relation(a: ClaimRecord, b: ClaimRecord) -> str:
    consistent = values_consistent(a, b)
    frame_a, frame_b = claim_frame(a), claim_frame(b)
    if (
        consistent
        and {frame_a.vintage, frame_b.vintage} == {EARLY, LATE}
        and not any("delta" in dict(f.scope) for f in (frame_a, frame_b))
    ):
        # "up about 27% before the open" and "ended up 26%": two readings, both stated (the gap between a
        # first estimate and its revision, "revised up by 166,000", is no reading of either)
        return "time_shifted"
    if consistent is None or consistent:
        return "agree"
    if _features(a).family != "time" and (frames_shifted(claim_frame(a), claim_frame(b)) or _reference_differs(a, b)):
        return "time_shifted"
    return "conflict"


def _when(claim: ClaimRecord, *, day: bool = False) -> str:
    """When a figure was reported: "(2019, over the past six years)"; the full date when years tie."""
    parts = list(time_frames(claim))
    if claim.published:
        parts.insert(0, claim.published.isoformat() if day else str(claim.published.year))
    return f" ({', '.join(parts)})" if parts else ""


def _origin_note(members: Sequence[ClaimRecord]) -> tuple[int, str]:
    by_origin = Counter(m.origin_id for m in members)
    articles = len({m.article_id for m in members})
    origins = len(by_origin)
    if origins == 1:
        return 1, f"one origin, {articles} copies" if articles > 1 else "one origin"
    if origins < articles:
        return origins, f"{origins} independent origins among {articles} articles"
    return origins, ""


def suggest_relation(members: Sequence[ClaimRecord]) -> Suggestion:
    """Agree, conflict, time-shifted or single, with a reason a reviewer can read that names the frame:
    "Deaths, Herat, as of 8 Oct 2023: 2,053 against 2,060"."""
    origins, origin_note = _origin_note(members)
    articles = {m.article_id for m in members}
    subject = group_subject([claim_frame(m) for m in members])
    if len(articles) < 2:
        text = describe_value(members[0]) if members else ""
        return Suggestion("single", f"only one source gives {text}".strip(), origins, subject)
    relations: Counter[str] = Counter()
    shifted_pairs: list[tuple[ClaimRecord, ClaimRecord]] = []
    conflicting: list[tuple[ClaimRecord, ClaimRecord]] = []
    for a, b in combinations(members, 2):
        if a.article_id == b.article_id:
            continue
        relation = _pair_relation(a, b)
        if relation == "conflict" and _covered(members, a, b):
            relation = "agree"
        relations[relation] += 1
        if relation == "time_shifted":
            shifted_pairs.append((a, b))
        elif relation == "conflict":
            conflicting.append((a, b))
    note = f"; {origin_note}" if origin_note else ""
    if conflicting:
        values = sorted({describe_value(m) for pair in conflicting for m in pair})
        where = group_subject([claim_frame(m) for pair in conflicting for m in pair])
        return Suggestion("conflict", f"{where}: {' against '.join(values)}{note}", origins, subject)
    if shifted_pairs:
        a, b = shifted_pairs[0]
        early, late = sorted((a, b), key=lambda c: c.value or 0.0)
        what = "count" if _features(a).family == "amount" else "figure"
        day = bool(a.published and b.published and a.published.year == b.published.year)
        reason = (
            f"{subject}: {describe_value(early)}{_when(early, day=day)} and {describe_value(late)}"
            f"{_when(late, day=day)}: same {what} at different times{note}"
        )
        return Suggestion("time_shifted", reason, origins, subject)
    resolved = [m for m in members if m.value is not None or time_interval(m) is not None]
    shown = Counter(describe_value(m) for m in (resolved or members))
    value = shown.most_common(1)[0][0]
    sources = len(articles)
    return Suggestion("agree", f"{subject}: {sources} sources give {value}{note}", origins, subject)
