"""python manage.py demo: load the seed articles and create demo logins with random passwords.

The only place the product creates passwords itself; they are printed once, never stored in code.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandParser

from claims.inputs import read_inputs
from claims.roles import ADMIN, REVIEWER
from claims.services.ingestion import article_ingest


class Command(BaseCommand):
    help = "Ingest seeds/ and create an admin and a reviewer login with fresh random passwords."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seeds", default=str(Path(settings.BASE_DIR) / "seeds"))

    def handle(self, *args: Any, **options: Any) -> None:
        for item in read_inputs([options["seeds"]], max_bytes=settings.FACTCHECK_MAX_ARTICLE_BYTES):
            if item.raw is None:
                self.stderr.write(f"{item.label}: {item.error}")
                continue
            result = article_ingest(raw=item.raw, name=item.name, label=item.label)
            self.stdout.write(f"  {item.name}: {result.status}{' — ' + result.error if result.error else ''}")
        self.stdout.write("")
        for username, role in (("admin", ADMIN), ("reviewer", REVIEWER)):
            password = secrets.token_urlsafe(12)
            user, _ = get_user_model().objects.get_or_create(username=username)
            user.set_password(password)
            user.is_staff = role == ADMIN
            user.save()
            user.groups.add(Group.objects.get_or_create(name=role)[0])
            self.stdout.write(self.style.SUCCESS(f"Log in as {username!r} ({role}) with password: {password}"))
