"""Grouping: claims of several articles clustered into facts by average linkage, merged best-first."""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Sequence
from itertools import combinations

from claims.pipeline.match import params
from claims.pipeline.match.blocking import blocking_keys
from claims.pipeline.match.features import features_of
from claims.pipeline.match.rarity import blend_idf
from claims.pipeline.match.records import ClaimRecord
from claims.pipeline.match.relation import covered, pair_relation
from claims.pipeline.match.scoring import Idf, idf_of, pair_score, scopes_a_figure
from claims.pipeline.match.values import two_readings, value_proximity


def group_claims(claims: Sequence[ClaimRecord], *, store_idf: Idf | None = None) -> list[list[int]]:
    """Cluster claims that report the same fact; only clusters spanning two or more articles are returned.

    Average linkage over cross-article pairs, merged best-first: a claim joins a group when it matches
    the group as a whole, not just one member, which stops chains of loosely related figures. Two
    claims of one article only end up together when claims of other articles link both, they resemble
    each other at least a little, and the article does not contradict itself through them.

    ``store_idf`` (rarity.store_rarity) is the rarity of terms over the whole store; it is blended with
    the rarity over the claims at hand (rarity.blend_idf).
    """
    items = sorted(set(claims), key=lambda c: c.id)
    idf = blend_idf(idf_of(items), store_idf or {})
    blocks: dict[str, set[int]] = defaultdict(set)
    for i, claim in enumerate(items):
        for key in blocking_keys(claim):
            blocks[key].add(i)
    scores: dict[tuple[int, int], float] = {}
    for members in blocks.values():
        for i, j in combinations(sorted(members), 2):
            # Pairs within one article never link by themselves: score them only when a merge asks.
            if (i, j) not in scores and items[i].article_id != items[j].article_id:
                scores[(i, j)] = pair_score(items[i], items[j], idf)

    def pair(i: int, j: int) -> float:
        key = (i, j) if i < j else (j, i)
        if key not in scores:
            scores[key] = pair_score(items[key[0]], items[key[1]], idf)
        return scores[key]

    def compatible_within_article(i: int, j: int, merged: list[int]) -> bool:
        if covered([items[m] for m in merged], items[i], items[j]):
            return True  # two days of one event whose span the group states ("Monday" and "Tuesday" of "March 3-5")
        if pair(i, j) < params.SAME_ARTICLE_THRESHOLD:
            return False
        # An article may itself report a count at two times ("lowered the toll to 1,000" after "over 2,000").
        return pair_relation(items[i], items[j]) != "conflict" or two_readings(items[i], items[j])

    def impossible(i: int, j: int) -> bool:
        """The two cannot be one quantity, whatever their words: other families, figures too far apart, or
        a date that only scopes a statistic (compared, so that it still brings its neighbours, never joined)."""
        if scopes_a_figure(items[i]) or scopes_a_figure(items[j]):
            return True
        return features_of(items[i]).family != features_of(items[j]).family or value_proximity(items[i], items[j]) == 0

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
        if score >= params.LINK_THRESHOLD and items[i].article_id != items[j].article_id:
            adjacent[i].add(j)
            adjacent[j].add(i)
    links: dict[tuple[int, int], float] = {}
    heap: list[tuple[float, tuple[int, int]]] = []

    def push(a: int, b: int) -> None:
        pair_key = (a, b) if a < b else (b, a)
        link = linkage(clusters[pair_key[0]], clusters[pair_key[1]])
        links[pair_key] = link
        if link >= params.LINK_THRESHOLD:
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
