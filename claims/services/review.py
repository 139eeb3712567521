"""Writes for the review queue: leases, verdicts, skips, undo and adjudication.

A claim is leased to one reviewer at a time. The lease is taken by a conditional UPDATE
("only if nobody else holds a live lease"); on PostgreSQL the candidate row is also picked
with SELECT … FOR UPDATE SKIP LOCKED so concurrent reviewers pass over each other's rows
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
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from claims.models import AuditEntry, Claim, FactGroup, Skip, Verdict

LEASE_ATTEMPTS = 5


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


def lease_seconds() -> int:
    return int(getattr(settings, "FACTCHECK_LEASE_SECONDS", 300))


def reviews_required() -> int:
    return max(1, int(getattr(settings, "FACTCHECK_REVIEWS_REQUIRED", 1)))


def _lease_free(reviewer: Any, now: dt.datetime) -> Q:
    """Nobody holds the claim, the holder's lease ran out, or the holder is this reviewer."""
    return Q(lease_holder__isnull=True) | Q(lease_expires__lte=now) | Q(lease_holder=reviewer)


def _reviewable_by(reviewer: Any, filters: QueueFilters, now: dt.datetime) -> QuerySet[Claim]:
    """Open, live claims this reviewer has not judged in their current version and may lease."""
    judged = Verdict.objects.filter(
        claim=OuterRef("pk"), reviewer=reviewer, retracted_at__isnull=True, claim_version=OuterRef("version")
    )
    claims = (
        Claim.objects.filter(review=Claim.Review.OPEN)
        .exclude(status=Claim.Status.WITHDRAWN)
        .exclude(Exists(judged))
        .filter(_lease_free(reviewer, now))
    )
    return filters.apply(claims)


def _pick(claims: QuerySet[Claim], exclude_ids: set[int]) -> int | None:
    """The first candidate's id, skipping rows other transactions have locked (PostgreSQL)."""
    if exclude_ids:
        claims = claims.exclude(pk__in=exclude_ids)
    if connection.features.has_select_for_update_skip_locked:
        claims = claims.select_for_update(skip_locked=True, of=("self",))
    return claims.order_by("-priority", "-score", "id").values_list("pk", flat=True).first()


def _candidates(reviewer: Any, filters: QueueFilters, now: dt.datetime) -> list[QuerySet[Claim]]:
    """Queue order: conflicts first (Claim.priority), then by check-worthiness, the order of the
    claim_queue_order_idx index, so the first candidate is near the start of an index scan;
    claims this reviewer skipped come last."""
    base = _reviewable_by(reviewer, filters, now)
    skipped = Skip.objects.filter(claim=OuterRef("pk"), reviewer=reviewer)
    return [base.exclude(Exists(skipped)), base.filter(Exists(skipped))]


def queue_priority_sync(*, claim_ids: Iterable[int]) -> int:
    """Copy "its group suggests a conflict" onto these claims (Claim.priority), after their
    group or its relation changed; returns how many claims changed."""
    ids = list(claim_ids)
    conflict = Q(group__relation=FactGroup.Relation.CONFLICT)
    changed = Claim.objects.filter(conflict, pk__in=ids).exclude(priority=1).update(priority=1)
    changed += Claim.objects.filter(pk__in=ids).exclude(conflict).exclude(priority=0).update(priority=0)
    return changed


def claim_lease_next(*, reviewer: Any, filters: QueueFilters | None = None) -> Claim | None:
    """Lease the next claim to this reviewer, or give back the one they already hold.

    Never hands one claim to two reviewers: the lease is written by an UPDATE that only
    succeeds while no other reviewer holds a live lease, and is retried on the next
    candidate when another reviewer won the race.
    """
    filters = filters or QueueFilters()
    now = timezone.now()
    until = now + dt.timedelta(seconds=lease_seconds())
    held = (
        _reviewable_by(reviewer, filters, now)
        .filter(lease_holder=reviewer, lease_expires__gt=now)
        .order_by("id")
        .values_list("pk", flat=True)
        .first()
    )
    if held is not None:
        with transaction.atomic():
            renewed = Claim.objects.filter(pk=held, lease_holder=reviewer).update(lease_expires=until)
            if renewed:  # unless it was answered or released in the meantime
                _release_other_leases(reviewer, keep=held)
                return _leased(held)
    tried: set[int] = set()
    for _attempt in range(LEASE_ATTEMPTS):
        with transaction.atomic():
            _commit_without_flush_wait()
            picked = None
            for claims in _candidates(reviewer, filters, now):
                picked = _pick(claims, tried)
                if picked is not None:
                    break
            if picked is None:
                _release_other_leases(reviewer, keep=None)
                return None
            won = (
                Claim.objects.filter(pk=picked)
                .filter(_lease_free(reviewer, timezone.now()))
                .update(lease_holder=reviewer, lease_expires=until)
            )
            if won:
                _release_other_leases(reviewer, keep=picked)
                return _leased(picked)
        tried.add(picked)
    return None


def _commit_without_flush_wait() -> None:
    """Let this transaction's commit return before its WAL record reaches the disk (PostgreSQL).

    Only for lease writes: a lease is a short-lived hold, and the few lost to a database crash
    just return their claims to the queue. Verdicts and audit entries keep full durability, and
    the lease is visible to every other transaction as soon as it commits either way.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


def _leased(pk: int) -> Claim:
    """The leased claim with what the queue page shows about its article and group."""
    return Claim.objects.select_related("article__outlet", "article__copy_of", "group").get(pk=pk)


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


def _locked(claim: Claim) -> Claim:
    return Claim.objects.select_for_update().get(pk=claim.pk)


def _live_verdicts(claim: Claim) -> QuerySet[Verdict]:
    return Verdict.objects.filter(claim=claim, retracted_at__isnull=True)


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
    state = _review_state(list(_live_verdicts(claim).filter(claim_version=claim.version).order_by("id")))
    if state != claim.review:
        AuditEntry.objects.create(claim=claim, actor=actor, action="review", old=claim.review, new=state, note=note)
        claim.review = state
    claim.save(update_fields=["review", "lease_holder", "lease_expires", "updated_at"])


@transaction.atomic
def claim_set_verdict(*, claim: Claim, reviewer: Any, verdict: str, note: str = "", claim_version: int) -> Verdict:
    """Record a reviewer's verdict on the version of the claim they saw.

    Raises StaleClaimError, writing nothing, when the claim changed or was withdrawn since.
    """
    if verdict not in Verdict.Choice.values:
        raise ValueError(f"unknown verdict {verdict!r}")
    claim = _locked(claim)
    if claim.version != claim_version or claim.status == Claim.Status.WITHDRAWN:
        raise StaleClaimError(stale_message(claim))
    live = list(_live_verdicts(claim).order_by("id"))  # a handful of rows: read once, reused below
    previous = next((v for v in reversed(live) if v.reviewer_id == reviewer.pk and not v.adjudication), None)
    if previous is not None:
        Verdict.objects.filter(pk=previous.pk).update(retracted_at=timezone.now())
        live.remove(previous)
    row = Verdict.objects.create(
        claim=claim, reviewer=reviewer, verdict=verdict, note=note, claim_version=claim.version,
        claim_value=claim.value,
    )
    entries = [AuditEntry(claim=claim, actor=reviewer, action="verdict", old=previous.verdict if previous else "",
                          new=verdict, note=note)]
    state = _review_state([v for v in [*live, row] if v.claim_version == claim.version])
    if state != claim.review:
        entries.append(AuditEntry(claim=claim, actor=reviewer, action="review", old=claim.review, new=state))
        claim.review = state
    AuditEntry.objects.bulk_create(entries)  # one INSERT; ids keep the order above
    if claim.lease_holder_id == reviewer.pk:
        claim.lease_holder = None
        claim.lease_expires = None
    claim.save(update_fields=["review", "lease_holder", "lease_expires", "updated_at"])
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
        claim = _locked(last_skip.claim)
        Skip.objects.filter(pk=last_skip.pk).delete()
        return UndoResult(claim=claim, action="skip", leased=_lease_back(claim, reviewer))
    if last_verdict is None:
        return None
    claim = _locked(last_verdict.claim)
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
    claim = _locked(claim)
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
