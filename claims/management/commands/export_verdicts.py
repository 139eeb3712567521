"""python manage.py export_verdicts [--output FILE] [--format csv|jsonl|claimreview] [--bom] [filters]"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.export_formats import FORMATS, export_chunks
from claims.exports import verdict_filters
from claims.models import Claim, FactGroup, Verdict


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"not a date (use YYYY-MM-DD): {text!r}") from exc


class Command(BaseCommand):
    help = "Export verdicts, one row per verdict, streamed (no row cap). Columns: docs/export.md."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", "-o", help="file to write (default: standard output)")
        parser.add_argument("--format", dest="output_format", choices=FORMATS, default="csv")
        parser.add_argument("--bom", action="store_true", help="start the CSV with a UTF-8 BOM (for Excel)")
        parser.add_argument("--since", type=_date, help="verdicts given on or after this day (UTC)")
        parser.add_argument("--until", type=_date, help="verdicts given on or before this day (UTC)")
        parser.add_argument("--outlet", default="", help="outlet domain, e.g. news.example")
        parser.add_argument("--article", type=int, help="article id")
        parser.add_argument("--reviewer", default="", help="reviewer username")
        parser.add_argument("--verdict", default="", choices=["", *Verdict.Choice.values])
        parser.add_argument("--status", default="", choices=["", *Claim.Status.values], help="the claim's status")
        parser.add_argument(
            "--relation", default="", choices=["", *FactGroup.Relation.values], help="the group's suggested relation"
        )
        parser.add_argument(
            "--include-retracted",
            action="store_true",
            help="also verdicts their reviewer took back (retracted_at is filled in)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        chunks = export_chunks(options["output_format"], verdict_filters(options), bom=options["bom"])
        if options["output"]:
            with open(options["output"], "wb") as output:
                for chunk in chunks:
                    output.write(chunk)
        else:
            for chunk in chunks:
                self.stdout.write(chunk.decode(), ending="")
