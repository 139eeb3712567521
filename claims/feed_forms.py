"""The form Admins add and edit a followed feed with."""

from __future__ import annotations

from django import forms
from django.conf import settings

from claims.services.feeds import MAX_POLL_MINUTES


class FeedForm(forms.Form):
    url = forms.CharField(label="Feed URL", max_length=settings.FACTCHECK_MAX_URL_LENGTH,
                          widget=forms.URLInput(attrs={"placeholder": "https://…/feed.xml"}),
                          help_text="RSS 2.0, Atom, a news sitemap or a sitemap index")
    outlet = forms.CharField(required=False, max_length=253, help_text="default: the feed's host name")
    poll_minutes = forms.IntegerField(label="Poll every (minutes)", initial=30,
                                      min_value=settings.FACTCHECK_FEED_MIN_POLL_MINUTES, max_value=MAX_POLL_MINUTES)
    include = forms.CharField(label="Only entries mentioning", required=False, max_length=500,
                              help_text="comma-separated keywords; empty: every entry")
    active = forms.BooleanField(required=False, initial=True, help_text="saving also resumes a paused feed")
