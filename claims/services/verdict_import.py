"""Importing verdicts from a CSV (an export, or a desk's own spreadsheet): all rows are checked
first, and either every row is imported in one transaction or none is.

Columns read: claim_id, verdict, reviewer (required) and note (optional); others are ignored,
except that a row whose retracted_at is filled in (an export made with --include-retracted)
is skipped, so re-importing an export never revives a verdict its reviewer took back.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, TextIO

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from claims.csvsafe import strip_neutraliser
from claims.models import AuditEntry, Claim, Verdict
from claims.services.review import recompute_review

REQUIRED_COLUMNS = ("claim_id", "verdict", "reviewer")
LOOKUP_BATCH = 500


@dataclass(frozen=True)
class ImportRow:
    line: int  # where the row starts in the file (1 is the header)
    claim_id: int
    verdict: str
    reviewer: str
    note: str


@dataclass
class ImportCheck:
    rows: list[ImportRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    skipped_retracted: int = 0


def _cell(row: list[str], index: int | None) -> str | None:
    if index is None:
        return ""
    return strip_neutraliser(row[index]) if index < len(row) else None


def _parse(stream: TextIO, check: ImportCheck) -> None:
    reader = csv.reader(stream)
    try:
        header = [strip_neutraliser(name.strip().lstrip("\ufeff")).lower() for name in next(reader)]
    except StopIteration:
        check.errors.append("line 1: the file is empty (expected a header with claim_id, verdict, reviewer)")
        return
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        check.errors.append(f"line 1: missing column(s) {', '.join(missing)}")
        return
    at = {name: header.index(name) for name in (*REQUIRED_COLUMNS, "note", "retracted_at") if name in header}
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            check.errors.append(f"line {line}: unreadable CSV ({exc})")
            return
        if not any(cell.strip() for cell in row):
            continue
        if (_cell(row, at.get("retracted_at")) or "").strip():
            check.skipped_retracted += 1
            continue
        cells = {name: _cell(row, at.get(name)) for name in (*REQUIRED_COLUMNS, "note")}
        short = [name for name, value in cells.items() if value is None]
        if short:
            check.errors.append(f"line {line}: missing column(s) {', '.join(short)}")
            continue
        claim_id = (cells["claim_id"] or "").strip()
        verdict = (cells["verdict"] or "").strip().lower()
        reviewer = (cells["reviewer"] or "").strip()
        if not claim_id.isdigit():
            check.errors.append(f"line {line}: claim_id {claim_id!r} is not a number")
        elif verdict not in Verdict.Choice.values:
            check.errors.append(f"line {line}: unknown verdict {verdict!r} (use {', '.join(Verdict.Choice.values)})")
        elif not reviewer:
            check.errors.append(f"line {line}: no reviewer")
        else:
            check.rows.append(
                ImportRow(
                    line=line, claim_id=int(claim_id), verdict=verdict, reviewer=reviewer, note=cells["note"] or ""
                )
            )


def _batches(values: Iterable[Any]) -> Iterable[list[Any]]:
    values = sorted(set(values))
    for start in range(0, len(values), LOOKUP_BATCH):
        yield values[start : start + LOOKUP_BATCH]


def verdicts_check(*, stream: TextIO) -> ImportCheck:
    """Read and validate every row (unknown claim, unknown reviewer, bad verdict, missing
    column), with the line number of each problem. Writes nothing."""
    check = ImportCheck()
    _parse(stream, check)
    claims: dict[int, str] = {}
    for ids in _batches(row.claim_id for row in check.rows):
        claims.update(Claim.objects.filter(pk__in=ids).values_list("pk", "status"))
    users: set[str] = set()
    for names in _batches(row.reviewer for row in check.rows):
        users.update(get_user_model().objects.filter(username__in=names).values_list("username", flat=True))
    for row in check.rows:
        if row.claim_id not in claims:
            check.errors.append(f"line {row.line}: unknown claim {row.claim_id}")
        elif claims[row.claim_id] == Claim.Status.WITHDRAWN:
            check.errors.append(f"line {row.line}: claim {row.claim_id} was withdrawn from its article")
        if row.reviewer not in users:
            check.errors.append(f"line {row.line}: unknown reviewer {row.reviewer!r}")
    check.errors.sort(key=lambda message: int(message.split(":", 1)[0].split()[1]))
    return check


@transaction.atomic
def verdicts_import(*, rows: list[ImportRow]) -> int:
    """Insert checked rows as verdicts, all or nothing. Like a verdict given on the page, an
    imported verdict replaces its reviewer's earlier live verdict on the claim; every row gets
    an "imported" audit entry, and each claim's review state is recomputed once at the end."""
    users = {
        user.username: user for user in get_user_model().objects.filter(username__in={row.reviewer for row in rows})
    }
    claims = {
        claim.pk: claim for claim in Claim.objects.select_for_update().filter(pk__in={row.claim_id for row in rows})
    }
    now = timezone.now()
    for row in rows:
        claim, reviewer = claims[row.claim_id], users[row.reviewer]
        earlier = (
            Verdict.objects.filter(claim=claim, reviewer=reviewer, retracted_at__isnull=True, adjudication=False)
            .order_by("-id")
            .first()
        )
        if earlier is not None:
            Verdict.objects.filter(pk=earlier.pk).update(retracted_at=now)
        Verdict.on(claim, reviewer=reviewer, verdict=row.verdict, note=row.note).save()
        AuditEntry.objects.create(
            claim=claim,
            actor=reviewer,
            action="imported",
            old=earlier.verdict if earlier else "",
            new=row.verdict,
            note=row.note,
        )
    for claim in claims.values():
        recompute_review(claim, actor=None, note="import")
    return len(rows)
