"""Claims marked inside article text, with every piece of article text escaped (claims/highlighting.py)."""

from __future__ import annotations

from claims.highlighting import (
    Span,
    highlight,
    highlight_in_paragraph,
    highlight_in_sentence,
    locate,
    paragraph_bounds,
)


def test_a_span_becomes_a_mark_and_the_text_around_it_is_escaped() -> None:
    html = highlight("a <b> 12% & more", [Span(6, 9)])

    assert html == 'a &lt;b&gt; <mark class="claim-mark">12%</mark> &amp; more'


def test_the_marked_text_label_and_anchor_are_escaped_too() -> None:
    html = highlight("<i>5</i>", [Span(0, 8, css="c", label="<x>", anchor="claim-1")])

    assert html == (
        '<mark class="c" id="claim-1">&lt;i&gt;5&lt;/i&gt;<span class="visually-hidden"> (&lt;x&gt;)</span></mark>'
    )


def test_overlapping_spans_keep_the_earlier_one_so_marks_nest_properly() -> None:
    html = highlight("one two three", [Span(4, 13), Span(0, 7)])

    assert html == '<mark class="claim-mark">one two</mark> three'


def test_spans_outside_the_text_are_clipped_or_dropped() -> None:
    assert highlight("abc", [Span(-5, 2), Span(3, 9)]) == '<mark class="claim-mark">ab</mark>c'


def test_a_needle_is_found_at_its_offset_or_else_at_the_nearest_occurrence() -> None:
    assert locate("12 and 12 and 12", "12", 7) == (7, 9)
    assert locate("12 and 12 and 12", "12", 12) == (14, 16)
    assert locate("no figure", "12", 0) is None
    assert locate("anything", "", 0) is None


def test_paragraph_bounds_are_the_line_around_the_offsets() -> None:
    text = "first line\nsecond line here\nthird"

    assert paragraph_bounds(text, 13, 17) == (11, 27)
    assert paragraph_bounds(text, 30, 32) == (28, len(text))


def test_the_claim_is_marked_in_its_sentence_even_when_the_offset_drifted() -> None:
    html = highlight_in_sentence("Prices rose 5% in May.", "5%", 3)

    assert html == 'Prices rose <mark class="claim-mark">5%</mark> in May.'


def test_in_its_paragraph_the_sentence_is_set_off_and_the_claim_marked_within_it() -> None:
    text = "Intro line.\nFirst sentence. Prices rose 5% in May. Last one."
    start = text.index("5%")

    html = highlight_in_paragraph(
        text,
        claim_start=start,
        claim_end=start + 2,
        sentence_start=text.index("Prices"),
        sentence="Prices rose 5% in May.",
    )

    assert html == (
        'First sentence. <span class="claim-sentence">Prices rose <mark class="claim-mark">5%</mark>'
        " in May.</span> Last one."
    )


def test_a_claim_outside_its_paragraph_leaves_the_paragraph_escaped_and_unmarked() -> None:
    html = highlight_in_paragraph("a < b", claim_start=3, claim_end=99, sentence_start=0, sentence="a < b")

    assert html == "a &lt; b"
