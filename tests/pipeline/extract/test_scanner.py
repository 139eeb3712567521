"""Where a figure may start, and which kind of figure the scanner sees there (extract/scanner.py)."""

from __future__ import annotations

from claims.pipeline.extract.scanner import SCANNER, trigger_positions


def test_digits_currency_signs_and_number_words_are_triggers() -> None:
    text = "Fees of US$40 and three visits."
    positions = trigger_positions(text)
    assert text.index("US$") in positions
    assert text.index("40") in positions
    assert text.index("three") in positions


def test_plain_words_are_no_triggers() -> None:
    assert trigger_positions("The committee met again.") == []


def test_each_kind_of_figure_has_its_own_scanner_group() -> None:
    cases = {
        "$40m": "money",
        "17 March 2023": "daymonth",
        "Tuesday": "weekday",
        "last week": "relative",
        "dozens of": "multitude",
        "third": "ordinal",
        "twenty-two": "words",
        "2,445": "num",
        "https://example.org/a": "url",
    }
    for text, group in cases.items():
        match = SCANNER.match(text)
        assert match is not None and match.lastgroup == group, text
