"""A figure's subject terms (extract/subject.py)."""

from __future__ import annotations

from claims.pipeline.extract.context import Draft
from claims.pipeline.extract.subject import MAX_SUBJECT_TERMS, subject_of


def test_the_counted_noun_comes_first_then_the_event_of_its_clause() -> None:
    text = "Rescuers said 14 miners were trapped in the northern shaft."
    start = text.index("14")
    draft = Draft(start, start + len("14 miners"), "count", 14.0, "miners", head="miners")
    terms = subject_of(text, 0, len(text), draft)
    assert terms[0] == "miners"
    assert "trapped" in terms
    assert len(terms) <= MAX_SUBJECT_TERMS


def test_money_and_percent_heads_are_not_subject_terms() -> None:
    text = "The council approved a budget of $40m for the harbour."
    start = text.index("$40m")
    draft = Draft(start, start + 4, "money", 4e7, "USD", head="money")
    terms = subject_of(text, 0, len(text), draft)
    assert "money" not in terms
    assert terms
