"""python manage.py ingest PATH... [--url URL] [--json] [--async]"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.inputs import read_inputs
from claims.pipeline.types import InputError
from claims.services.ingestion import IngestResult, article_ingest, pending_input_enqueue
from claims.services.urls import url_ingest


class Command(BaseCommand):
    help = "Ingest articles from files, folders (recursively), '-' for stdin, or --url."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="*", help=".txt/.html/.htm files, folders, or - for stdin")
        parser.add_argument("--url", action="append", default=[], help="fetch an article from a URL (repeatable)")
        parser.add_argument("--json", action="store_true", help="one JSON object per input")
        parser.add_argument(
            "--async",
            dest="run_async",
            action="store_true",
            help="enqueue the work on Celery instead of running it inline",
        )
        parser.add_argument("--force", action="store_true", help="re-extract even when nothing changed")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["paths"] and not options["url"]:
            raise CommandError("give at least one PATH or --url")
        failed = unmatched = 0
        for result in self._results(options):
            failed += result.status == "error"
            unmatched += bool(result.warning)
            if options["json"]:
                self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False))
            elif result.status == "error":
                self.stderr.write(f"{result.input}: error: {result.error}")
            elif result.status == "queued":
                self.stdout.write(f"{result.input}: queued")
            else:
                extra = f" (copy of article {result.copy_of})" if result.copy_of else ""
                self.stdout.write(f"{result.input}: {result.status} article {result.article}{extra}")
                if result.warning:
                    self.stderr.write(f"{result.input}: warning: {result.warning}")
        if failed or unmatched:
            problems = [f"{failed} input(s) failed"] if failed else []
            problems += [f"{unmatched} stored but not matched yet"] if unmatched else []
            raise CommandError("; ".join(problems), returncode=1)

    def _results(self, options: dict[str, Any]) -> Any:
        run_async = options["run_async"]
        for url in options["url"]:
            try:
                yield url_ingest(url=url, run_async=run_async)
            except InputError as exc:
                yield IngestResult(input=url, status="error", error=str(exc))
        for item in read_inputs(options["paths"], max_bytes=settings.FACTCHECK_MAX_ARTICLE_BYTES):
            if item.raw is None:
                yield IngestResult(input=item.label, status="error", error=item.error)
            elif run_async:
                yield pending_input_enqueue(raw=item.raw, name=item.name, label=item.label)
            else:
                yield article_ingest(raw=item.raw, name=item.name, label=item.label, force=options["force"])
