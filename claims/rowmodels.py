"""Model instances from hand-written SQL, for the few reads on the queue's hot path.

The ORM spends far longer compiling a select_related query (about 1.2 ms of CPU for the
queue's claim-and-sources read) than the database spends running it (about 0.25 ms). A
`ModelColumns` names one model's columns under a table alias, taken from the model's own
field list, so a field added later is read without touching the SQL, and turns its slice of
a result row back into a model instance with the same value converters the ORM applies.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from django.db import connections
from django.db.models import Model

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


def split_row(row: Sequence[Any], *parts: ModelColumns[Any]) -> list[Sequence[Any]]:
    """Cut a result row into one slice per model, in the order their columns were selected."""
    slices = []
    offset = 0
    for part in parts:
        slices.append(row[offset : offset + len(part)])
        offset += len(part)
    return slices
