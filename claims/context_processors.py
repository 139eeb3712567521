from functools import partial
from typing import Any

from django.http import HttpRequest

from claims.roles import can_export, is_admin, is_reviewer


def roles(request: HttpRequest) -> dict[str, Any]:
    """Role flags for the navigation. Templates call them only when they use them, so an htmx
    fragment that shows no navigation costs no group or permission query."""
    user = request.user
    return {
        "user_is_admin": partial(is_admin, user),
        "user_is_reviewer": partial(is_reviewer, user),
        "user_can_export": partial(can_export, user),
    }
