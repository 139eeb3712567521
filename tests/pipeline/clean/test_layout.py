"""Whitespace normalization and paragraph layout."""

from claims.pipeline.clean.layout import join_paragraphs, normalize_whitespace, paragraphs


def test_control_and_invisible_characters_go_and_spaces_collapse() -> None:
    text = "A\x00 b\u200b\tc\u00a0\u00a0d \r\nnext\u2028line\x0c"

    assert normalize_whitespace(text) == "A b c d\nnext\nline\n"


def test_each_line_is_a_paragraph_in_unwrapped_text() -> None:
    assert paragraphs("One.\nTwo.\n\n\nThree.") == ["One.", "Two.", "Three."]


def test_hard_wrapped_blocks_are_rejoined() -> None:
    block = "\n".join(["word " * 12 + "and"] * 3)
    text = block + "\n\n" + block

    assert paragraphs(text) == [" ".join(["word " * 12 + "and"] * 3)] * 2


def test_paragraphs_are_joined_with_one_blank_line() -> None:
    assert join_paragraphs(["One.", "", "Two."]) == "One.\n\nTwo."
