"""A broker outage: every page and command says so plainly, nothing answers 500 or prints a
traceback, and nothing is left that the beat sweep will not finish once the broker is back."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import timezone

from claims.models import Article, Job, JobItem, PendingInput
from claims.services.ingestion import article_ingest
from claims.tasks import sweep_pending
from tests.factories import make_article

UNREACHABLE = "task queue (Celery broker) is unreachable"
STORY = "The harbour authority counted {n} ships in March, up 12 percent on the year before."

pytestmark = pytest.mark.django_db(transaction=True)  # sends happen after a real commit


def _files(tmp_path: Path, count: int) -> list[str]:
    paths = []
    for n in range(count):
        path = tmp_path / f"harbour{n}.txt"
        path.write_text(f"Harbour report {n}\n\n" + STORY.format(n=400 + n), encoding="utf-8")
        paths.append(str(path))
    return paths


def test_pasted_text_is_stored_marked_unmatched_and_the_page_says_the_queue_is_down(
    client: Client, admin_user: Any, unreachable_broker: Any
) -> None:
    client.force_login(admin_user)
    response = client.post("/ingest/", {"text": STORY.format(n=412), "name": "harbour"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="status-created"' in page and UNREACHABLE in page
    article = Article.objects.get()
    assert article.match_pending_since is not None and article.matcher_version == ""

    again = client.post("/ingest/", {"text": STORY.format(n=412), "name": "harbour"})
    assert again.status_code == 200
    assert UNREACHABLE in again.content.decode()  # unchanged, but still waiting: matching is sent again


def test_a_job_that_cannot_be_queued_fails_with_a_message_instead_of_waiting_forever(
    client: Client, admin_user: Any, unreachable_broker: Any
) -> None:
    make_article(text="Ships: 412 in March.")
    make_article(text="Ships: 415 in March.")
    client.force_login(admin_user)
    response = client.post("/jobs/", {"scope": "all"}, follow=True)
    assert response.status_code == 200
    assert UNREACHABLE in response.content.decode()
    job = Job.objects.get()
    assert job.state == Job.State.FAILED and job.failed == 2 and job.finished_at is not None
    assert set(JobItem.objects.values_list("outcome", flat=True)) == {"failed"}


def test_the_command_line_stores_every_file_and_says_which_wait_for_matching(
    tmp_path: Path, unreachable_broker: Any
) -> None:
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("ingest", *_files(tmp_path, 2), stdout=out, stderr=err)
    assert "2 stored but not matched yet" in str(raised.value)
    assert err.getvalue().count(UNREACHABLE) == 2
    assert Article.objects.count() == 2
    assert Article.objects.filter(match_pending_since__isnull=True).count() == 0


def test_ingest_async_reports_each_input_not_queued_and_leaves_nothing_behind(
    tmp_path: Path, unreachable_broker: Any
) -> None:
    err = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("ingest", "--async", *_files(tmp_path, 2), stdout=io.StringIO(), stderr=err)
    assert "2 input(s) failed" in str(raised.value)
    assert err.getvalue().count("not queued: the " + UNREACHABLE) == 2
    assert "Traceback" not in err.getvalue()
    assert not PendingInput.objects.exists() and not Article.objects.exists()


def test_reingest_command_says_the_job_was_not_queued(unreachable_broker: Any) -> None:
    make_article(text="Ships: 412 in March.")
    with pytest.raises(CommandError) as raised:
        call_command("reingest", "--all", stdout=io.StringIO(), stderr=io.StringIO())
    assert "1 article(s) not queued" in str(raised.value) and UNREACHABLE in str(raised.value)
    assert Job.objects.get().state == Job.State.FAILED


def test_the_sweep_matches_articles_left_waiting_once_the_broker_is_back(
    tmp_path: Path, unreachable_broker: Any, monkeypatch: Any
) -> None:
    with pytest.raises(CommandError):
        call_command("ingest", *_files(tmp_path, 2), stdout=io.StringIO(), stderr=io.StringIO())
    Article.objects.update(match_pending_since=timezone.now() - dt.timedelta(minutes=5))
    monkeypatch.setitem(unreachable_broker.conf, "task_always_eager", True)  # the broker is back (in-process)
    assert sweep_pending() == {"articles": 2, "inputs": 0}
    assert not Article.objects.filter(match_pending_since__isnull=False).exists()
    assert set(Article.objects.values_list("matcher_version", flat=True)) != {""}


def test_the_sweep_leaves_fresh_pending_work_to_the_task_already_sent(
    monkeypatch: Any, unreachable_broker: Any
) -> None:
    monkeypatch.setitem(unreachable_broker.conf, "task_always_eager", True)
    monkeypatch.setattr("claims.tasks.enqueue_match", lambda article_id: None)
    result = article_ingest(raw=STORY.format(n=412).encode(), name="fresh.txt")
    assert Article.objects.get(identity="file:fresh.txt").match_pending_since is not None
    assert result.status == "created"
    assert sweep_pending() == {"articles": 0, "inputs": 0}


def test_manage_py_ingest_async_with_the_broker_down_exits_1_with_a_message_not_a_traceback(
    tmp_path: Path,
) -> None:
    import os
    import subprocess
    import sys
    from urllib.parse import urlsplit, urlunsplit

    from django.db import connection

    from tests.conftest import ROOT, UNREACHABLE_BROKER_URL, require

    require(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL), which a second process can share")
    parts = urlsplit(os.environ["DATABASE_URL"])
    env = {
        **os.environ,
        "CELERY_BROKER_URL": UNREACHABLE_BROKER_URL,
        "DATABASE_URL": urlunsplit(parts._replace(path="/" + str(connection.settings_dict["NAME"]))),
    }
    done = subprocess.run(
        [sys.executable, "manage.py", "ingest", "--async", *_files(tmp_path, 2)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert done.stderr.count("not queued: the " + UNREACHABLE) == 2
    assert "Traceback" not in done.stderr and "2 input(s) failed" in done.stderr
    assert not PendingInput.objects.exists()


def test_poll_now_with_the_broker_down_says_so_and_the_feed_stays_due(
    client: Client, admin_user: Any, unreachable_broker: Any
) -> None:
    from claims.services.feeds import feed_create

    feed = feed_create(url="https://courier.example/feed.xml")
    client.force_login(admin_user)
    response = client.post(f"/feeds/{feed.pk}/poll/", follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "not queued" in page and UNREACHABLE in page
    feed.refresh_from_db()
    assert feed.next_due is None or feed.next_due <= timezone.now()


def test_feeds_poll_command_with_the_broker_down_is_a_clear_error(unreachable_broker: Any) -> None:
    from claims.services.feeds import feed_create

    feed = feed_create(url="https://courier.example/feed.xml")
    with pytest.raises(CommandError, match=re.escape(f"feed {feed.pk}: poll not queued: the {UNREACHABLE}")):
        call_command("feeds", "poll", str(feed.pk))
