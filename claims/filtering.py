"""Filters written once: a table of rules, each with its ORM condition and its SQL condition,
that every rendering iterates. A filters dataclass (the queue's, the export's) names its fields
after the rules; an empty field does not filter."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q


def _same(value: Any) -> Any:
    return value


@dataclass(frozen=True)
class Filter:
    """One filter. `name` is the field of the filters dataclass it reads; `orm` gives the ORM
    condition for a value; `sql` the SQL condition (a string, or a function of the value), in
    which the value is the parameter %(name)s, passed as `param(value)`; None where only the
    ORM renders it. `applies` says whether a value filters at all."""

    name: str
    orm: Callable[[Any], Q]
    sql: str | Callable[[Any], str] | None = None
    param: Callable[[Any], Any] = _same
    applies: Callable[[Any], bool] = bool


def lookup(path: str) -> Callable[[Any], Q]:
    """The ORM condition `path = value`."""
    return lambda value: Q(**{path: value})


def _active(rules: Iterable[Filter], filters: object) -> Iterable[tuple[Filter, Any]]:
    for rule in rules:
        value = getattr(filters, rule.name)
        if rule.applies(value):
            yield rule, value


def orm_condition(rules: Iterable[Filter], filters: object) -> Q:
    """The filters as one ORM condition (every rule here reads a single-valued relation, so one
    filter() with the conjunction picks what chained filter() calls would)."""
    condition = Q()
    for rule, value in _active(rules, filters):
        condition &= rule.orm(value)
    return condition


def sql_conditions(rules: Iterable[Filter], filters: object) -> tuple[list[str], dict[str, Any]]:
    """The filters as SQL conditions, with their named parameters. Values are always parameters."""
    conditions: list[str] = []
    params: dict[str, Any] = {}
    for rule, value in _active(rules, filters):
        if rule.sql is None:
            raise ValueError(f"the filter {rule.name!r} has no SQL rendering")
        condition = rule.sql if isinstance(rule.sql, str) else rule.sql(value)
        conditions.append(condition)
        if f"%({rule.name})s" in condition:
            params[rule.name] = rule.param(value)
    return conditions, params
