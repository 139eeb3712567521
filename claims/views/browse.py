"""Read-only review pages: progress bars, the claim list with search and filters, the article list
and the article page with every claim marked in its text."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from claims.forms import ClaimSearchForm
from claims.highlighting import highlight_in_sentence
from claims.http import or_404, query_without
from claims.roles import reviewer_required
from claims.selectors import Bar, article_bars, article_page, claim_list, fact_subject, progress

PAGE_SIZE = 50


def _pagination(request: HttpRequest, items: QuerySet[Any], per_page: int = PAGE_SIZE) -> dict[str, Any]:
    """The page the request asks for, and the query string without `page` that its links keep
    (claims/_pagination.html)."""
    return {
        "page": Paginator(items, per_page).get_page(request.GET.get("page")),
        "page_query": query_without(request, "page"),
    }


@reviewer_required
@require_GET
def progress_page(request: HttpRequest) -> HttpResponse:
    summary = progress(reviewer=request.user)
    paging = _pagination(request, article_bars(), 25)
    bars = [
        Bar(
            str(a),
            getattr(a, "claim_done", 0),
            getattr(a, "claim_total", 0),
            link=a.get_absolute_url(),
            key=f"bar-article-{a.pk}",
        )
        for a in paging["page"]
    ]
    return render(request, "claims/progress.html", {"summary": summary, "article_bars": bars, **paging})


@reviewer_required
@require_GET
def claims_list(request: HttpRequest) -> HttpResponse:
    form = ClaimSearchForm(request.GET or None)
    paging = _pagination(request, claim_list(search=form.search()))
    rows = [
        (c, highlight_in_sentence(c.sentence, c.text, c.start - c.sentence_start), fact_subject(c))
        for c in paging["page"]
    ]
    return render(request, "claims/claim_list.html", {"form": form, "rows": rows, **paging})


@reviewer_required
@require_GET
def articles_list(request: HttpRequest) -> HttpResponse:
    return render(request, "claims/article_list.html", _pagination(request, article_bars()))


@reviewer_required
@require_GET
def article_detail(request: HttpRequest, article_id: int) -> HttpResponse:
    data = or_404(article_page, article_id=article_id)
    return render(request, "claims/article_detail.html", {"data": data, "article": data.article})
