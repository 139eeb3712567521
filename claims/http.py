"""Request and response types the views share: the htmx-aware request, the redirect after a POST,
and the 404 for a selector's missing row."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.shortcuts import resolve_url
from django_htmx.middleware import HtmxDetails

P = ParamSpec("P")
T = TypeVar("T")


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


def or_404(select: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """What a selector returns, or Http404 when the row it reads (by the id it is given) does not
    exist: get_object_or_404 for the selectors that read a page's data in one call."""
    try:
        return select(*args, **kwargs)
    except ObjectDoesNotExist as exc:
        raise Http404(str(exc)) from exc
