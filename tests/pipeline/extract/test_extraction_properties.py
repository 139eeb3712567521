"""Properties the claim extractor keeps on any input: no crash, exact spans, finite values, determinism."""

from __future__ import annotations

import datetime as dt
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from claims.pipeline.extract.extraction import extract_claims
from claims.pipeline.types import HEDGES, KINDS

# Text built from the pieces figures are made of, so the interesting code paths are reached often.
_PIECES = st.sampled_from(
    [
        " ",
        "\n",
        ", ",
        ". ",
        "-",
        "\u2013",
        "(",
        ")",
        "$",
        "€",
        "£",
        "US$",
        "Rs ",
        "%",
        " per cent",
        "1",
        "12",
        "2,300",
        "1.28",
        "2013",
        "1950s",
        "09:30",
        " am",
        "bn",
        "m",
        " million",
        " trillion",
        " crore",
        " lakh",
        " yuan",
        "thirty-two",
        "a dozen",
        "a decade",
        "first",
        "13th",
        "March",
        "20-22",
        "Tuesday",
        "last week",
        "this summer",
        "about",
        "more than",
        "up to",
        " or more",
        "the two",
        "leaders",
        "visits",
        "G20",
        "COVID-19",
        "http://x.io/3",
        "+44 20 7946 0958",
        "Image Credit: AFP",
        "years",
        " ago",
        "\ufffd",
        "\u00a0",
        "٣",
        "¼",
    ]
)
_ARTICLE_LIKE = st.lists(_PIECES | st.text(max_size=6), max_size=60).map("".join)


def _check(text: str, published: dt.date | None) -> None:
    claims = extract_claims(text, published=published)
    starts = [claim.start for claim in claims]
    assert starts == sorted(starts)
    for claim in claims:
        assert 0 <= claim.start < claim.end <= len(text)
        assert text[claim.start : claim.end] == claim.text
        assert text[claim.sentence_start : claim.sentence_start + len(claim.sentence)] == claim.sentence
        assert claim.value is None or math.isfinite(claim.value)
        assert claim.kind in KINDS
        assert claim.hedge in HEDGES
        assert 0.0 <= claim.score <= 1.0
        if claim.linked_to is not None:
            assert claims[claim.linked_to].linked_to == claims.index(claim)
    assert extract_claims(text, published=published) == claims


@settings(max_examples=400, deadline=None)
@given(st.text())
def test_arbitrary_unicode_never_breaks_the_extractor(text: str) -> None:
    _check(text, None)


@settings(max_examples=600, deadline=None)
@given(_ARTICLE_LIKE, st.none() | st.dates())
def test_figure_like_text_gives_exact_spans_finite_values_and_the_same_output_twice(
    text: str, published: dt.date | None
) -> None:
    _check(text, published)


@settings(max_examples=200, deadline=None)
@given(st.from_regex(r"[0-9.,eE+\-]{1,400}", fullmatch=True))
def test_huge_and_odd_digit_runs_give_finite_values(text: str) -> None:
    _check("Revenue was $" + text + " trillion, " + text + "% of " + text + " people.", None)
