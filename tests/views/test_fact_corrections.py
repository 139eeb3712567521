"""Corrections posted from a fact page: split, move, join, relation, confirm/dismiss; messages,
redirects, refusals, and CSRF."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from claims.models import AuditEntry, Claim, FactGroup, MatchConstraint
from tests.factories import make_article, make_claim, make_group

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _fact(size: int = 3, value: float = 12) -> tuple[FactGroup, list[Claim]]:
    group = make_group()
    return group, [
        make_claim(article=make_article(outlet=f"o{i}.example"), group=group, value=value) for i in range(size)
    ]


def _messages(response: Any) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_split_answers_303_back_to_the_fact_with_a_message(reviewer: Any) -> None:
    group, claims = _fact()
    client = _client(reviewer)
    response = client.post(f"/facts/{group.pk}/split/", {"claim": claims[0].pk, "note": "another toll"})
    assert response.status_code == 303 and response["Location"] == f"/facts/{group.pk}/"
    assert Claim.objects.get(pk=claims[0].pk).group_id is None
    page = client.get(response["Location"])
    assert any("split out" in m for m in _messages(page))
    assert AuditEntry.objects.get(action="split out").note == "another toll"


def test_splitting_the_last_pair_sends_the_reviewer_to_the_fact_list(reviewer: Any) -> None:
    group, claims = _fact(2)
    response = _client(reviewer).post(f"/facts/{group.pk}/split/", {"claim": claims[0].pk})
    assert response.status_code == 303 and response["Location"] == "/facts/"


def test_a_claim_of_another_fact_cannot_be_split_from_this_one(reviewer: Any) -> None:
    group, _ = _fact()
    _, others = _fact()
    response = _client(reviewer).post(f"/facts/{group.pk}/split/", {"claim": others[0].pk}, follow=True)
    assert any("is not part of fact" in m for m in _messages(response))
    assert not MatchConstraint.objects.exists()


def test_move_and_join(reviewer: Any) -> None:
    first, claims = _fact()
    second, _ = _fact(value=40)
    loner = make_claim(article=make_article(outlet="x.example"))
    client = _client(reviewer)
    response = client.post(f"/facts/{first.pk}/move/", {"claim": claims[0].pk, "target": second.pk})
    assert response.status_code == 303 and Claim.objects.get(pk=claims[0].pk).group_id == second.pk
    response = client.post(f"/facts/{first.pk}/join/", {"claim": loner.pk, "note": "same toll"})
    assert response.status_code == 303 and Claim.objects.get(pk=loner.pk).group_id == first.pk


def test_a_bad_form_changes_nothing_and_says_why(reviewer: Any) -> None:
    group, _ = _fact()
    response = _client(reviewer).post(f"/facts/{group.pk}/move/", {"claim": "x", "target": ""}, follow=True)
    assert any("The correction was not made" in m for m in _messages(response))
    assert not MatchConstraint.objects.exists() and not AuditEntry.objects.exists()


def test_the_relation_is_set_and_given_back_to_the_matcher(reviewer: Any) -> None:
    group, _ = _fact()
    client = _client(reviewer)
    client.post(f"/facts/{group.pk}/relation/", {"relation": "conflict", "note": "the copy differs"})
    group.refresh_from_db()
    assert (group.relation, group.relation_override, group.relation_set_by) == ("conflict", "conflict", reviewer)
    html = client.get(f"/facts/{group.pk}/").content.decode()
    assert "set by rita" in html and '<option value="matcher">' in html
    client.post(f"/facts/{group.pk}/relation/", {"relation": "matcher"})
    group.refresh_from_db()
    assert group.relation_override == "" and group.relation == "agree"


def test_a_stale_correction_is_dismissed(reviewer: Any) -> None:
    group, claims = _fact()
    constraint = MatchConstraint.objects.create(
        kind="cannot_link",
        claim=claims[0],
        other=claims[1],
        claim_fingerprint="old",
        other_fingerprint=claims[1].fingerprint,
    )
    response = _client(reviewer).post(f"/facts/{group.pk}/corrections/{constraint.pk}/", {"action": "dismiss"})
    assert response.status_code == 303
    constraint.refresh_from_db()
    assert constraint.ended_by == reviewer


@pytest.mark.parametrize("action", ["split", "move", "join", "relation"])
def test_every_correction_needs_a_csrf_token(reviewer: Any, action: str) -> None:
    group, claims = _fact()
    client = Client(enforce_csrf_checks=True)
    client.force_login(reviewer)
    body = {"claim": claims[0].pk, "target": group.pk, "relation": "conflict"}
    assert client.post(f"/facts/{group.pk}/{action}/", body).status_code == 403
    assert not AuditEntry.objects.exists()
