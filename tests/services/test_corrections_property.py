"""Property: whatever reviewers correct and however the matcher regroups, re-ingestion withdraws,
restores or rewrites claims, no binding cannot-link pair ever shares a fact and no binding
must-link pair is ever apart."""

from __future__ import annotations

import itertools
import random
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.models import Claim, FactGroup
from claims.services.corrections import (
    CorrectionError,
    apply_constraints,
    binding_constraints,
    claim_join,
    claim_move,
    claim_split,
    effective_constraints,
)
from tests.factories import make_article, make_claim, make_group

CLAIMS = 9
_fresh = itertools.count(1)

split = st.tuples(st.just("split"), st.integers(0, CLAIMS - 1))
move = st.tuples(st.just("move"), st.integers(0, CLAIMS - 1), st.integers(0, 20))
join = st.tuples(st.just("join"), st.integers(0, CLAIMS - 1), st.integers(0, 20))
rematch = st.tuples(st.just("rematch"), st.integers(0, 2**32 - 1))
withdraw = st.tuples(st.just("withdraw"), st.integers(0, CLAIMS - 1))
restore = st.tuples(st.just("restore"), st.integers(0, CLAIMS - 1))
rewrite = st.tuples(st.just("rewrite"), st.integers(0, CLAIMS - 1))
steps = st.lists(st.one_of(split, move, join, rematch, withdraw, restore, rewrite), min_size=1, max_size=14)


def _store() -> list[Claim]:
    """Three facts of three claims from three outlets each, as the matcher might have made them."""
    claims = []
    for _ in range(3):
        group = make_group()
        for i in range(3):
            claims.append(make_claim(article=make_article(outlet=f"o{i}.example"), group=group))
    return claims


def _rematch(ids: list[int], seed: int) -> None:
    """The matcher re-matches one neighbourhood (a random subset, as article_match does): it regroups
    those claims however it likes (old groups, a new one, none), then enforces the corrections on
    that neighbourhood only, as article_match does."""
    rng = random.Random(seed)
    neighbourhood = rng.sample(ids, rng.randint(1, len(ids)))
    groups = list(FactGroup.objects.filter(claims__pk__in=ids).distinct().values_list("pk", flat=True))
    groups.append(make_group().pk)
    for pk in neighbourhood:
        Claim.objects.filter(pk=pk).update(group_id=rng.choice([*groups, None]))
    apply_constraints(claim_ids=neighbourhood)


def _check(ids: list[int]) -> None:
    constraints, _ = binding_constraints(set(ids))
    effective, _ = effective_constraints(constraints)
    group_of = dict(
        Claim.objects.filter(pk__in={pk for c in effective for pk in (c.claim_id, c.other_id)}).values_list(
            "pk", "group_id"
        )
    )
    for c in effective:
        a, b = group_of[c.claim_id], group_of[c.other_id]
        if c.kind == "cannot_link":
            assert a is None or a != b, f"cannot-linked claims {c.claim_id} and {c.other_id} share fact {a}"
        else:
            assert a is not None and a == b, f"must-linked claims {c.claim_id} and {c.other_id} apart: {a}, {b}"


@pytest.mark.django_db
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plan=steps)
def test_no_sequence_of_corrections_and_rematches_breaks_a_binding_correction(
    reviewer: Any, plan: list[tuple[Any, ...]]
) -> None:
    claims = _store()
    ids = [c.pk for c in claims]
    restored = False
    for step in plan:
        claim = Claim.objects.get(pk=ids[step[1] % CLAIMS]) if step[0] != "rematch" else None
        try:
            if step[0] == "split" and claim:
                claim_split(claim_id=claim.pk, actor=reviewer)
            elif step[0] in ("move", "join") and claim:
                groups = sorted(FactGroup.objects.filter(claims__pk__in=ids).distinct().values_list("pk", flat=True))
                if groups:
                    service = claim_move if step[0] == "move" else claim_join
                    service(claim_id=claim.pk, group_id=groups[step[2] % len(groups)], actor=reviewer)
        except CorrectionError:
            pass
        if step[0] == "rematch":
            _rematch(ids, step[1])
        elif step[0] == "withdraw" and claim:  # re-ingestion no longer finds the claim
            Claim.objects.filter(pk=claim.pk).update(status=Claim.Status.WITHDRAWN)
            apply_constraints(claim_ids=[claim.pk])
        elif step[0] == "restore" and claim:  # ... and finds it again
            restored = restored or claim.status == Claim.Status.WITHDRAWN
            Claim.objects.filter(pk=claim.pk).update(status=Claim.Status.CURRENT)
            apply_constraints(claim_ids=[claim.pk])
        elif step[0] == "rewrite" and claim:  # the claim's fingerprint changed: its links go stale
            Claim.objects.filter(pk=claim.pk).update(fingerprint=f"rewritten-{next(_fresh)}")
            apply_constraints(claim_ids=[claim.pk])
        _check(ids)
    if not restored:  # without a claim coming back, the corrections never contradict each other
        constraints, _ = binding_constraints(set(ids))
        assert len(effective_constraints(constraints)[0]) == len(constraints)
