"""Request limits on the ingest page, each refusal a clear message and nothing stored: body size,
upload size, files per upload, URL length, malformed and private-network URLs; and the error
pages (400, 403, CSRF, 404, 500) that explain themselves inside the site's layout."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import loader
from django.test import Client, RequestFactory
from django.views import defaults

from claims.models import Article, ArticleRevision, Claim
from claims.views.errors import limit_message

GOOD_TEXT = b"The county resurfaced 64 miles of road in 2023, the highways office said.\n"


@pytest.fixture
def admin_client(client: Client, admin_user: Any, django_capture_on_commit_callbacks: Any) -> Any:
    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        yield client


def _nothing_stored() -> bool:
    return not (Article.objects.exists() or ArticleRevision.objects.exists() or Claim.objects.exists())


def _page(response: Any) -> str:
    page: str = response.content.decode()
    return page


def _errors(response: Any) -> list[str]:
    return [re.sub(r"\s+", " ", e).strip() for e in re.findall(r'class="error"[^>]*>(.*?)</', _page(response), re.S)]


def test_a_request_body_over_the_limit_is_a_400_that_names_the_limit(admin_client: Any, settings: Any) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
    response = admin_client.post("/ingest/", {"text": "word " * 500_000})
    assert response.status_code == 400
    assert "The request was larger than the 2.0 MB limit" in _page(response)
    assert 'href="/ingest/"' in _page(response)  # the site's layout, not a bare error
    assert _nothing_stored()


def test_the_real_body_limit_refuses_pasted_text_just_over_it(admin_client: Any, settings: Any) -> None:
    response = admin_client.post("/ingest/", {"text": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)})
    assert response.status_code == 400
    assert "larger than the 5.1 MB limit" in _page(response)
    assert _nothing_stored()


def test_pasted_text_over_the_article_limit_is_an_error_on_that_field(admin_client: Any, settings: Any) -> None:
    response = admin_client.post("/ingest/", {"text": "y" * (settings.FACTCHECK_MAX_ARTICLE_BYTES + 1)})
    assert response.status_code == 400
    assert any(f"at most {settings.FACTCHECK_MAX_ARTICLE_BYTES} characters" in e for e in _errors(response))
    assert _nothing_stored()


def test_an_upload_over_the_size_cap_is_refused_alone(admin_client: Any, settings: Any) -> None:
    big = SimpleUploadedFile("huge.txt", b"a" * (settings.FACTCHECK_MAX_ARTICLE_BYTES + 1))
    small = SimpleUploadedFile("roads.txt", GOOD_TEXT)
    response = admin_client.post("/ingest/", {"uploads": [big, small]})
    assert response.status_code == 200
    rows = re.findall(r'<tr class="status-(\w+)">\s*<td>([^<]*)</td>', _page(response))
    assert rows == [("error", "huge.txt"), ("created", "roads.txt")]
    assert "larger than the 5 MB limit" in _page(response)
    assert list(Article.objects.values_list("source_name", flat=True)) == ["roads.txt"]


def test_more_files_than_allowed_are_refused_with_the_limit(admin_client: Any, settings: Any) -> None:
    settings.FACTCHECK_MAX_UPLOAD_FILES = settings.DATA_UPLOAD_MAX_NUMBER_FILES = 3

    def files(count: int) -> list[SimpleUploadedFile]:
        return [
            SimpleUploadedFile(f"road-{n}.txt", GOOD_TEXT.replace(b"64", str(60 + n).encode())) for n in range(count)
        ]

    response = admin_client.post("/ingest/", {"uploads": files(4)})
    assert response.status_code == 400
    assert "Too many files in one upload: at most 3 files at a time." in _page(response)
    assert _nothing_stored()

    response = admin_client.post("/ingest/", {"uploads": files(3)})
    assert response.status_code == 200 and Article.objects.count() == 3


def test_the_default_file_count_limit_holds(admin_client: Any, settings: Any) -> None:
    files = [SimpleUploadedFile(f"n{n}.txt", b"x") for n in range(settings.FACTCHECK_MAX_UPLOAD_FILES + 1)]
    response = admin_client.post("/ingest/", {"uploads": files})
    assert response.status_code == 400
    assert f"at most {settings.FACTCHECK_MAX_UPLOAD_FILES} files" in _page(response)
    assert _nothing_stored()


def test_a_url_over_the_length_limit_is_an_error_on_the_url_field(admin_client: Any, settings: Any) -> None:
    url = "https://example.org/" + "p" * settings.FACTCHECK_MAX_URL_LENGTH
    response = admin_client.post("/ingest/", {"url": url})
    assert response.status_code == 400
    assert any(f"at most {settings.FACTCHECK_MAX_URL_LENGTH} characters" in e for e in _errors(response))
    assert _nothing_stored()


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("http://[::1", "malformed"),
        ("http://10.0.0.1/", "private or reserved address"),
        ("http://[::1]:8000/", "loopback"),
        ("http://2130706433/", "loopback"),
        ("http://0x7f.1/", "loopback"),
        ("http://169.254.169.254/latest/meta-data/", "address"),
        ("http://user@127.0.0.1/", "user name or password"),
        ("file:///etc/passwd", "only http and https"),
        ("javascript:alert(1)", "only http and https"),
    ],
)
def test_bad_and_private_urls_get_a_per_input_error_and_store_nothing(admin_client: Any, url: str, says: str) -> None:
    response = admin_client.post("/ingest/", {"url": url, "text": GOOD_TEXT.decode(), "name": "roads"})
    assert response.status_code == 200
    rows = re.findall(r'<tr class="status-(\w+)">', _page(response))
    assert rows == ["error", "created"]  # the URL refused, the pasted text beside it still stored
    assert any(says in e for e in _errors(response)), _errors(response)
    assert list(Article.objects.values_list("source_name", flat=True)) == ["roads"]


def test_a_post_without_a_csrf_token_gets_a_readable_403(admin_user: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)
    response = client.post("/ingest/", {"text": GOOD_TEXT.decode()})
    assert response.status_code == 403
    assert "The form expired" in _page(response) and "Reload the page" in _page(response)
    assert _nothing_stored()


def test_a_missing_role_gets_a_readable_403(client: Client, reviewer: Any) -> None:
    client.force_login(reviewer)
    response = client.get("/ingest/")
    assert response.status_code == 403
    assert "does not have the role this page needs" in _page(response)


def test_an_unknown_address_gets_a_readable_404(client: Client, reviewer: Any) -> None:
    client.force_login(reviewer)
    response = client.get("/articles/424242/")
    assert response.status_code == 404
    assert "There is nothing at this address" in _page(response)


def test_the_500_page_renders_without_a_request_context() -> None:
    response = defaults.server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
    assert "Something went wrong" in loader.get_template("500.html").render()


def test_other_bad_requests_get_a_general_message() -> None:
    assert "could not be understood" in limit_message(None)
