"""Writes for cross-source matching: join an article's claims to fact groups.

Candidates come from the ClaimKey index (blocking keys), and only a bounded number of
them per key and per claim are kept, so matching one article costs the same however
many claims are stored. The neighbourhood (the article's claims, its best candidates,
and a sample of the members of their current groups) is re-clustered and its groups
rewritten; group ids are reused where a group keeps most members, and members left
outside the sample keep their group.

Any number of workers may match at once (PostgreSQL). A match serialises with every other
match of its story neighbourhood through advisory locks, taken in ascending order: first on
its own blocking keys (so two articles that could be candidates of each other run one after
the other, and the later one sees the earlier one's claims, as a single worker would), then
on every claim it will rewrite and on their groups. Candidates and groups are read again once
the locks are held, until every group they are in is locked: nothing else can then move those
claims, fill or empty those groups. A group that loses its last member is deleted in the same
transaction. A neighbourhood too large to lock claim by claim takes one exclusive lock that
every other match shares instead. A match aborted as a deadlock victim runs again.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone

from claims.models import Article, Claim, ClaimKey, FactGroup
from claims.pipeline.match.blocking import blocking_keys, shortlist_candidates
from claims.pipeline.match.features import claim_subject
from claims.pipeline.match.frames.scope import carried_periods
from claims.pipeline.match.grouping import group_claims
from claims.pipeline.match.params import MATCHER_VERSION
from claims.pipeline.match.rarity import weighed_terms
from claims.pipeline.match.records import ClaimRecord
from claims.pipeline.match.scoring import match_score
from claims.pipeline.match.suggestion import suggest_relation
from claims.services.corrections import apply_constraints
from claims.services.rarity import store_rarity_of
from claims.services.review import queue_priority_sync
from claims.services.transient import advisory_xact_lock, lock_id, run_again_if_transient
from claims.sql import table

MAX_CANDIDATES_PER_KEY = 30  # newest claims taken from one blocking key
MAX_SCORED_PER_CLAIM = 16  # candidates scored for each claim of the article (shortlisted by shared keys)
MAX_CANDIDATES_PER_CLAIM = 5  # best-scoring candidates kept for each claim of the article
# A candidate scoring below this cannot join a group (the link threshold is about three times higher)
# even through average linkage with others; leaving it out keeps the re-clustering small.
CANDIDATE_FLOOR = 0.05
MAX_GROUP_SAMPLE = 4  # members of an existing group brought into the re-clustering
SCORING_BATCH = 200  # claims of the article whose candidates are loaded and scored together

MATCH_LOCK = 7302  # advisory lock namespace: one lock per blocking key, claim and group a match rewrites
MATCH_ALL_LOCK = 7303  # (namespace, 0): shared by every match; exclusive for one too large to lock item by item
MAX_ITEM_LOCKS = 800  # a match that would take more item locks takes the exclusive lock instead (see docs)
LOCK_ROUNDS = 8  # re-reads of the neighbourhood's groups before giving up (a transient failure)


class NeighbourhoodMoved(Exception):
    """The neighbourhood's groups kept changing while its locks were taken; run the match again."""


class _MatchLocks:
    """The advisory locks one match holds (PostgreSQL; nothing elsewhere)."""

    def __init__(self, *, keys: Iterable[str], own_claims: int) -> None:
        key_locks = {lock_id("key", key) for key in keys}
        # Every own claim brings at most MAX_CANDIDATES_PER_CLAIM candidates and their groups.
        self.exclusive = len(key_locks) + own_claims * (1 + MAX_CANDIDATES_PER_CLAIM) * 2 > MAX_ITEM_LOCKS
        advisory_xact_lock(MATCH_ALL_LOCK, [0], shared=not self.exclusive)
        self.held: set[int] = set()
        self.take(key_locks)

    def take(self, locks: set[int]) -> bool:
        """Lock what is not held yet; True when something new had to be locked."""
        if self.exclusive:
            return False
        new = locks - self.held
        advisory_xact_lock(MATCH_LOCK, new)
        self.held |= new
        return bool(new)

    def take_claims(self, claims: Iterable[Claim]) -> bool:
        claims = list(claims)
        return self.take(
            {lock_id("claim", c.pk) for c in claims} | {lock_id("group", c.group_id) for c in claims if c.group_id}
        )


def context_periods(claims: Iterable[Claim]) -> dict[int, str]:
    """Each claim's carried period (frames.scope.carried_periods): the period its article last stated
    in an earlier sentence. One query for all the claims' articles, reading only their sentences."""
    claims = list(claims)
    published = {c.article_id: c.article.reference_date for c in claims}
    rows = (
        Claim.objects.filter(article_id__in=published)
        .exclude(status=Claim.Status.WITHDRAWN)
        .order_by("article_id", "sentence_start")
        .values_list("article_id", "sentence_start", "sentence")
        .distinct()
    )
    by_article: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for article_id, start, sentence in rows:
        by_article[article_id].append((start, sentence))
    carried: dict[tuple[int, int], str] = {}
    for article_id, sentences in by_article.items():
        periods = carried_periods([s for _, s in sentences], published=published[article_id])
        carried.update({(article_id, start): p for (start, _), p in zip(sentences, periods, strict=True)})
    return {c.pk: carried.get((c.article_id, c.sentence_start), "") for c in claims}


def claim_record(claim: Claim, *, context_period: str = "") -> ClaimRecord:
    article = claim.article
    origin = article.copy_of_id or article.pk
    published = article.reference_date
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
        context_period=context_period,
    )


def claim_subject_line(claim: Claim) -> str:
    """The claim's own subject line from its frame ("Deaths, Herat, as of 8 Oct 2023")."""
    return claim_subject(claim_record(claim))


def _live_claims() -> QuerySet[Claim]:
    """Live claims with what claim_record reads of their article (not its raw bytes or text)."""
    return (
        Claim.objects.exclude(status=Claim.Status.WITHDRAWN)
        .select_related("article", "article__copy_of")
        .defer("article__raw", "article__text", "article__copy_of__raw", "article__copy_of__text")
    )


def article_match(*, article_id: int) -> int:
    """Re-match one article against the store; returns the number of its claims now grouped.
    A deadlock victim runs again (a few times, then the error goes to the caller)."""
    return run_again_if_transient(lambda: _article_match(article_id=article_id))


@transaction.atomic
def _article_match(*, article_id: int) -> int:
    article = Article.objects.select_for_update().get(pk=article_id)
    own = list(_live_claims().filter(article=article))
    own_context = context_periods(own)
    own_records = {c.pk: claim_record(c, context_period=own_context[c.pk]) for c in own}
    keys_by_claim = claim_keys(own_records)
    locks = _MatchLocks(keys={key for keys in keys_by_claim.values() for key in keys}, own_claims=len(own))
    claim_keys_store(article=article, keys_by_claim=keys_by_claim)
    neighbours = _best_candidates(article, own_records, keys_by_claim)  # read under the key locks
    for _ in range(LOCK_ROUNDS):
        if not locks.take_claims(own + neighbours):
            break
        # Read their groups again now that they are locked: a match that held them may have moved them.
        fresh = _live_claims().in_bulk([c.pk for c in own + neighbours])
        own = [fresh[c.pk] for c in own if c.pk in fresh]
        neighbours = [fresh[c.pk] for c in neighbours if c.pk in fresh]
    else:
        raise NeighbourhoodMoved(f"article {article_id}: its neighbourhood kept moving")
    known = {c.pk for c in neighbours} | set(own_records)
    group_ids = {c.group_id for c in neighbours + own if c.group_id}
    if group_ids:
        neighbours += list(_live_claims().filter(pk__in=_group_samples(group_ids, exclude=known)))
    claims = {c.pk: c for c in own + neighbours}
    context = context_periods(c for pk, c in claims.items() if pk not in own_records)
    records = [own_records.get(pk) or claim_record(c, context_period=context[pk]) for pk, c in claims.items()]
    clusters = group_claims(records, store_idf=store_rarity_of(weighed_terms(records)))
    _write_groups(claims, clusters, records)
    # Reviewers' corrections and relations hold through re-matching; the claims bound to these from
    # outside the neighbourhood are locked (with their groups) before any of them is moved.
    apply_constraints(
        claim_ids=claims,
        lock=lambda bound: locks.take_claims(Claim.objects.filter(pk__in=bound).only("id", "group_id")),
    )
    article.matcher_version = MATCHER_VERSION
    article.save(update_fields=["matcher_version"])
    return sum(1 for cluster in clusters for pk in cluster if pk in own_records)


def claim_keys(records: dict[int, ClaimRecord]) -> dict[int, list[str]]:
    """Each claim's blocking keys, as the index stores them."""
    return {pk: list(dict.fromkeys(key[:120] for key in blocking_keys(r))) for pk, r in records.items()}


def claim_keys_store(*, article: Article, keys_by_claim: dict[int, list[str]]) -> None:
    """Replace the article's blocking keys in the index."""
    # By claim id, which the (claim, key) index serves; a join through the article scans every key.
    ClaimKey.objects.filter(claim_id__in=list(article.claims.values_list("id", flat=True))).delete()
    ClaimKey.objects.bulk_create([ClaimKey(claim_id=pk, key=key) for pk, keys in keys_by_claim.items() for key in keys])


def claim_keys_index(*, article: Article, records: dict[int, ClaimRecord]) -> dict[int, list[str]]:
    """Replace the article's blocking keys in the index; returns each claim's keys."""
    keys_by_claim = claim_keys(records)
    claim_keys_store(article=article, keys_by_claim=keys_by_claim)
    return keys_by_claim


_NEWEST_BY_KEY_SQL = """
    SELECT k.key, hit.claim_id
    FROM unnest(%s::text[]) AS k(key)
    CROSS JOIN LATERAL (
        SELECT ck.claim_id FROM {claim_key} ck JOIN {claim} c ON c.id = ck.claim_id
        WHERE ck.key = k.key AND c.article_id <> %s
        ORDER BY ck.claim_id DESC LIMIT %s
    ) AS hit
"""


def _newest_by_key(article: Article, keys: set[str]) -> dict[str, list[int]]:
    """The newest claims of other articles under each key: one query on PostgreSQL, one per key elsewhere."""
    ids_by_key: dict[str, list[int]] = {key: [] for key in keys}
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                _NEWEST_BY_KEY_SQL.format(claim_key=table(ClaimKey), claim=table(Claim)),
                [sorted(keys), article.pk, MAX_CANDIDATES_PER_KEY],
            )
            for key, claim_id in cursor.fetchall():
                ids_by_key[key].append(claim_id)
        return ids_by_key
    for key in keys:
        ids_by_key[key] = list(
            ClaimKey.objects.filter(key=key)
            .exclude(claim__article=article)
            .order_by("-claim_id")
            .values_list("claim_id", flat=True)[:MAX_CANDIDATES_PER_KEY]
        )
    return ids_by_key


_GROUP_SAMPLES_SQL = """
    SELECT sample.id
    FROM unnest(%s::bigint[]) AS g(id)
    CROSS JOIN LATERAL (
        SELECT c.id FROM {claim} c
        WHERE c.group_id = g.id AND NOT (c.status = 'withdrawn') AND NOT (c.id = ANY(%s::bigint[]))
        ORDER BY c.id LIMIT %s
    ) AS sample
"""


def _group_samples(group_ids: set[int], *, exclude: set[int]) -> list[int]:
    """The first few live members of each group (claim_group_members_idx), leaving out `exclude`:
    one bounded index scan per group, however large the groups or the store grow."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                _GROUP_SAMPLES_SQL.format(claim=table(Claim)), [sorted(group_ids), sorted(exclude), MAX_GROUP_SAMPLE]
            )
            return [row[0] for row in cursor.fetchall()]
    sample: list[int] = []
    for group_id in sorted(group_ids):
        sample += (
            Claim.objects.filter(group_id=group_id)
            .exclude(status=Claim.Status.WITHDRAWN)
            .exclude(pk__in=exclude)
            .order_by("id")
            .values_list("id", flat=True)[:MAX_GROUP_SAMPLE]
        )
    return sample


def _best_candidates(
    article: Article, own_records: dict[int, ClaimRecord], keys_by_claim: dict[int, list[str]]
) -> list[Claim]:
    """The few best-scoring claims of other articles for each claim of this one.

    Each blocking key contributes only its newest claims; of those, each claim scores only a
    shortlist (most shared keys, rare keys weighing more) and keeps its best few, so the work
    per article stays the same however large the store grows.
    """
    ids_by_key = _newest_by_key(article, {key for keys in keys_by_claim.values() for key in keys})
    shortlists = {
        pk: shortlist_candidates(keys, ids_by_key, limit=MAX_SCORED_PER_CLAIM) for pk, keys in keys_by_claim.items()
    }
    # Scored a batch of the article's claims at a time: at most SCORING_BATCH x MAX_SCORED_PER_CLAIM
    # candidates are held at once, and only the chosen few per claim are kept.
    chosen: dict[int, Claim] = {}
    own_ids = list(shortlists)
    for first in range(0, len(own_ids), SCORING_BATCH):
        batch = own_ids[first : first + SCORING_BATCH]
        loaded = {c.pk: c for c in _live_claims().filter(pk__in={cid for pk in batch for cid in shortlists[pk]})}
        records = {pk: claim_record(c) for pk, c in loaded.items()}  # a shortlist: no carried periods needed
        for pk in batch:
            scored = sorted(
                ((match_score(own_records[pk], records[cid]), cid) for cid in shortlists[pk] if cid in records),
                reverse=True,
            )
            chosen.update(
                (cid, loaded[cid]) for score, cid in scored[:MAX_CANDIDATES_PER_CLAIM] if score >= CANDIDATE_FLOOR
            )
    return [chosen[pk] for pk in sorted(chosen)]


def _write_groups(claims: dict[int, Claim], clusters: list[list[int]], records: list[ClaimRecord]) -> None:
    """Store the clusters as groups, in a few statements whatever their number: a cluster
    keeps the group most of its members had, unless another cluster took it first."""
    by_id = {r.id: r for r in records}
    old_groups = {c.group_id for c in claims.values() if c.group_id}
    existing = FactGroup.objects.in_bulk(old_groups)
    reused: set[int] = set()
    kept: list[FactGroup] = []
    created: list[FactGroup] = []
    placed: list[tuple[FactGroup, list[int]]] = []
    for cluster in clusters:
        previous = Counter(claims[pk].group_id for pk in cluster if claims[pk].group_id in existing)
        reuse = next((gid for gid, _ in previous.most_common() if gid not in reused), None)
        if reuse is not None:
            group = existing[reuse]
            reused.add(reuse)
            kept.append(group)
        else:
            group = FactGroup()
            created.append(group)
        suggestion = suggest_relation([by_id[pk] for pk in cluster])
        group.relation = suggestion.relation
        group.reason = suggestion.reason[:2000]
        group.origins = suggestion.origins
        group.label = (suggestion.subject or claims[cluster[0]].sentence)[:300]
        group.matcher_version = MATCHER_VERSION
        group.updated_at = timezone.now()  # bulk_update does not apply auto_now
        placed.append((group, cluster))
    FactGroup.objects.bulk_update(kept, ["relation", "reason", "origins", "label", "matcher_version", "updated_at"])
    FactGroup.objects.bulk_create(created)  # sets their ids (PostgreSQL, SQLite 3.35+)
    assignment: dict[int, int | None] = dict.fromkeys(claims, None)
    for group, cluster in placed:
        for pk in cluster:
            assignment[pk] = group.pk
    moved = [Claim(pk=pk, group_id=gid) for pk, gid in assignment.items() if claims[pk].group_id != gid]
    Claim.objects.bulk_update(moved, ["group"], batch_size=500)
    queue_priority_sync(  # conflicts first in the queue
        groups=[group for group, _ in placed],
        ungrouped_ids=[pk for pk, group_id in assignment.items() if group_id is None],
    )
    stale = old_groups - reused
    if stale:
        FactGroup.objects.filter(pk__in=stale, claims__isnull=True).delete()
