"""The request type, the redirect after a POST and the 404 for a missing row that the views share (claims/http.py)."""

from __future__ import annotations

import pytest
from django.http import Http404
from django.test import RequestFactory
from django_htmx.middleware import HtmxMiddleware

from claims.http import HtmxHttpRequest, or_404, query_without, redirect_after_post
from claims.models import Article
from tests.factories import make_article


def test_a_redirect_after_post_is_a_303_to_a_url_name_with_its_arguments() -> None:
    response = redirect_after_post("job", job_id=7)

    assert response.status_code == 303
    assert response["Location"] == "/jobs/7/"


@pytest.mark.django_db
def test_a_redirect_after_post_to_a_model_goes_to_its_page() -> None:
    article = make_article()

    assert redirect_after_post(article)["Location"] == f"/articles/{article.pk}/"


def test_the_htmx_request_type_describes_what_the_middleware_sets() -> None:
    seen: list[bool] = []

    def view(request: HtmxHttpRequest) -> None:
        seen.append(bool(request.htmx))

    middleware = HtmxMiddleware(view)  # type: ignore[arg-type]
    middleware(RequestFactory().get("/", headers={"HX-Request": "true"}))
    middleware(RequestFactory().get("/"))

    assert seen == [True, False]


def test_query_without_drops_only_the_named_parameter_and_keeps_repeated_ones() -> None:
    request = RequestFactory().get("/claims/?kind=count&page=3&outlet=1&outlet=2")

    assert query_without(request, "page") == "kind=count&outlet=1&outlet=2"
    assert query_without(request, "after") == "kind=count&page=3&outlet=1&outlet=2"


def _select(*, article_id: int) -> str:
    if article_id == 404:
        raise Article.DoesNotExist("Article matching query does not exist.")
    if article_id < 0:
        raise ValueError("a negative id")
    return f"page of {article_id}"


def test_or_404_passes_on_what_the_selector_returns() -> None:
    assert or_404(_select, article_id=7) == "page of 7"


def test_or_404_answers_not_found_when_the_selector_finds_no_row() -> None:
    with pytest.raises(Http404, match="does not exist"):
        or_404(_select, article_id=404)


def test_or_404_lets_any_other_error_through() -> None:
    with pytest.raises(ValueError, match="negative"):
        or_404(_select, article_id=-1)
