"""A liveness probe for load balancers and the queue benchmark's baseline: no database, no session."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """'ok' whenever the app process answers; anonymous, so probes need no account."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")
