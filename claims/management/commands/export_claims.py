"""python manage.py export_claims --jsonl"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from claims.models import Claim
from claims.serializers import stored_claim_json


class Command(BaseCommand):
    help = "Print every stored claim with its group and suggested relation, one JSON object per line."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--jsonl", action="store_true", help="JSON lines (the only format)")
        parser.add_argument("--include-withdrawn", action="store_true", help="also claims no longer in their article")

    def handle(self, *args: Any, **options: Any) -> None:
        claims = (
            Claim.objects.select_related("article", "article__copy_of", "group")
            .defer("article__raw", "article__text", "article__copy_of__raw", "article__copy_of__text")
            .order_by("article_id", "start", "id")
        )
        if not options["include_withdrawn"]:
            claims = claims.exclude(status=Claim.Status.WITHDRAWN)
        for claim in claims.iterator(chunk_size=2000):
            self.stdout.write(json.dumps(stored_claim_json(claim), ensure_ascii=False))
