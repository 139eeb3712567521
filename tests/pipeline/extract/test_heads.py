"""The head of a figure's own clause, on made-up sentences (none taken from the seeds)."""

from __future__ import annotations

from claims.pipeline.extract.heads import Head, figure_head


def head_of(sentence: str, figure: str) -> Head:
    start = sentence.index(figure)
    return figure_head(sentence, start, start + len(figure))


def top_event(head: Head) -> str:
    return max(head.events, key=lambda item: item[1])[0]


def weight(head: Head, word: str) -> float:
    return dict(head.events).get(word, 0.0)


def test_the_object_of_the_clause_heads_a_year() -> None:
    head = head_of("The bank has grown fast since the new chairman took over the presidency in 2012.", "2012")
    assert top_event(head) == "presidency"


def test_a_summit_and_its_place_head_a_year() -> None:
    head = head_of("The two ministers first shook hands at a summit in Lisbon in 2013.", "2013")
    assert "summit" in dict(head.events)
    assert head.places == ("Lisbon",)


def test_a_role_away_from_the_date_weighs_less_than_the_event() -> None:
    head = head_of("She made her first visit as mayor to Lyon in 2015 and returned twice.", "2015")
    assert weight(head, "visit") > weight(head, "mayor")
    assert head.places == ("Lyon",)


def test_a_role_right_before_the_date_is_the_event() -> None:
    head = head_of("Maria Lopez took over as chief executive in 2019.", "2019")
    assert top_event(head) == "executive"


def test_an_opening_date_takes_the_main_clause_not_the_subordinate_one() -> None:
    sentence = "Last year, just weeks before troops crossed the border, the two governments met and signed a pact."
    head = head_of(sentence, "Last year")
    events = dict(head.events)
    assert "pact" in events and "met" in events
    assert "troops" not in events and "border" not in events


def test_a_relative_clause_takes_the_noun_it_points_back_to() -> None:
    head = head_of("Talks failed to end the strike at the port, which started in March 2021.", "March 2021")
    events = dict(head.events)
    assert "started" in events and "strike" in events


def test_a_date_used_as_a_modifier_takes_the_noun_after_it() -> None:
    head = head_of("Union leaders praised the March 3-5 strike at the container port.", "March 3-5")
    assert top_event(head) == "strike"


def test_a_clause_boundary_keeps_other_events_out() -> None:
    head = head_of("The museum reopened in 2019, after the storm had flooded the west wing.", "2019")
    events = dict(head.events)
    assert "reopened" in events
    assert "flooded" not in events and "storm" not in events


def test_subject_terms_list_events_then_places() -> None:
    head = head_of("The minister toured the battery factory in Dresden in 2019.", "2019")
    terms = head.terms()
    assert terms[-1] == "Dresden"
    assert "factory" in terms
