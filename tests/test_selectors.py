"""Reads for the review pages (claims/selectors.py)."""

from __future__ import annotations

from typing import Any

import pytest

from claims.models import Claim, FactGroup, Verdict
from claims.selectors import (
    Bar,
    ClaimSearch,
    adjudication_list,
    article_bars,
    article_page,
    claim_list,
    copy_note,
    progress,
    queue_item,
    reviewed_by,
    value_chart,
)
from tests.factories import make_article, make_claim, make_group

pytestmark = pytest.mark.django_db


def test_copy_notes_name_the_same_article_and_copies_of_one_wire_story() -> None:
    wire = make_article(text="Wire: 12 boats sank.")
    copy = make_article(text="Copy: 12 boats sank.", copy_of=wire)
    other_copy = make_article(text="Other: 12 boats sank.", copy_of=wire)
    unrelated = make_article(text="Unrelated: 3 cars.")

    assert copy_note(wire, wire) == "same article"
    assert copy_note(wire, copy) == "copy of the same wire story"
    assert copy_note(copy, other_copy) == "copy of the same wire story"
    assert copy_note(copy, unrelated) == ""


def test_a_value_chart_needs_two_valued_claims_and_places_them_low_to_high() -> None:
    low = make_claim(
        article=make_article(text="It cost 10 million.", outlet="low.example"), text="10 million", value=10, unit="USD"
    )
    high = make_claim(
        article=make_article(text="It cost 30 million.", outlet="high.example"), text="30 million", value=30, unit="USD"
    )
    blank = make_claim(text="12 times", value=None)

    assert value_chart([low, blank], low.pk) is None
    chart = value_chart([high, low, blank], high.pk)
    assert chart is not None
    assert [(p.label, p.value, p.current) for p in chart.points] == [
        ("low.example", "10", False),
        ("high.example", "30", True),
    ]
    assert (chart.low, chart.high, chart.unit) == ("10", "30", "USD")
    assert [p.x for p in chart.points] == [chart.left, chart.right]
    assert chart.description == "low.example: 10; high.example: 30"


def test_a_bar_gives_a_rounded_percentage_and_zero_when_empty() -> None:
    assert Bar("x", 1, 3).percent == 33
    assert Bar("x", 0, 0).percent == 0


def test_reviewed_by_and_progress_count_live_verdicts_and_review_states(reviewer: Any, reviewer2: Any) -> None:
    done = make_claim(review=Claim.Review.DONE)
    make_claim(review=Claim.Review.ADJUDICATE)
    make_claim()
    make_claim(status=Claim.Status.WITHDRAWN, review=Claim.Review.DONE)
    Verdict.objects.create(claim=done, reviewer=reviewer, verdict="agree")
    Verdict.objects.create(claim=done, reviewer=reviewer2, verdict="agree", adjudication=True)

    assert reviewed_by(reviewer) == 1
    assert reviewed_by(reviewer2) == 0
    shown = progress(reviewer=reviewer)
    assert (shown.mine.done, shown.mine.total) == (1, 3)
    assert (shown.overall.done, shown.adjudicate, shown.open) == (1, 1, 1)


def test_article_bars_count_live_claims_by_review_state() -> None:
    article = make_article(text="A: 12 times and 4 votes and 9 seats.")
    make_claim(article=article, text="12 times", review=Claim.Review.DONE)
    make_claim(article=article, text="4 votes", review=Claim.Review.ADJUDICATE)
    make_claim(article=article, text="9 seats", status=Claim.Status.WITHDRAWN)

    [row] = article_bars()
    assert (row.claim_total, row.claim_done, row.claim_adjudicate) == (2, 1, 1)  # type: ignore[attr-defined]


def test_the_claim_list_searches_text_and_filters_status_and_review() -> None:
    match = make_claim(article=make_article(text="Rain fell on 40 farms."), text="40 farms")
    make_claim(article=make_article(text="Snow closed 3 roads."), text="3 roads", review=Claim.Review.DONE)

    assert list(claim_list(search=ClaimSearch(q="FARMS"))) == [match]
    assert list(claim_list(search=ClaimSearch(review=Claim.Review.OPEN))) == [match]
    assert list(claim_list(search=ClaimSearch(status=Claim.Status.WITHDRAWN))) == []


def test_the_article_page_marks_each_claim_in_its_line_with_its_review_state() -> None:
    article = make_article(text="Title line\nThe council met 12 times <b>in</b> 2023.")
    claim = make_claim(article=article, text="12 times")

    page = article_page(article_id=article.pk)

    assert page.claims == [claim]
    assert page.paragraphs[0] == "Title line"
    assert page.paragraphs[1] == (
        f'The council met <mark class="claim-mark review-open status-current" id="claim-{claim.pk}">12 times'
        '<span class="visually-hidden"> (current, review open)</span></mark> &lt;b&gt;in&lt;/b&gt; 2023.'
    )


def test_the_adjudication_list_holds_disputed_live_claims_with_live_verdicts_only(reviewer: Any) -> None:
    disputed = make_claim(review=Claim.Review.ADJUDICATE)
    make_claim(review=Claim.Review.ADJUDICATE, status=Claim.Status.WITHDRAWN)
    make_claim()
    live = Verdict.objects.create(claim=disputed, reviewer=reviewer, verdict="agree")
    Verdict.objects.create(claim=disputed, reviewer=reviewer, verdict="conflict", retracted_at=live.created_at)

    [row] = adjudication_list()
    assert row == disputed
    assert row.live_verdicts == [live]  # type: ignore[attr-defined]


def test_a_queue_item_shows_the_other_sources_and_the_history(reviewer: Any) -> None:
    group = make_group(relation=FactGroup.Relation.CONFLICT)
    claim = make_claim(
        article=make_article(text="Flood hit 40 homes."), text="40 homes", value=40, unit="homes", group=group
    )
    other = make_claim(
        article=make_article(text="Flood hit 45 homes.", outlet="b.example"),
        text="45 homes",
        value=45,
        unit="homes",
        group=group,
    )
    verdict = Verdict.objects.create(claim=claim, reviewer=reviewer, verdict="conflict")
    claim.other_sources = [other]  # type: ignore[attr-defined]

    item = queue_item(claim=claim, reviewer=reviewer)

    assert [evidence.claim for evidence in item.others] == [other]
    assert item.history == [verdict]
    assert (item.article_done, item.article_total, item.reviewed_count) == (0, 1, 1)
    assert item.chart is not None and [p.value for p in item.chart.points] == ["40", "45"]
    assert '<mark class="claim-mark">40 homes</mark>' in item.sentence_html
