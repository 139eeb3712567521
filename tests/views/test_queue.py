"""The queue pages through the Django test client: roles, CSRF, actions with and without htmx,
stale actions, undo, and the number of queries."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from claims.models import Claim, Verdict
from tests.factories import make_article, make_claim, make_group

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _grouped_claims(sources: int) -> list[Claim]:
    group = make_group(relation="conflict", reason="sources give different ferry counts")
    claims = []
    for n in range(sources):
        article = make_article(
            text=f"Intro.\nThe harbour ran {10 + n} ferries on <Sunday> & Monday.\nEnd.",
            outlet=f"paper{n}.example",
            title=f"Ferries {n}",
        )
        claims.append(
            make_claim(
                article=article,
                text=f"{10 + n} ferries",
                value=10 + n,
                unit="ferries",
                group=group,
                sentence=f"The harbour ran {10 + n} ferries on <Sunday> & Monday.",
                sentence_start=7,
            )
        )
    return claims


@pytest.mark.parametrize("url", ["/queue/", "/progress/", "/claims/", "/articles/", "/adjudicate/"])
def test_anonymous_visitors_are_sent_to_login(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("url", ["/queue/", "/progress/", "/claims/", "/articles/", "/adjudicate/"])
def test_users_without_a_role_are_refused(no_role_user: Any, url: str) -> None:
    assert _client(no_role_user).get(url).status_code == 403


def test_users_without_a_role_cannot_post_verdicts(no_role_user: Any) -> None:
    claim = make_claim()
    response = _client(no_role_user).post(f"/queue/{claim.pk}/verdict/", {"verdict": "agree", "claim_version": 1})
    assert response.status_code == 403
    assert not Verdict.objects.exists()


def test_a_reviewer_sees_the_claim_in_its_sentence_and_paragraph_escaped(reviewer: Any) -> None:
    claims = _grouped_claims(3)
    response = _client(reviewer).get("/queue/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<mark class="claim-mark">10 ferries</mark>' in html
    assert "&lt;Sunday&gt; &amp; Monday" in html
    assert "<Sunday>" not in html
    assert 'class="claim-sentence"' in html
    # every other source, with its outlet, and the chart of the three values
    assert "paper1.example" in html and "paper2.example" in html
    assert "<svg" in html and "paper2.example: 12" in html
    assert "sources give different ferry counts" in html
    for key in "acunsz":
        assert f'data-key="{key}"' in html
    assert f'hx-post="/queue/{claims[0].pk}/renew/"' in html and 'hx-trigger="every 60s"' in html
    assert "js/queue.js" in html


def test_the_queue_says_so_when_nothing_is_left(reviewer: Any) -> None:
    response = _client(reviewer).get("/queue/")
    assert response.status_code == 200
    assert "Nothing left to review" in response.content.decode()


def test_the_queue_filters_by_query_string(reviewer: Any) -> None:
    make_claim(score=0.99, kind="count")
    wanted = make_claim(score=0.1, kind="percent", text="12 times")
    html = _client(reviewer).get("/queue/?kind=percent&outlet=abc").content.decode()
    assert f"/queue/{wanted.pk}/verdict/?kind=percent" in html


def test_a_verdict_without_javascript_redirects_to_the_queue(reviewer: Any) -> None:
    claim = make_claim()
    client = _client(reviewer)
    client.get("/queue/")
    response = client.post(f"/queue/{claim.pk}/verdict/", {"verdict": "agree", "note": "ok", "claim_version": 1})
    assert response.status_code == 303
    assert response["Location"] == "/queue/"
    claim.refresh_from_db()
    assert claim.review == Claim.Review.DONE
    assert Verdict.objects.get(claim=claim).note == "ok"


def test_a_verdict_with_htmx_returns_the_next_claims_panel(reviewer: Any) -> None:
    first, second = make_claim(score=0.9), make_claim(score=0.2)
    client = _client(reviewer)
    client.get("/queue/")
    response = client.post(f"/queue/{first.pk}/verdict/", {"verdict": "conflict", "claim_version": 1}, headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('id="queue-panel"') == 1 and "<html" not in html
    assert f'data-claim-id="{second.pk}"' in html
    assert 'hx-swap-oob="true"' in html and "Saved “Conflict”" in html


def test_an_invalid_verdict_is_refused(reviewer: Any) -> None:
    claim = make_claim()
    response = _client(reviewer).post(f"/queue/{claim.pk}/verdict/", {"verdict": "maybe", "claim_version": 1})
    assert response.status_code == 400
    assert not Verdict.objects.exists()


def test_a_verdict_on_a_claim_that_does_not_exist_is_not_found(reviewer: Any) -> None:
    client = _client(reviewer)
    assert client.post("/queue/999999/verdict/", {"verdict": "agree", "claim_version": 1}).status_code == 404
    assert client.post("/queue/999999/verdict/", {"verdict": "maybe", "claim_version": 1}).status_code == 404
    assert not Verdict.objects.exists()


def test_a_stale_verdict_shows_what_changed_and_saves_nothing(reviewer: Any) -> None:
    claim = make_claim(text="40 buses", value=40)
    client = _client(reviewer)
    client.get("/queue/")
    Claim.objects.filter(pk=claim.pk).update(value=42, previous_value=40, version=2, status="reopened")
    response = client.post(f"/queue/{claim.pk}/verdict/", {"verdict": "agree", "claim_version": 1}, headers=HTMX)
    html = response.content.decode()
    assert "This claim changed after you opened it: was 40, now 42. Please look again." in html
    assert 'name="claim_version" value="2"' in html  # the fresh version is on screen again
    assert not Verdict.objects.exists()
    redirected = client.post(f"/queue/{claim.pk}/verdict/", {"verdict": "agree", "claim_version": 1}, follow=True)
    assert "was 40, now 42" in redirected.content.decode()


def test_skip_then_undo_then_verdict_undo(reviewer: Any) -> None:
    first, second = make_claim(score=0.9), make_claim(score=0.2)
    client = _client(reviewer)
    client.get("/queue/")
    html = client.post(f"/queue/{first.pk}/skip/", headers=HTMX).content.decode()
    assert f'data-claim-id="{second.pk}"' in html
    html = client.post("/queue/undo/", headers=HTMX).content.decode()
    assert f'data-claim-id="{first.pk}"' in html and "Undid your skip" in html
    client.post(f"/queue/{first.pk}/verdict/", {"verdict": "agree", "claim_version": 1})
    response = client.post("/queue/undo/")
    assert response.status_code == 303
    html = client.get("/queue/").content.decode()
    assert f'data-claim-id="{first.pk}"' in html
    assert "retracted" in html  # the old verdict is listed in the claim's history
    assert Verdict.objects.get(claim=first).retracted_at is not None


def test_a_verdict_on_a_claim_someone_else_holds_gets_the_message_and_the_next_claim(
    reviewer: Any, reviewer2: Any
) -> None:
    taken, mine = make_claim(score=0.9), make_claim(score=0.2)
    _client(reviewer2).get("/queue/")  # reviewer2 holds the first claim
    response = _client(reviewer).post(
        f"/queue/{taken.pk}/verdict/", {"verdict": "agree", "claim_version": 1}, headers=HTMX
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "someone else has this claim" in html
    assert f'data-claim-id="{mine.pk}"' in html
    assert not Verdict.objects.exists()
    skipped = _client(reviewer).post(f"/queue/{taken.pk}/skip/", headers=HTMX).content.decode()
    assert "someone else has this claim" in skipped and f'data-claim-id="{mine.pk}"' in skipped


def test_the_panel_after_a_verdict_offers_to_undo_that_verdict_once(reviewer: Any) -> None:
    first, second, third = make_claim(score=0.9), make_claim(score=0.5), make_claim(score=0.2)
    client = _client(reviewer)
    client.get("/queue/")
    client.post(f"/queue/{first.pk}/verdict/", {"verdict": "agree", "claim_version": 1}, headers=HTMX)
    html = client.post(
        f"/queue/{second.pk}/verdict/", {"verdict": "agree", "claim_version": 1}, headers=HTMX
    ).content.decode()
    verdict = Verdict.objects.get(claim=second)
    assert f'name="undo_verdict" value="{verdict.pk}"' in html
    assert f'data-claim-id="{third.pk}"' in html
    for _ in range(3):  # the same undo sent three times
        client.post("/queue/undo/", {"undo_verdict": verdict.pk}, headers=HTMX)
    assert list(Verdict.objects.filter(retracted_at__isnull=False).values_list("claim_id", flat=True)) == [second.pk]
    assert Claim.objects.get(pk=first.pk).review == Claim.Review.DONE
    assert list(Claim.objects.filter(lease_holder=reviewer).values_list("pk", flat=True)) == [second.pk]


def test_undo_with_nothing_to_undo_says_so(reviewer: Any) -> None:
    html = _client(reviewer).post("/queue/undo/", follow=True).content.decode()
    assert "Nothing to undo." in html


def test_renew_keeps_the_lease_and_reports_a_lost_one(reviewer: Any, reviewer2: Any) -> None:
    claim = make_claim()
    client = _client(reviewer)
    client.get("/queue/")
    assert "Held for you until" in client.post(f"/queue/{claim.pk}/renew/", headers=HTMX).content.decode()
    Claim.objects.filter(pk=claim.pk).update(lease_holder=reviewer2)
    assert "went back to the queue" in client.post(f"/queue/{claim.pk}/renew/", headers=HTMX).content.decode()
    assert client.get(f"/queue/{claim.pk}/renew/").status_code == 405


def test_two_reviewers_are_shown_different_claims(reviewer: Any, reviewer2: Any) -> None:
    make_claim(), make_claim()
    first = _client(reviewer).get("/queue/").content.decode()
    second = _client(reviewer2).get("/queue/").content.decode()

    def shown(html: str) -> str:
        return html.split('data-claim-id="')[1].split('"')[0]

    assert shown(first) != shown(second)


@pytest.mark.parametrize("url", ["/queue/1/verdict/", "/queue/1/skip/", "/queue/undo/", "/queue/1/renew/"])
def test_posts_without_a_csrf_token_are_refused(reviewer: Any, url: str) -> None:
    make_claim()
    client = Client(enforce_csrf_checks=True)
    client.force_login(reviewer)
    assert client.post(url, {"verdict": "agree", "claim_version": 1}).status_code == 403
    assert not Verdict.objects.exists()


def test_a_reopened_claim_shows_was_and_now_with_its_old_verdicts(reviewer: Any, reviewer2: Any) -> None:
    claim = make_claim(text="40 buses", value=40)
    client = _client(reviewer)
    client.post(f"/queue/{claim.pk}/verdict/", {"verdict": "agree", "claim_version": 1})
    Claim.objects.filter(pk=claim.pk).update(value=42, previous_value=40, version=2, status="reopened", review="open")
    html = _client(reviewer2).get("/queue/").content.decode()
    assert "was 40, now 42" in html
    assert "rita said <strong>agree</strong>" in html


def _queries_for(django_assert_max_num_queries: Any, client: Client, limit: int) -> None:
    with django_assert_max_num_queries(limit):
        assert client.get("/queue/").status_code == 200


def test_the_queue_view_makes_a_fixed_number_of_queries(reviewer: Any, django_assert_max_num_queries: Any) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _grouped_claims(2)
    client = _client(reviewer)
    client.get("/queue/")  # take the lease
    with CaptureQueriesContext(connection) as small:
        client.get("/queue/")
    Claim.objects.update(lease_holder=None, lease_expires=None, group=None)
    _grouped_claims(25)
    client.get("/queue/")
    with CaptureQueriesContext(connection) as large:
        client.get("/queue/")
    assert len(large) == len(small)  # no query per other source
    # 8 before leases were serialised per reviewer, + 1: the reviewer's advisory lock (PostgreSQL).
    _queries_for(django_assert_max_num_queries, client, 9 if connection.vendor == "postgresql" else 8)


def test_a_verdict_and_the_next_claim_by_htmx_make_a_fixed_number_of_queries(
    reviewer: Any, django_assert_max_num_queries: Any
) -> None:
    """The path reviewers take all day: the user and their roles (the session is read from the
    cache), the reviewer's advisory lock (PostgreSQL only), the verdict's reads and writes (lock,
    live verdicts, verdict, audit, claim), then, in the same transaction, one statement to lease
    the next claim; one to read it with its group, one for the panel's facts: eleven (ten before
    the advisory lock). The test's transaction adds two savepoint statements."""
    from django.db import connection

    claims = _grouped_claims(25)
    client = _client(reviewer)
    client.get("/queue/")
    leased = Claim.objects.get(lease_holder=reviewer)
    with django_assert_max_num_queries(13 if connection.vendor == "postgresql" else 12):
        response = client.post(f"/queue/{leased.pk}/verdict/", {"verdict": "agree", "claim_version": 1}, headers=HTMX)
    assert response.status_code == 200
    assert Verdict.objects.filter(claim=leased).count() == 1
    next_claim = Claim.objects.get(lease_holder=reviewer)
    assert next_claim.pk != leased.pk and next_claim.pk in {c.pk for c in claims}
    assert f'data-claim-id="{next_claim.pk}"' in response.content.decode()


def test_the_value_chart_keeps_a_decimal_point_in_a_locale_that_writes_commas(reviewer: Any, settings: Any) -> None:
    import re

    from django.utils import translation

    settings.LANGUAGE_CODE = "de"
    _grouped_claims(3)
    with translation.override("de"):
        html = _client(reviewer).get("/queue/", headers={"Accept-Language": "de"}).content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    coordinates = re.findall(r'\b(?:x|y|x1|x2|y1|y2|cx|cy)="([^"]*)"', svg)
    assert len(coordinates) > 10
    assert all(re.fullmatch(r"-?\d+(\.\d+)?", value) for value in coordinates), coordinates


def test_the_panel_counts_only_done_claims_as_settled_and_the_reviewers_own_verdicts(
    reviewer: Any, reviewer2: Any
) -> None:
    article = make_article(text="Ferries ran 12 times, buses 40 times and trams 7 times in May.")
    done = make_claim(article=article, text="12 times", review="done")
    make_claim(article=article, text="40 times", review="adjudicate")
    make_claim(article=article, text="7 times", score=0.99)
    Verdict.objects.create(claim=done, reviewer=reviewer, verdict="agree", claim_version=1)
    Verdict.objects.create(claim=done, reviewer=reviewer2, verdict="agree", claim_version=1)
    html = _client(reviewer).get("/queue/").content.decode()
    assert "You have reviewed 1 claim. This article: 1 of 3 settled." in html


def test_the_queue_and_its_actions_vary_on_the_htmx_header_as_they_answer_a_panel_or_a_page(reviewer: Any) -> None:
    claim = make_claim()
    client = _client(reviewer)
    page, panel = client.get("/queue/"), client.get("/queue/", headers=HTMX)
    assert "<html" in page.content.decode() and "<html" not in panel.content.decode()
    for response in (
        page,
        panel,
        client.post(f"/queue/{claim.pk}/skip/", headers=HTMX),
        client.post("/queue/undo/"),
        client.post(f"/queue/{claim.pk}/verdict/", {"verdict": "x"}),
    ):
        assert "HX-Request" in response.headers.get("Vary", ""), response
