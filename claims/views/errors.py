"""Error pages that say what went wrong in words a person can act on.

Django turns an oversized request body, too many files or too many fields into a
SuspiciousOperation and answers 400 without saying which; this handler names the limit.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import requires_csrf_token


def _size(limit: int) -> str:
    return f"{limit / (1024 * 1024):.1f} MB" if limit >= 1024 * 1024 else f"{max(limit // 1024, 1)} KB"


def limit_message(exception: Exception | None) -> str:
    """Which request limit was exceeded, or a general explanation."""
    if isinstance(exception, RequestDataTooBig):
        return (
            f"The request was larger than the {_size(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)} limit. "
            "Send less pasted text at once, or upload the article as a file."
        )
    if isinstance(exception, TooManyFilesSent):
        return f"Too many files in one upload: at most {settings.DATA_UPLOAD_MAX_NUMBER_FILES} files at a time."
    if isinstance(exception, TooManyFieldsSent):
        return "The form sent too many fields. Reload the page and try again."
    return "The request could not be understood. Reload the page and try again."


@requires_csrf_token
def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "400.html", {"message": limit_message(exception)}, status=400)
