"""Shared fixtures: users in each role, the seed files, and service requirements.

Tests that need a real service (PostgreSQL, Redis with a Celery worker, chromium) skip when
it is missing on a developer's machine; with FACTCHECK_REQUIRE_SERVICES=1 (set by .ci/run)
they fail instead, so CI can never pass by skipping them.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED_EVAL = ROOT.parent / "shared" / "eval"


def require(condition: bool, reason: str) -> None:
    """Skip (or, in CI, fail) when a real service the test needs is missing."""
    if condition:
        return
    if os.environ.get("FACTCHECK_REQUIRE_SERVICES") == "1":
        pytest.fail(f"required service missing: {reason}")
    pytest.skip(reason)


@pytest.fixture
def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


def _user(django_user_model: Any, username: str, role: str | None) -> Any:
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(username=username, password="pw-" + username + "-test")
    if role:
        user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


@pytest.fixture
def reviewer(db: Any, django_user_model: Any) -> Any:
    return _user(django_user_model, "rita", "Reviewer")


@pytest.fixture
def reviewer2(db: Any, django_user_model: Any) -> Any:
    return _user(django_user_model, "rob", "Reviewer")


@pytest.fixture
def admin_user(db: Any, django_user_model: Any) -> Any:
    return _user(django_user_model, "ada", "Admin")


@pytest.fixture
def no_role_user(db: Any, django_user_model: Any) -> Any:
    return _user(django_user_model, "nora", None)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    """Tests create many users; the production hasher is slow on purpose."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def loopback_fetch(settings: Any) -> None:
    """The test setting that lets the fetcher reach local test servers on loopback (never production)."""
    settings.FACTCHECK_FETCH_ALLOW_LOOPBACK = True


@pytest.fixture
def feed_server() -> Any:
    """A local outlet on 127.0.0.1 (tests/feedserver.py), stopped after the test."""
    from tests.feedserver import FeedServer

    server = FeedServer()
    server.start()
    yield server
    server.stop()


UNREACHABLE_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1: every send is refused


def _forget_broker_connections(app: Any) -> None:
    app._pool = None
    if "amqp" in app.__dict__:
        app.__dict__["amqp"]._producer_pool = None


@pytest.fixture
def unreachable_broker(monkeypatch: Any) -> Any:
    """Celery configured with a broker that refuses every connection (a Redis outage)."""
    from factcheck.celery import app

    _forget_broker_connections(app)
    monkeypatch.setitem(app.conf, "task_always_eager", False)
    monkeypatch.setitem(app.conf, "broker_url", UNREACHABLE_BROKER_URL)
    monkeypatch.setenv("CELERY_BROKER_URL", UNREACHABLE_BROKER_URL)  # Celery reads the variable first
    yield app
    _forget_broker_connections(app)
