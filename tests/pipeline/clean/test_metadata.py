"""URL, window title, outlet and publication date are read from the head of plain-text pages."""

import datetime as dt

import pytest

from claims.pipeline.clean.metadata import (
    date_from_stamp,
    extract_text_metadata,
    is_date_stamp_line,
    outlet_from_url,
    parse_title_line,
    strip_leading_stamp,
)


def test_first_line_url_gives_url_and_domain_outlet() -> None:
    meta = extract_text_metadata("https://www.harbourgazette.co.uk/news/123\nThe ferry carried 300 people.")

    assert meta.url == "https://www.harbourgazette.co.uk/news/123"
    assert meta.outlet == "harbourgazette.co.uk"
    assert meta.header_lines == frozenset({0})


def test_window_title_gives_headline_and_site_name() -> None:
    meta = extract_text_metadata("Ferry fares rise 8% | Travel - The Harbour Gazette\nBody text.")

    assert meta.title == "Ferry fares rise 8%"
    assert meta.outlet == "The Harbour Gazette"


def test_site_name_from_title_beats_domain_from_url() -> None:
    meta = extract_text_metadata("https://hg.example/x\nFerry fares rise | Harbour Gazette\nBody.")

    assert (meta.title, meta.outlet, meta.url) == ("Ferry fares rise", "Harbour Gazette", "https://hg.example/x")


@pytest.mark.parametrize(
    "line",
    [
        "The mayor said fares would rise by 8% next year.",
        "Prices up | down",
        "London - Officials said on Monday that the line would close",
    ],
)
def test_sentences_are_not_window_titles(line: str) -> None:
    assert parse_title_line(line) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (" date 2023-03-17 To receive free news alerts", dt.date(2023, 3, 17)),
        ("20231017 harbour ferry", dt.date(2023, 10, 17)),
        ("Mar 27, 2023 08:03 PM IST", dt.date(2023, 3, 27)),
        ("Published: 17 March 2023", dt.date(2023, 3, 17)),
        ("Updated on 2024-01-05T10:00:00Z", dt.date(2024, 1, 5)),
        ("Saturday 4 May 2024, 18:45 BST", dt.date(2024, 5, 4)),
        ("Posted Sept. 9, 2021", dt.date(2021, 9, 9)),
    ],
)
def test_date_stamps_are_read(line: str, expected: dt.date) -> None:
    assert date_from_stamp(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "On March 20, 2023, the president flew to Moscow for three days of talks.",
        "20231399 not a date",
        "Feb 30, 2023",
        "The plant opened in 2019.",
    ],
)
def test_dates_inside_sentences_and_impossible_dates_are_not_stamps(line: str) -> None:
    assert date_from_stamp(line) is None


def test_publication_date_comes_from_the_top_not_from_a_footer_clock() -> None:
    body = "\n".join(f"Paragraph {n} of the story, with a sentence." for n in range(30))
    meta = extract_text_metadata("Headline here\nMar 27, 2023 08:03 PM IST\n" + body + "\nThursday, April 18, 2024")

    assert meta.published == dt.date(2023, 3, 27)


def test_no_stamp_means_no_date() -> None:
    assert extract_text_metadata("The ferry carried 300 people in 2019.\nIt sank in 2020.").published is None


def test_stamp_lines_are_recognized_and_labelled_stamps_stripped() -> None:
    assert is_date_stamp_line("Thursday, April 18, 2024")
    assert not is_date_stamp_line("Thursday, April 18, 2024 was the hottest day on record.")
    assert strip_leading_stamp("Published: 17 March 2023 By Jane Doe") == "By Jane Doe"
    assert strip_leading_stamp("Published: 17 March 2023, 10:15 GMT") == ""
    assert strip_leading_stamp("The ferry left.") == "The ferry left."


@pytest.mark.parametrize(
    ("url", "outlet"),
    [("https://arab.news/2b5x9", "arab.news"), ("www.example.org/a", "example.org"), ("http://localhost/x", "")],
)
def test_outlet_from_url(url: str, outlet: str) -> None:
    assert outlet_from_url(url) == outlet
