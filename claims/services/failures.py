"""Writes for failed background work: each failure is a row the jobs page shows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from claims.models import TaskFailure

# Which positional argument of a task names the article it works on.
_ARTICLE_ARGUMENT = {"claims.tasks.match_article": 0, "claims.tasks.reingest_article": 1}


def task_failure_record(
    *, task: str, error: str, task_id: str = "", args: Sequence[Any] = (), article_id: int | None = None
) -> TaskFailure:
    position = _ARTICLE_ARGUMENT.get(task)
    if article_id is None and position is not None and len(args) > position and isinstance(args[position], int):
        article_id = args[position]
    return TaskFailure.objects.create(
        task=task[:200],
        task_id=(task_id or "")[:255],
        article_id=article_id,
        arguments=repr(tuple(args))[:500],
        error=error[:2000],
    )
