"""Reviewers' corrections of the matcher on a fact page: split, move, join, the relation,
and confirming or dismissing a correction gone stale. Plain form POSTs that answer 303 back
to the fact (or to the fact list when the fact was dissolved), with a message."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_POST

from claims.forms import ConstraintForm, JoinForm, MoveForm, RelationForm, SplitForm
from claims.http import redirect_after_post
from claims.models import FactGroup
from claims.roles import reviewer_required
from claims.services.corrections import (
    CorrectionError,
    claim_join,
    claim_move,
    claim_split,
    constraint_confirm,
    constraint_dismiss,
    group_relation_clear,
    group_relation_set,
)


def _back(group_id: int) -> HttpResponse:
    if FactGroup.objects.filter(pk=group_id).exists():
        return redirect_after_post("fact", group_id=group_id)
    return redirect_after_post("facts")


def _invalid(request: HttpRequest, group_id: int, form: forms.Form) -> HttpResponse:
    text = "; ".join(f"{name}: {' '.join(map(str, errs))}" for name, errs in form.errors.items())
    messages.error(request, f"The correction was not made ({text}).")
    return _back(group_id)


Action = Callable[..., str]


def correction(form_class: type[forms.Form]) -> Callable[[Action], Callable[..., HttpResponse]]:
    """Make a reviewers' POST view of a correction. The fact must exist and the form be valid;
    then the action runs with the request, the form's data and the URL's ids, and its message
    (or its CorrectionError's) shows on the page the view goes back to."""

    def decorate(act: Action) -> Callable[..., HttpResponse]:
        @reviewer_required
        @require_POST
        @wraps(act)
        def view(request: HttpRequest, group_id: int, **ids: int) -> HttpResponse:
            get_object_or_404(FactGroup, pk=group_id)
            form = form_class(request.POST)
            if not form.is_valid():
                return _invalid(request, group_id, form)
            try:
                messages.success(request, act(request, form.cleaned_data, group_id=group_id, **ids))
            except CorrectionError as exc:
                messages.error(request, str(exc))
            return _back(group_id)

        return view

    return decorate


def _require_member(group_id: int, claim_id: int) -> None:
    if not FactGroup.objects.filter(pk=group_id, claims__pk=claim_id).exists():
        raise CorrectionError(f"Claim {claim_id} is not part of fact {group_id}.")


@correction(SplitForm)
def split(request: HttpRequest, data: dict[str, Any], *, group_id: int) -> str:
    _require_member(group_id, data["claim"])
    claim_split(claim_id=data["claim"], actor=request.user, note=data["note"])
    return f"Claim {data['claim']} split out of fact {group_id}: the matcher will not join them again."


@correction(MoveForm)
def move(request: HttpRequest, data: dict[str, Any], *, group_id: int) -> str:
    _require_member(group_id, data["claim"])
    claim_move(claim_id=data["claim"], group_id=data["target"], actor=request.user, note=data["note"])
    return f"Claim {data['claim']} moved to fact {data['target']}."


@correction(JoinForm)
def join(request: HttpRequest, data: dict[str, Any], *, group_id: int) -> str:
    claim_join(claim_id=data["claim"], group_id=group_id, actor=request.user, note=data["note"])
    return f"Claim {data['claim']} joined to fact {group_id}: the matcher will keep them together."


@correction(RelationForm)
def relation(request: HttpRequest, data: dict[str, Any], *, group_id: int) -> str:
    chosen, note = data["relation"], data["note"]
    if chosen == RelationForm.MATCHER:
        group = group_relation_clear(group_id=group_id, actor=request.user, note=note)
        return f"The relation is the matcher's again: {group.relation}."
    group_relation_set(group_id=group_id, relation=chosen, actor=request.user, note=note)
    return f"Relation set to {chosen}; the matcher will not change it."


@correction(ConstraintForm)
def constraint(request: HttpRequest, data: dict[str, Any], *, group_id: int, constraint_id: int) -> str:
    if data["action"] == "confirm":
        constraint_confirm(constraint_id=constraint_id, actor=request.user, note=data["note"])
        return "Correction confirmed for the claims as they read now."
    constraint_dismiss(constraint_id=constraint_id, actor=request.user, note=data["note"])
    return "Correction dismissed."
