"""Fuzzing ingestion with a real database: any bytes give either an "error" result with a message
and not one row written, or a stored article whose claims point into its text. Never an exception,
and a failure half-way through a store leaves nothing behind."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.models import Article, ArticleBand, ArticleRevision, AuditEntry, Claim, Outlet
from claims.services import ingestion
from claims.services.ingestion import IngestResult, article_ingest

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
_names = itertools.count(1)

_HOSTILE_LINES = st.sampled_from(
    [
        "The reservoir held 82% of its capacity in August 2022, engineers said.",
        "About 3,400 households lost power for up to 9 hours on Friday.",
        "<script>alert(1)</script>",
        '"><img src=x onerror=alert(2)>',
        "{{ request.user }} {% debug %}",
        "https://example.org/" + "x" * 2500,
        "www.example.com/a b c",
        "\x00\x01\x02",
        "it\u00e2\u20ac\u2122s mojibake \u00e2\u20ac\u0153quoted\u00e2\u20ac\x9d",
        "\ufeff\u202e\u200b",
        "Headline | Desk - Example Daily",
        "Posted: 31 February 2023",
        "9" * 400,
    ]
)
_DOCUMENTS = st.lists(_HOSTILE_LINES | st.text(max_size=80), min_size=1, max_size=15).map("\n".join)


def _rows() -> tuple[int, ...]:
    return tuple(model.objects.count() for model in (Article, ArticleRevision, Claim, ArticleBand, AuditEntry, Outlet))


def _check_outcome(result: IngestResult, before: tuple[int, ...]) -> None:
    assert result.status in {"created", "updated", "unchanged", "error"}
    if result.status == "error":
        assert result.error.strip(), "an error result must say what is wrong"
        assert result.article is None
        assert _rows() == before, "a refused input wrote rows"
        return
    assert result.article is not None
    article = Article.objects.get(pk=result.article)
    assert article.revisions.exists()
    assert "\x00" not in article.text
    for claim in article.claims.exclude(status=Claim.Status.WITHDRAWN):  # withdrawn ones keep old offsets
        assert 0 <= claim.start < claim.end <= len(article.text)
        assert article.text[claim.start : claim.end] == claim.text
    assert result.claims == article.claims.exclude(status=Claim.Status.WITHDRAWN).count()


@FUZZ
@given(
    st.binary(max_size=3000),
    st.sampled_from(["", "text/plain", "text/html", "text/html; charset=shift_jis"]),
    st.sampled_from([".txt", ".html"]),
)
def test_random_bytes_are_refused_cleanly_or_stored(raw: bytes, content_type: str, suffix: str) -> None:
    before = _rows()
    result = article_ingest(raw=raw, name=f"fuzz-{next(_names)}{suffix}", content_type=content_type)
    _check_outcome(result, before)


@FUZZ
@given(
    _DOCUMENTS,
    st.sampled_from(["utf-8", "utf-16", "cp1252", "gb18030"]),
    st.text(alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"), max_size=120),
)
def test_article_shaped_hostile_text_is_refused_cleanly_or_stored(text: str, encoding: str, name: str) -> None:
    before = _rows()
    result = article_ingest(raw=text.encode(encoding, "replace"), name=f"{next(_names)}-{name}"[:200])
    _check_outcome(result, before)


@FUZZ
@given(st.binary(min_size=1, max_size=400))
def test_the_same_name_ingested_again_updates_or_refuses_without_debris(noise: bytes) -> None:
    body = b"The tunnel took 7 years to build and cost $1.9 billion, the agency said in 2020.\n"
    first = article_ingest(raw=body + b"Crews removed 52,000 tonnes of rock.\n", name="tunnel.txt")
    before = _rows()
    again = article_ingest(raw=body + noise, name="tunnel.txt")
    _check_outcome(again, before)
    assert Article.objects.filter(identity="file:tunnel.txt").count() == 1
    assert first.article == Article.objects.get(identity="file:tunnel.txt").pk


def test_a_first_line_url_too_long_for_the_columns_is_dropped_not_a_crash() -> None:
    raw = (
        "https://news.example.org/" + "a" * 3000 + "\nThe ferry carried 1,200 passengers on its first day "
        "in May 2021, the operator said.\nForty crew members worked the first crossing.\n"
    ).encode()
    result = article_ingest(raw=raw, name="ferry.txt")
    assert result.status == "created" and result.article is not None, result
    article = Article.objects.get(pk=result.article)
    assert article.identity == "file:ferry.txt" and article.url == ""


def test_a_failure_half_way_through_a_store_leaves_nothing_behind(monkeypatch: Any) -> None:
    def broken_extractor(text: str, **kwargs: Any) -> list[Any]:
        raise RuntimeError("extractor crashed after the article row was saved")

    monkeypatch.setattr(ingestion, "extract_claims", broken_extractor)
    before = _rows()
    with pytest.raises(RuntimeError):
        article_ingest(
            raw=b"The museum welcomed 310,000 visitors in 2019, a record.\nMore text here.\n", name="museum.txt"
        )
    assert _rows() == before
