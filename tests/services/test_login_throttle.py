"""Password guessing slowed down per account and per address (claims/services/login_throttle.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from claims.models import LoginFailure
from claims.services import login_throttle
from claims.services.login_throttle import login_attempt_begin, login_success_record, username_key

pytestmark = pytest.mark.django_db


def test_a_username_key_is_stripped_normalised_and_lower_cased() -> None:
    assert username_key(" Rev11\n") == "rev11"
    assert username_key("\uff32\uff45\uff56\uff11\uff11") == "rev11"  # full-width letters and digits
    assert len(username_key("x" * 400)) == 150


def test_attempts_within_the_account_limit_are_allowed_and_each_is_recorded() -> None:
    results = [login_attempt_begin(username="rita", address="10.0.0.1") for _ in range(login_throttle.MAX_PER_ACCOUNT)]

    assert results == [True] * login_throttle.MAX_PER_ACCOUNT
    assert LoginFailure.objects.filter(username="rita").count() == login_throttle.MAX_PER_ACCOUNT


def test_one_attempt_over_the_account_limit_is_refused_and_leaves_no_row(monkeypatch: Any) -> None:
    monkeypatch.setattr(login_throttle, "MAX_PER_ACCOUNT", 2)
    assert login_attempt_begin(username="Rita", address="10.0.0.1")
    assert login_attempt_begin(username=" rita", address="10.0.0.2")

    assert not login_attempt_begin(username="RITA", address="10.0.0.3")
    assert LoginFailure.objects.filter(username="rita").count() == 2


def test_one_address_guessing_many_accounts_is_refused_over_its_own_limit(monkeypatch: Any) -> None:
    monkeypatch.setattr(login_throttle, "MAX_PER_ADDRESS", 3)
    allowed = [login_attempt_begin(username=f"user{n}", address="192.0.2.9") for n in range(4)]

    assert allowed == [True, True, True, False]
    assert login_attempt_begin(username="user9", address="192.0.2.10")


def test_failures_older_than_the_window_no_longer_count(monkeypatch: Any) -> None:
    monkeypatch.setattr(login_throttle, "MAX_PER_ACCOUNT", 1)
    assert login_attempt_begin(username="ada", address="10.0.0.1")
    LoginFailure.objects.update(created_at=timezone.now() - login_throttle.WINDOW - dt.timedelta(seconds=1))

    assert login_attempt_begin(username="ada", address="10.0.0.1")


def test_failures_much_older_than_the_window_are_deleted_by_a_later_attempt() -> None:
    LoginFailure.objects.create(username="old", address="10.0.0.5")
    LoginFailure.objects.update(created_at=timezone.now() - 5 * login_throttle.WINDOW)

    assert login_attempt_begin(username="new", address="10.0.0.6")
    assert list(LoginFailure.objects.values_list("username", flat=True)) == ["new"]


def test_a_successful_login_clears_the_accounts_failures_only() -> None:
    login_attempt_begin(username="rita", address="10.0.0.1")
    login_attempt_begin(username="ada", address="10.0.0.1")

    login_success_record(username=" RITA ")

    assert list(LoginFailure.objects.values_list("username", flat=True)) == ["ada"]
