"""Whether two figures can be one value: the values a hedged or vague figure allows, consistency of
two figures, and how close they are (a moving measure is never too far from itself)."""

from __future__ import annotations

import math
import re

from claims.pipeline.match import params
from claims.pipeline.match.features import claim_frame, features_of, span_days
from claims.pipeline.match.frames import frames_conflict, why_apart
from claims.pipeline.match.frames.measure import CONCEPTS, UNSPECIFIC
from claims.pipeline.match.records import ClaimRecord

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
    family = features_of(a).family
    if family == "time":
        ia, ib = features_of(a).interval, features_of(b).interval
        if ia is None or ib is None:
            return None
        return ia[0] <= ib[1] and ib[0] <= ia[1]
    if family == "span":
        da, db = span_days(a), span_days(b)
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


def two_readings(a: ClaimRecord, b: ClaimRecord) -> bool:
    """Two values of one moving measure in one article: readings at two times ("had said over 2,000" ...
    "lowered the toll to 1,000"). One sentence giving both is comparing two facts ("2,400 killed, the
    deadliest after the 50,000 of another quake") unless it marks one as the earlier reading."""
    if not _same_measure(a, b, moving=True):
        return False
    return a.sentence != b.sentence or claim_frame(a).vintage != claim_frame(b).vintage


def value_proximity(a: ClaimRecord, b: ClaimRecord) -> float:
    """1 for consistent figures, less the further apart they are, 0.5 when one is unresolved.

    Figures of one stated measure that moves are never too far apart to be one fact: a toll of 14 on
    the first day and of 2,000 on the next are reports of one count (SAME_MEASURE_VALUE_FLOOR)."""
    value = _plain_value_proximity(a, b)
    if (
        value < params.SAME_MEASURE_VALUE_FLOOR
        and features_of(a).family != "time"
        and _same_measure(a, b, moving=True)
        and not (value == 0.0 and shrank(a, b))
    ):
        return params.SAME_MEASURE_VALUE_FLOOR
    return value


def shrank(a: ClaimRecord, b: ClaimRecord) -> bool:
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
    return sum(later.interval) * params.SHRINK_FACTOR < sum(earlier.interval)


def _plain_value_proximity(a: ClaimRecord, b: ClaimRecord) -> float:
    consistent = values_consistent(a, b)
    if consistent is None:
        if a.value is None and b.value is None and a.text.strip().lower() == b.text.strip().lower():
            return 0.8  # the same unresolved expression ("this week", "dozens") in both
        if features_of(a).family == "time" and (features_of(a).interval or features_of(b).interval):
            return 0.25  # a date we could not place against one we could: nothing supports the match
        return 0.4
    if consistent:
        return 1.0
    family = features_of(a).family
    if family == "time":
        ia, ib = features_of(a).interval, features_of(b).interval
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
