"""Light stemming and event classes of the words compared."""

from __future__ import annotations

from claims.pipeline.match.terms import event_term, stem


def test_light_stemming_joins_inflections_and_derivations() -> None:
    assert stem("invade") == stem("invasion") == stem("invaded")
    assert stem("visit") == stem("visits") == stem("visited")
    assert stem("meeting") == stem("met") == stem("meetings")
    assert stem("presidency") == stem("president")
    assert stem("budget") != stem("bridge")


def test_an_event_noun_and_its_verb_share_a_class() -> None:
    assert event_term("talks") == event_term("met") == event_term("encounters") == "meeting"
    assert event_term("invasion") == event_term("attacked") == "armed-conflict"
    assert event_term("harbour") == stem("harbour")
