"""Written-out SQL, run through Django's database connection (custom SQL as Django documents
it), for the few statements the ORM cannot express or compiles too slowly for the queue's hot
path. Table names come from the models and are quoted by the database backend."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.models import Model


def table(model: type[Model]) -> str:
    """The model's table name (Meta.db_table), quoted for the database in use."""
    return str(connection.ops.quote_name(model._meta.db_table))


def fetch_rows(sql: str, params: Any) -> list[tuple[Any, ...]]:
    """Run one written-out SELECT (or statement with RETURNING) and return all its rows."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())
