"""Admins settle the claims their reviewers disagree on."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET, require_POST

from claims.forms import AdjudicateForm
from claims.highlighting import highlight_in_sentence
from claims.http import redirect_after_post
from claims.models import Claim
from claims.roles import admin_required
from claims.selectors import adjudication_list
from claims.services.review import claim_adjudicate


@admin_required
@require_GET
def adjudicate_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(adjudication_list(), 25).get_page(request.GET.get("page"))
    rows = [(c, highlight_in_sentence(c.sentence, c.text, c.start - c.sentence_start)) for c in page]
    return render(request, "claims/adjudicate.html", {"page": page, "rows": rows, "form": AdjudicateForm()})


@admin_required
@require_POST
def adjudicate_claim(request: HttpRequest, claim_id: int) -> HttpResponse:
    claim = get_object_or_404(Claim, pk=claim_id)
    form = AdjudicateForm(request.POST)
    if not form.is_valid():
        messages.error(request, f"Choose a verdict for “{claim.text}”.")
    else:
        claim_adjudicate(
            claim=claim, admin=request.user, verdict=form.cleaned_data["verdict"], note=form.cleaned_data["note"]
        )
        messages.success(request, f"Decided “{claim.text}”: {form.cleaned_data['verdict'].replace('_', ' ')}.")
    return redirect_after_post("adjudicate")
