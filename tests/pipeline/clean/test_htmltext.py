"""HTML pages give their main text and metadata; markup and scripts never survive."""

import datetime as dt

import pytest

from claims.pipeline.clean.htmltext import extract_html, looks_like_html, remove_markup, strip_tags

ARTICLE_PAGE = """<!DOCTYPE html>
<html><head>
<title>Reservoir levels fall to 31% | Environment - The Valley Courier</title>
<meta property="og:site_name" content="The Valley Courier">
<meta property="article:published_time" content="2024-08-02T09:30:00+00:00">
<script>var tracking = "<script>alert(1)</script>";</script>
<style>p { color: red }</style>
</head><body>
<nav><a href="/">Home</a> | <a href="/env">Environment</a></nav>
<article>
<h1>Reservoir levels fall to 31%</h1>
<p>Reservoirs across the valley were 31% full on Thursday, the lowest August level since records began in 1976.</p>
<p onmouseover="steal()">The water board said it would ban hosepipes from 9 August if levels fell below 25%.</p>
<iframe src="https://ads.example/frame"></iframe>
<img src="x.png" onerror="alert('x')">
<p>Farmers have already cut irrigation by a third, according to the regional farming union.</p>
</article>
<footer>Share this article</footer>
</body></html>"""


def test_main_text_title_site_and_date_come_from_the_page() -> None:
    page = extract_html(ARTICLE_PAGE)

    assert "Reservoirs across the valley were 31% full on Thursday" in page.text
    assert "ban hosepipes from 9 August" in page.text
    assert "Farmers have already cut irrigation by a third" in page.text
    assert page.title == "Reservoir levels fall to 31%"
    assert page.site_name == "The Valley Courier"
    assert page.published == dt.date(2024, 8, 2)
    assert page.extractor == "trafilatura"


@pytest.mark.parametrize("fragment", ["<script", "alert", "steal()", "onerror", "<iframe", "color: red", "<p"])
def test_scripts_styles_handlers_and_tags_do_not_survive(fragment: str) -> None:
    assert fragment not in extract_html(ARTICLE_PAGE).text


def test_tiny_page_falls_back_to_the_tag_stripper() -> None:
    page = extract_html("<html><head><title>Note</title></head><body><p>Short note.</p><script>x()</script></html>")

    assert page.text.strip() == "Short note."
    assert page.title == "Note"


def test_tag_stripper_keeps_blocks_on_their_own_lines_and_drops_hidden_elements() -> None:
    text, title = strip_tags(
        "<title>T</title><p>One &amp; two</p><style>x</style><div>Three<br>Four</div><noscript>no</noscript>"
    )

    assert [line for line in text.split("\n") if line.strip()] == ["One & two", "Three", "Four"]
    assert title == "T"


def test_remove_markup_leaves_no_script_opener_even_unclosed() -> None:
    cleaned = remove_markup('Text <script src="x.js">var a = 1; <b>bold</b> <IFRAME src=x> and < script>')

    assert "<script" not in cleaned.lower()
    assert "<iframe" not in cleaned.lower()
    assert "< script" not in cleaned.lower()
    assert "bold" in cleaned


def test_remove_markup_leaves_comparisons_alone() -> None:
    assert remove_markup("Growth was <3% while inflation was > 4%.") == "Growth was <3% while inflation was > 4%."


@pytest.mark.parametrize(
    ("text", "name", "content_type", "expected"),
    [
        ("<p>hi</p>", "", "text/html; charset=utf-8", True),
        ("<p>hi</p>", "story.HTM", "", True),
        ("  <!doctype html><p>hi</p>", "", "", True),
        ("<html><body>hi</body></html>", "", "", True),
        ("The <html> tag starts a page.", "notes.txt", "text/plain", False),
    ],
)
def test_html_is_recognized_by_type_name_or_start(text: str, name: str, content_type: str, expected: bool) -> None:
    assert looks_like_html(text, name=name, content_type=content_type) is expected


def test_remove_markup_drops_a_closed_script_with_everything_inside_it() -> None:
    cleaned = remove_markup("Before <script>alert(1)</script> after <style>p { color: red }</style> end")

    assert "alert" not in cleaned and "color" not in cleaned
    assert cleaned.split() == ["Before", "after", "end"]


def test_remove_markup_keeps_entities_as_written_and_spaced_comparisons() -> None:
    assert remove_markup("Profit &amp; loss <b>rose</b> as a < b and c > d") == (
        "Profit &amp; loss  rose  as a < b and c > d"
    )


def test_remove_markup_drops_comments_and_keeps_template_syntax_as_text() -> None:
    cleaned = remove_markup("Kept <!-- hidden --> {{ request.user }} and {% debug %} <!-- unclosed")

    assert cleaned.split() == ["Kept", "{{", "request.user", "}}", "and", "{%", "debug", "%}"]


def test_remove_markup_keeps_link_text_but_no_handler_or_javascript_address() -> None:
    cleaned = remove_markup('See <a href="javascript:alert(3)" onclick="x()">the report</a> and <img src=x onerror=y>.')

    assert cleaned.split() == ["See", "the", "report", "and", "."]


@pytest.mark.parametrize("odd", ["\x00", "\x0b", "\x1f", "\ud800", "\ufffe"])
def test_remove_markup_keeps_characters_the_parser_refuses_where_they_were(odd: str) -> None:
    assert remove_markup(f"a{odd}<b>b</b>{odd}c") == f"a{odd} b {odd}c"


def test_remove_markup_reads_an_unclosed_script_opener_as_a_stray_tag_not_as_the_rest_of_the_text() -> None:
    assert remove_markup("Up 5% <script>then <i>down</i> 3% <style>later").split() == [
        "Up",
        "5%",
        "then",
        "down",
        "3%",
        "later",
    ]
