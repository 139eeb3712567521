"""Slow down password guessing: too many recent failures for one account or one address
refuse further attempts for a while, whether or not the password is right."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone

from claims.models import LoginFailure

WINDOW = dt.timedelta(seconds=getattr(settings, "FACTCHECK_LOGIN_WINDOW_SECONDS", 900))
MAX_PER_ACCOUNT = getattr(settings, "FACTCHECK_LOGIN_MAX_PER_ACCOUNT", 5)
MAX_PER_ADDRESS = getattr(settings, "FACTCHECK_LOGIN_MAX_PER_ADDRESS", 20)


def login_blocked(*, username: str, address: str) -> bool:
    since = timezone.now() - WINDOW
    recent = LoginFailure.objects.filter(created_at__gte=since)
    if username and recent.filter(username=username.lower()).count() >= MAX_PER_ACCOUNT:
        return True
    return bool(address) and recent.filter(address=address).count() >= MAX_PER_ADDRESS


def login_failure_record(*, username: str, address: str) -> None:
    LoginFailure.objects.create(username=username.lower()[:150], address=address[:45])
    LoginFailure.objects.filter(created_at__lt=timezone.now() - 4 * WINDOW).delete()


def login_success_record(*, username: str) -> None:
    LoginFailure.objects.filter(username=username.lower()).delete()
