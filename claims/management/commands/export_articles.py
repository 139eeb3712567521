"""python manage.py export_articles --jsonl"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from claims.models import Article
from claims.serializers import article_json


class Command(BaseCommand):
    help = "Print every article as one JSON object per line."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--jsonl", action="store_true", help="JSON lines (the only format)")

    def handle(self, *args: Any, **options: Any) -> None:
        articles = Article.objects.select_related("outlet").defer("raw").order_by("id")
        for article in articles.iterator(chunk_size=500):
            self.stdout.write(json.dumps(article_json(article), ensure_ascii=False))
