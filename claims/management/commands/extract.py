"""python manage.py extract FILE... --jsonl: claims of files, cleaned exactly as ingest does; no database."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.inputs import read_inputs
from claims.pipeline.extract.extraction import extract_claims
from claims.pipeline.types import InputError
from claims.serializers import extracted_claim_json
from claims.services.ingestion import clean


class Command(BaseCommand):
    help = "Print the claims of article files as JSON lines (touches no database)."
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", help="files or folders")
        parser.add_argument("--jsonl", action="store_true", help="one JSON object per claim (the default)")

    def handle(self, *args: Any, **options: Any) -> None:
        failed = 0
        for item in read_inputs(options["paths"], max_bytes=settings.FACTCHECK_MAX_ARTICLE_BYTES):
            if item.raw is None:
                failed += 1
                self.stderr.write(f"{item.label}: error: {item.error}")
                continue
            try:
                doc = clean(raw=item.raw, name=item.name)
            except InputError as exc:
                failed += 1
                self.stderr.write(f"{item.label}: error: {exc}")
                continue
            article = Path(item.label).name if item.label != "-" else "-"
            for claim in extract_claims(doc.text, published=doc.published):
                self.stdout.write(json.dumps(extracted_claim_json(claim, article=article), ensure_ascii=False))
        if failed:
            raise CommandError(f"{failed} input(s) failed", returncode=1)
