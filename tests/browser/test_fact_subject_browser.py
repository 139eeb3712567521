"""The fact's subject line and the matcher's reason, in real headless Chromium: in the queue's heading
and in the claims list."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import Watched
from tests.browser.conftest import login as _login
from tests.factories import make_article, make_claim, make_group

pytestmark = pytest.mark.django_db(transaction=True)

SUBJECT = "Bridges, as of 1 May 2024"
REASON = f"{SUBJECT}: 20 against 24; 2 independent origins"


def _grouped_pair() -> None:
    group = make_group(relation="conflict", reason=REASON)
    group.label = SUBJECT
    group.save(update_fields=["label"])
    for n, figure in enumerate((20, 24)):
        sentence = f"The city repaired {figure} bridges last year."
        article = make_article(
            text=f"Opening line.\n{sentence}\nClosing.", outlet=f"daily{n}.example", title=f"Bridges report {n}"
        )
        make_claim(
            article=article,
            text=f"{figure} bridges",
            value=figure,
            unit="bridges",
            group=group,
            sentence=sentence,
            sentence_start=14,
            score=0.9 - n / 10,
        )


def test_the_queue_heading_names_the_fact_and_the_reason_names_its_frame(
    browser: Any, live_server: Any, reviewer: Any
) -> None:
    _grouped_pair()
    watched = Watched(browser.new_context())
    page = watched.page
    _login(watched, live_server.url, "rita")
    page.goto(f"{live_server.url}/queue/")
    page.wait_for_selector("#queue-panel[data-ready=true]")
    heading = page.locator("#queue-heading")
    assert heading.locator(".subject").is_visible()
    assert SUBJECT in (heading.text_content() or "")
    frame_line = page.locator(".frame-line")
    assert frame_line.is_visible()
    assert REASON in (frame_line.text_content() or "")
    assert "suggested: conflict" in (frame_line.text_content() or "")


def test_the_claims_list_shows_each_claims_subject_and_reason(browser: Any, live_server: Any, reviewer: Any) -> None:
    _grouped_pair()
    alone = make_article(text="Opening line.\nThe floods killed 80 people.\nClosing.", outlet="daily9.example")
    make_claim(
        article=alone,
        text="80 people",
        value=80,
        unit="people",
        sentence="The floods killed 80 people.",
        sentence_start=14,
    )
    watched = Watched(browser.new_context())
    page = watched.page
    _login(watched, live_server.url, "rita")
    page.goto(f"{live_server.url}/claims/")
    subjects = [s.strip() for s in page.locator("td .subject").all_text_contents()]
    assert subjects.count(SUBJECT) == 2
    assert "Deaths, as of 1 May 2024" in subjects
    assert page.locator("td .reason").first.text_content() == REASON
