"""How alike two claims are (``match_score``): kind and unit, frames, the words around each figure
weighted by rarity, the events and places of date clauses, and bonuses for one measure, one period
or one precise value."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from claims.pipeline.match import params
from claims.pipeline.match.features import Features, claim_frame, features_of, span_days, time_unit_days
from claims.pipeline.match.frames import frames_conflict, overlap, why_apart
from claims.pipeline.match.frames.measure import DIMENSIONS, UNSPECIFIC
from claims.pipeline.match.frames.scope import is_period_slot
from claims.pipeline.match.frames.words import locate
from claims.pipeline.match.records import ClaimRecord
from claims.pipeline.match.values import value_proximity


def _date_precision_bonus(fa: Features, fb: Features) -> float:
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


def _narrow_overlap(fa: Features, fb: Features) -> bool:
    """Both dates resolved to at most NARROW_DAYS days and overlapping: the dates alone tie the claims."""
    if fa.interval is None or fb.interval is None:
        return False
    (a0, a1), (b0, b1) = fa.interval, fb.interval
    narrow = (a1 - a0).days < params.NARROW_DAYS and (b1 - b0).days < params.NARROW_DAYS
    return narrow and a0 <= b1 and b0 <= a1


def head_agreement(fa: Features, fb: Features) -> float:
    """How well the events of the two figures' own clauses agree: the best shared term, by both its weights.

    A term that heads both clauses ("took over the presidency" and "becoming president") counts fully; a
    word that only stands near one of them ("as president", "the leaders") counts little.
    """
    shared = fa.head_events.keys() & fb.head_events.keys()
    return max((fa.head_events[t] * fb.head_events[t] for t in shared), default=0.0)


def _heads_disagree(fa: Features, fb: Features) -> bool:
    """Both clauses name a clear event and their clear events differ: "a visit" against "a summit".

    Only the strong terms of each clause are compared: "her visit as mayor to the plant" and "became
    mayor" share a word, but not their events.
    """
    strong_a = {term for term, weight in fa.head_events.items() if weight >= params.STRONG_HEAD}
    strong_b = {term for term, weight in fb.head_events.items() if weight >= params.STRONG_HEAD}
    return bool(strong_a and strong_b) and not strong_a & strong_b


def _names_disjoint(fa: Features, fb: Features) -> bool:
    """Both sentences name several people, places or organisations, and not one of them is shared:
    "Ana Ruiz met the Harbour Board 40 times" is not about "Tom Lee and the Rail Union"."""
    return len(fa.entities) >= 2 and len(fb.entities) >= 2 and not fa.entities & fb.entities


def _places_differ(fa: Features, fb: Features) -> bool:
    """Both clauses say where, and name different places: "to Lyon in 2019" against "in Nairobi in 2019"."""
    return bool(fa.head_places and fb.head_places) and not fa.head_places & fb.head_places


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
    excess = sum(max(0.0, idf.get(k, 1.0) - params.RARE_TERM_IDF) for k in a.keys() & b.keys())
    return min(params.RARE_BONUS_CAP, excess)


def _kind_compatible(a: ClaimRecord, b: ClaimRecord, fa: Features, fb: Features) -> float:
    """How well the two claims' kinds and units fit: 1 same thing, 0 cannot be the same quantity."""
    if fa.family != fb.family:
        return 0.0
    if fa.family == "span":
        return 1.0 if time_unit_days(a.unit) and time_unit_days(b.unit) else 0.5
    if fa.family == "amount":
        if fa.nouns and fb.nouns:
            return 1.0 if fa.nouns & fb.nouns else 0.15  # "meetings" and "interactions" may rarely be one count
        return 0.7
    return 1.0


@lru_cache(maxsize=65536)
def scopes_a_figure(claim: ClaimRecord) -> bool:
    """A date that only names the period of a statistic ("in the year to June 2024"): no fact to line up."""
    return claim.kind == "date" and is_period_slot(claim.sentence, locate(claim.sentence, claim.text))


def pair_score(a: ClaimRecord, b: ClaimRecord, idf: Idf) -> float:
    fa, fb = features_of(a), features_of(b)
    kind = _kind_compatible(a, b, fa, fb)
    if kind == 0.0:
        return 0.0
    measured = 0.0
    if fa.family != "time":
        frame_a, frame_b = claim_frame(a), claim_frame(b)
        if why_apart(frame_a, frame_b):
            return 0.0  # other measures, or scopes that differ: however alike the words, not one fact
        if frame_a.measure and frame_a.measure == frame_b.measure and frame_a.measure not in DIMENSIONS | UNSPECIFIC:
            measured, kind = params.MEASURE_BONUS, 1.0
        period_a, period_b = dict(frame_a.scope).get("period", "~"), dict(frame_b.scope).get("period", "~")
        if period_a == period_b and not period_a.startswith("~"):
            measured += params.PERIOD_BONUS  # both state the same period ("the year to June 2024")
    if fa.normalized_sentence and fa.normalized_sentence == fb.normalized_sentence and a.text == b.text:
        text = 1.0  # the same sentence: a copy, or a quote repeated verbatim
    elif fa.family == "time":
        text = time_text_score(fa, fb, idf)
    else:
        sentence = _cosine(fa.sentence_terms, fb.sentence_terms, idf)
        local = _overlap(fa.local_terms, fb.local_terms, idf)
        nouns = 1.0 if fa.nouns & fb.nouns else 0.0
        rare = _rare_shared(fa.sentence_terms, fb.sentence_terms, idf)
        head = params.AMOUNT_HEAD_WEIGHT * head_agreement(fa, fb) if fa.family == "amount" else 0.0
        text = 0.6 * sentence + 0.3 * local + 0.1 * nouns + head + rare + _date_precision_bonus(fa, fb)
    if _names_disjoint(fa, fb):
        text *= params.DISJOINT_NAMES_FACTOR
    if fa.family != "time" and _other_measurements(a, b):
        return 0.0  # two precise readings of one kind of unit that differ ("2:01:25" and "2:00:35") are two facts
    if fa.family != "time" and _same_specific_value(a, b):
        # a precise measurement (a distance, a time, a weight) met again is rarer than a repeated count
        measured += params.SAME_MEASUREMENT_BONUS if claim_frame(a).dimension else params.SAME_VALUE_BONUS
    text += measured  # one stated measure is evidence however differently the sentences name their sources
    value = value_proximity(a, b)
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
    if features_of(a).family == "span":
        da, db = span_days(a), span_days(b)
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


def time_text_score(fa: Features, fb: Features, idf: Idf) -> float:
    """Evidence that two dates belong to one event: their own clauses first, the whole sentences after.

    A year shared by two sentences that share words is weak evidence ("his visit to the capital in 2019"
    and "a summit in 2019"): what decides is whether the events the dates belong to agree. Clauses that
    name different events, or different places, make the match unlikely, unless both dates are narrow
    and overlap (days of one short event: "lunch on Monday" inside "the March 20-22 visit").
    """
    sentence = _cosine(fa.sentence_terms, fb.sentence_terms, idf)
    local = _overlap(fa.local_terms, fb.local_terms, idf)
    rare = _rare_shared(fa.sentence_terms, fb.sentence_terms, idf)
    text = (
        0.3 * sentence
        + 0.15 * local
        + params.HEAD_WEIGHT * head_agreement(fa, fb)
        + rare
        + _date_precision_bonus(fa, fb)
    )
    if _heads_disagree(fa, fb) and not _narrow_overlap(fa, fb):
        text *= params.HEAD_DISAGREEMENT_FACTOR
    if _places_differ(fa, fb):
        text *= params.PLACE_CONFLICT_FACTOR
    return text


def match_score(a: ClaimRecord, b: ClaimRecord) -> float:
    """How likely two claims report the same quantity about the same thing (0..1, symmetric)."""
    return pair_score(a, b, {})


def idf_of(claims: Sequence[ClaimRecord]) -> Idf:
    """Rarity of each term over the distinct sentences at hand: words every sentence shares say little."""
    sentences = {c.sentence: c for c in claims}
    if len(sentences) < params.MIN_SENTENCES_FOR_IDF:
        return {}
    frequency: Counter[str] = Counter()
    for claim in sentences.values():
        frequency.update(features_of(claim).sentence_terms.keys())
    total = len(sentences)
    scale = math.log(total)
    return {term: max(0.05, math.log(total / count) / scale) for term, count in frequency.items()}
