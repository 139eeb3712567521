"""The Admins' feed pages: list with status (htmx fragment), add/edit forms, poll now."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from claims.models import Feed
from claims.services.feeds import feed_create

HTMX = {"HX-Request": "true"}


@pytest.fixture
def admin_client(client: Client, admin_user: Any) -> Client:
    client.force_login(admin_user)
    return client


def test_reviewers_get_403_on_every_feed_page(client: Client, reviewer: Any) -> None:
    feed = feed_create(url="https://courier.example/feed.xml")
    client.force_login(reviewer)
    assert client.get("/feeds/").status_code == 403
    assert client.post("/feeds/add/", {"url": "https://x.example/f", "poll_minutes": "30"}).status_code == 403
    assert client.post(f"/feeds/{feed.pk}/", {"url": "https://x.example/f", "poll_minutes": "30"}).status_code == 403
    assert client.post(f"/feeds/{feed.pk}/poll/").status_code == 403
    assert list(Feed.objects.values_list("url", flat=True)) == ["https://courier.example/feed.xml"]


def test_the_list_shows_status_last_poll_articles_found_errors_and_a_paused_feed(admin_client: Client) -> None:
    ok = feed_create(url="https://courier.example/feed.xml", outlet="Valley Courier")
    Feed.objects.filter(pk=ok.pk).update(last_status="ok", last_polled=timezone.now(), articles_found=17, last_new=4)
    bad = feed_create(url="https://gazette.example/atom")
    Feed.objects.filter(pk=bad.pk).update(
        last_status="error",
        error_count=5,
        paused_at=timezone.now(),
        last_error="the URL is an HTML web page, not an RSS or Atom feed <b>",
    )
    response = admin_client.get("/feeds/")
    page = response.content.decode()
    assert response.status_code == 200 and response["Vary"].count("HX-Request") == 1
    assert "Valley Courier" in page and ">17<" in page and "4 new" in page
    assert "paused" in page and "5 in a row" in page and "edit to resume" in page
    assert "not an RSS or Atom feed &lt;b&gt;" in page  # escaped
    assert 'hx-get="/feeds/"' in page and '<a href="/feeds/">Refresh</a>' in page
    assert f'href="/feeds/{ok.pk}/"' in page and f'action="/feeds/{ok.pk}/poll/"' in page


def test_htmx_gets_only_the_table(admin_client: Client) -> None:
    feed_create(url="https://courier.example/feed.xml")
    fragment = admin_client.get("/feeds/", headers=HTMX).content.decode()
    assert fragment.startswith('<div id="feed-table"') and "<html" not in fragment
    assert "courier.example" in fragment


def test_adding_a_feed_redirects_to_the_list(admin_client: Client) -> None:
    response = admin_client.post(
        "/feeds/add/",
        {
            "url": "https://courier.example/feed.xml",
            "outlet": "",
            "poll_minutes": "15",
            "include": "lamps",
            "active": "on",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/feeds/"
    feed = Feed.objects.get()
    assert (feed.outlet, feed.poll_minutes, feed.include, feed.active) == ("courier.example", 15, "lamps", True)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"url": "http://127.0.0.1/feed", "poll_minutes": "30"}, "loopback"),
        ({"url": "javascript:alert(1)", "poll_minutes": "30"}, "only http and https"),
        ({"url": "https://courier.example/feed", "poll_minutes": "2"}, "greater than or equal to 5"),
    ],
)
def test_a_bad_feed_is_refused_with_the_reason_and_not_added(
    admin_client: Client, data: dict[str, str], message: str
) -> None:
    response = admin_client.post("/feeds/add/", data)
    assert response.status_code == 400 and message in response.content.decode()
    assert not Feed.objects.exists()


def test_editing_a_paused_feed_saves_it_and_resumes_it(admin_client: Client) -> None:
    feed = feed_create(url="https://courier.example/feed.xml")
    Feed.objects.filter(pk=feed.pk).update(
        paused_at=timezone.now(), error_count=5, etag='"x"', next_due=timezone.now() + timedelta(days=1)
    )
    page = admin_client.get(f"/feeds/{feed.pk}/").content.decode()
    assert "Saving resumes it" in page and 'value="https://courier.example/feed.xml"' in page
    response = admin_client.post(
        f"/feeds/{feed.pk}/",
        {
            "url": "https://courier.example/rss",
            "outlet": "Courier",
            "poll_minutes": "45",
            "include": "",
            "active": "on",
        },
    )
    assert response.status_code == 302
    feed.refresh_from_db()
    assert (feed.url, feed.outlet, feed.poll_minutes, feed.paused, feed.error_count, feed.etag) == (
        "https://courier.example/rss",
        "Courier",
        45,
        False,
        0,
        "",
    )
    assert feed.next_due is not None and feed.next_due <= timezone.now()


def test_poll_now_enqueues_a_poll_of_that_feed(admin_client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    feed = feed_create(url="https://courier.example/feed.xml")
    queued: list[int] = []
    monkeypatch.setattr("claims.tasks.enqueue_poll_feed", queued.append)
    response = admin_client.post(f"/feeds/{feed.pk}/poll/")
    assert response.status_code == 302 and response["Location"] == "/feeds/"
    assert queued == [feed.pk]
    assert admin_client.get(f"/feeds/{feed.pk}/poll/").status_code == 405


def test_poll_now_needs_a_csrf_token(admin_user: Any) -> None:
    feed = feed_create(url="https://courier.example/feed.xml")
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)
    assert client.post(f"/feeds/{feed.pk}/poll/").status_code == 403


def test_a_missing_feed_is_404(admin_client: Client) -> None:
    assert admin_client.get("/feeds/987654/").status_code == 404
    assert admin_client.post("/feeds/987654/poll/").status_code == 404


def test_the_feed_model_is_in_django_admin(client: Client, django_user_model: Any) -> None:
    staff = django_user_model.objects.create_superuser(username="sam", password="pw-sam-test", email="")
    feed = feed_create(url="https://courier.example/feed.xml")
    client.force_login(staff)
    assert client.get("/admin/claims/feed/").status_code == 200
    assert client.get(f"/admin/claims/feed/{feed.pk}/change/").status_code == 200
    assert client.get("/admin/claims/feeditem/").status_code == 200
