"""Roles are Django groups: Reviewers work the queue, Admins load articles, adjudicate and export."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase

REVIEWER = "Reviewer"
ADMIN = "Admin"
EXPORT_PERMISSION = "claims.export_verdicts"
ROLES = (REVIEWER, ADMIN)


def _group_names(user: Any) -> set[str]:
    """The user's role groups: one query, made once per user object (the request's user lives
    for one request, so a role taken away counts on the next one)."""
    roles: set[str] | None = getattr(user, "_factcheck_roles", None)
    if roles is None:
        roles = (
            set(user.groups.filter(name__in=ROLES).values_list("name", flat=True)) if user.is_authenticated else set()
        )
        user._factcheck_roles = roles
    return roles


def is_admin(user: Any) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or ADMIN in _group_names(user)))


def is_reviewer(user: Any) -> bool:
    return bool(user.is_authenticated and (is_admin(user) or REVIEWER in _group_names(user)))


def can_export(user: Any) -> bool:
    return bool(is_admin(user) or (user.is_authenticated and user.has_perm(EXPORT_PERMISSION)))


ViewFunc = Callable[..., HttpResponseBase]
Response = TypeVar("Response", bound=HttpResponseBase)


def _role_required(check: Callable[[Any], bool]) -> Callable[[Callable[..., Response]], Callable[..., Response]]:
    """Anonymous users go to the login page; signed-in users without the role get 403.
    The wrapped view keeps its own response type (a page's HttpResponse, a download's stream)."""

    def decorator(view: Callable[..., Response]) -> Callable[..., Response]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Response:
            if not check(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return login_required(wrapper)

    return decorator


reviewer_required = _role_required(is_reviewer)
admin_required = _role_required(is_admin)
export_required = _role_required(can_export)
