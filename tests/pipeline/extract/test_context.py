"""The reading context every reader shares: hedges, counted nouns, tense (extract/context.py)."""

from __future__ import annotations

from claims.pipeline.extract.context import Context, is_plural, normalize_time_unit, plural_of


def test_a_hedge_before_the_figure_is_read() -> None:
    text = "about 40 people"
    assert Context(text, None).hedge(6, 8) == ("approx", 8)
    text = "more than 40 people"
    assert Context(text, None).hedge(10, 12) == ("at_least", 12)


def test_a_hedge_after_the_figure_extends_its_span() -> None:
    text = "40 or more people"
    assert Context(text, None).hedge(0, 2) == ("at_least", 10)


def test_the_counted_noun_skips_adjectives_and_stops_at_a_name() -> None:
    text = "two joint statements were issued"
    assert Context(text, None).noun_after(3) == ("statements", True, len("two joint statements"))
    text = "in 2013 Lee made a visit"
    assert Context(text, None).noun_after(7) == ("", False, 7)


def test_a_sentence_about_what_is_to_come_points_forward() -> None:
    assert Context("The board will meet on Tuesday.", None).forward(23)
    assert not Context("The board met on Tuesday.", None).forward(17)


def test_plurals_and_time_units_are_normalised() -> None:
    assert plural_of("city") == "cities" and plural_of("person") == "people" and plural_of("box") == "boxes"
    assert is_plural("homes") and not is_plural("news")
    assert normalize_time_unit("decades", 2.0) == (20.0, "years")
    assert normalize_time_unit("week", 3.0) == (3.0, "weeks")
