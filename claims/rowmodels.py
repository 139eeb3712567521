"""Model rows read and written with hand-written SQL, for the queue's hot path only.

The ORM spends far longer compiling a select_related query (about 1.2 ms of CPU for the
queue's claim-and-sources read) than the database spends running it (about 0.25 ms), and a
create() or save() costs 0.3-0.8 ms of CPU of which the statement is a small part. A
`ModelColumns` names one model's columns under a table alias, taken from the model's own
field list, so a field added later is read without touching the SQL, and turns its slice of
a result row back into a model instance with the same value converters the ORM applies.
`insert_rows` and `update_fields` write instances with the same preparation the ORM applies
(field defaults, auto_now, get_db_prep_save); like bulk_create and update(), they send no
model signals.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from django.db import connections
from django.db.models import Model
from django.db.models.fields import Field

M = TypeVar("M", bound=Model)
Converter = Callable[[Any, Any, Any], Any]


class ModelColumns(Generic[M]):
    """One model's concrete columns (less `exclude`, left deferred) under a table alias."""

    def __init__(self, model: type[M], alias: str, *, exclude: Sequence[str] = ()) -> None:
        self.model = model
        self.alias = alias
        self.fields = [f for f in model._meta.concrete_fields if f.attname not in exclude]
        self.attnames = [f.attname for f in self.fields]
        self.pk_index = self.attnames.index(model._meta.pk.attname)
        self.sql = ", ".join(f'{alias}."{field.column}"' for field in self.fields)
        self._converters: dict[str, list[tuple[int, list[Converter], Any]]] = {}

    def __len__(self) -> int:
        return len(self.fields)

    def _converters_for(self, using: str) -> list[tuple[int, list[Converter], Any]]:
        """The backend's and the fields' converters, as the ORM's compiler gathers them."""
        if using not in self._converters:
            connection = connections[using]
            found = []
            for index, field in enumerate(self.fields):
                column = field.get_col(self.alias)
                functions = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
                if functions:
                    found.append((index, functions, column))
            self._converters[using] = found
        return self._converters[using]

    def build(self, values: Sequence[Any], *, using: str = "default") -> M | None:
        """The instance for this model's slice of a row; None for the NULL side of an outer join."""
        if values[self.pk_index] is None:
            return None
        row = list(values)
        connection = connections[using]
        for index, functions, column in self._converters_for(using):
            for convert in functions:
                row[index] = convert(row[index], column, connection)
        return self.model.from_db(using, self.attnames, row)

    def build_all(self, rows: Sequence[Sequence[Any]], *, using: str = "default") -> list[M]:
        """The instances of rows that hold only this model's columns (no outer join)."""
        return [instance for row in rows if (instance := self.build(row, using=using)) is not None]


def fetch_rows(sql: str, params: Any, *, using: str = "default") -> list[tuple[Any, ...]]:
    """Run one written-out SELECT (or statement with RETURNING) and return all its rows."""
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def split_row(row: Sequence[Any], *parts: ModelColumns[Any]) -> list[Sequence[Any]]:
    """Cut a result row into one slice per model, in the order their columns were selected."""
    slices = []
    offset = 0
    for part in parts:
        slices.append(row[offset : offset + len(part)])
        offset += len(part)
    return slices


def _quoted(field: Field[Any, Any]) -> str:
    return f'"{field.column}"'


def insert_rows(objs: Sequence[M], *, using: str = "default") -> None:
    """INSERT new instances of one model in one statement and give them their ids: what
    bulk_create does for a handful of rows, without its compile step."""
    if not objs:
        return
    model = type(objs[0])
    connection = connections[using]
    pk = model._meta.pk
    fields = [f for f in model._meta.concrete_fields if f is not pk]
    params = [f.get_db_prep_save(f.pre_save(obj, True), connection) for obj in objs for f in fields]
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    sql = (
        f"INSERT INTO {model._meta.db_table} ({', '.join(_quoted(f) for f in fields)}) "  # noqa: S608
        f"VALUES {', '.join([row] * len(objs))} RETURNING {_quoted(pk)}"
    )
    ids = [returned[0] for returned in fetch_rows(sql, params, using=using)]
    for obj, new_id in zip(objs, ids, strict=True):
        obj.pk = new_id
        obj._state.adding = False
        obj._state.db = using


def update_fields(obj: Model, names: Sequence[str], *, using: str = "default") -> None:
    """save(update_fields=names) written out: one UPDATE by primary key (auto_now fields
    among the names take the current time, as in save())."""
    connection = connections[using]
    fields: list[Field[Any, Any]] = []
    for name in names:
        field = obj._meta.get_field(name)
        if not isinstance(field, Field) or not field.concrete:
            raise ValueError(f"{name} is not a column of {type(obj).__name__}")
        fields.append(field)
    assignments = ", ".join(f"{_quoted(f)} = %s" for f in fields)
    params = [f.get_db_prep_save(f.pre_save(obj, False), connection) for f in fields]
    pk = obj._meta.pk
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {obj._meta.db_table} SET {assignments} WHERE {_quoted(pk)} = %s", [*params, obj.pk])  # noqa: S608
