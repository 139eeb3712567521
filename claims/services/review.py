"""Writes for the review queue: leases, verdicts, skips, undo and adjudication.

A claim is leased to one reviewer at a time. The lease is taken by one UPDATE whose row is
picked among the claims nobody else holds a live lease on; on PostgreSQL the pick is a
SELECT … FOR NO KEY UPDATE SKIP LOCKED, so concurrent reviewers pass over each other's rows
instead of queueing behind them. Verdict and AuditEntry rows are only ever added: undo marks
a verdict retracted, and the claim's review state is recomputed from the live verdicts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from claims.models import Article, AuditEntry, Claim, FactGroup, Outlet, Skip, Verdict
from claims.rowmodels import ModelColumns, fetch_rows, insert_rows, split_row, update_fields

CLAIM_TABLE = Claim._meta.db_table
ARTICLE_TABLE = Article._meta.db_table
GROUP_TABLE = FactGroup._meta.db_table
VERDICT_TABLE = Verdict._meta.db_table
SKIP_TABLE = Skip._meta.db_table


class StaleClaimError(Exception):
    """The claim changed (re-ingestion) or was withdrawn after the reviewer opened it."""


@dataclass(frozen=True)
class QueueFilters:
    """Which part of the queue a reviewer works on; empty fields do not filter."""

    article: int | None = None
    outlet: int | None = None
    kind: str = ""
    relation: str = ""

    def apply(self, claims: QuerySet[Claim]) -> QuerySet[Claim]:
        if self.article:
            claims = claims.filter(article_id=self.article)
        if self.outlet:
            claims = claims.filter(article__outlet_id=self.outlet)
        if self.kind:
            claims = claims.filter(kind=self.kind)
        if self.relation == FactGroup.Relation.SINGLE:
            claims = claims.filter(Q(group__isnull=True) | Q(group__relation=self.relation))
        elif self.relation:
            claims = claims.filter(group__relation=self.relation)
        return claims

    def sql(self) -> tuple[str, dict[str, Any]]:
        """The same filters as SQL conditions on the claim table aliased c (" AND …"), with
        their parameters, for the lease statement."""
        conditions: list[str] = []
        params: dict[str, Any] = {}
        if self.article:
            conditions.append("c.article_id = %(article)s")
            params["article"] = self.article
        if self.outlet:
            conditions.append(f"c.article_id IN (SELECT id FROM {ARTICLE_TABLE} WHERE outlet_id = %(outlet)s)")
            params["outlet"] = self.outlet
        if self.kind:
            conditions.append("c.kind = %(kind)s")
            params["kind"] = self.kind
        if self.relation:
            in_relation = f"c.group_id IN (SELECT id FROM {GROUP_TABLE} WHERE relation = %(relation)s)"
            single = self.relation == FactGroup.Relation.SINGLE
            conditions.append(f"(c.group_id IS NULL OR {in_relation})" if single else in_relation)
            params["relation"] = self.relation
        return "".join(f" AND {condition}" for condition in conditions), params


def lease_seconds() -> int:
    return int(getattr(settings, "FACTCHECK_LEASE_SECONDS", 300))


def reviews_required() -> int:
    return max(1, int(getattr(settings, "FACTCHECK_REVIEWS_REQUIRED", 1)))


def _lease_free(reviewer: Any, now: dt.datetime) -> Q:
    """Nobody holds the claim, the holder's lease ran out, or the holder is this reviewer."""
    return Q(lease_holder__isnull=True) | Q(lease_expires__lte=now) | Q(lease_holder=reviewer)


def queue_priority_sync(*, groups: Iterable[FactGroup], ungrouped_ids: Iterable[int] = ()) -> int:
    """Copy "its group suggests a conflict" onto Claim.priority for every member of these groups,
    after their relation or membership changed, and clear it on claims that left every group;
    returns how many claims changed. By group id, never through a join."""
    groups = list(groups)
    conflict = [g.pk for g in groups if g.relation == FactGroup.Relation.CONFLICT]
    calm = [g.pk for g in groups if g.relation != FactGroup.Relation.CONFLICT]
    changed = Claim.objects.filter(group_id__in=conflict).exclude(priority=1).update(priority=1)
    leaving = Q(group_id__in=calm) | Q(pk__in=list(ungrouped_ids), group__isnull=True)
    changed += Claim.objects.filter(leaving).exclude(priority=0).update(priority=0)
    return changed


def claim_lease_next(*, reviewer: Any, filters: QueueFilters | None = None) -> Claim | None:
    """Lease the next claim to this reviewer, or renew and give back the one they already hold.

    Never hands one claim to two reviewers: the lease is written by one UPDATE whose row is
    picked under a row lock (SKIP LOCKED on PostgreSQL, so concurrent reviewers pass over each
    other's rows) and only while no other reviewer holds a live lease. The same statement
    releases any other claim the reviewer held, so a reviewer holds at most one claim.

    Returns the claim with its article, outlet and group, and in `claim.other_sources` the
    other live claims of its group (what the queue shows beside it), read in the same query.
    """
    now = timezone.now()
    until = now + dt.timedelta(seconds=lease_seconds())
    picked = _lease_first(reviewer=reviewer, filters=filters or QueueFilters(), now=now, until=until)
    if picked is None:
        return None
    claim_id, group_id = picked
    rows = _claim_with_sources(claim_id=claim_id, group_id=group_id)
    claim = next(row for row in rows if row.pk == claim_id)
    claim.other_sources = sorted(  # type: ignore[attr-defined]  # like a Prefetch(to_attr=...)
        (row for row in rows if row.pk != claim_id),
        key=lambda row: (row.article.published is None, row.article.published or dt.date.min, row.article_id,
                         row.start),
    )
    return claim


# The claim and its group's other live claims, each with its article (less its raw bytes),
# outlet and group: what select_related("article__outlet", "group") reads, written out because
# compiling that query cost ~1.2 ms of CPU per queue request, five times what running it takes.
_CLAIM_COLUMNS = ModelColumns(Claim, "c")
_ARTICLE_COLUMNS = ModelColumns(Article, "a", exclude=("raw",))
_OUTLET_COLUMNS = ModelColumns(Outlet, "o")
_GROUP_COLUMNS = ModelColumns(FactGroup, "g")
_SOURCES_SQL = f"""
    SELECT {_CLAIM_COLUMNS.sql}, {_ARTICLE_COLUMNS.sql}, {_OUTLET_COLUMNS.sql}, {_GROUP_COLUMNS.sql}
    FROM {CLAIM_TABLE} c
    JOIN {ARTICLE_TABLE} a ON a.id = c.article_id
    LEFT JOIN {Outlet._meta.db_table} o ON o.id = a.outlet_id
    LEFT JOIN {GROUP_TABLE} g ON g.id = c.group_id
    WHERE c.id = %(claim)s
       OR (c.group_id = %(group)s AND NOT (c.status = '{Claim.Status.WITHDRAWN.value}'))"""


def _claim_with_sources(*, claim_id: int, group_id: int | None) -> list[Claim]:
    claims = []
    for row in fetch_rows(_SOURCES_SQL, {"claim": claim_id, "group": group_id}, using=connection.alias):
        claim_part, article_part, outlet_part, group_part = split_row(
            row, _CLAIM_COLUMNS, _ARTICLE_COLUMNS, _OUTLET_COLUMNS, _GROUP_COLUMNS
        )
        claim = _CLAIM_COLUMNS.build(claim_part, using=connection.alias)
        article = _ARTICLE_COLUMNS.build(article_part, using=connection.alias)
        assert claim is not None and article is not None  # an inner join's sides are never NULL
        article.outlet = _OUTLET_COLUMNS.build(outlet_part, using=connection.alias)
        claim.article = article
        claim.group = _GROUP_COLUMNS.build(group_part, using=connection.alias)
        claims.append(claim)
    return claims


# The lease statement is written out in SQL rather than built with the ORM: it runs on every
# queue request, and compiling its three subqueries through the ORM cost ~6 ms of CPU per
# request (bench/queue.py), more than the database took to run it. QueueFilters renders the
# same filters for the ORM and for this statement; tests hold the two renderings together.
_CANDIDATE_SQL = f"""
    SELECT c.id FROM {CLAIM_TABLE} c
    WHERE c.review = '{Claim.Review.OPEN.value}' AND NOT (c.status = '{Claim.Status.WITHDRAWN.value}')
      AND (c.lease_holder_id IS NULL OR c.lease_expires <= %(now)s OR c.lease_holder_id = %(reviewer)s)
      AND NOT EXISTS (SELECT 1 FROM {VERDICT_TABLE} v WHERE v.claim_id = c.id AND v.reviewer_id = %(reviewer)s
                      AND v.retracted_at IS NULL AND v.claim_version = c.version)
      {{conditions}}
    ORDER BY {{order}} LIMIT 1 {{lock}}"""
_SKIPPED_SQL = f"EXISTS (SELECT 1 FROM {SKIP_TABLE} s WHERE s.claim_id = c.id AND s.reviewer_id = %(reviewer)s)"
_QUEUE_ORDER_SQL = "c.priority DESC, c.score DESC, c.id"  # the claim_queue_order_idx index
_LEASE_SQL = f"""
    WITH picked(id) AS MATERIALIZED (
        SELECT id FROM ({{held}}) AS held
        UNION ALL SELECT id FROM ({{fresh}}) AS fresh
        UNION ALL SELECT id FROM ({{skipped}}) AS skipped
        LIMIT 1
    )
    UPDATE {CLAIM_TABLE} SET
        lease_holder_id = CASE WHEN id IN (SELECT id FROM picked) THEN %(reviewer)s END,
        lease_expires = CASE WHEN id IN (SELECT id FROM picked) THEN %(until)s END
    WHERE id IN (SELECT id FROM picked UNION SELECT id FROM {CLAIM_TABLE} WHERE lease_holder_id = %(reviewer)s)
    RETURNING id, lease_holder_id, group_id"""


def _lease_first(
    *, reviewer: Any, filters: QueueFilters, now: dt.datetime, until: dt.datetime
) -> tuple[int, int | None] | None:
    """Lease, in one statement, the first claim of: the one this reviewer holds, the queue
    (conflicts first, then check-worthiness), the claims they skipped; and release every
    other claim they hold. Returns the claim's id and group id; None, with everything
    released, when no claim is free.

    Each part is read up to its first row, and later parts not at all once one is found
    (UNION ALL under LIMIT 1). Locking the row re-checks its conditions against its latest
    version, so a claim another reviewer leased a moment ago is passed over, never taken.
    """
    lock = "FOR NO KEY UPDATE OF c SKIP LOCKED" if connection.vendor == "postgresql" else ""
    conditions, params = filters.sql()
    statement = _LEASE_SQL.format(
        held=_CANDIDATE_SQL.format(
            conditions=f"{conditions} AND c.lease_holder_id = %(reviewer)s AND c.lease_expires > %(now)s",
            order="c.id", lock=lock),
        fresh=_CANDIDATE_SQL.format(conditions=f"{conditions} AND NOT {_SKIPPED_SQL}", order=_QUEUE_ORDER_SQL,
                                    lock=lock),
        skipped=_CANDIDATE_SQL.format(conditions=f"{conditions} AND {_SKIPPED_SQL}", order=_QUEUE_ORDER_SQL,
                                      lock=lock),
    )
    adapt = connection.ops.adapt_datetimefield_value
    params.update(reviewer=reviewer.pk, now=adapt(now), until=adapt(until))
    rows = fetch_rows(statement, params, using=connection.alias)
    return next(((pk, group) for pk, holder, group in rows if holder is not None), None)


def _release_other_leases(reviewer: Any, *, keep: int | None) -> None:
    """A reviewer holds at most one claim: the one on their screen."""
    held = Claim.objects.filter(lease_holder=reviewer)
    if keep is not None:
        held = held.exclude(pk=keep)
    held.update(lease_holder=None, lease_expires=None)


def claim_lease_renew(*, claim: Claim, reviewer: Any) -> bool:
    """Extend this reviewer's lease while their page is open; False when it went to someone else."""
    now = timezone.now()
    renewed = (
        Claim.objects.filter(pk=claim.pk)
        .exclude(status=Claim.Status.WITHDRAWN)
        .filter(_lease_free(reviewer, now))
        .update(lease_holder=reviewer, lease_expires=now + dt.timedelta(seconds=lease_seconds()))
    )
    return bool(renewed)


def _fmt(value: float | None) -> str:
    return "none" if value is None else f"{value:g}"


def stale_message(claim: Claim) -> str:
    """What a reviewer reads when the claim changed under them."""
    if claim.status == Claim.Status.WITHDRAWN:
        return "This claim is no longer in the article: it was withdrawn after you opened it."
    if claim.previous_value is not None or claim.previous_text:
        was = _fmt(claim.previous_value) if claim.previous_value is not None else claim.previous_text
        return f"This claim changed after you opened it: was {was}, now {_fmt(claim.value)}. Please look again."
    return "This claim changed after you opened it. Please look again."


_LOCK_SQL = f"SELECT {_CLAIM_COLUMNS.sql} FROM {CLAIM_TABLE} c WHERE c.id = %(claim)s"


def _locked(claim_id: int) -> Claim:
    """The claim, read under a row lock held to the end of the transaction (select_for_update(),
    written out: this runs on every verdict). Raises Claim.DoesNotExist."""
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    found = _CLAIM_COLUMNS.build_all(fetch_rows(_LOCK_SQL + lock, {"claim": claim_id}, using=connection.alias),
                                     using=connection.alias)
    if not found:
        raise Claim.DoesNotExist(f"no claim {claim_id}")
    return found[0]


_VERDICT_COLUMNS = ModelColumns(Verdict, "v")
_LIVE_VERDICTS_SQL = f"""
    SELECT {_VERDICT_COLUMNS.sql} FROM {VERDICT_TABLE} v
    WHERE v.claim_id = %(claim)s AND v.retracted_at IS NULL ORDER BY v.id"""


def _live_verdicts(claim: Claim) -> list[Verdict]:
    """The claim's verdicts that are not retracted, oldest first: a handful of rows, read on
    every verdict (written out, like the lock, to skip the ORM's compile step)."""
    rows = fetch_rows(_LIVE_VERDICTS_SQL, {"claim": claim.pk}, using=connection.alias)
    return _VERDICT_COLUMNS.build_all(rows, using=connection.alias)


def _review_state(current: list[Verdict]) -> str:
    """The review state the live verdicts of the claim's current version (oldest first) give."""
    if any(v.adjudication for v in current):
        return Claim.Review.DONE
    latest_by_reviewer = {v.reviewer_id: v.verdict for v in current}
    if len(latest_by_reviewer) < reviews_required():
        return Claim.Review.OPEN
    if len(set(latest_by_reviewer.values())) == 1:
        return Claim.Review.DONE
    return Claim.Review.ADJUDICATE


def _recompute_review(claim: Claim, *, actor: Any, note: str = "") -> None:
    """Derive the review state from the live verdicts of the claim's current version."""
    state = _review_state([v for v in _live_verdicts(claim) if v.claim_version == claim.version])
    if state != claim.review:
        AuditEntry.objects.create(claim=claim, actor=actor, action="review", old=claim.review, new=state, note=note)
        claim.review = state
    claim.save(update_fields=["review", "lease_holder", "lease_expires", "updated_at"])


@transaction.atomic
def claim_set_verdict(*, claim_id: int, reviewer: Any, verdict: str, note: str = "", claim_version: int) -> Verdict:
    """Record a reviewer's verdict on the version of the claim they saw; the returned verdict
    carries the claim as it is now (`verdict.claim`).

    Raises StaleClaimError, writing nothing, when the claim changed or was withdrawn since, and
    Claim.DoesNotExist when there is no such claim. Takes an id, not a claim: the claim is read
    once, under the row lock.
    """
    if verdict not in Verdict.Choice.values:
        raise ValueError(f"unknown verdict {verdict!r}")
    claim = _locked(claim_id)
    if claim.version != claim_version or claim.status == Claim.Status.WITHDRAWN:
        raise StaleClaimError(stale_message(claim))
    live = _live_verdicts(claim)
    previous = next((v for v in reversed(live) if v.reviewer_id == reviewer.pk and not v.adjudication), None)
    if previous is not None:
        Verdict.objects.filter(pk=previous.pk).update(retracted_at=timezone.now())
        live.remove(previous)
    row = Verdict(claim=claim, reviewer=reviewer, verdict=verdict, note=note, claim_version=claim.version,
                  claim_value=claim.value)
    insert_rows([row], using=connection.alias)
    entries = [AuditEntry(claim=claim, actor=reviewer, action="verdict", old=previous.verdict if previous else "",
                          new=verdict, note=note)]
    state = _review_state([v for v in [*live, row] if v.claim_version == claim.version])
    if state != claim.review:
        entries.append(AuditEntry(claim=claim, actor=reviewer, action="review", old=claim.review, new=state))
        claim.review = state
    insert_rows(entries, using=connection.alias)  # one INSERT; ids keep the order above
    if claim.lease_holder_id == reviewer.pk:
        claim.lease_holder = None
        claim.lease_expires = None
    update_fields(claim, ["review", "lease_holder", "lease_expires", "updated_at"], using=connection.alias)
    return row


@transaction.atomic
def claim_skip(*, claim: Claim, reviewer: Any) -> Skip:
    """Pass over a claim: it comes back to this reviewer only when nothing else is left."""
    Claim.objects.filter(pk=claim.pk, lease_holder=reviewer).update(lease_holder=None, lease_expires=None)
    return Skip.objects.create(claim=claim, reviewer=reviewer)


@dataclass(frozen=True)
class UndoResult:
    claim: Claim
    action: str  # "verdict" or "skip"
    leased: bool  # the claim is back on this reviewer's screen


@transaction.atomic
def verdict_undo(*, reviewer: Any) -> UndoResult | None:
    """Take back this reviewer's last action (a verdict or a skip) and put that claim back before them.

    A verdict is never deleted: it is marked retracted, with an audit entry, and the claim's
    review state is recomputed (so it reopens). None when there is nothing to undo.
    """
    last_verdict = (
        Verdict.objects.filter(reviewer=reviewer, retracted_at__isnull=True, adjudication=False)
        .order_by("-id")
        .first()
    )
    last_skip = Skip.objects.filter(reviewer=reviewer).order_by("-id").first()
    if last_skip is not None and (last_verdict is None or last_skip.created_at > last_verdict.created_at):
        claim = _locked(last_skip.claim_id)
        Skip.objects.filter(pk=last_skip.pk).delete()
        return UndoResult(claim=claim, action="skip", leased=_lease_back(claim, reviewer))
    if last_verdict is None:
        return None
    claim = _locked(last_verdict.claim_id)
    Verdict.objects.filter(pk=last_verdict.pk).update(retracted_at=timezone.now())
    AuditEntry.objects.create(claim=claim, actor=reviewer, action="undo", old=last_verdict.verdict, new="",
                              note="verdict retracted by its reviewer")
    leased = _lease_back(claim, reviewer, save=False)
    _recompute_review(claim, actor=reviewer, note="undo")
    return UndoResult(claim=claim, action="verdict", leased=leased and claim.review == Claim.Review.OPEN)


def _lease_back(claim: Claim, reviewer: Any, *, save: bool = True) -> bool:
    """Lease the claim to this reviewer unless another reviewer holds a live lease on it."""
    now = timezone.now()
    if claim.status == Claim.Status.WITHDRAWN:
        return False
    if claim.lease_holder_id not in (None, reviewer.pk) and claim.lease_expires and claim.lease_expires > now:
        return False
    _release_other_leases(reviewer, keep=claim.pk)
    claim.lease_holder = reviewer
    claim.lease_expires = now + dt.timedelta(seconds=lease_seconds())
    if save:
        claim.save(update_fields=["lease_holder", "lease_expires", "updated_at"])
    return True


@transaction.atomic
def claim_adjudicate(*, claim: Claim, admin: Any, verdict: str, note: str = "") -> Verdict:
    """An Admin settles a claim its reviewers disagree on; their verdict decides it."""
    if verdict not in Verdict.Choice.values:
        raise ValueError(f"unknown verdict {verdict!r}")
    claim = _locked(claim.pk)
    row = Verdict.objects.create(
        claim=claim, reviewer=admin, verdict=verdict, note=note, claim_version=claim.version,
        claim_value=claim.value, adjudication=True,
    )
    AuditEntry.objects.create(claim=claim, actor=admin, action="adjudication", old=claim.review, new=verdict,
                              note=note)
    claim.lease_holder = None
    claim.lease_expires = None
    _recompute_review(claim, actor=admin, note="adjudicated")
    return row
