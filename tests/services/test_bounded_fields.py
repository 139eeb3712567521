"""Every text column written from article data is bounded, and outlet names carry no markup."""

from __future__ import annotations

from typing import Any

import pytest

from claims.models import Article, Outlet
from claims.services.ingestion import article_ingest

pytestmark = pytest.mark.django_db

BODY = (
    "The harbour authority counted 412 ships in March, up 12 percent on the year before, "
    "and expects about 450 ships next spring, the authority said on Monday."
)


def _page(site_name: str, title: str = "Harbour traffic rises") -> bytes:
    return (
        f'<html><head><title>{title}</title><meta property="og:site_name" content="{site_name}">'
        f"</head><body><article><h1>{title}</h1><p>{BODY}</p><p>{BODY}</p></article></body></html>"
    ).encode()


def test_a_site_name_longer_than_its_column_is_cut_to_fit_and_the_article_stored(
    django_capture_on_commit_callbacks: Any,
) -> None:
    long_name = "Harbour News " + "Network " * 60  # about 500 characters; the column holds 200
    result = article_ingest(raw=_page(long_name), name="long-site.html")
    assert result.status == "created", result.error
    outlet = Outlet.objects.get()
    assert len(outlet.name) == Outlet._meta.get_field("name").max_length
    assert outlet.name.startswith("Harbour News Network")


def test_a_long_title_and_file_name_are_cut_to_fit(django_capture_on_commit_callbacks: Any) -> None:
    title = "Harbour traffic " * 60
    name = "x" * 300 + ".html"
    result = article_ingest(raw=_page("Harbour News", title=title), name=name)
    assert result.status == "created", result.error
    article = Article.objects.get()
    assert len(article.title) <= (Article._meta.get_field("title").max_length or 0)
    assert len(article.source_name) == Article._meta.get_field("source_name").max_length


def test_outlet_names_are_cleaned_of_markup_like_the_text(django_capture_on_commit_callbacks: Any) -> None:
    hostile = "Evil&lt;script&gt;alert(1)&lt;/script&gt; News"
    result = article_ingest(raw=_page(hostile), name="hostile.html")
    assert result.status == "created", result.error
    name = Outlet.objects.get().name
    assert "<" not in name and "script" not in name.lower()
    assert name.startswith("Evil") and name.endswith("News")


def test_a_site_name_from_a_plain_text_title_line_keeps_no_markup(django_capture_on_commit_callbacks: Any) -> None:
    text = f"Harbour traffic rises | Evil<script>alert(1)</script> News\n\n{BODY}\n\n{BODY}\n"
    result = article_ingest(raw=text.encode(), name="plain.txt")
    assert result.status == "created", result.error
    assert Outlet.objects.get().name == result.outlet == "Evil News"
