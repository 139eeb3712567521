"""/healthz answers without the database; /readyz checks the database and the broker, briefly."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client

from tests.conftest import require


def test_healthz_answers_ok_to_anonymous_without_touching_the_database() -> None:
    # No django_db mark: any query here would raise "Database access not allowed".
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")


def test_healthz_refuses_writes() -> None:
    assert Client().post("/healthz").status_code == 405


@pytest.mark.django_db(transaction=True)
def test_readyz_is_ready_when_the_database_and_broker_answer() -> None:
    response = Client().get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["ready"] is True and body["database"] == "ok" and body["broker"] in ("ok", "in-process")
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db(transaction=True)
def test_readyz_names_an_unreachable_broker_with_503(unreachable_broker: Any) -> None:
    started = time.monotonic()
    response = Client().get("/readyz")
    assert time.monotonic() - started < 10
    assert response.status_code == 503
    body = response.json()
    assert body["ready"] is False and body["database"] == "ok" and body["broker"].startswith("error: ")


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A TCP server that accepts connections and never says a word: a stalled database."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    listener.close()


@pytest.mark.django_db(transaction=True)
def test_readyz_gives_up_on_a_database_that_never_answers(silent_server: int, settings: Any) -> None:
    from django.db import connection

    require(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL): a server address to point at")
    original = dict(connection.settings_dict)
    settings.FACTCHECK_READY_TIMEOUT = 1
    try:
        connection.close()
        connection.settings_dict.update({"HOST": "127.0.0.1", "PORT": str(silent_server)})
        started = time.monotonic()
        response = Client().get("/readyz")
        elapsed = time.monotonic() - started
    finally:
        connection.settings_dict.clear()
        connection.settings_dict.update(original)
    assert response.status_code == 503 and elapsed < 5
    assert response.json()["database"].startswith("error: ")
