"""Reviewers' corrections of the matcher on a fact page: split, move, join, the relation,
and confirming or dismissing a correction gone stale. Plain form POSTs that answer 303 back
to the fact (or to the fact list when the fact was dissolved), with a message."""

from __future__ import annotations

from collections.abc import Callable

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


def _run(request: HttpRequest, group_id: int, action: Callable[[], str]) -> HttpResponse:
    try:
        messages.success(request, action())
    except CorrectionError as exc:
        messages.error(request, str(exc))
    return _back(group_id)


def _invalid(request: HttpRequest, group_id: int, form: object) -> HttpResponse:
    errors = getattr(form, "errors", {})
    text = "; ".join(f"{name}: {' '.join(errs)}" for name, errs in errors.items())
    messages.error(request, f"The correction was not made ({text}).")
    return _back(group_id)


@reviewer_required
@require_POST
def split(request: HttpRequest, group_id: int) -> HttpResponse:
    get_object_or_404(FactGroup, pk=group_id)
    form = SplitForm(request.POST)
    if not form.is_valid():
        return _invalid(request, group_id, form)
    claim_id = form.cleaned_data["claim"]

    def act() -> str:
        if not FactGroup.objects.filter(pk=group_id, claims__pk=claim_id).exists():
            raise CorrectionError(f"Claim {claim_id} is not part of fact {group_id}.")
        claim_split(claim_id=claim_id, actor=request.user, note=form.cleaned_data["note"])
        return f"Claim {claim_id} split out of fact {group_id}: the matcher will not join them again."

    return _run(request, group_id, act)


@reviewer_required
@require_POST
def move(request: HttpRequest, group_id: int) -> HttpResponse:
    get_object_or_404(FactGroup, pk=group_id)
    form = MoveForm(request.POST)
    if not form.is_valid():
        return _invalid(request, group_id, form)
    claim_id, target = form.cleaned_data["claim"], form.cleaned_data["target"]

    def act() -> str:
        if not FactGroup.objects.filter(pk=group_id, claims__pk=claim_id).exists():
            raise CorrectionError(f"Claim {claim_id} is not part of fact {group_id}.")
        claim_move(claim_id=claim_id, group_id=target, actor=request.user, note=form.cleaned_data["note"])
        return f"Claim {claim_id} moved to fact {target}."

    return _run(request, group_id, act)


@reviewer_required
@require_POST
def join(request: HttpRequest, group_id: int) -> HttpResponse:
    get_object_or_404(FactGroup, pk=group_id)
    form = JoinForm(request.POST)
    if not form.is_valid():
        return _invalid(request, group_id, form)
    claim_id = form.cleaned_data["claim"]

    def act() -> str:
        claim_join(claim_id=claim_id, group_id=group_id, actor=request.user, note=form.cleaned_data["note"])
        return f"Claim {claim_id} joined to fact {group_id}: the matcher will keep them together."

    return _run(request, group_id, act)


@reviewer_required
@require_POST
def relation(request: HttpRequest, group_id: int) -> HttpResponse:
    get_object_or_404(FactGroup, pk=group_id)
    form = RelationForm(request.POST)
    if not form.is_valid():
        return _invalid(request, group_id, form)
    chosen, note = form.cleaned_data["relation"], form.cleaned_data["note"]

    def act() -> str:
        if chosen == RelationForm.MATCHER:
            group = group_relation_clear(group_id=group_id, actor=request.user, note=note)
            return f"The relation is the matcher's again: {group.relation}."
        group_relation_set(group_id=group_id, relation=chosen, actor=request.user, note=note)
        return f"Relation set to {chosen}; the matcher will not change it."

    return _run(request, group_id, act)


@reviewer_required
@require_POST
def constraint(request: HttpRequest, group_id: int, constraint_id: int) -> HttpResponse:
    get_object_or_404(FactGroup, pk=group_id)
    form = ConstraintForm(request.POST)
    if not form.is_valid():
        return _invalid(request, group_id, form)

    def act() -> str:
        if form.cleaned_data["action"] == "confirm":
            constraint_confirm(constraint_id=constraint_id, actor=request.user, note=form.cleaned_data["note"])
            return "Correction confirmed for the claims as they read now."
        constraint_dismiss(constraint_id=constraint_id, actor=request.user, note=form.cleaned_data["note"])
        return "Correction dismissed."

    return _run(request, group_id, act)
