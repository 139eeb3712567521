"""The production profile passes Django's deployment checks with no warnings."""

import os
import secrets
import subprocess
import sys
from typing import Any

from tests.conftest import ROOT


def run_check(env_overrides: dict[str, str]) -> subprocess.CompletedProcess[str]:
    dropped = {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}  # the last is set by browser tests
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_profile_passes_check_deploy_without_warnings() -> None:
    result = run_check(
        {
            "DJANGO_ENV": "production",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "desk.example.org",
        }
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key() -> None:
    result = run_check({"DJANGO_ENV": "production", "ALLOWED_HOSTS": "desk.example.org", "SECRET_KEY": ""})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_the_development_default_is_flagged_by_check_deploy() -> None:
    result = run_check({"DJANGO_ENV": ""})
    assert result.returncode != 0  # DEBUG on, no HTTPS settings: the checks must say so


def test_production_refuses_to_start_with_loopback_fetching_allowed() -> None:
    result = run_check(
        {
            "DJANGO_ENV": "production",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "desk.example.org",
            "FACTCHECK_FETCH_ALLOW_LOOPBACK": "1",
        }
    )
    assert result.returncode != 0
    assert "FACTCHECK_FETCH_ALLOW_LOOPBACK" in result.stderr


def test_loopback_fetching_is_off_unless_a_test_turns_it_on() -> None:
    from django.conf import settings

    assert settings.FACTCHECK_FETCH_ALLOW_LOOPBACK is False


def test_a_host_header_not_allowed_answers_400_not_500(settings: Any, db: Any) -> None:
    from django.test import Client

    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["desk.example.org"]
    client = Client(raise_request_exception=True)
    response = client.get("/queue/", HTTP_HOST="evil.example", secure=True)
    assert response.status_code == 400
    assert "Bad request" in response.content.decode()
