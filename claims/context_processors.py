from typing import Any

from django.http import HttpRequest

from claims.roles import can_export, is_admin, is_reviewer


def roles(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    return {
        "user_is_admin": is_admin(user),
        "user_is_reviewer": is_reviewer(user),
        "user_can_export": can_export(user),
    }
