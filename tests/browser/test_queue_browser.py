"""The review queue in real headless Chromium: log in, work claims by keyboard, undo, watch
progress change, and two reviewers side by side never see the same claim."""

from __future__ import annotations

from typing import Any

import pytest

from claims.models import Claim, Verdict
from tests.browser.conftest import Watched
from tests.browser.conftest import login as _login
from tests.factories import make_article, make_claim, make_group

pytestmark = pytest.mark.django_db(transaction=True)


def _shown_claim(page: Any) -> str | None:
    claim_id: str | None = page.get_attribute("#queue-panel", "data-claim-id")
    return claim_id


def _press_and_wait(page: Any, key: str) -> str | None:
    before = _shown_claim(page)
    page.keyboard.press(key)
    page.wait_for_function(
        """before => {
            const panel = document.querySelector('#queue-panel');
            return panel && panel.dataset.claimId !== before && panel.dataset.ready === 'true';
        }""",
        arg=before,
        timeout=10_000,
    )
    return _shown_claim(page)


def _claims(count: int) -> list[Claim]:
    group = make_group(relation="conflict", reason="the sources disagree on the number of bridges")
    claims = []
    for n in range(count):
        article = make_article(
            text=f"Opening line.\nThe city repaired {20 + n} bridges last year.\nClosing.",
            outlet=f"daily{n}.example",
            title=f"Bridges report {n}",
        )
        claims.append(
            make_claim(
                article=article,
                text=f"{20 + n} bridges",
                value=20 + n,
                unit="bridges",
                score=0.9 - n / 100,
                group=group if n < 3 else None,
                sentence=f"The city repaired {20 + n} bridges last year.",
                sentence_start=14,
            )
        )
    return claims


def test_a_reviewer_works_three_claims_by_keyboard_and_undoes_one(
    browser: Any, live_server: Any, reviewer: Any
) -> None:
    _claims(5)
    context = browser.new_context()
    watched = Watched(context)
    page = watched.page
    base = live_server.url
    _login(watched, base, "rita")

    page.goto(f"{base}/progress/")
    assert page.text_content("[data-testid=bar-mine]") == "0 / 5"

    page.goto(f"{base}/queue/")
    page.wait_for_selector("#queue-panel[data-ready=true]")
    page.evaluate("window.__sameDocument = true")
    first = _shown_claim(page)
    assert first is not None
    assert page.locator("#queue-panel mark.claim-mark").first.is_visible()
    assert page.locator(".value-chart svg").count() == 1

    # typing in the note field never triggers an action
    page.fill("#verdict-note", "")
    page.type("#verdict-note", "a cautious note")
    assert _shown_claim(page) == first
    page.locator("#queue-heading").focus()

    second = _press_and_wait(page, "a")
    assert "You have reviewed 1 claim. This article: 0 of 1 settled." in (page.text_content("#queue-panel") or "")
    third = _press_and_wait(page, "c")
    fourth = _press_and_wait(page, "u")
    assert first and second and third and fourth
    assert len({first, second, third, fourth}) == 4
    assert page.evaluate("window.__sameDocument") is True  # htmx swapped, no page load
    assert page.evaluate("document.activeElement.id") == "queue-heading"
    verdicts = dict(Verdict.objects.filter(reviewer=reviewer).values_list("claim_id", "verdict"))
    assert verdicts == {int(first): "agree", int(second): "conflict", int(third): "unclear"}
    assert Verdict.objects.get(claim_id=int(first)).note == "a cautious note"

    back = _press_and_wait(page, "z")
    assert back == third
    assert "Undid your verdict" in (page.text_content("#queue-announce") or "")
    assert Verdict.objects.get(claim_id=int(third)).retracted_at is not None

    page.goto(f"{base}/progress/")
    assert page.text_content("[data-testid=bar-mine]") == "2 / 5"
    assert page.text_content("[data-testid=bar-overall]") == "2 / 5"
    assert watched.problems == []
    context.close()


def test_the_queue_works_without_javascript(browser: Any, live_server: Any, reviewer: Any) -> None:
    _claims(2)
    context = browser.new_context(java_script_enabled=False)
    watched = Watched(context)
    page = watched.page
    _login(watched, live_server.url, "rita")
    page.goto(f"{live_server.url}/queue/")
    first = _shown_claim(page)
    page.click("button[value=agree]")
    page.wait_for_url(f"{live_server.url}/queue/")
    assert _shown_claim(page) not in (None, first)
    assert "Saved" in (page.text_content(".messages") or "")
    context.close()


def test_two_reviewers_never_see_the_same_claim_at_once(
    browser: Any, live_server: Any, reviewer: Any, reviewer2: Any
) -> None:
    _claims(6)
    desks = []
    for username in ("rita", "rob"):
        context = browser.new_context()
        watched = Watched(context)
        _login(watched, live_server.url, username)
        watched.page.goto(f"{live_server.url}/queue/")
        watched.page.wait_for_selector("#queue-panel[data-ready=true]")
        desks.append((context, watched))
    rita, rob = desks[0][1].page, desks[1][1].page
    seen_together = [(_shown_claim(rita), _shown_claim(rob))]
    for _ in range(2):
        _press_and_wait(rita, "a")
        seen_together.append((_shown_claim(rita), _shown_claim(rob)))
        _press_and_wait(rob, "c")
        seen_together.append((_shown_claim(rita), _shown_claim(rob)))
    for mine, theirs in seen_together:
        assert mine is not None and theirs is not None and mine != theirs
    holders = Claim.objects.exclude(lease_holder=None).values_list("lease_holder_id", flat=True)
    assert sorted(holders) == sorted([reviewer.pk, reviewer2.pk])
    for context, watched in desks:
        assert watched.problems == []
        context.close()
