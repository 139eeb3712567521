"""Probes for load balancers and orchestrators, both anonymous.

/healthz (liveness, also the queue benchmark's baseline): the process answers; it touches no
database, session or broker, so it answers at once even when the database is stalled.
/readyz (readiness): the database and the broker each answer within FACTCHECK_READY_TIMEOUT.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """'ok' whenever the app process answers; anonymous, so probes need no account."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


@never_cache
@require_GET
def readyz(request: HttpRequest) -> HttpResponse:
    """200 when the database and the broker answer in time, else 503; says which one failed."""
    timeout = settings.FACTCHECK_READY_TIMEOUT
    checks = {"database": _within(timeout, _database_answers), "broker": _within(timeout, _broker_answers)}
    ready = all(state in ("ok", "in-process") for state in checks.values())
    return JsonResponse({"ready": ready, **checks}, status=200 if ready else 503)


def _within(timeout: float, check: Callable[[float], str]) -> str:
    """Run a check in its own thread and give up waiting after `timeout` seconds: a stalled
    service must not hold the probe (the thread ends on its own connect or statement timeout)."""
    outcome: list[str] = []

    def run() -> None:
        try:
            outcome.append(check(timeout))
        except Exception as error:
            outcome.append(f"error: {type(error).__name__}: {error}"[:300])

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(timeout)
    return outcome[0] if outcome else f"error: no answer within {timeout:g} s"


def _database_answers(timeout: float) -> str:
    """SELECT 1 on a connection of this thread's own, closed afterwards."""
    try:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SELECT set_config('statement_timeout', %s, false)", [str(round(timeout * 1000))])
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return "ok"
    finally:
        connection.close()


def _broker_answers(timeout: float) -> str:
    from factcheck.celery import app

    if app.conf.task_always_eager:
        return "in-process"
    with app.connection_for_write() as broker:
        broker.ensure_connection(max_retries=1, interval_start=0, timeout=max(1, round(timeout)))
    return "ok"
