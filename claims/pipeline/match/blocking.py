"""Blocking: a few short keys per claim so only claims sharing a key are compared, and the shortlist
of candidates worth scoring for a claim."""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Sequence

from claims.pipeline.match import params
from claims.pipeline.match.features import claim_frame, features_of
from claims.pipeline.match.records import ClaimRecord
from claims.pipeline.match.scoring import specific_value


def blocking_keys(claim: ClaimRecord) -> list[str]:
    """Short index keys: claims that could be the same fact share at least one (family + a key term).

    Keys never carry the figure itself, so a conflicting or time-shifted report still meets its
    match; they carry the family and one of the claim's most specific words (its counted noun,
    the words next to the figure, named entities), which keeps each key's posting list short.
    A resolved day or month is a key of its own, so "on Monday" meets "March 20".
    """
    features = features_of(claim)
    family = features.family
    ranked: dict[str, float] = {}
    for term in features.nouns:
        ranked[term] = ranked.get(term, 0.0) + 3.0
    for term, weight in features.local_terms.items():
        ranked[term] = ranked.get(term, 0.0) + 2.0 * weight
    for term, weight in features.sentence_terms.items():
        ranked[term] = ranked.get(term, 0.0) + weight * 0.5
    terms = sorted(ranked, key=lambda t: (-ranked[t], t))[: params.MAX_KEY_TERMS]
    keys = [f"{family}|{term}"[: params.MAX_KEY_LENGTH] for term in terms]
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
