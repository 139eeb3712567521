"""Sessions: Django's cached_db store on the configured cache, so a signed-in request reads its
session from the cache, and signing out ends it everywhere."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.conf import settings
from django.contrib.sessions.backends.cached_db import SessionStore
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

pytestmark = pytest.mark.django_db

SESSIONS_TABLE = Session._meta.db_table


def test_the_session_engine_is_djangos_cached_db() -> None:
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.cached_db"


def test_a_saved_session_loads_back_from_the_cache_without_a_query() -> None:
    store = SessionStore()
    store["reviewer"] = 7
    store.save()
    with CaptureQueriesContext(connection) as queries:
        again = SessionStore(session_key=store.session_key)
        assert again["reviewer"] == 7
    assert again.session_key == store.session_key
    assert not queries


def test_a_session_missing_from_the_cache_is_read_from_the_database() -> None:
    store = SessionStore()
    store["reviewer"] = 7
    store.save()
    cache.clear()
    again = SessionStore(session_key=store.session_key)
    assert again["reviewer"] == 7
    assert Session.objects.filter(session_key=store.session_key).exists()


def test_an_expired_session_loads_empty_and_gets_a_new_key_when_saved() -> None:
    store = SessionStore()
    store["reviewer"] = 7
    store.save()
    Session.objects.filter(session_key=store.session_key).update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    cache.clear()
    again = SessionStore(session_key=store.session_key)
    assert "reviewer" not in again
    again["x"] = 1
    again.save()
    assert again.session_key and again.session_key != store.session_key


def test_an_unknown_or_malformed_key_loads_empty() -> None:
    assert dict(SessionStore(session_key="no-such-session-key-0123456789").items()) == {}
    assert dict(SessionStore(session_key="short").items()) == {}


def test_a_signed_in_request_reads_its_session_without_a_query(reviewer: Any) -> None:
    client = Client()
    assert client.post("/accounts/login/", {"username": "rita", "password": "pw-rita-test"}).status_code == 302
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/queue/").status_code == 200
    assert not [q for q in queries if SESSIONS_TABLE in q["sql"]]


def test_signing_out_ends_the_session_in_the_cache_and_the_database(reviewer: Any) -> None:
    client = Client()
    client.post("/accounts/login/", {"username": "rita", "password": "pw-rita-test"})
    key = client.session.session_key
    assert key is not None
    assert client.get("/queue/").status_code == 200
    assert client.post("/accounts/logout/").status_code == 302
    assert not Session.objects.filter(session_key=key).exists()
    stolen = Client()
    stolen.cookies[settings.SESSION_COOKIE_NAME] = key
    assert stolen.get("/queue/").status_code == 302  # to the login page


def test_on_redis_a_session_is_read_from_redis_and_signing_out_removes_it(reviewer: Any, settings: Any) -> None:
    import os

    from django.core.cache import caches

    from factcheck.envconfig import cache_from_url
    from tests.conftest import require
    from tests.integration.test_worker_crash import _redis_ok

    broker = os.environ.get("CELERY_BROKER_URL", "")
    require(broker.startswith("redis") and _redis_ok(broker), "needs Redis in CELERY_BROKER_URL")
    settings.CACHES = {"default": cache_from_url(broker, timeout=2)}
    assert type(caches["default"]).__name__ == "RedisCache"
    client = Client()
    client.post("/accounts/login/", {"username": "rita", "password": "pw-rita-test"})
    key = client.session.session_key
    cached = SessionStore.cache_key_prefix + key
    assert caches["default"].get(cached) is not None
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/queue/").status_code == 200
    assert not [q for q in queries if SESSIONS_TABLE in q["sql"]]
    client.post("/accounts/logout/")
    assert caches["default"].get(cached) is None
