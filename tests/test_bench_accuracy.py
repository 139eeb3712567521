"""bench/accuracy.py: relation accuracy over score.py's tie-breaking."""

from __future__ import annotations

from typing import Any

from bench.accuracy import relation_across_hash_seeds

SENTENCE = "The council counted {n} votes in the square."


def _article(aid: str, n: int) -> dict[str, Any]:
    return {"id": aid, "claims": [{"quote": f"{n} votes", "kind": "count", "value": n}]}


def _claim(aid: str, n: int, group: str, relation: str) -> dict[str, Any]:
    text = f"{n} votes"
    return {
        "article": f"{aid}_story.txt",
        "kind": "count",
        "value": n,
        "text": text,
        "sentence": SENTENCE.format(n=n),
        "group": group,
        "relation": relation,
    }


def test_a_group_split_evenly_between_two_relations_scores_both_ways_across_seeds() -> None:
    gold = {
        "articles": [_article(aid, 40) for aid in ("A1", "A2", "A3", "A4")],
        "groups": [{"id": "g", "members": [[aid, 0] for aid in ("A1", "A2", "A3", "A4")], "relation": "agree"}],
    }
    predicted = [
        _claim("A1", 40, "x", "agree"),
        _claim("A2", 40, "x", "agree"),
        _claim("A3", 40, "y", "conflict"),
        _claim("A4", 40, "y", "conflict"),
    ]

    spread = relation_across_hash_seeds(gold, predicted)

    assert spread["min"] == 0.0
    assert spread["max"] == 1.0
    assert 0.0 < spread["mean"] < 1.0


def test_a_group_with_a_clear_majority_scores_the_same_under_every_seed() -> None:
    gold = {
        "articles": [_article(aid, 40) for aid in ("A1", "A2", "A3")],
        "groups": [{"id": "g", "members": [[aid, 0] for aid in ("A1", "A2", "A3")], "relation": "agree"}],
    }
    predicted = [
        _claim("A1", 40, "x", "agree"),
        _claim("A2", 40, "x", "agree"),
        _claim("A3", 40, "y", "conflict"),
    ]

    assert relation_across_hash_seeds(gold, predicted) == {"min": 1.0, "mean": 1.0, "max": 1.0}
