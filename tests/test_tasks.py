"""The delivery options every task shares (claims/tasks.py)."""

from __future__ import annotations

from typing import Any

from celery import Task

from claims import tasks
from claims.services.reingest import TRANSIENT_ERRORS

TASKS: list[Task[Any, Any]] = [value for value in vars(tasks).values() if isinstance(value, Task)]


def test_the_check_below_sees_every_task_of_the_module() -> None:
    names = {task.name.rsplit(".", 1)[-1] for task in TASKS}

    assert names == {
        "match_article",
        "ingest_input",
        "ingest_text",
        "ingest_url",
        "sweep_pending",
        "reingest_article",
        "reingest_chunk",
        "reingest_all",
        "recheck_url_articles",
        "poll_due_feeds",
        "poll_feed",
    }


def test_every_task_is_acknowledged_after_it_ran_and_delivered_again_when_its_worker_dies() -> None:
    for task in TASKS:
        assert task.acks_late is True, task.name
        assert task.reject_on_worker_lost is True, task.name


def test_every_task_is_told_of_its_time_limit_before_it_is_killed() -> None:
    for task in TASKS:
        assert task.soft_time_limit is not None and task.time_limit is not None, task.name
        assert 0 < task.soft_time_limit < task.time_limit, task.name


def test_the_work_tasks_have_the_longer_limits_and_the_beat_tasks_the_shorter() -> None:
    assert (tasks.match_article.time_limit, tasks.match_article.soft_time_limit) == (300, 240)
    assert (tasks.poll_feed.time_limit, tasks.poll_feed.soft_time_limit) == (300, 240)
    assert (tasks.sweep_pending.time_limit, tasks.sweep_pending.soft_time_limit) == (120, 100)
    assert (tasks.poll_due_feeds.time_limit, tasks.poll_due_feeds.soft_time_limit) == (60, 50)


def test_the_retried_tasks_keep_their_own_retry_options_beside_the_shared_ones() -> None:
    assert tasks.match_article.max_retries == tasks.MATCH_MAX_RETRIES
    assert tasks.reingest_article.max_retries == tasks.REINGEST_MAX_RETRIES
    assert tasks.reingest_article.autoretry_for == TRANSIENT_ERRORS
    assert tasks.poll_feed.retry_backoff is True
