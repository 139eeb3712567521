"""Writes for reviewers' corrections of the matcher, and their enforcement.

A correction is stored as MatchConstraint rows between pairs of claims (cannot-link: never in
one fact again; must-link: always in one fact) plus AuditEntry rows, then enforced at once.
`apply_constraints` is the one place that enforces them: services.matching.article_match calls
it after every re-match, so corrections hold through re-matching, a new matcher version and
re-ingestion. A constraint binds only while both claims are live and keep the fingerprints
they had when it was made (`constraint_is_stale`); a stale one is shown on the fact page for a
reviewer to confirm or dismiss.

Choosing the relation of a fact (`group_relation_set`) is stored on the group as
`relation_override`; the matcher's suggestion never replaces it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from claims.models import AuditEntry, Claim, FactGroup, MatchConstraint
from claims.pipeline.match.params import MATCHER_VERSION
from claims.pipeline.match.suggestion import suggest_relation
from claims.services.review import queue_priority_sync

MAX_MUST_LINKS = 50  # partners a joined claim is tied to: enough to survive members leaving the fact
MAX_CLOSURE_ROUNDS = 20  # constraint chains followed when enforcing (they are short in practice)
NOTE_MAX = 2000

# Actions written to the audit trail; the fact page's history lists these.
SPLIT = "split out"
MOVED_OUT = "moved out"
MOVED_IN = "moved in"
JOINED = "joined"
RELATION_SET = "relation set"
RELATION_CLEARED = "relation cleared"
CONSTRAINT_CONFIRMED = "correction confirmed"
CONSTRAINT_DISMISSED = "correction dismissed"
CORRECTION_ACTIONS = (
    SPLIT,
    MOVED_OUT,
    MOVED_IN,
    JOINED,
    RELATION_SET,
    RELATION_CLEARED,
    CONSTRAINT_CONFIRMED,
    CONSTRAINT_DISMISSED,
)


class CorrectionError(ValueError):
    """A correction that cannot be made as asked; the message is shown to the reviewer."""


# --------------------------------------------------------------------------------------------------
# Enforcement


@dataclass
class _ClaimState:
    pk: int
    group_id: int | None
    fingerprint: str
    live: bool


def constraint_is_stale(constraint: MatchConstraint, states: dict[int, Any]) -> bool:
    """Whether a constraint no longer binds: a claim withdrawn, gone, or with another fingerprint.

    `states` maps claim ids to objects with `fingerprint` and a live flag (`live`, or a Claim's status)."""
    for pk, fingerprint in (
        (constraint.claim_id, constraint.claim_fingerprint),
        (constraint.other_id, constraint.other_fingerprint),
    ):
        state = states.get(pk)
        if state is None or state.fingerprint != fingerprint or not _is_live(state):
            return True
    return False


def _is_live(state: Any) -> bool:
    if isinstance(state, _ClaimState):
        return state.live
    return bool(state.status != Claim.Status.WITHDRAWN)


def _load_states(ids: Iterable[int]) -> dict[int, _ClaimState]:
    return {
        pk: _ClaimState(pk, group_id, fingerprint, status != Claim.Status.WITHDRAWN)
        for pk, group_id, fingerprint, status in Claim.objects.filter(pk__in=list(ids)).values_list(
            "pk", "group_id", "fingerprint", "status"
        )
    }


def binding_constraints(ids: set[int]) -> tuple[list[MatchConstraint], dict[int, _ClaimState]]:
    """Live constraints reaching these claims, followed from claim to claim (up to
    MAX_CLOSURE_ROUNDS steps), with every claim's state."""
    seen: set[int] = set()
    frontier = set(ids)
    found: dict[int, MatchConstraint] = {}
    for _ in range(MAX_CLOSURE_ROUNDS):
        if not frontier:
            break
        seen |= frontier
        rows = list(
            MatchConstraint.objects.filter(ended_at__isnull=True).filter(
                Q(claim_id__in=frontier) | Q(other_id__in=frontier)
            )
        )
        frontier = set()
        for row in rows:
            found[row.pk] = row
            # Both kinds: a cannot-link partner's own must-links decide which side has to leave.
            frontier |= {row.claim_id, row.other_id} - seen
    constraints = list(found.values())
    states = _load_states(seen | {pk for c in constraints for pk in (c.claim_id, c.other_id)})
    return [c for c in constraints if not constraint_is_stale(c, states)], states


class _Components:
    """Union-find of must-linked claims, with the cannot-linked pairs between them."""

    def __init__(self) -> None:
        self.parent: dict[int, int] = {}
        self.members: dict[int, set[int]] = {}
        self.cannot: set[frozenset[int]] = set()

    def find(self, pk: int) -> int:
        self.parent.setdefault(pk, pk)
        self.members.setdefault(pk, {pk})
        while self.parent[pk] != pk:
            self.parent[pk] = self.parent[self.parent[pk]]
            pk = self.parent[pk]
        return pk

    def can_union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        return ra == rb or not any(frozenset((x, y)) in self.cannot for x in self.members[ra] for y in self.members[rb])

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra
            self.members[ra] |= self.members.pop(rb)

    def of(self, pk: int) -> set[int]:
        return self.members[self.find(pk)]


def effective_constraints(constraints: Iterable[MatchConstraint]) -> tuple[list[MatchConstraint], _Components]:
    """The binding constraints that hold together, the newest first: an older correction that
    contradicts newer ones (possible only when a withdrawn claim comes back) gives way to them.
    Corrections made through this module never contradict each other: each ends the older
    constraints it overrules."""
    components = _Components()
    accepted: list[MatchConstraint] = []
    for c in sorted(constraints, key=lambda c: -c.pk):
        if c.kind == MatchConstraint.Kind.MUST_LINK:
            if components.can_union(c.claim_id, c.other_id):
                components.union(c.claim_id, c.other_id)
                accepted.append(c)
        elif components.find(c.claim_id) != components.find(c.other_id):
            components.cannot.add(frozenset((c.claim_id, c.other_id)))
            accepted.append(c)
    return accepted, components


def apply_constraints(*, claim_ids: Iterable[int], lock: Callable[[set[int]], bool] | None = None) -> set[int]:
    """Make the groups of these claims (and of every claim bound to them) obey the binding
    constraints, and put back reviewers' relations on their groups; returns the ids of the
    groups changed. Call inside the transaction that changed the groups.

    ``lock`` is given the claims bound to these that are not among them, before anything is
    moved; a caller that serialises its writes by locks (a match) locks them and their groups
    there and answers True when it had to take a new lock, and the constraints and claims are
    then read again under those locks.

    Must-linked claims are gathered into the group most of them are in (a new one if none is);
    then, while two cannot-linked claims share a group, the smaller must-linked set of the two
    (the corrected claim's on a tie) leaves for a group of its own (or no group when alone).
    Groups left with fewer than two live members are dissolved, as the matcher does.
    """
    ids = set(claim_ids)
    if not ids:
        return set()
    constraints, states = binding_constraints(ids)
    if lock is not None and constraints and lock(set(states) - ids):
        constraints, states = binding_constraints(ids)
    touched: set[int] = set()
    if constraints:
        touched = _enforce(constraints, states)
    group_ids = touched | {s.group_id for pk, s in states.items() if pk in ids and s.group_id}
    _restore_overrides(group_ids)
    return touched


def _enforce(constraints: list[MatchConstraint], states: dict[int, _ClaimState]) -> set[int]:
    constraints, components = effective_constraints(constraints)
    cannot = [(c.claim_id, c.other_id) for c in constraints if c.kind == MatchConstraint.Kind.CANNOT_LINK]
    group_of = {pk: s.group_id for pk, s in states.items() if s.live}
    before = dict(group_of)
    new_groups: list[set[int]] = []  # members of groups to create, by index; placeholder ids are negative

    roots = {components.find(pk) for c in constraints for pk in (c.claim_id, c.other_id) if pk in group_of}
    for root in sorted(roots):
        members = [pk for pk in components.of(root) if pk in group_of]
        if len(members) < 2:
            continue
        held = Counter(group_of[pk] for pk in members if group_of[pk] is not None)
        if held:
            target = min(held, key=lambda gid: (-held[gid], gid))
        else:
            new_groups.append(set(members))
            target = -len(new_groups)
        for pk in members:
            group_of[pk] = target
    for a, b in cannot:
        if a not in group_of or b not in group_of or group_of[a] is None or group_of[a] != group_of[b]:
            continue
        side_a, side_b = components.of(a) & group_of.keys(), components.of(b) & group_of.keys()
        leaving = side_b if len(side_b) < len(side_a) else side_a
        if len(leaving) >= 2:
            new_groups.append(set(leaving))
            target = -len(new_groups)
        else:
            target = None
        for pk in leaving:
            group_of[pk] = target
    moved = {pk: gid for pk, gid in group_of.items() if gid != before[pk]}
    if not moved:
        return set()
    created: dict[int, FactGroup] = {}
    for index in range(1, len(new_groups) + 1):
        if any(gid == -index for gid in group_of.values()):
            created[-index] = FactGroup.objects.create(matcher_version=MATCHER_VERSION)
    final = {pk: (created[gid].pk if gid is not None and gid < 0 else gid) for pk, gid in moved.items()}
    Claim.objects.bulk_update([Claim(pk=pk, group_id=gid) for pk, gid in final.items()], ["group"], batch_size=500)
    touched = {gid for gid in final.values() if gid is not None}
    touched |= {gid for pk in final if (gid := before[pk]) is not None}
    refresh_groups(group_ids=touched)
    return touched


def refresh_groups(*, group_ids: Iterable[int]) -> None:
    """Dissolve groups left with fewer than two live members; re-suggest the relation, origins
    and subject line of the others (a reviewer's relation stays); sync queue priorities."""
    from claims.services.matching import claim_record  # matching imports this module

    group_ids = set(group_ids)
    if not group_ids:
        return
    members = list(
        Claim.objects.filter(group_id__in=group_ids)
        .exclude(status=Claim.Status.WITHDRAWN)
        .select_related("article", "article__copy_of")
        .defer("article__raw", "article__text", "article__copy_of__raw", "article__copy_of__text")
        .order_by("id")
    )
    by_group: dict[int, list[Claim]] = {gid: [] for gid in group_ids}
    for claim in members:
        assert claim.group_id is not None
        by_group[claim.group_id].append(claim)
    groups = FactGroup.objects.in_bulk(group_ids)
    dissolve = [gid for gid, claims in by_group.items() if len(claims) < 2]
    ungrouped = [c.pk for gid in dissolve for c in by_group[gid]]
    if dissolve:
        Claim.objects.filter(group_id__in=dissolve).update(group=None)
        FactGroup.objects.filter(pk__in=dissolve).delete()
    kept = []
    for gid, claims in by_group.items():
        if gid in dissolve or gid not in groups:
            continue
        group = groups[gid]
        suggestion = suggest_relation([claim_record(c) for c in claims])
        group.relation = group.relation_override or suggestion.relation
        group.reason = suggestion.reason[:2000]
        group.origins = suggestion.origins
        if not group.label:
            group.label = claims[0].sentence[:300]
        group.updated_at = timezone.now()
        kept.append(group)
    FactGroup.objects.bulk_update(kept, ["relation", "reason", "origins", "label", "updated_at"])
    queue_priority_sync(groups=kept, ungrouped_ids=ungrouped)


def _restore_overrides(group_ids: set[int]) -> None:
    """Put a reviewer's relation back on groups the matcher has just re-suggested."""
    if not group_ids:
        return
    stale = list(
        FactGroup.objects.filter(pk__in=group_ids)
        .exclude(relation_override="")
        .exclude(relation=F("relation_override"))
    )
    for group in stale:
        group.relation = group.relation_override
    if stale:
        FactGroup.objects.bulk_update(stale, ["relation"])
        queue_priority_sync(groups=stale)


# --------------------------------------------------------------------------------------------------
# Corrections


def _lock_claim(claim_id: int) -> Claim:
    try:
        return Claim.objects.select_for_update().get(pk=claim_id)
    except Claim.DoesNotExist as exc:
        raise CorrectionError(f"There is no claim {claim_id}.") from exc


def _lock_groups(group_ids: Iterable[int | None]) -> dict[int, FactGroup]:
    """Lock these groups in id order (so two corrections never wait on each other crosswise)."""
    wanted = sorted({gid for gid in group_ids if gid is not None})
    groups = {g.pk: g for g in FactGroup.objects.select_for_update().filter(pk__in=wanted).order_by("pk")}
    missing = [gid for gid in wanted if gid not in groups]
    if missing:
        raise CorrectionError(f"There is no fact {missing[0]}.")
    return groups


def _live_members(group_id: int, *, exclude: int) -> list[Claim]:
    return list(
        Claim.objects.select_for_update()
        .filter(group_id=group_id)
        .exclude(pk=exclude)
        .exclude(status=Claim.Status.WITHDRAWN)
        .order_by("id")
    )


def _end(constraints: Any, actor: Any) -> int:
    return int(constraints.filter(ended_at__isnull=True).update(ended_at=timezone.now(), ended_by=actor))


def _involving(claim_id: int, others: Iterable[int] | None = None) -> Any:
    rows = MatchConstraint.objects.filter(Q(claim_id=claim_id) | Q(other_id=claim_id))
    if others is not None:
        others = list(others)
        rows = rows.filter(Q(claim_id__in=others) | Q(other_id__in=others))
    return rows


def _link(kind: str, claim: Claim, others: list[Claim], *, actor: Any, note: str, group_id: int | None) -> None:
    MatchConstraint.objects.bulk_create(
        [
            MatchConstraint(
                kind=kind,
                claim=claim,
                other=other,
                claim_fingerprint=claim.fingerprint,
                other_fingerprint=other.fingerprint,
                author=actor,
                note=note,
                group_id_at=group_id,
            )
            for other in others
        ]
    )


def _audit(
    *, claim: Claim | None, group_id: int | None, actor: Any, action: str, old: str = "", new: str = "", note: str = ""
) -> None:
    AuditEntry.objects.create(
        claim=claim, group_id=group_id, actor=actor, action=action, old=old[:200], new=new[:200], note=note
    )


def _clean_note(note: str) -> str:
    note = note.strip()
    if len(note) > NOTE_MAX:
        raise CorrectionError(f"The note is longer than {NOTE_MAX} characters.")
    return note


@transaction.atomic
def claim_split(*, claim_id: int, actor: Any, note: str = "") -> int:
    """ "Not the same fact": the claim leaves its fact and never joins its current members again.
    Returns the id of the fact it left."""
    note = _clean_note(note)
    claim = _lock_claim(claim_id)
    if claim.group_id is None:
        raise CorrectionError("This claim is not part of a fact.")
    group_id = claim.group_id
    _lock_groups([group_id])
    members = _live_members(group_id, exclude=claim.pk)
    _end(_involving(claim.pk).filter(kind=MatchConstraint.Kind.MUST_LINK), actor)
    _link(MatchConstraint.Kind.CANNOT_LINK, claim, members, actor=actor, note=note, group_id=group_id)
    _audit(claim=claim, group_id=group_id, actor=actor, action=SPLIT, old=f"fact {group_id}", new="no fact", note=note)
    apply_constraints(claim_ids=[claim.pk, *(m.pk for m in members)])
    return group_id


def _relocate(*, claim_id: int, group_id: int, actor: Any, note: str, action_in: str) -> int | None:
    note = _clean_note(note)
    claim = _lock_claim(claim_id)
    if claim.status == Claim.Status.WITHDRAWN:
        raise CorrectionError("A withdrawn claim cannot join a fact.")
    if claim.group_id == group_id:
        raise CorrectionError(f"The claim is already part of fact {group_id}.")
    old_group = claim.group_id
    _lock_groups([old_group, group_id])
    targets = _live_members(group_id, exclude=claim.pk)
    if not targets:
        raise CorrectionError(f"Fact {group_id} has no live claims to join.")
    leaving = _live_members(old_group, exclude=claim.pk) if old_group else []
    target_ids = [t.pk for t in targets]
    _end(_involving(claim.pk).filter(kind=MatchConstraint.Kind.MUST_LINK), actor)
    _end(_involving(claim.pk, target_ids).filter(kind=MatchConstraint.Kind.CANNOT_LINK), actor)
    if leaving:
        _link(MatchConstraint.Kind.CANNOT_LINK, claim, leaving, actor=actor, note=note, group_id=old_group)
    _link(MatchConstraint.Kind.MUST_LINK, claim, targets[:MAX_MUST_LINKS], actor=actor, note=note, group_id=group_id)
    if old_group:
        _audit(
            claim=claim,
            group_id=old_group,
            actor=actor,
            action=MOVED_OUT,
            old=f"fact {old_group}",
            new=f"fact {group_id}",
            note=note,
        )
    _audit(
        claim=claim,
        group_id=group_id,
        actor=actor,
        action=action_in,
        old=f"fact {old_group}" if old_group else "no fact",
        new=f"fact {group_id}",
        note=note,
    )
    apply_constraints(claim_ids=[claim.pk, *target_ids, *(m.pk for m in leaving)])
    return old_group


@transaction.atomic
def claim_move(*, claim_id: int, group_id: int, actor: Any, note: str = "") -> int | None:
    """Move a claim from its fact to another: it never rejoins its old fact's members and stays
    with the new one's. Returns the id of the fact it left."""
    if not Claim.objects.filter(pk=claim_id, group__isnull=False).exists():
        raise CorrectionError("This claim is not part of a fact; join it to one instead.")
    return _relocate(claim_id=claim_id, group_id=group_id, actor=actor, note=note, action_in=MOVED_IN)


@transaction.atomic
def claim_join(*, claim_id: int, group_id: int, actor: Any, note: str = "") -> int | None:
    """ "Same fact": a claim (alone, or in another fact) joins this fact and stays with it.
    Returns the id of the fact it left, if any."""
    return _relocate(claim_id=claim_id, group_id=group_id, actor=actor, note=note, action_in=JOINED)


@transaction.atomic
def group_relation_set(*, group_id: int, relation: str, actor: Any, note: str = "") -> FactGroup:
    """A reviewer chooses the fact's relation; the matcher will not replace it."""
    note = _clean_note(note)
    if relation not in FactGroup.Relation.values:
        raise CorrectionError(f"Unknown relation {relation!r}.")
    group = _lock_groups([group_id])[group_id]
    old = group.relation
    group.relation = group.relation_override = relation
    group.relation_set_by = actor
    group.relation_set_at = timezone.now()
    group.relation_note = note
    group.save(
        update_fields=[
            "relation",
            "relation_override",
            "relation_set_by",
            "relation_set_at",
            "relation_note",
            "updated_at",
        ]
    )
    _audit(claim=None, group_id=group.pk, actor=actor, action=RELATION_SET, old=old, new=relation, note=note)
    queue_priority_sync(groups=[group])
    return group


@transaction.atomic
def group_relation_clear(*, group_id: int, actor: Any, note: str = "") -> FactGroup:
    """Give the fact's relation back to the matcher's suggestion."""
    note = _clean_note(note)
    group = _lock_groups([group_id])[group_id]
    if not group.relation_override:
        raise CorrectionError("No reviewer has set this fact's relation.")
    old = group.relation_override
    FactGroup.objects.filter(pk=group.pk).update(
        relation_override="", relation_set_by=None, relation_set_at=None, relation_note=""
    )
    refresh_groups(group_ids=[group.pk])
    group.refresh_from_db()
    _audit(claim=None, group_id=group.pk, actor=actor, action=RELATION_CLEARED, old=old, new=group.relation, note=note)
    return group


def _lock_constraint(constraint_id: int) -> MatchConstraint:
    try:
        return MatchConstraint.objects.select_for_update().get(pk=constraint_id, ended_at__isnull=True)
    except MatchConstraint.DoesNotExist as exc:
        raise CorrectionError(f"There is no open correction {constraint_id}.") from exc


@transaction.atomic
def constraint_confirm(*, constraint_id: int, actor: Any, note: str = "") -> MatchConstraint:
    """A stale correction still holds: record the claims' current fingerprints and enforce it again."""
    note = _clean_note(note)
    old = _lock_constraint(constraint_id)
    claim, other = _lock_claim(old.claim_id), _lock_claim(old.other_id)
    if Claim.Status.WITHDRAWN in (claim.status, other.status):
        raise CorrectionError("One of the claims was withdrawn; correct the claim that replaced it instead.")
    _end(MatchConstraint.objects.filter(pk=old.pk), actor)
    if old.kind == MatchConstraint.Kind.MUST_LINK:
        _end(_involving(claim.pk, [other.pk]).filter(kind=MatchConstraint.Kind.CANNOT_LINK), actor)
    else:
        _end(_involving(claim.pk, [other.pk]).filter(kind=MatchConstraint.Kind.MUST_LINK), actor)
    _link(old.kind, claim, [other], actor=actor, note=note or old.note, group_id=old.group_id_at)
    _audit(
        claim=claim,
        group_id=claim.group_id or old.group_id_at,
        actor=actor,
        action=CONSTRAINT_CONFIRMED,
        old=f"{old.kind} with claim {other.pk}",
        new="confirmed",
        note=note,
    )
    apply_constraints(claim_ids=[claim.pk, other.pk])
    return MatchConstraint.objects.filter(claim=claim, other=other, ended_at__isnull=True).latest("id")


@transaction.atomic
def constraint_dismiss(*, constraint_id: int, actor: Any, note: str = "") -> None:
    """A stale correction no longer holds: end it (it stays in the trail)."""
    note = _clean_note(note)
    old = _lock_constraint(constraint_id)
    _end(MatchConstraint.objects.filter(pk=old.pk), actor)
    claim = Claim.objects.filter(pk=old.claim_id).first()
    _audit(
        claim=claim,
        group_id=(claim.group_id if claim else None) or old.group_id_at,
        actor=actor,
        action=CONSTRAINT_DISMISSED,
        old=f"{old.kind} with claim {old.other_id}",
        new="dismissed",
        note=note,
    )
