"""The facts pages: every fact group with its sources, and one fact whole."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from claims.fact_forms import FactFilterForm, JoinForm, MoveForm, RelationForm, SplitForm
from claims.fact_selectors import fact_detail, fact_page
from claims.models import FactGroup
from claims.roles import reviewer_required


def _query_without_cursor(request: HttpRequest) -> str:
    kept = request.GET.copy()
    kept.pop("after", None)
    return kept.urlencode()


@reviewer_required
@require_GET
def fact_list(request: HttpRequest) -> HttpResponse:
    form = FactFilterForm(request.GET or None)
    page = fact_page(filters=form.filters(), after=request.GET.get("after", ""))
    query = _query_without_cursor(request)
    context = {"form": form, "page": page, "query": query, "query_prefix": f"{query}&" if query else ""}
    template = "claims/facts/_fact_results.html" if getattr(request, "htmx", False) else "claims/facts/fact_list.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@reviewer_required
@require_GET
def fact_page_view(request: HttpRequest, group_id: int) -> HttpResponse:
    try:
        data = fact_detail(group_id=group_id)
    except FactGroup.DoesNotExist as exc:
        raise Http404("No such fact") from exc
    return render(request, "claims/facts/fact_detail.html", {
        "data": data, "group": data.group, "split_form": SplitForm(), "move_form": MoveForm(),
        "join_form": JoinForm(), "relation_form": RelationForm(initial={"relation": data.group.relation}),
    })
