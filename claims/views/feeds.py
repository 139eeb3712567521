"""Admins' pages for followed feeds: the list with each feed's status (htmx refreshes the table),
add and edit forms, and "poll now"."""

from __future__ import annotations

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


@admin_required
@require_http_methods(["GET", "POST"])
def feed_add(request: HttpRequest) -> HttpResponse:
    form = FeedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            feed = feed_create(**form.cleaned_data)
        except InputError as error:
            form.add_error("url", str(error))
        else:
            messages.success(request, f"Following {feed.url}; its first poll is due now.")
            return redirect("feeds")
    status = 400 if request.method == "POST" else 200
    return render(request, "claims/feed_form.html", {"form": form, "feed": None}, status=status)


@admin_required
@require_http_methods(["GET", "POST"])
def feed_edit(request: HttpRequest, feed_id: int) -> HttpResponse:
    feed = get_object_or_404(Feed, pk=feed_id)
    initial = {"url": feed.url, "outlet": feed.outlet, "poll_minutes": feed.poll_minutes, "include": feed.include,
               "active": feed.active}
    form = FeedForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            feed_update(feed=feed, **form.cleaned_data)
        except InputError as error:
            form.add_error("url", str(error))
        else:
            messages.success(request, f"Saved {feed.url}; it is due now.")
            return redirect("feeds")
    status = 400 if request.method == "POST" else 200
    return render(request, "claims/feed_form.html", {"form": form, "feed": feed}, status=status)


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
