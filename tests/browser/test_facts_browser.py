"""The facts pages in headless Chromium: filter the list with htmx, split a claim out by mouse,
join a claim and override the relation by keyboard; and the timeline chart drawn at two sizes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from claims.models import Claim, FactGroup
from tests.browser.conftest import Watched
from tests.browser.conftest import login as _login
from tests.browser.png import read_png
from tests.factories import make_article, make_claim, make_group

pytestmark = pytest.mark.django_db(transaction=True)


def _fact() -> tuple[FactGroup, list[Claim], Claim]:
    group = make_group(relation="conflict", reason="2,053 against 2,445")
    FactGroup.objects.filter(pk=group.pk).update(label="Deaths in the earthquake")
    claims = []
    for i, (value, hedge) in enumerate(((2053, "exact"), (2100, "approx"), (2445, "at_least"))):
        article = make_article(
            text=f"Officials said {value} people died.",
            outlet=f"paper{i}.example",
            published=dt.date(2024, 3, 1 + 4 * i),
            title=f"Quake report {i}",
        )
        claims.append(
            make_claim(article=article, text=f"{value} people", value=value, unit="people", hedge=hedge, group=group)
        )
    loner = make_claim(
        article=make_article(text="At least 2,300 people died.", outlet="late.example"),
        text="2,300 people",
        value=2300,
        unit="people",
    )
    make_group(relation="agree")  # another fact, so the filter has something to hide
    group.refresh_from_db()
    return group, claims, loner


def test_a_reviewer_filters_facts_splits_joins_and_overrides_the_relation(
    browser: Any, live_server: Any, reviewer: Any
) -> None:
    group, claims, loner = _fact()
    watched = Watched(browser.new_context())
    page = watched.page
    base = live_server.url
    _login(watched, base, "rita")

    page.goto(f"{base}/facts/")
    page.evaluate("window.__sameDocument = true")
    page.select_option("#id_relation", "conflict")  # htmx swaps the results and pushes the URL
    page.wait_for_url(f"{base}/facts/?**relation=conflict**")
    assert page.evaluate("window.__sameDocument") is True
    assert page.locator("#fact-results tbody tr").count() == 1
    page.click(f"a[href='/facts/{group.pk}/']")  # mouse
    page.wait_for_url(f"{base}/facts/{group.pk}/")
    assert page.locator(".timeline-chart svg").count() == 1
    assert page.locator(".source-card").count() == 3

    # split by mouse
    card = page.locator(f"#claim-{claims[0].pk}")
    card.locator("summary").click()
    card.locator("textarea[name=note]").first.fill("an earlier, different count")
    card.locator("button.split-button").click()
    page.wait_for_selector(".messages")
    assert "split out" in (page.text_content(".messages") or "")
    assert page.locator(".source-card").count() == 2
    assert Claim.objects.get(pk=claims[0].pk).group_id is None

    # join by keyboard
    page.focus("#join-claim")
    page.keyboard.type(str(loner.pk))
    page.keyboard.press("Tab")
    page.keyboard.type("same toll, later report")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_selector(f"#claim-{loner.pk}")
    assert Claim.objects.get(pk=loner.pk).group_id == group.pk

    # relation override by keyboard: type-ahead in the select, then Tab to the note and the button
    page.focus("#relation-choice")
    page.keyboard.type("time")
    page.keyboard.press("Tab")
    page.keyboard.type("the toll rose between reports")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=set by rita")
    assert page.text_content("#fact-relation") == "time shifted"
    group.refresh_from_db()
    assert (group.relation, group.relation_override) == ("time_shifted", "time_shifted")
    assert "relation set" in (page.text_content(".history") or "")
    assert watched.problems == []


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (420, 860)])
def test_the_timeline_chart_is_drawn_at_two_sizes(
    browser: Any, live_server: Any, reviewer: Any, width: int, height: int
) -> None:
    group, _, _ = _fact()
    watched = Watched(browser.new_context(viewport={"width": width, "height": height}))
    page = watched.page
    _login(watched, live_server.url, "rita")
    page.goto(f"{live_server.url}/facts/{group.pk}/")
    chart = page.locator(".timeline-chart svg")
    box = chart.bounding_box()
    assert box is not None
    assert box["width"] <= width and box["width"] >= width * 0.5  # fills its card, never overflows
    assert abs(box["height"] / box["width"] - 300 / 720) < 0.02  # keeps its aspect ratio
    image = read_png(chart.screenshot())
    assert abs(image.width - box["width"]) <= 2 and abs(image.height - box["height"]) <= 2  # element-sized
    assert image.share_unlike((255, 255, 255)) > 0.01  # not blank
    accent = (0x1F, 0x5F, 0xBF)
    colours = image.colours()
    assert any(all(abs(c - a) <= 24 for c, a in zip(colour, accent, strict=True)) for colour in colours), (
        "no dot or interval in the accent colour"
    )
    assert page.locator(".timeline-chart .interval").count() == 2  # the two hedged figures
    assert watched.problems == []
