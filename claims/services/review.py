"""Writes for the review queue: leases, verdicts, skips, undo and adjudication.

A claim is leased to one reviewer at a time. The lease is taken by one UPDATE whose row is
picked among the claims nobody else holds a live lease on; on PostgreSQL the pick is a
SELECT … FOR NO KEY UPDATE SKIP LOCKED, so concurrent reviewers pass over each other's rows
instead of queueing behind them. Verdict and AuditEntry rows are only ever added: undo marks
a verdict retracted, and the claim's review state is recomputed from the live verdicts.

Under concurrency (several tabs of one reviewer, many reviewers, re-ingestion and matching
writing the same rows): every transaction that hands a reviewer a lease first takes that
reviewer's advisory lock (PostgreSQL), so one reviewer's lease changes run one after another
and each sees the last one's result: a reviewer holds at most one claim. A verdict, skip or
renewal is refused, writing nothing, when the reviewer no longer holds the claim and another
reviewer does, or when the claim is settled. Undo takes its reviewer's lock before it reads
the last action, and retracts a verdict only while it is live. A transaction that PostgreSQL
aborts as a deadlock victim is run again (services.transient).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from claims.models import AuditEntry, Claim, FactGroup, Skip, Verdict
from claims.services.transient import advisory_xact_lock, run_again_if_transient
from claims.sql import fetch_rows, table

if TYPE_CHECKING:  # selectors import services (matching), so the filters are only a type here
    from claims.selectors import QueueFilters

CLAIM_TABLE = table(Claim)
VERDICT_TABLE = table(Verdict)
SKIP_TABLE = table(Skip)


class StaleClaimError(Exception):
    """The claim changed (re-ingestion) or was withdrawn after the reviewer opened it."""


LEASE_LOST = "Your hold on this claim ran out and it went back to the queue: someone else has this claim now."


class LeaseLostError(StaleClaimError):
    """Another reviewer holds the claim now, or it was settled, since this reviewer was shown it."""

    def __init__(self, message: str = LEASE_LOST) -> None:
        super().__init__(message)


REVIEWER_LOCK = 7301  # advisory lock namespace: one lock per reviewer


def _reviewer_lock(reviewer: Any) -> None:
    """Serialise this reviewer's lease changes (one cheap statement on PostgreSQL, held to the
    end of the transaction). Always the first lock such a transaction takes."""
    advisory_xact_lock(REVIEWER_LOCK, [reviewer.pk])


def _held_by_another(claim: Claim, reviewer: Any, now: dt.datetime) -> bool:
    return (
        claim.lease_holder_id not in (None, reviewer.pk)
        and claim.lease_expires is not None
        and claim.lease_expires > now
    )


def lease_seconds() -> int:
    return int(getattr(settings, "FACTCHECK_LEASE_SECONDS", 300))


def reviews_required() -> int:
    return max(1, int(getattr(settings, "FACTCHECK_REVIEWS_REQUIRED", 1)))


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

    def lease() -> tuple[int, int | None] | None:
        # Its own transaction: the lock, then the lease statement, whose snapshot is taken after
        # the lock is granted and so sees every lease change this reviewer made before. Nothing in
        # it raises but the database, so inside a caller's transaction no savepoint is needed.
        with transaction.atomic(savepoint=False):
            _reviewer_lock(reviewer)
            return _lease_next(reviewer=reviewer, filters=filters)

    return claim_with_sources(run_again_if_transient(lease))


def _lease_next(*, reviewer: Any, filters: QueueFilters | None) -> tuple[int, int | None] | None:
    """The lease statement, inside a transaction that holds the reviewer's lock."""
    now = timezone.now()
    until = now + dt.timedelta(seconds=lease_seconds())
    return _lease_first(reviewer=reviewer, filters=filters, now=now, until=until)


def claim_with_sources(picked: tuple[int, int | None] | None) -> Claim | None:
    """The leased claim (id, group id) read with its article, outlet, group and other sources."""
    if picked is None:
        return None
    claim_id, group_id = picked
    rows = _claim_with_sources(claim_id=claim_id, group_id=group_id)
    claim = next(row for row in rows if row.pk == claim_id)
    claim.other_sources = sorted(  # type: ignore[attr-defined]  # like a Prefetch(to_attr=...)
        (row for row in rows if row.pk != claim_id),
        key=lambda row: (
            row.article.published is None,
            row.article.published or dt.date.min,
            row.article_id,
            row.start,
        ),
    )
    return claim


def _claim_with_sources(*, claim_id: int, group_id: int | None) -> list[Claim]:
    """The claim and its group's other live claims, each with its article (less its raw
    bytes), outlet and group: one query."""
    picked = Q(pk=claim_id)
    if group_id is not None:
        picked |= Q(group_id=group_id) & ~Q(status=Claim.Status.WITHDRAWN)
    return list(Claim.objects.select_related("article__outlet", "group").defer("article__raw").filter(picked))


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
    ORDER BY {{order}} LIMIT 1 {{lock}}"""  # noqa: S608
_SKIPPED_SQL = f"EXISTS (SELECT 1 FROM {SKIP_TABLE} s WHERE s.claim_id = c.id AND s.reviewer_id = %(reviewer)s)"  # noqa: S608
_QUEUE_ORDER_SQL = "c.priority DESC, c.score DESC, c.id"  # the claim_queue_order_idx index
_LEASE_SQL = f"""
    WITH mine(id) AS MATERIALIZED (
        SELECT id FROM {CLAIM_TABLE} WHERE lease_holder_id = %(reviewer)s {{mine_lock}}
    ), picked(id) AS MATERIALIZED (
        SELECT id FROM ({{held}}) AS held
        UNION ALL SELECT id FROM ({{fresh}}) AS fresh
        UNION ALL SELECT id FROM ({{skipped}}) AS skipped
        LIMIT 1
    )
    UPDATE {CLAIM_TABLE} SET
        lease_holder_id = CASE WHEN id IN (SELECT id FROM picked) THEN %(reviewer)s END,
        lease_expires = CASE WHEN id IN (SELECT id FROM picked) THEN %(until)s END
    WHERE id IN (SELECT id FROM picked UNION SELECT id FROM mine)
    RETURNING id, lease_holder_id, group_id"""  # noqa: S608
# The reviewer's own holds are locked first, while the statement holds no other claim (the held
# part waits for `mine`: a one-time filter, evaluated before its scan starts); only then are rows
# picked, skipping locked ones. So a lease never waits for a row while holding the row it picked,
# and two reviewers taking each other's expired claims cannot deadlock.
_AFTER_MINE_SQL = " AND (SELECT count(*) FROM mine) >= 0"


def _lease_first(
    *, reviewer: Any, filters: QueueFilters | None, now: dt.datetime, until: dt.datetime
) -> tuple[int, int | None] | None:
    """Lease, in one statement, the first claim of: the one this reviewer holds, the queue
    (conflicts first, then check-worthiness), the claims they skipped; and release every
    other claim they hold. Returns the claim's id and group id; None, with everything
    released, when no claim is free.

    Each part is read up to its first row, and later parts not at all once one is found
    (UNION ALL under LIMIT 1). Locking the row re-checks its conditions against its latest
    version, so a claim another reviewer leased a moment ago is passed over, never taken.
    """
    postgresql = connection.vendor == "postgresql"
    lock = "FOR NO KEY UPDATE OF c SKIP LOCKED" if postgresql else ""
    conditions, params = filters.sql() if filters is not None else ("", {})
    statement = _LEASE_SQL.format(
        mine_lock="FOR NO KEY UPDATE" if postgresql else "",
        held=_CANDIDATE_SQL.format(
            conditions=f"{conditions} AND c.lease_holder_id = %(reviewer)s AND c.lease_expires > %(now)s"
            + (_AFTER_MINE_SQL if postgresql else ""),
            order="c.id",
            lock=lock,
        ),
        fresh=_CANDIDATE_SQL.format(
            conditions=f"{conditions} AND NOT {_SKIPPED_SQL}", order=_QUEUE_ORDER_SQL, lock=lock
        ),
        skipped=_CANDIDATE_SQL.format(conditions=f"{conditions} AND {_SKIPPED_SQL}", order=_QUEUE_ORDER_SQL, lock=lock),
    )
    adapt = connection.ops.adapt_datetimefield_value
    params.update(reviewer=reviewer.pk, now=adapt(now), until=adapt(until))
    rows = fetch_rows(statement, params)
    return next(((pk, group) for pk, holder, group in rows if holder is not None), None)


def _release_other_leases(reviewer: Any, *, keep: int | None) -> None:
    """A reviewer holds at most one claim: the one on their screen."""
    held = Claim.objects.filter(lease_holder=reviewer)
    if keep is not None:
        held = held.exclude(pk=keep)
    held.update(lease_holder=None, lease_expires=None)


def claim_lease_renew(*, claim: Claim, reviewer: Any) -> bool:
    """Extend this reviewer's lease while their page is open; False when it went to someone else
    or the claim is settled or withdrawn. Only extends a hold the reviewer has (even one that ran
    out while nobody took the claim): never leases a claim they do not hold."""
    now = timezone.now()
    renewed = (
        Claim.objects.filter(pk=claim.pk, lease_holder=reviewer, review=Claim.Review.OPEN)
        .exclude(status=Claim.Status.WITHDRAWN)
        .update(lease_expires=now + dt.timedelta(seconds=lease_seconds()))
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


_LOCK_SQL = f"SELECT * FROM {CLAIM_TABLE} WHERE id = %s"  # noqa: S608
_LIVE_VERDICTS_SQL = f"SELECT * FROM {VERDICT_TABLE} WHERE claim_id = %s AND retracted_at IS NULL ORDER BY id"  # noqa: S608


def _locked(claim_id: int) -> Claim:
    """The claim, read under a row lock held to the end of the transaction (what
    select_for_update().get() reads, as a raw() query: this runs on every verdict).
    Raises Claim.DoesNotExist."""
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    found = list(Claim.objects.raw(_LOCK_SQL + lock, [claim_id]))
    if not found:
        raise Claim.DoesNotExist(f"no claim {claim_id}")
    return found[0]


def _live_verdicts(claim: Claim) -> list[Verdict]:
    """The claim's verdicts that are not retracted, oldest first: a handful of rows, read on
    every verdict (a raw() query, like the lock)."""
    return list(Verdict.objects.raw(_LIVE_VERDICTS_SQL, [claim.pk]))


def review_state(live: Iterable[Verdict], *, version: int) -> str:
    """A claim's review state from its live (not retracted) verdicts, oldest first, of which only
    those on its current `version` count: the one place that decides open, done or adjudicate."""
    current = [v for v in live if v.claim_version == version]
    if any(v.adjudication for v in current):
        return Claim.Review.DONE
    latest_by_reviewer = {v.reviewer_id: v.verdict for v in current}
    if len(latest_by_reviewer) < reviews_required():
        return Claim.Review.OPEN
    if len(set(latest_by_reviewer.values())) == 1:
        return Claim.Review.DONE
    return Claim.Review.ADJUDICATE


def _review_change(claim: Claim, state: str, *, actor: Any, note: str = "") -> AuditEntry | None:
    """Set the claim's review state; the (unsaved) audit entry that records a change, or None."""
    if state == claim.review:
        return None
    entry = AuditEntry(claim=claim, actor=actor, action="review", old=claim.review, new=state, note=note)
    claim.review = state
    return entry


def recompute_review(claim: Claim, *, actor: Any, note: str = "") -> None:
    """Derive the review state from the live verdicts of the claim's current version, and save it."""
    entry = _review_change(claim, review_state(_live_verdicts(claim), version=claim.version), actor=actor, note=note)
    if entry is not None:
        entry.save()
    claim.save(update_fields=["review", "lease_holder", "lease_expires", "updated_at"])


@transaction.atomic
def claim_set_verdict(*, claim_id: int, reviewer: Any, verdict: str, note: str = "", claim_version: int) -> Verdict:
    """Record a reviewer's verdict on the version of the claim they saw; the returned verdict
    carries the claim as it is now (`verdict.claim`).

    Raises StaleClaimError, writing nothing, when the claim changed or was withdrawn since;
    LeaseLostError (a StaleClaimError) when another reviewer holds a live lease on it or it is
    no longer open; Claim.DoesNotExist when there is no such claim. Takes an id, not a claim:
    the claim is read once, under the row lock.
    """
    return _set_verdict(claim_id=claim_id, reviewer=reviewer, verdict=verdict, note=note, claim_version=claim_version)


@dataclass(frozen=True)
class VerdictResult:
    verdict: Verdict
    next_claim: Claim | None  # leased to the reviewer in the same transaction


def claim_set_verdict_and_lease_next(
    *,
    claim_id: int,
    reviewer: Any,
    verdict: str,
    note: str = "",
    claim_version: int,
    filters: QueueFilters | None = None,
) -> VerdictResult:
    """The queue's hot path: record the verdict (as claim_set_verdict, raising the same errors)
    and lease the reviewer's next claim, in one transaction under the reviewer's lock, so the
    lease costs one statement more than the verdict alone (the lock) and no second transaction."""
    if verdict not in Verdict.Choice.values:
        raise ValueError(f"unknown verdict {verdict!r}")

    def judge() -> tuple[Verdict, tuple[int, int | None] | None]:
        with transaction.atomic():
            _reviewer_lock(reviewer)  # before the claim's row lock, as every lease change
            row = _set_verdict(
                claim_id=claim_id, reviewer=reviewer, verdict=verdict, note=note, claim_version=claim_version
            )
            return row, _lease_next(reviewer=reviewer, filters=filters)

    row, picked = run_again_if_transient(judge)
    return VerdictResult(verdict=row, next_claim=claim_with_sources(picked))


def _set_verdict(*, claim_id: int, reviewer: Any, verdict: str, note: str, claim_version: int) -> Verdict:
    if verdict not in Verdict.Choice.values:
        raise ValueError(f"unknown verdict {verdict!r}")
    claim = _locked(claim_id)
    if claim.version != claim_version or claim.status == Claim.Status.WITHDRAWN:
        raise StaleClaimError(stale_message(claim))
    if claim.review != Claim.Review.OPEN or _held_by_another(claim, reviewer, timezone.now()):
        raise LeaseLostError()
    live = _live_verdicts(claim)
    previous = next((v for v in reversed(live) if v.reviewer_id == reviewer.pk and not v.adjudication), None)
    if previous is not None:
        Verdict.objects.filter(pk=previous.pk).update(retracted_at=timezone.now())
        live.remove(previous)
    row = Verdict.on(claim, reviewer=reviewer, verdict=verdict, note=note)
    row.save(force_insert=True)
    entries = [
        AuditEntry(
            claim=claim,
            actor=reviewer,
            action="verdict",
            old=previous.verdict if previous else "",
            new=verdict,
            note=note,
        )
    ]
    change = _review_change(claim, review_state([*live, row], version=claim.version), actor=reviewer)
    if change is not None:
        entries.append(change)
    AuditEntry.objects.bulk_create(entries)  # one INSERT; ids keep the order above
    if claim.lease_holder_id == reviewer.pk:
        claim.lease_holder = None
        claim.lease_expires = None
    claim.save(update_fields=["review", "lease_holder", "lease_expires", "updated_at"])
    return row


def claim_skip(*, claim_id: int, reviewer: Any) -> Skip:
    """Pass over a claim: it comes back to this reviewer only when nothing else is left.
    Raises LeaseLostError, writing nothing, when another reviewer holds it now or it is settled
    or withdrawn; Claim.DoesNotExist when there is no such claim."""

    def skip() -> Skip:
        with transaction.atomic():
            _reviewer_lock(reviewer)
            claim = _locked(claim_id)
            if (
                claim.review != Claim.Review.OPEN
                or claim.status == Claim.Status.WITHDRAWN
                or _held_by_another(claim, reviewer, timezone.now())
            ):
                raise LeaseLostError()
            if claim.lease_holder_id == reviewer.pk:
                Claim.objects.filter(pk=claim.pk).update(lease_holder=None, lease_expires=None)
            row = Skip.objects.create(claim=claim, reviewer=reviewer)
            row.claim = claim
            return row

    return run_again_if_transient(skip)


@dataclass(frozen=True)
class UndoResult:
    claim: Claim
    action: str  # "verdict" or "skip"
    leased: bool  # the claim is back on this reviewer's screen


def verdict_undo(*, reviewer: Any, verdict_id: int | None = None, skip_id: int | None = None) -> UndoResult | None:
    """Take back this reviewer's last action (a verdict or a skip) and put that claim back before them.

    With `verdict_id` or `skip_id` (what the page that offered the undo showed), only that
    action is taken back, and only once: the same undo sent again, or three times at once,
    undoes nothing more. Without, the reviewer's latest action is taken back.

    A verdict is never deleted: it is marked retracted, with an audit entry, and the claim's
    review state is recomputed (so it reopens). None when there is nothing to undo.
    Everything is read after the reviewer's lock, and the claim under its row lock.
    """

    def undo() -> UndoResult | None:
        with transaction.atomic():
            _reviewer_lock(reviewer)
            return _undo(reviewer=reviewer, verdict_id=verdict_id, skip_id=skip_id)

    return run_again_if_transient(undo)


def _undo(*, reviewer: Any, verdict_id: int | None, skip_id: int | None) -> UndoResult | None:
    verdicts = Verdict.objects.filter(reviewer=reviewer, retracted_at__isnull=True, adjudication=False)
    skips = Skip.objects.filter(reviewer=reviewer)
    if verdict_id is not None or skip_id is not None:
        last_verdict = verdicts.filter(pk=verdict_id).first() if verdict_id is not None else None
        last_skip = skips.filter(pk=skip_id).first() if skip_id is not None and last_verdict is None else None
    else:
        last_verdict = verdicts.order_by("-id").first()
        last_skip = skips.order_by("-id").first()
    if last_skip is not None and (last_verdict is None or last_skip.created_at > last_verdict.created_at):
        claim = _locked(last_skip.claim_id)
        if not Skip.objects.filter(pk=last_skip.pk).delete()[0]:
            return None
        return UndoResult(claim=claim, action="skip", leased=_lease_back(claim, reviewer))
    if last_verdict is None:
        return None
    claim = _locked(last_verdict.claim_id)
    # Under the claim's row lock: a verdict retracted meanwhile (a re-verdict) is not undone twice.
    if not Verdict.objects.filter(pk=last_verdict.pk, retracted_at__isnull=True).update(retracted_at=timezone.now()):
        return None
    AuditEntry.objects.create(
        claim=claim,
        actor=reviewer,
        action="undo",
        old=last_verdict.verdict,
        new="",
        note="verdict retracted by its reviewer",
    )
    recompute_review(claim, actor=reviewer, note="undo")
    return UndoResult(claim=claim, action="verdict", leased=_lease_back(claim, reviewer))


def _lease_back(claim: Claim, reviewer: Any) -> bool:
    """Lease the (locked) claim to this reviewer, releasing any other they hold, unless another
    reviewer holds a live lease on it or it is not open (settled meanwhile, or withdrawn)."""
    now = timezone.now()
    if claim.status == Claim.Status.WITHDRAWN or claim.review != Claim.Review.OPEN:
        return False
    if _held_by_another(claim, reviewer, now):
        return False
    _release_other_leases(reviewer, keep=claim.pk)
    claim.lease_holder = reviewer
    claim.lease_expires = now + dt.timedelta(seconds=lease_seconds())
    claim.save(update_fields=["lease_holder", "lease_expires", "updated_at"])
    return True


@transaction.atomic
def claim_adjudicate(*, claim: Claim, admin: Any, verdict: str, note: str = "") -> Verdict:
    """An Admin settles a claim its reviewers disagree on; their verdict decides it."""
    if verdict not in Verdict.Choice.values:
        raise ValueError(f"unknown verdict {verdict!r}")
    claim = _locked(claim.pk)
    row = Verdict.on(claim, reviewer=admin, verdict=verdict, note=note, adjudication=True)
    row.save(force_insert=True)
    AuditEntry.objects.create(claim=claim, actor=admin, action="adjudication", old=claim.review, new=verdict, note=note)
    claim.lease_holder = None
    claim.lease_expires = None
    recompute_review(claim, actor=admin, note="adjudicated")
    return row
