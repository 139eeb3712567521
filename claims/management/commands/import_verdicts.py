"""python manage.py import_verdicts FILE.csv [--dry-run]"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.services.verdict_import import verdicts_check, verdicts_import


class Command(BaseCommand):
    help = (
        "Import verdicts from a CSV with claim_id, verdict, reviewer and optional note columns "
        "(an export_verdicts file works as is). Every row is checked first; any error imports nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="the CSV file (UTF-8, with or without a BOM)")
        parser.add_argument("--dry-run", action="store_true", help="check the file and report, import nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            with open(options["path"], encoding="utf-8-sig", newline="") as stream:
                check = verdicts_check(stream=stream)
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"cannot read {options['path']}: {exc}") from exc
        for error in check.errors:
            self.stderr.write(error)
        if check.errors:
            raise CommandError(f"{len(check.errors)} error(s); nothing imported", returncode=1)
        skipped = f" ({check.skipped_retracted} retracted row(s) skipped)" if check.skipped_retracted else ""
        if options["dry_run"]:
            self.stdout.write(f"{len(check.rows)} verdict(s) would be imported{skipped}; dry run, nothing written")
            return
        imported = verdicts_import(rows=check.rows)
        self.stdout.write(f"{imported} verdict(s) imported{skipped}")
