"""The facts pages: every fact group with its sources, and one fact whole."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from claims.fact_selectors import FactRow, fact_detail, fact_page
from claims.forms import FactFilterForm, JoinForm, MoveForm, RelationForm, SplitForm, filter_selects
from claims.http import HtmxHttpRequest, or_404, query_without
from claims.roles import reviewer_required

ROW_HTML = (
    '<tr id="fact-{}"><td><a href="{}">{}</a></td><td>{}</td><td>{}</td><td class="value-range">{}</td>'
    '<td><span class="badge rel-{}">{}</span>{}{}</td><td><span class="badge review-{}">{}</span></td></tr>'
)
SET_BY_PERSON = SafeString(' <span class="muted small">set by a reviewer</span>')


def rows_html(rows: list[FactRow]) -> SafeString:
    """The fact list's rows, escaped, in one format_html_join: the template engine would spend more
    on 50 rows than the page's queries take."""
    return format_html_join(
        "",
        ROW_HTML,
        (
            (
                r.group.pk,
                r.group.get_absolute_url(),
                r.subject,
                r.articles,
                r.group.origins,
                r.value_range,
                r.group.relation,
                r.group.relation.replace("_", " "),
                SET_BY_PERSON if r.group.relation_override else "",
                format_html('<br><span class="muted small reason">{}</span>', r.reason) if r.reason else "",
                r.review,
                r.review,
            )
            for r in rows
        ),
    )


@reviewer_required
@require_GET
@vary_on_headers("HX-Request")
def fact_list(request: HtmxHttpRequest) -> HttpResponse:
    form = FactFilterForm(request.GET or None)
    page = fact_page(filters=form.filters(), after=request.GET.get("after", ""))
    query = query_without(request, "after")
    context = {
        "page": page,
        "rows_html": rows_html(page.rows),
        "query": query,
        "query_prefix": f"{query}&" if query else "",
    }
    if request.htmx:
        template = "claims/facts/_fact_results.html"
    else:
        template = "claims/facts/fact_list.html"
        context.update(q=request.GET.get("q", "")[:200], selects=filter_selects(form))
    return render(request, template, context)


@reviewer_required
@require_GET
def fact_page_view(request: HttpRequest, group_id: int) -> HttpResponse:
    data = or_404(fact_detail, group_id=group_id)
    return render(
        request,
        "claims/facts/fact_detail.html",
        {
            "data": data,
            "group": data.group,
            "split_form": SplitForm(),
            "move_form": MoveForm(),
            "join_form": JoinForm(),
            "relation_form": RelationForm(initial={"relation": data.group.relation}),
        },
    )
