"""Spreadsheet-safe CSV cells and RFC 4180 lines.

A spreadsheet treats a cell starting with ``=`` ``+`` ``-`` ``@`` (and, in some programs,
tab or carriage return) as a formula, so exported text could run commands or leak data
when a desk opens the file (OWASP "CSV injection", ASVS 1.2.10). Such text cells get a
leading apostrophe, which spreadsheets hide and treat as "this is text".

The choice, by type: every ``str`` cell is neutralised, whatever it looks like; numbers
(``int``/``float``) are written as numbers and never touched, so a value of -3.5 stays a
number a spreadsheet can sum. Columns that hold figures must therefore be given as numbers.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
NEUTRALISER = "'"
LINE_END = "\r\n"


def neutralise(text: str) -> str:
    """The text with a leading apostrophe when a spreadsheet would read it as a formula."""
    if text and text[0] in FORMULA_TRIGGERS:
        return NEUTRALISER + text
    return text


def strip_neutraliser(text: str) -> str:
    """Undo `neutralise`: drop the apostrophe only where `neutralise` would have added it."""
    if len(text) >= 2 and text[0] == NEUTRALISER and text[1] in FORMULA_TRIGGERS:
        return text[1:]
    return text


def format_number(number: float) -> str:
    """A float as PostgreSQL prints float8: shortest round-trip digits, no ``.0`` on whole
    numbers, exponent form from 1e15 up, so the Python and COPY exports agree byte for byte."""
    text = repr(float(number))
    if "e" in text or "n" in text:  # already exponent form, or inf/nan
        return text
    if abs(number) < 1e15:
        return text[:-2] if text.endswith(".0") else text
    sign, digits, exponent = Decimal(text).normalize().as_tuple()
    assert isinstance(exponent, int)
    shown = "".join(map(str, digits))
    mantissa = shown[0] + ("." + shown[1:] if len(shown) > 1 else "")
    return f"{'-' if sign else ''}{mantissa}e+{len(shown) - 1 + exponent:02d}"


def format_timestamp(moment: dt.datetime) -> str:
    """UTC, whole seconds, ISO 8601 with a Z."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def cell(value: object) -> str | int:
    """One cell's text: text neutralised, numbers as numbers, dates ISO, None empty."""
    if value is None:
        return ""
    if isinstance(value, str):
        return neutralise(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return format_number(value)
    if isinstance(value, dt.datetime):
        return format_timestamp(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return neutralise(str(value))


class CsvWriter:
    """Writes rows as RFC 4180 text (minimal quoting, CRLF), reusing one buffer."""

    def __init__(self) -> None:
        self._buffer = io.StringIO()
        self._writer = csv.writer(self._buffer, quoting=csv.QUOTE_MINIMAL, lineterminator=LINE_END)

    def lines(self, rows: Iterable[Sequence[object]]) -> str:
        """Several rows as one string (cheaper than one call per row)."""
        self._writer.writerows([cell(value) for value in row] for row in rows)
        text = self._buffer.getvalue()
        self._buffer.seek(0)
        self._buffer.truncate()
        return text

    def line(self, row: Sequence[object]) -> str:
        return self.lines([row])


def csv_line(row: Sequence[object]) -> str:
    """One row as an RFC 4180 line ending in CRLF, cells made safe by `cell`."""
    return CsvWriter().line(row)
