"""The Admins' ingest page: uploads, pasted text and URLs, with a result per input."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from claims.models import Article


@pytest.fixture
def runs_on_commit(django_capture_on_commit_callbacks: Any) -> Iterator[None]:
    with django_capture_on_commit_callbacks(execute=True):
        yield


def test_anonymous_users_are_sent_to_login(client: Client, db: Any) -> None:
    response = client.get("/ingest/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_reviewers_cannot_load_articles(client: Client, reviewer: Any) -> None:
    client.force_login(reviewer)
    assert client.get("/ingest/").status_code == 403
    assert client.post("/ingest/", {"text": "Prices rose 3% in May."}).status_code == 403
    assert not Article.objects.exists()


def test_admin_uploads_files_and_pasted_text_with_a_result_each(
    client: Client, admin_user: Any, runs_on_commit: None
) -> None:
    client.force_login(admin_user)
    good = SimpleUploadedFile("rates.txt", b"The central bank raised rates by 0.25 percentage points in June.\n")
    binary = SimpleUploadedFile("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    response = client.post(
        "/ingest/",
        {
            "uploads": [good, binary],
            "text": "Turnout was 61% in the 2022 election, officials said.",
            "name": "turnout",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "rates.txt" in page and "photo.txt" in page and "turnout" in page
    assert page.count('class="status-created"') == 2 and page.count('class="status-error"') == 1
    assert Article.objects.count() == 2


def test_an_empty_form_is_a_clear_error(client: Client, admin_user: Any) -> None:
    client.force_login(admin_user)
    response = client.post("/ingest/", {})
    assert response.status_code == 400
    assert "Give files, a URL or pasted text." in response.content.decode()


def test_private_network_urls_are_refused_in_the_page(client: Client, admin_user: Any, runs_on_commit: None) -> None:
    client.force_login(admin_user)
    response = client.post("/ingest/", {"url": "http://10.0.0.7/admin"})
    assert response.status_code == 200
    assert 'class="status-error"' in response.content.decode()
    assert not Article.objects.exists()


def test_article_text_is_escaped_in_the_results(client: Client, admin_user: Any, runs_on_commit: None) -> None:
    client.force_login(admin_user)
    response = client.post("/ingest/", {"text": "<b>Sales</b> rose 9% in 2023.", "name": "<script>x</script>"})
    page = response.content.decode()
    assert "<script>x</script>" not in page and "&lt;script&gt;x&lt;/script&gt;" in page
