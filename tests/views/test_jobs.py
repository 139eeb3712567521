"""The Admins' re-ingestion pages: roles, starting jobs, and the htmx-polled progress fragment."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from claims.models import Article, Job, JobItem
from claims.services.reingest import job_item_finish, job_start
from claims.views import jobs as jobs_views
from tests.factories import make_article

HTMX = {"HX-Request": "true"}


@pytest.mark.parametrize("url", ["/jobs/", "/jobs/1/"])
def test_anonymous_users_are_sent_to_login(client: Client, db: Any, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_reviewers_get_403_everywhere(client: Client, reviewer: Any) -> None:
    article = make_article()
    job = job_start(kind="test", article_ids=[article.pk])
    client.force_login(reviewer)
    assert client.get("/jobs/").status_code == 403
    assert client.get(f"/jobs/{job.pk}/").status_code == 403
    assert client.post("/jobs/", {"scope": "all"}).status_code == 403
    assert client.post(f"/articles/{article.pk}/reingest/").status_code == 403
    assert Job.objects.count() == 1


def test_admins_see_the_job_list_with_its_forms(client: Client, admin_user: Any) -> None:
    make_article(outlet="harbour.example")
    job_start(kind="reingest_all", article_ids=Article.objects.values_list("id", flat=True), description="all")
    client.force_login(admin_user)
    response = client.get("/jobs/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Re-ingest all (1 articles)" in page
    assert '<option value="harbour.example">' in page
    assert 'href="/jobs/' in page and "<progress" in page


def test_re_ingest_all_creates_a_job_with_an_item_per_article(client: Client, admin_user: Any) -> None:
    articles = [make_article(), make_article()]
    client.force_login(admin_user)
    response = client.post("/jobs/", {"scope": "all"})
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/"
    assert (job.kind, job.total, job.state, job.created_by) == ("reingest_all", 2, "queued", admin_user)
    assert set(JobItem.objects.values_list("article_id", flat=True)) == {a.pk for a in articles}


def test_outlet_and_article_jobs_select_only_their_articles(client: Client, admin_user: Any) -> None:
    harbour = make_article(outlet="harbour.example")
    other = make_article(outlet="valley.example")
    client.force_login(admin_user)
    client.post("/jobs/", {"scope": "outlet", "outlet": "harbour.example"})
    client.post(f"/articles/{other.pk}/reingest/")
    client.post("/jobs/", {"scope": "article", "article": str(harbour.pk)})
    jobs = list(Job.objects.order_by("id"))
    assert [(j.kind, [i.article_id for i in j.items.all()]) for j in jobs] == [
        ("reingest_outlet", [harbour.pk]),
        ("reingest_articles", [other.pk]),
        ("reingest_articles", [harbour.pk]),
    ]
    assert client.post("/jobs/", {"scope": "outlet", "outlet": "nowhere.example"}).status_code == 302
    assert client.post("/jobs/", {"scope": "article", "article": "999999"}).status_code == 302
    assert client.post("/articles/999999/reingest/").status_code == 404
    assert client.get(f"/articles/{other.pk}/reingest/").status_code == 405
    assert Job.objects.count() == 3


def test_a_running_job_page_polls_and_its_fragment_keeps_polling(client: Client, admin_user: Any) -> None:
    first, second = make_article(), make_article()
    job = job_start(kind="test", article_ids=[first.pk, second.pk])
    job_item_finish(job_id=job.pk, article_id=first.pk, outcome="updated")
    client.force_login(admin_user)

    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "<html" in page and 'id="job-progress"' in page
    assert f'hx-get="/jobs/{job.pk}/"' in page and 'hx-trigger="every 2s"' in page
    assert f'href="/jobs/{job.pk}/"' in page
    assert '<progress id="job-bar-' in page and 'max="2" value="1"' in page

    fragment = client.get(f"/jobs/{job.pk}/", headers=HTMX).content.decode()
    assert "<html" not in fragment and fragment.lstrip().startswith('<div id="job-progress"')
    assert 'hx-trigger="every 2s"' in fragment
    assert 'data-testid="job-processed">1 / 2<' in fragment


def test_a_finished_job_fragment_stops_polling(client: Client, admin_user: Any) -> None:
    first, second = make_article(), make_article()
    job = job_start(kind="test", article_ids=[first.pk, second.pk])
    job_item_finish(job_id=job.pk, article_id=first.pk, outcome="unchanged")
    job_item_finish(job_id=job.pk, article_id=second.pk, outcome="failed", error="the URL returned HTTP 410 Gone")
    client.force_login(admin_user)

    fragment = client.get(f"/jobs/{job.pk}/", headers=HTMX).content.decode()

    assert "hx-trigger" not in fragment and "hx-get" not in fragment
    assert 'data-testid="job-state">Failed<' in fragment
    assert "the URL returned HTTP 410 Gone" in fragment and f'href="/articles/{second.pk}/"' in fragment
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "hx-trigger" not in page and "style=" not in page and "<script>" not in page


def test_a_job_for_an_unknown_outlet_or_article_says_what_is_wrong_and_starts_nothing(
    client: Client, admin_user: Any
) -> None:
    make_article(outlet="harbour.example")
    client.force_login(admin_user)

    outlet_page = client.post("/jobs/", {"scope": "outlet", "outlet": "nowhere.example"}, follow=True)
    article_page = client.post("/jobs/", {"scope": "article", "article": "999999"}, follow=True)

    assert "Choose an outlet to re-ingest." in outlet_page.content.decode()
    assert "There is no article 999999." in article_page.content.decode()
    assert not Job.objects.exists()


def test_force_is_read_from_the_form_as_1_or_not(
    client: Client, admin_user: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = make_article()
    client.force_login(admin_user)
    forced: list[bool] = []

    def recording_start(**kwargs: Any) -> Job:
        forced.append(kwargs["force"])
        return job_start(**kwargs)

    monkeypatch.setattr(jobs_views, "job_start", recording_start)
    client.post("/jobs/", {"scope": "all", "force": "1"})
    client.post(f"/articles/{article.pk}/reingest/", {"force": "0"})
    client.post("/jobs/", {"scope": "article", "article": str(article.pk)})

    assert forced == [True, False, False]


def test_the_job_page_and_its_fragment_vary_on_hx_request(client: Client, admin_user: Any) -> None:
    job = job_start(kind="test", article_ids=[make_article().pk])
    client.force_login(admin_user)

    for response in (client.get(f"/jobs/{job.pk}/"), client.get(f"/jobs/{job.pk}/", headers=HTMX)):
        assert response.status_code == 200 and response["Vary"].count("HX-Request") == 1
