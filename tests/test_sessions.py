"""The session store: Django's database sessions, read with one written-out query."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from claims.sessions import SessionStore

pytestmark = pytest.mark.django_db


def test_a_saved_session_loads_back() -> None:
    store = SessionStore()
    store["reviewer"] = 7
    store.save()
    again = SessionStore(session_key=store.session_key)
    assert again["reviewer"] == 7
    assert again.session_key == store.session_key


def test_an_expired_session_loads_empty_and_gets_a_new_key_when_saved() -> None:
    store = SessionStore()
    store["reviewer"] = 7
    store.save()
    Session.objects.filter(session_key=store.session_key).update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    again = SessionStore(session_key=store.session_key)
    assert "reviewer" not in again
    assert again.session_key is None
    again["x"] = 1
    again.save()
    assert again.session_key and again.session_key != store.session_key


def test_an_unknown_or_malformed_key_loads_empty() -> None:
    assert dict(SessionStore(session_key="no-such-session-key-0123456789").items()) == {}
    assert dict(SessionStore(session_key="short").items()) == {}
