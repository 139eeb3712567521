"""Verdict exports as byte streams: CSV, JSON Lines, and schema.org ClaimReview JSON-LD.

Every format is a generator of byte chunks built from the streaming reads in claims.exports,
so the command and the download page never hold the export in memory.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from itertools import groupby, islice
from typing import Any

from django.conf import settings

from claims.csvsafe import CsvWriter, format_timestamp
from claims.exports import CHUNK_ROWS, COLUMNS, VerdictFilters, copy_supported, verdict_csv_copy, verdict_rows

BOM = "\ufeff".encode()
FORMATS = ("csv", "jsonl", "claimreview")
DEFAULT_PUBLISHER = "Fact-check desk"


@dataclass(frozen=True)
class FormatInfo:
    content_type: str
    extension: str


FORMAT_INFO = {
    "csv": FormatInfo("text/csv; charset=utf-8", "csv"),
    "jsonl": FormatInfo("application/x-ndjson; charset=utf-8", "jsonl"),
    "claimreview": FormatInfo("application/ld+json; charset=utf-8", "jsonld"),
}


def _chunks(rows: Iterator[tuple[Any, ...]]) -> Iterator[list[tuple[Any, ...]]]:
    while chunk := list(islice(rows, CHUNK_ROWS)):
        yield chunk


def csv_python_chunks(filters: VerdictFilters) -> Iterator[bytes]:
    """CSV made in Python (any database): header, then one CRLF line per verdict."""
    writer = CsvWriter()
    yield writer.line(COLUMNS).encode()
    for chunk in _chunks(verdict_rows(filters)):
        yield writer.lines(chunk).encode()


def csv_copy_chunks(filters: VerdictFilters) -> Iterator[bytes]:
    """The same CSV made by PostgreSQL's COPY."""
    return verdict_csv_copy(filters)


def csv_chunks(filters: VerdictFilters, *, bom: bool = False, use_copy: bool | None = None) -> Iterator[bytes]:
    """The CSV export: COPY on PostgreSQL (fastest), Python elsewhere; same bytes either way."""
    if bom:
        yield BOM
    if use_copy is None:
        use_copy = copy_supported()
    yield from (csv_copy_chunks(filters) if use_copy else csv_python_chunks(filters))


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return format_timestamp(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def jsonl_chunks(filters: VerdictFilters) -> Iterator[bytes]:
    """One JSON object per verdict, with the CSV's fields (no spreadsheet neutralising)."""
    for chunk in _chunks(verdict_rows(filters)):
        lines = (
            json.dumps(dict(zip(COLUMNS, map(_json_value, row), strict=True)), ensure_ascii=False) for row in chunk
        )
        yield ("\n".join(lines) + "\n").encode()


def _dropping_empty(mapping: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in mapping.items() if value not in (None, "")}


def claim_review(row: dict[str, Any], *, publisher: str) -> dict[str, Any]:
    """schema.org ClaimReview for one claim and its deciding verdict."""
    appearance = _dropping_empty(
        {
            "@type": "NewsArticle",
            "url": row["url"],
            "headline": row["article_title"],
            "datePublished": _json_value(row["published"]),
            "publisher": {"@type": "Organization", "name": row["outlet"]} if row["outlet"] else None,
        }
    )
    return _dropping_empty(
        {
            "@type": "ClaimReview",
            "identifier": f"claim-{row['claim_id']}",
            "claimReviewed": row["sentence"],
            "datePublished": row["decided_at"].date().isoformat(),
            "author": {"@type": "Organization", "name": publisher},
            "reviewRating": {"@type": "Rating", "alternateName": row["verdict"]},
            "reviewBody": row["note"],
            "itemReviewed": {"@type": "Claim", "text": row["claim_text"], "appearance": appearance},
        }
    )


def claimreview_chunks(filters: VerdictFilters) -> Iterator[bytes]:
    """A JSON-LD document whose @graph holds one ClaimReview per claim with a live verdict.
    The deciding verdict is the latest adjudication, else the latest verdict."""
    publisher = getattr(settings, "FACTCHECK_PUBLISHER", "") or DEFAULT_PUBLISHER
    live = replace(filters, include_retracted=False)
    rows = verdict_rows(live, order_by=("claim_id", "-adjudication", "-created_at", "-id"))
    yield b'{"@context": "https://schema.org", "@graph": ['
    separator = b"\n"
    for _claim_id, verdicts in groupby(rows, key=lambda row: row[0]):
        deciding = dict(zip(COLUMNS, next(verdicts), strict=True))
        yield separator + json.dumps(claim_review(deciding, publisher=publisher), ensure_ascii=False).encode()
        separator = b",\n"
    yield b"\n]}\n"


def export_chunks(output_format: str, filters: VerdictFilters, *, bom: bool = False) -> Iterator[bytes]:
    """The export in the given format (csv, jsonl or claimreview); bom applies to CSV only."""
    if output_format == "csv":
        return csv_chunks(filters, bom=bom)
    if output_format == "jsonl":
        return jsonl_chunks(filters)
    if output_format == "claimreview":
        return claimreview_chunks(filters)
    raise ValueError(f"unknown export format {output_format!r}; use one of {', '.join(FORMATS)}")
