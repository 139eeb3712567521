"""python manage.py export_facts [--format csv|jsonl|gold] [--output FILE] [--corrected]"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from claims.fact_exports import FORMATS, csv_chunks, gold_document, jsonl_chunks


class Command(BaseCommand):
    help = (
        "Export facts: one row per fact with its members, relation and whether a person set it (csv, jsonl), "
        "or the desk's corrected groups as a gold file for ../shared/eval/score.py (gold)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", dest="output_format", choices=FORMATS, default="csv")
        parser.add_argument("--output", "-o", help="file to write (default: standard output)")
        parser.add_argument(
            "--corrected",
            action="store_true",
            help="only facts a reviewer corrected (relation set, claims split, moved or joined)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        corrected = options["corrected"]
        fmt = options["output_format"]
        if fmt == "gold":
            document, warnings = gold_document(corrected_only=corrected)
            for warning in warnings:
                self.stderr.write(warning)
            chunks: Iterable[str] = [json.dumps(document, ensure_ascii=False, indent=1) + "\n"]
        elif fmt == "jsonl":
            chunks = jsonl_chunks(corrected_only=corrected)
        else:
            chunks = csv_chunks(corrected_only=corrected)
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8", newline="") as output:
                for chunk in chunks:
                    output.write(chunk)
        else:
            for chunk in chunks:
                self.stdout.write(chunk, ending="")
