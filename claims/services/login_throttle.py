"""Slow down password guessing: too many recent failures for one account or one address
refuse further attempts for a while, whether or not the password is right.

An attempt is recorded as a failure *before* its password is checked and counted with the
others: however many arrive at once, at most MAX_PER_ACCOUNT of them see a count within the
limit (the last of them to count sees every earlier one's row), so parallel guesses cannot
slip past the check. A successful login clears the account's failures, its own row included.
Accounts are counted by the username as the login form reads it: stripped, NFKC-normalised and
(as a key) lower-cased, so " rev11", "rev11\\n" and a full-width spelling share one count.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

from django.conf import settings
from django.utils import timezone

from claims.models import LoginFailure

WINDOW = dt.timedelta(seconds=getattr(settings, "FACTCHECK_LOGIN_WINDOW_SECONDS", 900))
MAX_PER_ACCOUNT = getattr(settings, "FACTCHECK_LOGIN_MAX_PER_ACCOUNT", 5)
MAX_PER_ADDRESS = getattr(settings, "FACTCHECK_LOGIN_MAX_PER_ADDRESS", 20)


def username_key(username: str) -> str:
    """The account a login attempt is for, as the login itself reads the name (CharField strips,
    UsernameField NFKC-normalises), lower-cased and cut to the column."""
    return unicodedata.normalize("NFKC", username.strip()).lower()[:150]


def login_attempt_begin(*, username: str, address: str) -> bool:
    """Record an attempt (as a failure until it succeeds); False when it is over a limit and
    must be refused without checking the password (its row is then removed again)."""
    key = username_key(username)
    attempt = LoginFailure.objects.create(username=key, address=address[:45])
    recent = LoginFailure.objects.filter(created_at__gte=timezone.now() - WINDOW)
    blocked = (bool(key) and recent.filter(username=key).count() > MAX_PER_ACCOUNT) or (
        bool(address) and recent.filter(address=address[:45]).count() > MAX_PER_ADDRESS
    )
    if blocked:
        attempt.delete()
        return False
    LoginFailure.objects.filter(created_at__lt=timezone.now() - 4 * WINDOW).delete()
    return True


def login_success_record(*, username: str) -> None:
    LoginFailure.objects.filter(username=username_key(username)).delete()
