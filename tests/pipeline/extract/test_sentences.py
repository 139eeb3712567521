"""Sentence spans and page-furniture lines (claims/pipeline/extract/sentences.py)."""

from __future__ import annotations

import pytest

from claims.pipeline.extract.sentences import LineIndex, SentenceIndex, furniture_prefix


def _sentences(text: str) -> list[str]:
    index = SentenceIndex(text)
    return [text[start:end] for start, end in zip(index.starts, index.ends, strict=True)]


def test_sentences_end_at_full_stops_question_marks_and_line_breaks() -> None:
    text = "Rain fell for 3 days. Was it the wettest? Officials think so\nA new line starts here."

    assert _sentences(text) == [
        "Rain fell for 3 days.",
        "Was it the wettest?",
        "Officials think so",
        "A new line starts here.",
    ]


def test_abbreviations_and_initials_do_not_end_a_sentence() -> None:
    text = "Dr. Lee met Mr. J. Smith on Jan. 5 in the U.S. capital. Then she left."

    assert _sentences(text) == ["Dr. Lee met Mr. J. Smith on Jan. 5 in the U.S. capital.", "Then she left."]


def test_the_sentence_around_an_offset_excludes_the_space_after_it() -> None:
    text = "First one here. Second one, with 40 people."
    index = SentenceIndex(text)

    start, end = index.around(text.index("40"))
    assert text[start:end] == "Second one, with 40 people."
    assert index.around(0) == (0, len("First one here."))


def test_a_full_stop_inside_quotes_ends_the_sentence_and_the_next_starts_after_the_quote() -> None:
    assert _sentences('He said "it rose 5%." She agreed.') == ['He said "it rose 5%.', "She agreed."]


@pytest.mark.parametrize(
    "line",
    [
        "Photo: Jane Doe/Getty Images",
        "Flooded streets in the town centre. (AFP)",
        "Home | World | Weather",
        "",
        "   ",
        "Updated 5 mins ago",
    ],
)
def test_whole_lines_of_page_furniture_are_recognised(line: str) -> None:
    assert furniture_prefix(line) == len(line)


def test_a_dateline_or_a_date_stamp_is_furniture_only_up_to_where_the_story_starts() -> None:
    dateline = "OSLO, March 3 (Reuters) - The fund grew by 12% last year, its managers said."
    stamp = "Published 17 March 2023 The fund grew by 12% last year, its managers said."

    assert dateline[furniture_prefix(dateline) :].startswith("The fund grew")
    assert stamp[furniture_prefix(stamp) :].lstrip().startswith("The fund grew")


def test_a_line_of_story_is_not_furniture() -> None:
    assert furniture_prefix("The fund grew by 12% last year, its managers said on Monday.") == 0


def test_the_line_index_answers_per_offset_and_finds_line_bounds() -> None:
    text = "Home | News\nThe fund grew by 12% last year, its managers said.\nPhoto: A. Person/Getty Images"
    lines = LineIndex(text)

    assert lines.is_furniture(text.index("News"))
    assert not lines.is_furniture(text.index("12%"))
    assert lines.is_furniture(text.index("Getty"))
    second = text.index("The fund")
    assert lines.line_bounds(text.index("12%")) == (second, text.index("\nPhoto"))
    assert lines.line_bounds(0) == (0, text.index("\n"))
