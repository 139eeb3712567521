"""Database errors that go away when the transaction is simply run again, and the lock that
serialises one reviewer's (or one story's) writes.

PostgreSQL aborts one transaction of a deadlock (SQLSTATE 40P01) and, at REPEATABLE READ or
above, a transaction that lost a write race (40001); both are safe to run again from the
start, since nothing of the aborted transaction was kept. Other OperationalErrors (a lost
connection, a statement timeout) are not retried here.
"""

from __future__ import annotations

import random
import time
import zlib
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.db import DatabaseError, connection

T = TypeVar("T")

DEADLOCK = "40P01"
SERIALIZATION_FAILURE = "40001"
TRANSIENT_SQLSTATES = frozenset({DEADLOCK, SERIALIZATION_FAILURE})


def sqlstate(error: BaseException) -> str | None:
    """The SQLSTATE of a database error (psycopg's error, which Django keeps as the cause)."""
    for candidate in (error, error.__cause__):
        code = getattr(candidate, "sqlstate", None)
        if code:
            return str(code)
    return None


def is_transient(error: BaseException) -> bool:
    """A deadlock or serialization failure: running the transaction again will do."""
    return isinstance(error, DatabaseError) and sqlstate(error) in TRANSIENT_SQLSTATES


def run_again_if_transient(work: Callable[[], T], *, attempts: int = 4, pause: float = 0.02) -> T:
    """Run `work` (one whole transaction), again after a short random pause when it was aborted
    as a deadlock victim or by a serialization failure. Inside an outer transaction nothing can
    be run again (the outer one is aborted too), so there the error goes to the caller."""
    for attempt in range(1, attempts + 1):
        try:
            return work()
        except DatabaseError as error:
            if attempt == attempts or connection.in_atomic_block or not is_transient(error):
                raise
            time.sleep(random.uniform(0, pause * 2**attempt))
    raise AssertionError("unreachable")  # pragma: no cover


def advisory_xact_lock(namespace: int, keys: Iterable[int], *, shared: bool = False) -> None:
    """Take PostgreSQL transaction-level advisory locks on (namespace, key) for each key, in
    ascending order, so that transactions taking their locks in one call never wait on each other
    in a cycle; held to the end of the transaction. A no-op elsewhere: SQLite runs one writing
    transaction at a time."""
    ordered = sorted({key % 2147483647 for key in keys})
    if connection.vendor != "postgresql" or not ordered:
        return
    function = "pg_advisory_xact_lock_shared" if shared else "pg_advisory_xact_lock"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {function}(%s, k) FROM unnest(%s::int4[]) AS t(k)",  # noqa: S608 (one of two function names; in array order)
            [namespace, ordered],
        )


def lock_id(kind: str, value: object) -> int:
    """A stable 31-bit lock key for a named thing (the same in every process, unlike hash())."""
    return zlib.crc32(f"{kind}:{value}".encode()) & 0x7FFFFFFF
