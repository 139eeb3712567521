"""Request and response types the views share: the htmx-aware request and the redirect after a POST."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import resolve_url
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """A request that went through django-htmx's middleware (as every request does here):
    ``request.htmx`` is true when htmx sent it, and then a view answers with a fragment."""

    htmx: HtmxDetails


class HttpResponseSeeOther(HttpResponseRedirect):
    status_code = 303


def redirect_after_post(to: Any, *args: Any, **kwargs: Any) -> HttpResponseSeeOther:
    """303 See Other to a URL, a URL name (with its arguments) or a model's get_absolute_url():
    the browser then GETs the page, so reloading it never sends the POST again."""
    return HttpResponseSeeOther(resolve_url(to, *args, **kwargs))


def query_without(request: HttpRequest, key: str) -> str:
    """The request's query string less one parameter (a page number or a cursor), for the
    links that set it anew."""
    kept = request.GET.copy()
    kept.pop(key, None)
    return kept.urlencode()
