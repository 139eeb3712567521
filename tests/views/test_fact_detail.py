"""One fact whole: sources side by side, the timeline chart, verdicts, corrections and history."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client

from claims.fact_selectors import fact_detail, timeline_chart
from claims.models import Claim, MatchConstraint
from claims.services.corrections import claim_split, group_relation_set
from claims.services.review import claim_set_verdict
from tests.factories import make_article, make_claim, make_group

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _fact() -> tuple[Any, list[Claim]]:
    group = make_group(relation="conflict", reason="2,053 against 2,445")
    wire = make_article(
        text="Officials said 2,053 <b>people</b> died.", outlet="wire.example", published=dt.date(2024, 3, 1)
    )
    copy = make_article(
        text="Officials said 2,053 <b>people</b> died.", outlet="copy.example", published=None, copy_of=wire
    )
    later = make_article(
        text="The toll rose to about 2,445 people.", outlet="daily.example", published=dt.date(2024, 3, 9)
    )
    claims = [
        make_claim(article=wire, text="2,053 <b>people", value=2053, unit="people", group=group),
        make_claim(article=copy, text="2,053 <b>people", value=2053, unit="people", group=group),
        make_claim(article=later, text="about 2,445 people", value=2445, unit="people", hedge="approx", group=group),
    ]
    return group, claims


def test_every_source_is_shown_with_outlet_date_highlight_and_hedge_escaped(reviewer: Any) -> None:
    group, _ = _fact()
    html = _client(reviewer).get(f"/facts/{group.pk}/").content.decode()
    assert '<mark class="claim-mark">2,053 &lt;b&gt;people</mark>' in html
    assert "<b>people" not in html
    for outlet in ("wire.example", "copy.example", "daily.example"):
        assert f"<strong>{outlet}</strong>" in html
    assert '<time datetime="2024-03-09">' in html and "hedge: approx" in html
    assert "copy of the same wire story" in html


def test_the_timeline_places_values_by_reference_date_with_intervals_and_copies(reviewer: Any) -> None:
    _, claims = _fact()
    chart = timeline_chart(
        list(Claim.objects.filter(pk__in=[c.pk for c in claims]).select_related("article__outlet", "article__copy_of"))
    )
    assert chart is not None
    copy_point = next(p for p in chart.points if p.copy)
    assert copy_point.date == "2024-03-01"  # a copy without a date takes the date of the story it copies
    hedged = next(p for p in chart.points if p.interval)
    assert float(hedged.y_low) > float(hedged.y_high)  # SVG y grows downwards: the low end is lower on the page
    xs = [float(p.x) for p in chart.points]
    assert xs == sorted(xs) and xs[0] < xs[-1]
    assert all(re.fullmatch(r"-?\d+(\.\d)?", p.y) for p in chart.points)


def test_the_page_draws_the_chart_as_svg(reviewer: Any) -> None:
    group, _ = _fact()
    html = _client(reviewer).get(f"/facts/{group.pk}/").content.decode()
    assert '<figure class="timeline-chart">' in html
    assert html.count('class="interval"') == 1
    assert html.count('class="point copy') == 1


def test_verdicts_history_and_corrections_are_listed(reviewer: Any) -> None:
    group, claims = _fact()
    claim_set_verdict(claim_id=claims[0].pk, reviewer=reviewer, verdict="conflict", note="toll rose", claim_version=1)
    group_relation_set(group_id=group.pk, relation="time_shifted", actor=reviewer, note="reported later")
    claim_split(claim_id=claims[1].pk, actor=reviewer, note="a copy of another count")
    html = _client(reviewer).get(f"/facts/{group.pk}/").content.decode()
    assert "rita said <strong>conflict</strong>" in html
    assert "relation set: conflict → time_shifted — “reported later”" in html
    assert f"split out claim {claims[1].pk}" in html
    assert "set by rita" in html and "Never with" in html


def test_a_stale_correction_is_shown_for_a_reviewer_to_confirm(reviewer: Any) -> None:
    group, claims = _fact()
    claim_split(claim_id=claims[1].pk, actor=reviewer)
    Claim.objects.filter(pk=claims[0].pk).update(fingerprint="rewritten")
    data = fact_detail(group_id=group.pk)
    assert [row.stale for row in data.constraints if row.constraint.other_id == claims[0].pk] == [True]
    html = _client(reviewer).get(f"/facts/{group.pk}/").content.decode()
    assert "stale: a claim changed or was withdrawn since" in html
    stale = MatchConstraint.objects.get(other=claims[0])
    assert f'action="/facts/{group.pk}/corrections/{stale.pk}/"' in html


def test_claims_in_no_fact_of_the_same_kind_and_unit_are_offered_to_join(reviewer: Any) -> None:
    group, _ = _fact()
    loner = make_claim(
        article=make_article(text="At least 2,100 people died.", outlet="x.example"),
        text="2,100 people",
        value=2100,
        unit="people",
    )
    make_claim(article=make_article(text="It cost 5 dollars."), text="5 dollars", value=5, unit="dollars")
    html = _client(reviewer).get(f"/facts/{group.pk}/").content.decode()
    assert f"Join claim {loner.pk}" in html and "5 dollars" not in html


def test_the_queue_the_claims_list_and_the_article_page_link_to_the_fact(reviewer: Any) -> None:
    group, claims = _fact()
    client = _client(reviewer)
    link = f'href="/facts/{group.pk}/"'
    assert link in client.get("/queue/").content.decode()
    assert link in client.get("/claims/").content.decode()
    assert link in client.get(f"/articles/{claims[0].article_id}/").content.decode()


def test_a_missing_fact_is_404(reviewer: Any) -> None:
    assert _client(reviewer).get("/facts/987654/").status_code == 404


def test_the_page_costs_the_same_queries_for_a_large_fact_as_for_a_small_one(reviewer: Any) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = _client(reviewer)
    small, claims = _fact()
    claim_split(claim_id=claims[0].pk, actor=reviewer)
    client.get(f"/facts/{small.pk}/")
    with CaptureQueriesContext(connection) as few:
        client.get(f"/facts/{small.pk}/")
    large, claims = _fact()
    for i in range(10):
        claim = make_claim(article=make_article(outlet=f"more{i}.example"), value=2000 + i, unit="people", group=large)
        claim_set_verdict(claim_id=claim.pk, reviewer=reviewer, verdict="agree", note="", claim_version=1)
    claim_split(claim_id=claims[0].pk, actor=reviewer)
    group_relation_set(group_id=large.pk, relation="agree", actor=reviewer)
    with CaptureQueriesContext(connection) as many:
        client.get(f"/facts/{large.pk}/")
    assert len(many) == len(few)
