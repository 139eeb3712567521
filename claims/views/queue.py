"""The reviewer queue: one leased claim at a time, its evidence side by side, and the actions.

Every action is a plain form POST that redirects back to the queue (303); with htmx the
same POST answers with the next claim's panel, swapped in place without a page load.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from claims.forms import QueueFilterForm, VerdictForm
from claims.http import HtmxHttpRequest, redirect_after_post
from claims.models import Claim, Verdict
from claims.roles import reviewer_required
from claims.selectors import QueueFilters, queue_item, reviewed_by
from claims.services.review import (
    LEASE_LOST,
    StaleClaimError,
    claim_lease_next,
    claim_lease_renew,
    claim_set_verdict,
    claim_set_verdict_and_lease_next,
    claim_skip,
    verdict_undo,
)

FILTER_KEYS = ("article", "outlet", "kind", "relation")
VERDICT_LABELS = dict(Verdict.Choice.choices)


def _filter_form(request: HtmxHttpRequest, *, with_outlets: bool) -> QueueFilterForm:
    return QueueFilterForm(request.GET or None, with_outlets=with_outlets)


def _is_filtered(request: HtmxHttpRequest) -> bool:
    return any(request.GET.get(key) for key in FILTER_KEYS)


def _filter_query(request: HtmxHttpRequest) -> str:
    """The queue's filters as a query string, so actions keep the reviewer in the same slice."""
    kept = request.GET.copy()
    for key in list(kept.keys()):
        if key not in FILTER_KEYS or not kept.get(key):
            del kept[key]
    return kept.urlencode()


def _filter_suffix(request: HtmxHttpRequest) -> str:
    """The filters as the end of an action's URL: "?kind=count", or nothing."""
    query = _filter_query(request)
    return f"?{query}" if query else ""


def _queue_url(request: HtmxHttpRequest) -> str:
    return reverse("queue") + _filter_suffix(request)


NOT_LEASED = object()  # _render_next leases the next claim itself


def _render_next(
    request: HtmxHttpRequest,
    filters: QueueFilters,
    *,
    announce: str = "",
    notice: str = "",
    status: int = 200,
    leased: Any = NOT_LEASED,
    undo: dict[str, int] | None = None,
) -> HttpResponse:
    """The queue page or panel for the reviewer's next claim (`leased`: already leased to them).
    `undo` names the action the panel's undo button takes back (undo_verdict or undo_skip)."""
    claim = claim_lease_next(reviewer=request.user, filters=filters) if leased is NOT_LEASED else leased
    item = queue_item(claim=claim, reviewer=request.user) if claim else None
    context: dict[str, Any] = {
        "undo": undo or {},
        "item": item,
        "announce": announce,
        "notice": notice,
        "filter_suffix": _filter_suffix(request),
        "filtered": _is_filtered(request),
        "reviewed_count": item.reviewed_count if item else reviewed_by(request.user),
        "lease_until": claim.lease_expires if claim else None,
    }
    if request.htmx:
        context["oob"] = True
        return render(request, "claims/queue_panel.html", context, status=status)
    context["filter_form"] = _filter_form(request, with_outlets=True)
    return render(request, "claims/queue.html", context, status=status)


def _filters(request: HtmxHttpRequest) -> QueueFilters:
    if not _is_filtered(request):
        return QueueFilters()  # the whole queue, as nearly every request asks: no form to build
    return _filter_form(request, with_outlets=False).filters()


def _after_action(
    request: HtmxHttpRequest,
    *,
    announce: str = "",
    notice: str = "",
    leased: Any = NOT_LEASED,
    undo: dict[str, int] | None = None,
) -> HttpResponse:
    """htmx: the next claim's panel. Without JavaScript: a message, then back to the queue (303)."""
    if request.htmx:
        return _render_next(request, _filters(request), announce=announce, notice=notice, leased=leased, undo=undo)
    if notice:
        messages.warning(request, notice)
    elif announce:
        messages.success(request, announce)
    return redirect_after_post(_queue_url(request))


@reviewer_required
@require_GET
@vary_on_headers("HX-Request")
def queue(request: HtmxHttpRequest) -> HttpResponse:
    return _render_next(request, _filters(request))


@reviewer_required
@require_POST
@vary_on_headers("HX-Request")
def verdict(request: HtmxHttpRequest, claim_id: int) -> HttpResponse:
    form = VerdictForm(request.POST)
    if not form.is_valid():
        get_object_or_404(Claim.objects.only("pk"), pk=claim_id)
        if request.htmx:
            return _after_action(request, notice="Choose Agree, Conflict, Unclear or Not a claim, and try again.")
        return HttpResponse(
            "Choose Agree, Conflict, Unclear or Not a claim.", status=400, content_type="text/plain; charset=utf-8"
        )
    data = form.cleaned_data
    given: dict[str, Any] = {
        "claim_id": claim_id,
        "reviewer": request.user,
        "verdict": data["verdict"],
        "note": data["note"],
        "claim_version": data["claim_version"],
    }
    leased: Any = NOT_LEASED
    try:
        if request.htmx:  # the verdict and the next claim's lease in one transaction
            result = claim_set_verdict_and_lease_next(**given, filters=_filters(request))
            row, leased = result.verdict, result.next_claim
        else:
            row = claim_set_verdict(**given)
    except Claim.DoesNotExist:
        raise Http404("No such claim.") from None
    except StaleClaimError as exc:
        return _after_action(request, notice=str(exc))
    label = VERDICT_LABELS.get(data["verdict"], data["verdict"])
    return _after_action(
        request,
        announce=f"Saved “{label}” for {row.claim.text}. Press z to undo.",
        leased=leased,
        undo={"undo_verdict": row.pk},
    )


@reviewer_required
@require_POST
@vary_on_headers("HX-Request")
def skip(request: HtmxHttpRequest, claim_id: int) -> HttpResponse:
    try:
        row = claim_skip(claim_id=claim_id, reviewer=request.user)
    except Claim.DoesNotExist:
        raise Http404("No such claim.") from None
    except StaleClaimError as exc:
        return _after_action(request, notice=str(exc))
    return _after_action(
        request,
        announce=f"Skipped {row.claim.text}. It comes back when nothing else is left.",
        undo={"undo_skip": row.pk},
    )


def _undo_target(request: HtmxHttpRequest, name: str) -> int | None:
    """The verdict or skip id the undo button was offered for; None when absent or garbled."""
    value = request.POST.get(name, "")
    return int(value) if value.isdigit() and len(value) < 19 else None


@reviewer_required
@require_POST
@vary_on_headers("HX-Request")
def undo(request: HtmxHttpRequest) -> HttpResponse:
    result = verdict_undo(
        reviewer=request.user,
        verdict_id=_undo_target(request, "undo_verdict"),
        skip_id=_undo_target(request, "undo_skip"),
    )
    if result is None:
        return _after_action(request, notice="Nothing to undo.")
    what = "verdict" if result.action == "verdict" else "skip"
    return _after_action(request, announce=f"Undid your {what} on {result.claim.text}.")


@reviewer_required
@require_POST
def renew(request: HtmxHttpRequest, claim_id: int) -> HttpResponse:
    """Polled by the open queue page: keeps this reviewer's hold on the claim alive."""
    claim = get_object_or_404(Claim, pk=claim_id)
    if claim_lease_renew(claim=claim, reviewer=request.user):
        claim.refresh_from_db(fields=["lease_expires"])
        until = timezone.localtime(claim.lease_expires).strftime("%H:%M") if claim.lease_expires else ""
        return HttpResponse(f"Held for you until {until}.", content_type="text/plain; charset=utf-8")
    return HttpResponse(f"{LEASE_LOST} Reload for your next claim.", content_type="text/plain; charset=utf-8")
