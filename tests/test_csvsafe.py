from __future__ import annotations

import csv
import datetime as dt
import io

from hypothesis import given
from hypothesis import strategies as st

from claims.csvsafe import (
    CsvWriter,
    cell,
    csv_line,
    format_number,
    neutralise,
    strip_neutraliser,
)


def test_each_formula_trigger_gets_an_apostrophe() -> None:
    for text in ["=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://x","y")']:
        assert neutralise(text) == "'" + text


def test_ordinary_text_is_unchanged() -> None:
    for text in ["", "council", "12 times", "'quoted", " =not first"]:
        assert neutralise(text) == text


def test_numbers_stay_numbers_even_when_negative() -> None:
    assert cell(-3.5) == "-3.5"
    assert cell(-7) == -7
    assert csv_line([-3.5, "-3.5"]) == "-3.5,'-3.5\r\n"


def test_strip_neutraliser_undoes_neutralise_only() -> None:
    assert strip_neutraliser("'=1+2") == "=1+2"
    assert strip_neutraliser("'plain") == "'plain"
    assert strip_neutraliser("'") == "'"


@given(st.text())
def test_strip_neutraliser_round_trips_any_text(text: str) -> None:
    assert strip_neutraliser(neutralise(text)) == text


def test_line_quotes_minimally_and_ends_in_crlf() -> None:
    line = csv_line(["a,b", 'say "hi"', "two\nlines", "plain", None, True, dt.date(2024, 5, 1)])
    assert line == '"a,b","say ""hi""","two\nlines",plain,,true,2024-05-01\r\n'


def test_lines_parse_back_with_the_csv_module() -> None:
    rows = [["x", "=cmd", "tab\there"], ["é, ü", "", "line\r\nbreak"]]
    text = CsvWriter().lines(rows)
    parsed = list(csv.reader(io.StringIO(text, newline="")))
    assert parsed == [["x", "'=cmd", "tab\there"], ["é, ü", "", "line\r\nbreak"]]


def test_timestamps_are_utc_whole_seconds() -> None:
    moment = dt.datetime(2024, 5, 1, 14, 30, 5, 999999, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert cell(moment) == "2024-05-01T12:30:05Z"


def test_numbers_are_printed_the_way_postgresql_prints_float8() -> None:
    assert format_number(12.0) == "12"
    assert format_number(0.1 + 0.2) == "0.30000000000000004"
    assert format_number(1e15) == "1e+15"
    assert format_number(1234567890123456.0) == "1.234567890123456e+15"
    assert format_number(-2.5e15) == "-2.5e+15"
    assert format_number(123456789012345.0) == "123456789012345"
    assert format_number(1e-5) == "1e-05"
    assert format_number(0.0001) == "0.0001"
