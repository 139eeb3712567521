"""How two claims of one group relate: agree, conflict, or the same measure at another time."""

from __future__ import annotations

import re
from collections.abc import Sequence

from claims.pipeline.match import params
from claims.pipeline.match.features import claim_frame, features_of
from claims.pipeline.match.frames import EARLY, LATE, frames_shifted
from claims.pipeline.match.records import ClaimRecord
from claims.pipeline.match.values import values_consistent

_FRAME_PAST = re.compile(
    r"\b(?:over|in|during|for|within)\s+the\s+(?:past|last|previous)\s+([\w-]+\s+)?(year|month|week|day|decade)s?\b",
    re.IGNORECASE,
)

_FRAME_YEAR = re.compile(r"\b(?:in|since|by|as of|from|until|till|during)\s+(?:[A-Z][a-z]+\s+)?((?:19|20)\d\d)\b")


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
    if a.published and b.published and abs((a.published - b.published).days) >= params.TIME_SHIFT_DAYS:
        return True
    fa, fb = _frame_key(a), _frame_key(b)
    return bool(fa and fb) and fa != fb


def _states_a_range(claim: ClaimRecord) -> bool:
    """A calendar range written out ("March 20-22", "3 to 5 May"): the span of an event, not "this week"."""
    return "/" in claim.normalized and bool(re.search(r"\d\s*(?:-|\u2013|to|and)\s*\d", claim.text))


def covered(members: Sequence[ClaimRecord], a: ClaimRecord, b: ClaimRecord) -> bool:
    """Two dates that differ but both fall inside a short span another member states: moments of one event.

    "Lunch on Monday" and "talks on Tuesday" do not contradict each other when a source gives the visit
    as "March 20-22"; a year against another year is never covered (only ranges written out in digits and
    shorter than NARROW_DAYS count, not "this week").
    """
    ia, ib = features_of(a).interval, features_of(b).interval
    if ia is None or ib is None or features_of(a).family != "time":
        return False
    for member in members:
        if member is a or member is b or features_of(member).family != "time":
            continue
        span = features_of(member).interval
        if span is None or (span[1] - span[0]).days >= params.NARROW_DAYS or not _states_a_range(member):
            continue
        if span[0] <= min(ia[0], ib[0]) and max(ia[1], ib[1]) <= span[1]:
            return True
    return False


def pair_relation(a: ClaimRecord, b: ClaimRecord) -> str:
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
    if features_of(a).family != "time" and (frames_shifted(claim_frame(a), claim_frame(b)) or _reference_differs(a, b)):
        return "time_shifted"
    return "conflict"
