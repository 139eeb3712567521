"""The fact list: subject line, counts, value range, relation, review; filters; conflicts first;
keyset pages; htmx fragments; a fixed number of queries whatever the page holds."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from claims.fact_selectors import FactFilters, fact_page, format_range
from claims.models import Claim, FactGroup, Outlet
from tests.factories import make_article, make_claim, make_group

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _fact(
    *,
    relation: str = "agree",
    values: tuple[float, ...] = (12, 12),
    label: str = "",
    outlet: str = "",
    unit: str = "deaths",
) -> FactGroup:
    group = make_group(relation=relation)
    if label:
        FactGroup.objects.filter(pk=group.pk).update(label=label)
    for i, value in enumerate(values):
        article = make_article(
            text=f"Officials counted {value:g} deaths.",
            outlet=outlet or f"o{i}.example",
            published=dt.date(2024, 5, 1 + i),
        )
        make_claim(article=article, text=f"{value:g} deaths", value=value, unit=unit, group=group)
    group.refresh_from_db()
    return group


def test_a_range_reads_as_a_reviewer_would_say_it() -> None:
    assert format_range(2053, 2445, "deaths") == "2,053\u20132,445 deaths"
    assert format_range(12, 12, "meetings") == "12 meetings"
    assert format_range(None, None, "x") == ""
    assert format_range(2.5, 3, "%") == "2.5\u20133 %"


def test_the_list_shows_subject_counts_range_relation_and_review(reviewer: Any) -> None:
    group = _fact(relation="conflict", values=(2053, 2445), label="Deaths in the <earthquake>")
    html = _client(reviewer).get("/facts/").content.decode()
    assert f'<a href="/facts/{group.pk}/">Deaths in the &lt;earthquake&gt;</a>' in html
    assert "2,053\u20132,445 deaths" in html
    assert 'class="badge rel-conflict">conflict</span>' in html
    assert 'class="badge review-open">open</span>' in html


def test_a_fact_without_a_subject_line_shows_a_members_sentence(reviewer: Any) -> None:
    group = _fact(values=(7, 7))
    html = _client(reviewer).get("/facts/").content.decode()
    assert f'<a href="/facts/{group.pk}/">Officials counted 7 deaths.</a>' in html


def test_conflicts_come_first_then_the_newest(reviewer: Any) -> None:
    older_agree, conflict, newer_agree = _fact(), _fact(relation="conflict", values=(1, 2)), _fact()
    rows = fact_page(filters=FactFilters()).rows
    assert [r.group.pk for r in rows] == [conflict.pk, newer_agree.pk, older_agree.pk]
    rows = fact_page(filters=FactFilters(order="newest")).rows
    assert [r.group.pk for r in rows] == [newer_agree.pk, conflict.pk, older_agree.pk]


def test_keyset_pages_cover_every_fact_once_in_order(reviewer: Any) -> None:
    made = [_fact(relation="conflict" if i % 3 == 0 else "agree", values=(i + 1, i + 1)) for i in range(7)]
    seen: list[int] = []
    after = ""
    while True:
        page = fact_page(filters=FactFilters(), after=after, size=2)
        seen += [r.group.pk for r in page.rows]
        if not page.next_cursor:
            break
        after = page.next_cursor
    conflicts = sorted((g.pk for g in made if g.relation == "conflict"), reverse=True)
    others = sorted((g.pk for g in made if g.relation != "conflict"), reverse=True)
    assert seen == conflicts + others


def test_next_page_links_are_real_hrefs_with_the_filters(reviewer: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    for i in range(3):
        _fact(values=(i + 1, i + 1))
    monkeypatch.setattr("claims.views.facts.fact_page", lambda **kw: fact_page(**kw, size=2))
    html = _client(reviewer).get("/facts/?relation=agree").content.decode()
    assert 'href="/facts/?relation=agree&amp;after=o' in html
    assert 'hx-get="/facts/?relation=agree&amp;after=o' in html


def test_filters_by_relation_outlet_status_and_text(reviewer: Any) -> None:
    conflict = _fact(relation="conflict", values=(1, 2), label="Flood deaths")
    agree = _fact(values=(5, 5), label="Bridge length", outlet="wire.example")
    Claim.objects.filter(group=agree).update(review=Claim.Review.DONE)
    outlet = Outlet.objects.get(domain="wire.example")

    def ids(**filters: Any) -> list[int]:
        return [r.group.pk for r in fact_page(filters=FactFilters(**filters)).rows]

    assert ids(relation="conflict") == [conflict.pk]
    assert ids(outlet=outlet.pk) == [agree.pk]
    assert ids(status="done") == [agree.pk]
    assert ids(status="open") == [conflict.pk]
    assert ids(q="flood") == [conflict.pk]
    assert ids(q="5 deaths") == [agree.pk]  # a member's claim text
    FactGroup.objects.filter(pk=agree.pk).update(relation_override="agree")
    assert ids(status="corrected") == [agree.pk]


def test_htmx_gets_only_the_results_and_every_answer_varies_on_hx_request(reviewer: Any) -> None:
    _fact()
    client = _client(reviewer)
    page = client.get("/facts/")
    fragment = client.get("/facts/?relation=agree", HTTP_HX_REQUEST="true")
    assert "<html" in page.content.decode() and "<html" not in fragment.content.decode()
    assert fragment.content.decode().lstrip().startswith('<section class="card" id="fact-results"')
    assert "HX-Request" in page["Vary"] and "HX-Request" in fragment["Vary"]


def test_the_filter_form_shows_what_was_chosen_escaped(reviewer: Any) -> None:
    html = _client(reviewer).get("/facts/?relation=conflict&status=open&q=%3Cb%3E").content.decode()
    assert '<option value="conflict" selected>Conflict</option>' in html
    assert '<option value="open" selected>' in html
    assert 'value="&lt;b&gt;"' in html and "<b>" not in html


def test_a_bad_filter_value_is_ignored_not_an_error(reviewer: Any) -> None:
    _fact()
    response = _client(reviewer).get("/facts/?relation=bogus&outlet=x&after=zzz")
    assert response.status_code == 200 and "No facts match" not in response.content.decode()


def test_the_page_costs_the_same_queries_for_many_facts_as_for_one(reviewer: Any) -> None:
    client = _client(reviewer)
    _fact(label="one")
    client.get("/facts/")
    with CaptureQueriesContext(connection) as one:
        client.get("/facts/")
    for i in range(12):
        _fact(values=(i, i + 1, i + 2), label=f"fact {i}")
    with CaptureQueriesContext(connection) as many:
        client.get("/facts/")
    assert len(many) == len(one)
