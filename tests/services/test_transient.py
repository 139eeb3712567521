"""Transient database errors: which are run again (deadlocks, serialization failures), by the
service helper and by the match_article task, and which are not."""

from __future__ import annotations

from typing import Any

import pytest
from celery.exceptions import Retry
from django.db import IntegrityError, OperationalError, connection

from claims.services.transient import is_transient, lock_id, run_again_if_transient


class _PsycopgLike(Exception):
    def __init__(self, sqlstate: str) -> None:
        super().__init__(f"sqlstate {sqlstate}")
        self.sqlstate = sqlstate


def _error(kind: type[Exception], sqlstate: str) -> Exception:
    error = kind(f"sqlstate {sqlstate}")
    error.__cause__ = _PsycopgLike(sqlstate)  # as Django's wrapper keeps psycopg's error
    return error


def test_deadlocks_and_serialization_failures_are_transient_and_nothing_else() -> None:
    assert is_transient(_error(OperationalError, "40P01"))
    assert is_transient(_error(OperationalError, "40001"))
    assert not is_transient(_error(OperationalError, "57014"))  # a statement timeout
    assert not is_transient(_error(IntegrityError, "23503"))
    assert not is_transient(ValueError("40P01"))


def test_lock_ids_are_stable_and_fit_a_postgresql_int4() -> None:
    assert lock_id("key", "amount|ferry") == lock_id("key", "amount|ferry")
    assert lock_id("key", "7") != lock_id("claim", 7)
    assert 0 <= lock_id("group", 123456789) < 2**31


@pytest.mark.django_db(transaction=True)
def test_a_deadlock_victim_runs_again_outside_a_transaction() -> None:
    tries: list[int] = []

    def work() -> str:
        tries.append(1)
        if len(tries) < 3:
            raise _error(OperationalError, "40P01")
        return "done"

    assert not connection.in_atomic_block
    assert run_again_if_transient(work, pause=0.001) == "done" and len(tries) == 3


def test_other_errors_and_errors_inside_a_transaction_go_to_the_caller(db: Any) -> None:
    tries: list[int] = []

    def work() -> None:
        tries.append(1)
        raise _error(OperationalError, "40P01")

    with pytest.raises(OperationalError):
        run_again_if_transient(work)  # the test's transaction is open: it cannot run again
    assert len(tries) == 1


def test_match_article_retries_a_deadlock_with_backoff(db: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from claims import tasks

    def deadlocked(*, article_id: int) -> int:
        raise _error(OperationalError, "40P01")

    monkeypatch.setattr(tasks, "article_match", deadlocked)
    retried: list[dict[str, Any]] = []

    def retry(**options: Any) -> Exception:
        retried.append(options)
        return Retry("again")

    monkeypatch.setattr(tasks.match_article, "retry", retry)
    with pytest.raises(Retry):
        tasks.match_article.run(1)
    assert len(retried) == 1 and 0 < retried[0]["countdown"] <= 1
    assert is_transient(retried[0]["exc"])


def test_match_article_does_not_retry_an_integrity_error(db: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from claims import tasks

    def broken(*, article_id: int) -> int:
        raise _error(IntegrityError, "23503")

    monkeypatch.setattr(tasks, "article_match", broken)
    monkeypatch.setattr(tasks.match_article, "retry", lambda **options: pytest.fail("retried"))
    with pytest.raises(IntegrityError):
        tasks.match_article.run(1)
