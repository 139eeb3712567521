"""Progress, the claim list, the article pages and adjudication through the Django test client."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from claims.models import Claim, Verdict
from claims.services.review import claim_set_verdict
from tests.factories import make_article, make_claim, make_group

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_progress_shows_mine_overall_and_per_article(reviewer: Any) -> None:
    article = make_article(text="Sales hit 40 units and 7 shops.", title="Shop report")
    first = make_claim(article=article, text="40 units", value=40)
    make_claim(article=article, text="7 shops", value=7)
    claim_set_verdict(claim_id=first.pk, reviewer=reviewer, verdict="agree", note="", claim_version=1)
    html = _client(reviewer).get("/progress/").content.decode()
    assert 'data-testid="bar-mine">1 / 2' in html
    assert 'data-testid="bar-overall">1 / 2' in html
    assert f'data-testid="bar-article-{article.pk}">1 / 2' in html
    assert '<progress id="bar-mine" max="2" value="1">' in html


def test_claim_list_searches_and_filters(reviewer: Any) -> None:
    article = make_article(text="The mill employs 300 <b>workers</b>.")
    make_claim(article=article, text="300 <b>workers", value=300, kind="count", group=make_group(relation="conflict"))
    make_claim(article=make_article(text="Pay rose 5 percent."), text="5 percent", value=5, kind="percent")
    client = _client(reviewer)
    html = client.get("/claims/?q=workers").content.decode()
    assert "1 claim" in html and "&lt;b&gt;" in html and "<b>workers" not in html
    assert "1 claim" in client.get("/claims/?kind=percent").content.decode()
    assert "1 claim" in client.get("/claims/?relation=conflict").content.decode()
    assert "No claims match." in client.get("/claims/?review=done").content.decode()
    assert "1 claim" in client.get(f"/claims/?article={article.pk}&kind=bogus").content.decode()


def _claim_list_queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/claims/").status_code == 200
    return len(queries)


def test_the_claim_list_reads_subject_lines_without_a_query_per_claim(reviewer: Any) -> None:
    client = _client(reviewer)
    grouped = make_group(relation="agree")
    for n in range(2):
        article = make_article(text=f"The port handled {40 + n} ships.", outlet=f"port{n}.example")
        make_claim(article=article, text=f"{40 + n} ships", value=40 + n, group=grouped if n else None)
    few = _claim_list_queries(client)
    for n in range(2, 12):
        article = make_article(text=f"The port handled {40 + n} ships.", outlet=f"port{n}.example")
        make_claim(article=article, text=f"{40 + n} ships", value=40 + n, group=grouped if n % 2 else None)

    assert _claim_list_queries(client) == few


def test_claim_list_paginates(reviewer: Any) -> None:
    article = make_article(text="one")
    for n in range(55):
        make_claim(article=article, text="one", fingerprint=f"p{n}")
    client = _client(reviewer)
    first = client.get("/claims/").content.decode()
    assert "Page 1 of 2" in first and 'rel="next"' in first
    assert "Page 2 of 2" in client.get("/claims/?page=2").content.decode()


def test_article_page_marks_every_claim_with_its_status_escaped(reviewer: Any) -> None:
    article = make_article(text="Intro <script>x</script>.\nThe zoo has 12 lions and 3 bears.")
    lions = make_claim(article=article, text="12 lions", value=12)
    make_claim(article=article, text="3 bears", value=3, review="done")
    html = _client(reviewer).get(f"/articles/{article.pk}/").content.decode()
    assert "&lt;script&gt;" in html and "<script>x" not in html
    assert f'id="claim-{lions.pk}"' in html
    assert 'class="claim-mark review-done status-current"' in html
    assert _client(reviewer).get("/articles/999999/").status_code == 404


def test_article_list_links_each_article(reviewer: Any) -> None:
    article = make_article(title="Harbour news")
    make_claim(article=article)
    html = _client(reviewer).get("/articles/").content.decode()
    assert "Harbour news" in html and f"/queue/?article={article.pk}" in html


def test_adjudication_is_for_admins_only(reviewer: Any) -> None:
    claim = make_claim(review="adjudicate")
    client = _client(reviewer)
    assert client.get("/adjudicate/").status_code == 403
    assert client.post(f"/adjudicate/{claim.pk}/", {"verdict": "agree"}).status_code == 403


def test_an_admin_settles_a_disagreement(reviewer: Any, reviewer2: Any, admin_user: Any, settings: Any) -> None:
    settings.FACTCHECK_REVIEWS_REQUIRED = 2
    claim = make_claim(text="12 times")
    claim_set_verdict(claim_id=claim.pk, reviewer=reviewer, verdict="agree", note="matches", claim_version=1)
    claim_set_verdict(claim_id=claim.pk, reviewer=reviewer2, verdict="conflict", note="says 13", claim_version=1)
    client = _client(admin_user)
    html = client.get("/adjudicate/").content.decode()
    assert "rita</strong>: agree" in html and "rob</strong>: conflict" in html and "says 13" in html
    response = client.post(f"/adjudicate/{claim.pk}/", {"verdict": "conflict", "note": "filing says 13"})
    assert response.status_code == 303
    claim.refresh_from_db()
    assert claim.review == Claim.Review.DONE
    assert Verdict.objects.filter(claim=claim, adjudication=True, reviewer=admin_user).exists()
    assert "No disagreements to settle." in client.get("/adjudicate/").content.decode()


def test_adjudication_without_a_choice_changes_nothing(admin_user: Any) -> None:
    claim = make_claim(review="adjudicate")
    response = _client(admin_user).post(f"/adjudicate/{claim.pk}/", {"note": "x"}, follow=True)
    assert "Choose a verdict" in response.content.decode()
    claim.refresh_from_db()
    assert claim.review == Claim.Review.ADJUDICATE


def test_adjudication_needs_a_csrf_token(admin_user: Any) -> None:
    claim = make_claim(review="adjudicate")
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)
    assert client.post(f"/adjudicate/{claim.pk}/", {"verdict": "agree"}).status_code == 403
