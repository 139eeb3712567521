from functools import partial
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

from claims.roles import can_export, is_admin, is_reviewer


def roles(request: HttpRequest) -> dict[str, Any]:
    """Role flags for the navigation. Templates call them only when they use them, so an htmx
    fragment that shows no navigation costs no group or permission query."""
    # An error page for a request refused before the auth middleware ran (a Host header not in
    # ALLOWED_HOSTS is refused by the first middleware) has no request.user: show it signed out.
    user = getattr(request, "user", None) or AnonymousUser()
    return {
        "user_is_admin": partial(is_admin, user),
        "user_is_reviewer": partial(is_reviewer, user),
        "user_can_export": partial(can_export, user),
    }
