"""A group's suggested relation with a reason a reviewer can read, and its count of independent origins."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import combinations

from claims.pipeline.match.features import claim_frame, features_of, time_interval
from claims.pipeline.match.frames import group_subject
from claims.pipeline.match.records import ClaimRecord, Suggestion
from claims.pipeline.match.relation import covered, pair_relation, time_frames

_HEDGE_WORDS = {"approx": "about ", "at_most": "up to ", "at_least": "at least "}


def describe_value(claim: ClaimRecord) -> str:
    """A figure as a reviewer would say it: "2013", "about 40", "10 years", "2023-02"."""
    hedge = _HEDGE_WORDS.get(claim.hedge, "")
    family = features_of(claim).family
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
        relation = pair_relation(a, b)
        if relation == "conflict" and covered(members, a, b):
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
        what = "count" if features_of(a).family == "amount" else "figure"
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
