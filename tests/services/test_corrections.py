"""Reviewers' corrections of the matcher: split, move, join, relation set, and their enforcement."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command

from claims.models import AuditEntry, Claim, FactGroup, MatchConstraint
from claims.services.corrections import (
    CorrectionError,
    apply_constraints,
    claim_join,
    claim_move,
    claim_split,
    constraint_confirm,
    constraint_dismiss,
    constraint_is_stale,
    group_relation_clear,
    group_relation_set,
)
from claims.services.matching import article_match
from tests.factories import make_article, make_claim, make_group

pytestmark = pytest.mark.django_db


def _fact(size: int, *, relation: str = "agree", value: float = 12) -> tuple[FactGroup, list[Claim]]:
    group = make_group(relation=relation)
    claims = [
        make_claim(article=make_article(outlet=f"outlet{i}.example"), group=group, value=value) for i in range(size)
    ]
    return group, claims


def _group(claim: Claim) -> int | None:
    return Claim.objects.get(pk=claim.pk).group_id


def test_a_split_claim_leaves_its_fact_and_is_cannot_linked_to_every_member(reviewer: Any) -> None:
    group, (a, b, c) = _fact(3)
    left = claim_split(claim_id=a.pk, actor=reviewer, note="other quantity")
    assert left == group.pk
    assert _group(a) is None and _group(b) == group.pk and _group(c) == group.pk
    links = MatchConstraint.objects.filter(claim=a, kind="cannot_link", ended_at__isnull=True)
    assert sorted(links.values_list("other_id", flat=True)) == [b.pk, c.pk]
    first = links.earliest("id")
    assert first.author == reviewer and first.note == "other quantity"
    entry = AuditEntry.objects.get(action="split out")
    assert (entry.claim_id, entry.group_id, entry.actor) == (a.pk, group.pk, reviewer)


def test_splitting_one_of_two_dissolves_the_fact_as_the_matcher_would(reviewer: Any) -> None:
    group, (a, b) = _fact(2)
    claim_split(claim_id=a.pk, actor=reviewer)
    assert _group(a) is None and _group(b) is None
    assert not FactGroup.objects.filter(pk=group.pk).exists()


def test_a_cannot_link_pair_put_together_again_is_pulled_apart(reviewer: Any) -> None:
    group, (a, b, _c) = _fact(3)
    claim_split(claim_id=a.pk, actor=reviewer)
    Claim.objects.filter(pk=a.pk).update(group=group)  # the matcher joins them again
    apply_constraints(claim_ids=[a.pk])
    assert _group(a) is None and _group(b) == group.pk


def test_the_side_that_leaves_is_decided_by_must_links_of_a_partner_not_asked_about(reviewer: Any) -> None:
    group, (b, c) = _fact(2)
    x = make_claim(article=make_article(outlet="x.example"), group=group)
    # b is the corrected claim of "never with x", and must stay with c: x has to leave, not b.
    MatchConstraint.objects.create(
        kind="cannot_link", claim=b, other=x, claim_fingerprint=b.fingerprint, other_fingerprint=x.fingerprint
    )
    MatchConstraint.objects.create(
        kind="must_link", claim=b, other=c, claim_fingerprint=b.fingerprint, other_fingerprint=c.fingerprint
    )
    apply_constraints(claim_ids=[x.pk])  # the matcher touched only x
    assert _group(b) == _group(c) == group.pk and _group(x) is None


def test_a_moved_claim_joins_the_other_fact_and_stays_there(reviewer: Any) -> None:
    first, (a, b, _c) = _fact(3)
    second, (_d, _e) = _fact(2, value=40)
    claim_move(claim_id=a.pk, group_id=second.pk, actor=reviewer, note="belongs there")
    assert _group(a) == second.pk
    Claim.objects.filter(pk=a.pk).update(group=first)  # a re-match puts it back
    apply_constraints(claim_ids=[a.pk, b.pk])
    assert _group(a) == second.pk
    actions = list(AuditEntry.objects.order_by("id").values_list("action", "group_id"))
    assert actions == [("moved out", first.pk), ("moved in", second.pk)]


def test_a_joined_claim_follows_its_fact_even_when_the_matcher_leaves_it_out(reviewer: Any) -> None:
    group, (_a, _b) = _fact(2)
    loner = make_claim(article=make_article(outlet="third.example"), value=13)
    claim_join(claim_id=loner.pk, group_id=group.pk, actor=reviewer)
    assert _group(loner) == group.pk
    Claim.objects.filter(pk=loner.pk).update(group=None)
    apply_constraints(claim_ids=[loner.pk])
    assert _group(loner) == group.pk
    assert AuditEntry.objects.get(action="joined").group_id == group.pk


def test_joining_a_claim_back_ends_the_split_that_kept_it_out(reviewer: Any) -> None:
    group, (a, _b, _c) = _fact(3)
    claim_split(claim_id=a.pk, actor=reviewer)
    claim_join(claim_id=a.pk, group_id=group.pk, actor=reviewer)
    assert _group(a) == group.pk
    assert not MatchConstraint.objects.filter(kind="cannot_link", ended_at__isnull=True).exists()


def test_corrections_refuse_what_cannot_be_done_and_write_nothing(reviewer: Any) -> None:
    group, (a, _b) = _fact(2)
    loner = make_claim()
    with pytest.raises(CorrectionError):
        claim_split(claim_id=loner.pk, actor=reviewer)
    with pytest.raises(CorrectionError):
        claim_join(claim_id=a.pk, group_id=group.pk, actor=reviewer)
    with pytest.raises(CorrectionError):
        claim_join(claim_id=loner.pk, group_id=987654, actor=reviewer)
    with pytest.raises(CorrectionError):
        claim_move(claim_id=loner.pk, group_id=group.pk, actor=reviewer)
    with pytest.raises(CorrectionError):
        group_relation_set(group_id=group.pk, relation="maybe", actor=reviewer)
    with pytest.raises(CorrectionError):
        claim_split(claim_id=a.pk, actor=reviewer, note="x" * 2001)
    assert not MatchConstraint.objects.exists() and not AuditEntry.objects.exists()


def test_a_relation_a_reviewer_set_survives_rematching(reviewer: Any) -> None:
    group, (a, _b) = _fact(2, relation="conflict")
    group_relation_set(group_id=group.pk, relation="agree", actor=reviewer, note="same count")
    assert Claim.objects.get(pk=a.pk).priority == 0  # no longer first in the queue
    FactGroup.objects.filter(pk=group.pk).update(relation="conflict")  # the matcher suggests again
    apply_constraints(claim_ids=[a.pk])
    group.refresh_from_db()
    assert (group.relation, group.relation_override, group.relation_set_by) == ("agree", "agree", reviewer)
    entry = AuditEntry.objects.get(action="relation set")
    assert (entry.old, entry.new, entry.note) == ("conflict", "agree", "same count")


def test_clearing_a_relation_gives_it_back_to_the_matcher(reviewer: Any) -> None:
    group, (_a, _b) = _fact(2)
    group_relation_set(group_id=group.pk, relation="conflict", actor=reviewer)
    cleared = group_relation_clear(group_id=group.pk, actor=reviewer)
    assert cleared.relation_override == "" and cleared.relation == "agree"  # both give 12


def test_a_claim_whose_fingerprint_changed_makes_its_links_stale_until_confirmed(reviewer: Any) -> None:
    group, (a, b, _c) = _fact(3)
    claim_split(claim_id=a.pk, actor=reviewer)
    Claim.objects.filter(pk=a.pk).update(fingerprint="rewritten", group=group)
    apply_constraints(claim_ids=[a.pk])
    assert _group(a) == group.pk  # a stale constraint binds nothing
    stale = MatchConstraint.objects.get(claim=a, other=b)
    states = {c.pk: c for c in Claim.objects.all()}
    assert constraint_is_stale(stale, states)
    fresh = constraint_confirm(constraint_id=stale.pk, actor=reviewer)
    assert not constraint_is_stale(fresh, {c.pk: c for c in Claim.objects.all()})
    assert _group(a) is None  # the confirmed split holds again


def test_dismissing_a_correction_ends_it_and_records_who(reviewer: Any) -> None:
    _fact_group, (a, _b, _c) = _fact(3)
    claim_split(claim_id=a.pk, actor=reviewer)
    constraint = MatchConstraint.objects.filter(claim=a).earliest("id")
    constraint_dismiss(constraint_id=constraint.pk, actor=reviewer)
    constraint.refresh_from_db()
    assert constraint.ended_at is not None and constraint.ended_by == reviewer
    assert AuditEntry.objects.filter(action="correction dismissed").count() == 1
    with pytest.raises(CorrectionError):
        constraint_dismiss(constraint_id=constraint.pk, actor=reviewer)


TEXT_A = "Officials said 52 people died in the floods in the northern valley on Monday."
TEXT_B = "Rescuers said 57 people died in the floods in the northern valley, officials reported."


def test_a_split_made_on_matched_articles_survives_rematching_them(reviewer: Any, tmp_path: Any) -> None:
    for name, text in (("a.txt", TEXT_A), ("b.txt", TEXT_B)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    call_command("ingest", str(tmp_path), stdout=io.StringIO(), stderr=io.StringIO())
    for article_id in Claim.objects.values_list("article_id", flat=True).distinct():
        article_match(article_id=article_id)
    counts = Claim.objects.filter(unit__icontains="people")
    grouped = [c for c in counts if c.group_id]
    assert len(grouped) == 2 and grouped[0].group_id == grouped[1].group_id  # the matcher joined the two reports
    claim_split(claim_id=grouped[0].pk, actor=reviewer)
    for article_id in sorted({c.article_id for c in grouped}, reverse=True):
        article_match(article_id=article_id)
    assert _group(grouped[0]) is None or _group(grouped[0]) != _group(grouped[1])


def test_claims_bound_from_outside_are_handed_to_the_lock_before_anything_moves(reviewer: Any) -> None:
    group, (a, b) = _fact(2)
    loner = make_claim(article=make_article(outlet="third.example"), value=13)
    claim_join(claim_id=loner.pk, group_id=group.pk, actor=reviewer)
    Claim.objects.filter(pk=loner.pk).update(group=None)  # the matcher left it out
    handed: list[set[int]] = []

    def lock(bound: set[int]) -> bool:
        handed.append(bound)
        assert _group(loner) is None  # nothing moved yet
        return True

    apply_constraints(claim_ids=[loner.pk], lock=lock)

    assert handed == [{a.pk, b.pk}]
    assert _group(loner) == group.pk
