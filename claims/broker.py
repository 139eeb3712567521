"""Sending tasks to the Celery broker: the one place that knows what an unreachable broker looks like.

Whatever a task is sent to do is written to the database first (an article marked as waiting to
be matched, an input waiting to be ingested, a job's items), so a send that fails leaves work the
beat sweep (claims.tasks.sweep_pending) finishes once the broker is back, and the caller tells
the user plainly instead of answering 500.
"""

from __future__ import annotations

import logging
from functools import partial
from typing import Any

from celery import Task
from django.db import transaction
from kombu.exceptions import OperationalError as KombuOperationalError

logger = logging.getLogger(__name__)

# kombu wraps the transport's connection errors in its OperationalError; a socket error that
# escapes the wrapping is an OSError (ConnectionError, TimeoutError).
BROKER_ERRORS: tuple[type[BaseException], ...] = (KombuOperationalError, OSError)


class BrokerUnavailable(Exception):
    """The task could not be handed to the broker (Redis down or unreachable)."""

    def __init__(self, error: BaseException) -> None:
        super().__init__(f"the task queue (Celery broker) is unreachable: {error}")


def send(
    task: Task[..., Any], args: tuple[Any, ...] = (), kwargs: dict[str, Any] | None = None, **options: Any
) -> None:
    """Hand a task to the broker now; raise BrokerUnavailable when it cannot be reached.

    In-process (no broker configured) the task simply runs, and its own errors propagate."""
    if task.app.conf.task_always_eager:
        task.apply_async(args, kwargs, **options)
        return
    try:
        task.apply_async(args, kwargs, **options)
    except BROKER_ERRORS as error:
        raise BrokerUnavailable(error) from error


def send_on_commit(
    task: Task[..., Any], args: tuple[Any, ...] = (), kwargs: dict[str, Any] | None = None, **options: Any
) -> None:
    """Send once the current transaction commits, so the worker sees what it wrote.

    Outside a transaction that is now, and BrokerUnavailable reaches the caller. Inside one, the
    send happens on commit, where nobody is left to tell: the failure is logged and the work,
    recorded as pending in the database, is left to the sweep."""
    if not transaction.get_connection().in_atomic_block:
        send(task, args, kwargs, **options)
        return
    transaction.on_commit(partial(_send_or_log, task, args, kwargs, options))


def _send_or_log(
    task: Task[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any] | None, options: dict[str, Any]
) -> None:
    try:
        send(task, args, kwargs, **options)
    except BrokerUnavailable as error:
        logger.warning("%s%r not sent, left for the sweep: %s", task.name, args, error)
