"""Writes for cross-source matching: join an article's claims to fact groups.

Candidates come from the ClaimKey index (blocking keys), so matching one article
costs the same however many claims are stored. The neighbourhood (the article's
claims, the candidates, and the members of their current groups) is re-clustered
and its groups rewritten; group ids are reused where a group keeps most members.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.db import transaction

from claims.models import Article, Claim, ClaimKey, FactGroup
from claims.pipeline.matching import MATCHER_VERSION, ClaimRecord, blocking_keys, group_claims, suggest_relation
from claims.services.review import queue_priority_sync

MAX_CANDIDATES_PER_KEY = 200


def claim_record(claim: Claim) -> ClaimRecord:
    article = claim.article
    origin = article.copy_of_id or article.pk
    published = article.published
    if published is None and article.copy_of_id and article.copy_of is not None:
        published = article.copy_of.published
    return ClaimRecord(
        id=claim.pk,
        article_id=article.pk,
        origin_id=origin,
        published=published,
        kind=claim.kind,
        value=claim.value,
        unit=claim.unit,
        hedge=claim.hedge,
        normalized=claim.normalized,
        text=claim.text,
        sentence=claim.sentence,
        subject=tuple(claim.subject or ()),
    )


def _live_claims() -> Iterable[Claim]:
    return Claim.objects.exclude(status=Claim.Status.WITHDRAWN).select_related("article", "article__copy_of")


@transaction.atomic
def article_match(*, article_id: int) -> int:
    """Re-match one article against the store; returns the number of its claims now grouped."""
    article = Article.objects.select_for_update().get(pk=article_id)
    own = list(_live_claims().filter(article=article))
    own_records = {c.pk: claim_record(c) for c in own}
    ClaimKey.objects.filter(claim__article=article).delete()
    keys_by_claim = {pk: blocking_keys(record) for pk, record in own_records.items()}
    ClaimKey.objects.bulk_create(
        [ClaimKey(claim_id=pk, key=key[:120]) for pk, keys in keys_by_claim.items() for key in dict.fromkeys(keys)]
    )
    all_keys = {key[:120] for keys in keys_by_claim.values() for key in keys}
    candidate_ids: set[int] = set()
    for key in all_keys:
        candidate_ids.update(
            ClaimKey.objects.filter(key=key)
            .exclude(claim__article=article)
            .order_by("-claim_id")
            .values_list("claim_id", flat=True)[:MAX_CANDIDATES_PER_KEY]
        )
    neighbours = list(_live_claims().filter(pk__in=candidate_ids))
    group_ids = {c.group_id for c in neighbours + own if c.group_id}
    if group_ids:
        known = {c.pk for c in neighbours} | set(own_records)
        neighbours += list(_live_claims().filter(group_id__in=group_ids).exclude(pk__in=known))
    claims = {c.pk: c for c in own + neighbours}
    records = [own_records.get(pk) or claim_record(c) for pk, c in claims.items()]
    clusters = group_claims(records)
    _write_groups(claims, clusters, records)
    article.matcher_version = MATCHER_VERSION
    article.save(update_fields=["matcher_version"])
    return sum(1 for cluster in clusters for pk in cluster if pk in own_records)


def _write_groups(claims: dict[int, Claim], clusters: list[list[int]], records: list[ClaimRecord]) -> None:
    by_id = {r.id: r for r in records}
    old_groups = {c.group_id for c in claims.values() if c.group_id}
    used: set[int] = set()
    assignment: dict[int, int | None] = dict.fromkeys(claims, None)
    for cluster in clusters:
        previous = Counter(claims[pk].group_id for pk in cluster if claims[pk].group_id)
        reuse = next((gid for gid, _ in previous.most_common() if gid not in used), None)
        suggestion = suggest_relation([by_id[pk] for pk in cluster])
        group = FactGroup.objects.filter(pk=reuse).first() if reuse else None
        if group is None:
            group = FactGroup()
        group.relation = suggestion.relation
        group.reason = suggestion.reason[:2000]
        group.origins = suggestion.origins
        group.label = claims[cluster[0]].sentence[:300]
        group.matcher_version = MATCHER_VERSION
        group.save()
        used.add(group.pk)
        for pk in cluster:
            assignment[pk] = group.pk
    for pk, group_id in assignment.items():
        if claims[pk].group_id != group_id:
            Claim.objects.filter(pk=pk).update(group_id=group_id)
    queue_priority_sync(claim_ids=claims)  # conflicts first in the queue, without a join
    stale = old_groups - used
    if stale:
        FactGroup.objects.filter(pk__in=stale, claims__isnull=True).delete()
