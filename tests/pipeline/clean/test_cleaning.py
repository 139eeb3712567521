"""clean_document end to end: the seeds, bad input, HTML, speed, and random bytes."""

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.pipeline.clean.cleaning import clean_document
from claims.pipeline.types import CleanedDocument, InputError

ROOT = Path(__file__).resolve().parents[3]
SEEDS = ROOT / "seeds"
GOLD = ROOT.parent / "shared" / "eval" / "seeds_gold.json"


def seed(prefix: str) -> CleanedDocument:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return clean_document(path.read_bytes(), name=path.name)


@pytest.mark.parametrize(
    ("prefix", "title", "outlet", "published", "starts_with"),
    [
        ("000", "", "arab.news", None, "BEIJING: Ten years after toasting"),
        ("001", "", "", None, "A decade of camaraderie"),
        ("002", "", "", dt.date(2023, 10, 17), "Ten years after toasting"),
        (
            "003",
            "Hutong Cat | Xi Jinping and Vladimir Putin: Friends with strategic benefits",
            "Hindustan Times",
            dt.date(2023, 3, 27),
            "Over the years, Xi and Putin",
        ),
        ("004", "", "", dt.date(2023, 3, 17), "VLadimir Putin and Xi Jinping have met"),
    ],
)
def test_seed_metadata_and_start_of_text(
    prefix: str, title: str, outlet: str, published: dt.date | None, starts_with: str
) -> None:
    document = seed(prefix)

    assert (document.title, document.outlet, document.published) == (title, outlet, published)
    assert document.text.startswith(starts_with)
    assert document.encoding == "utf-8"


def test_seed_000_reads_like_seed_002() -> None:
    document = seed("000")

    assert "\u9225" not in document.text
    assert "\ufffd" not in document.text
    assert document.url == "https://arab.news/2b5x9"
    assert "deepen the \u201cno-limits\u201d partnership" in document.text
    assert document.text.count("\u201c") == document.text.count("\u201d")
    assert document.repairs[0] == "gbk-mojibake:54"


@pytest.mark.parametrize(
    "furniture",
    [
        "close_game",
        "freemium",
        "SHARE",
        "OPEN APP",
        "Live Score",
        "Sign out",
        "New Delhi 0C",
        "Follow Us On",
        "Thursday, April 18, 2024",
        "Free Trial",
        "Continue reading",
        "Download now",
        "Get Latest",
        "views expressed",
        "(AFP) PREMIUM",
        "Mar 27, 2023 08:03 PM IST",
        "Hindustan Times",
    ],
)
def test_seed_003_is_free_of_page_furniture(furniture: str) -> None:
    assert furniture not in seed("003").text


def test_seed_003_keeps_the_body_occurrence_of_a_caption_line_once() -> None:
    text = seed("003").text
    line = (
        "Ice cream, friendship, two joint statements and not-much sympathy for Ukrainians were put on display for "
        "all to see during Xi\u2019s March 20-22 visit to Moscow."
    )

    assert text.split("\n\n").count(line) == 1
    assert "(AFP)" not in text


def test_seed_004_loses_its_signup_prompt_and_date_stamp() -> None:
    text = seed("004").text

    assert "sign up" not in text.lower()
    assert "inbox" not in text
    assert "2023-03-17" not in text


def test_seed_002_loses_image_file_names_and_credits() -> None:
    text = seed("002").text

    assert "20231017" not in text
    assert "Image Credit" not in text
    assert "\n\n'Pro-Russia neutrality'\n\n" in text  # a heading between paragraphs is content


def test_seed_001_keeps_its_headings() -> None:
    assert "\n\nA Rare Foreign Trip\n\n" in seed("001").text


@pytest.mark.skipif(not GOLD.exists(), reason="the shared gold annotations are not checked out next to the project")
def test_every_gold_quote_survives_cleaning() -> None:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    missing = []
    for article in gold["articles"]:
        text = clean_document((SEEDS / article["file"]).read_bytes(), name=article["file"]).text
        missing += [(article["id"], claim["quote"]) for claim in article["claims"] if claim["quote"] not in text]

    assert missing == []


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_paragraphs_are_separated_by_one_blank_line(prefix: str) -> None:
    text = seed(prefix).text

    assert "\n\n\n" not in text
    assert all(paragraph.strip() == paragraph and "\n" not in paragraph for paragraph in text.split("\n\n"))


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "PNG"),
        (b"%PDF-1.4\n", "PDF"),
        (b"Subscribe now\nSign in\nSHARE\n", "too little readable text"),
        (b"<html><body><script>alert(1)</script><iframe src=x></iframe></body></html>", "too little readable text"),
        (b"12345 67890 !!! ??? 3.14 2.71 1,000,000 ### *** 42 42 42 -- ++ 99 98 97 96 95", "too little readable"),
    ],
)
def test_bad_input_raises_input_error_with_a_clear_message(raw: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        clean_document(raw)


def test_size_cap_is_configurable() -> None:
    with pytest.raises(InputError, match="too large"):
        clean_document(b"The river rose two metres overnight, officials said. " * 100, max_bytes=1000)


def test_invalid_bytes_in_declared_utf8_are_noted_not_fatal() -> None:
    raw = b"The river rose two metres \xff\xfe overnight, officials said on Monday morning."

    document = clean_document(raw, content_type="text/plain; charset=utf-8")

    assert "invalid-utf8" in document.repairs
    assert document.text.startswith("The river rose two metres")


def test_hostile_html_yields_only_its_text() -> None:
    raw = (
        b"<!doctype html><html><head><title>Flood update</title><script>steal()</script></head><body>"
        b"<p onclick='steal()'>The river rose two metres overnight, officials said on Monday.</p>"
        b"<iframe src='https://evil.example'></iframe><img src=x onerror=alert(1)>"
        b"<p>About 400 homes were evacuated in the lower town, the fire service said.</p></body></html>"
    )

    document = clean_document(raw, name="flood.html", url="https://news.example.org/flood")

    assert "The river rose two metres overnight" in document.text
    assert "About 400 homes were evacuated" in document.text
    for fragment in ("<", "steal", "onerror", "onclick", "alert", "iframe"):
        assert fragment not in document.text
    assert document.title == "Flood update"
    assert document.outlet == "news.example.org"
    assert any(repair.startswith("html:") for repair in document.repairs)


def test_plain_text_page_written_for_a_health_site_is_cleaned() -> None:
    page = (
        "https://www.wellnessdaily.example/study-steps\n"
        "Walking 7,000 steps cuts risk | Health - Wellness Daily\n"
        "SUBSCRIBE\nSign in\n\nPublished: 12 January 2024\n\n"
        "Adults who walk 7,000 steps a day have a 50% lower risk of early death, a study found.\n\n"
        "The study followed 2,110 adults for an average of 10.8 years.\n\n"
        "Get the latest health news straight to your inbox\nShare this story\nshare_button\n"
    )

    document = clean_document(page.encode())

    assert document.text == (
        "Adults who walk 7,000 steps a day have a 50% lower risk of early death, a study found.\n\n"
        "The study followed 2,110 adults for an average of 10.8 years."
    )
    assert document.title == "Walking 7,000 steps cuts risk"
    assert document.outlet == "Wellness Daily"
    assert document.url == "https://www.wellnessdaily.example/study-steps"
    assert document.published == dt.date(2024, 1, 12)


def test_a_plain_text_headline_above_the_body_becomes_the_title() -> None:
    document = clean_document(b"Storm Closes Ports Along The Coast\n\nThree ports closed on Friday in 120 km/h winds.")

    assert document.title == "Storm Closes Ports Along The Coast"
    assert document.text == "Three ports closed on Friday in 120 km/h winds."


def test_hard_wrapped_text_is_rejoined_into_paragraphs() -> None:
    wrapped = (
        "The regional council approved a budget of 4.2 million euros on\n"
        "Tuesday, after a debate that lasted more than six hours and ended\n"
        "with a narrow vote of 21 to 19 in favour of the spending plan.\n\n"
        "Opposition members said the plan would raise local taxes by about\n"
        "3% next year, while the council leader said the increase would be\n"
        "offset by savings in transport and by the sale of two buildings.\n"
    )

    paragraphs = clean_document(wrapped.encode()).text.split("\n\n")

    assert len(paragraphs) == 2
    assert "approved a budget of 4.2 million euros on Tuesday, after a debate" in paragraphs[0]


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_random_bytes_never_raise_anything_but_input_error(raw: bytes) -> None:
    try:
        document = clean_document(raw)
    except InputError as error:
        assert str(error)
        return
    assert "<script" not in document.text.lower()
    assert "\x00" not in document.text


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=800), st.sampled_from(["", "page.html"]))
def test_random_text_never_leaks_script_or_nul(text: str, name: str) -> None:
    raw = ("<p>" + text + "</p><script>evil()</script><p>The council met on Monday to vote.</p>").encode()
    try:
        document = clean_document(raw, name=name)
    except InputError:
        return
    assert "<script" not in document.text.lower()
    assert "evil()" not in document.text
    assert "\x00" not in document.text
