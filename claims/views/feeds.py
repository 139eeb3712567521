"""Admins' pages for followed feeds: the list with each feed's status (htmx refreshes the table),
add and edit forms, and "poll now"."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from claims.broker import BrokerUnavailable
from claims.feed_selectors import feed_list
from claims.forms import FeedForm
from claims.http import HtmxHttpRequest
from claims.models import Feed
from claims.pipeline.types import InputError
from claims.roles import admin_required
from claims.services.feeds import feed_create, feed_update


@admin_required
@require_GET
@vary_on_headers("HX-Request")
def feed_index(request: HtmxHttpRequest) -> HttpResponse:
    """The whole page, or (htmx polling) only the status table."""
    template = "claims/_feed_table.html" if request.htmx else "claims/feed_list.html"
    return render(request, template, {"feeds": feed_list()})


def _feed_form_page(
    request: HttpRequest, form: FeedForm, *, feed: Feed | None, save: Callable[[dict[str, Any]], str]
) -> HttpResponse:
    """The add or edit page: on a valid POST, `save` the form's data and go back to the feeds with
    its message; a refused address shows on the form (400)."""
    if request.method == "POST" and form.is_valid():
        try:
            message = save(form.cleaned_data)
        except InputError as error:
            form.add_error("url", str(error))
        else:
            messages.success(request, message)
            return redirect("feeds")
    status = 400 if request.method == "POST" else 200
    return render(request, "claims/feed_form.html", {"form": form, "feed": feed}, status=status)


@admin_required
@require_http_methods(["GET", "POST"])
def feed_add(request: HttpRequest) -> HttpResponse:
    def save(data: dict[str, Any]) -> str:
        return f"Following {feed_create(**data).url}; its first poll is due now."

    return _feed_form_page(request, FeedForm(request.POST or None), feed=None, save=save)


@admin_required
@require_http_methods(["GET", "POST"])
def feed_edit(request: HttpRequest, feed_id: int) -> HttpResponse:
    feed = get_object_or_404(Feed, pk=feed_id)
    initial = {
        "url": feed.url,
        "outlet": feed.outlet,
        "poll_minutes": feed.poll_minutes,
        "include": feed.include,
        "active": feed.active,
    }

    def save(data: dict[str, Any]) -> str:
        feed_update(feed=feed, **data)
        return f"Saved {feed.url}; it is due now."

    return _feed_form_page(request, FeedForm(request.POST or None, initial=initial), feed=feed, save=save)


@admin_required
@require_POST
def feed_poll_now(request: HttpRequest, feed_id: int) -> HttpResponse:
    from claims.tasks import enqueue_poll_feed

    feed = get_object_or_404(Feed, pk=feed_id)
    try:
        enqueue_poll_feed(feed.pk)
    except BrokerUnavailable as error:
        messages.error(request, f"Poll of {feed.url} not queued: {error}. Beat polls it when it is due.")
    else:
        messages.success(request, f"Poll of {feed.url} queued.")
    return redirect("feeds")
