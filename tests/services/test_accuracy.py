"""Cross-source matching accuracy on the seeds and the dev set (five events), through the real Django path
(bench/accuracy.py's core: ingest, match, export_claims, score.py). Floors sit a little below today's
figures so that a regression cannot land; the README gives the figures and the leave-one-event-out ones."""

from __future__ import annotations

from typing import Any

import pytest

from bench.accuracy import DEFAULT_SETS, EVAL, load_sets, measure

pytestmark = pytest.mark.django_db

# Measured (bench/accuracy.py, SQLite): all 0.911 / 0.939, dev 0.903 / 0.909, seeds 0.989 / 1.0.
# Relation floors leave room for the groups whose majority relation is a tie (score.py breaks ties by set
# order, which changes from process to process): with every tie lost, all 0.898 and dev 0.848.
FLOORS = {
    "all": {"pairs_f1": 0.9, "relation_accuracy": 0.89},
    "dev": {"pairs_f1": 0.89, "relation_accuracy": 0.84},
    "seeds": {"pairs_f1": 0.97, "relation_accuracy": 0.95},
}


def test_grouping_on_seeds_and_dev_stays_above_its_floors(monkeypatch: pytest.MonkeyPatch) -> None:
    if not (EVAL / "score.py").exists() or not all(gold.exists() for gold, _ in DEFAULT_SETS):
        pytest.skip("../shared/eval is not beside the project")
    from factcheck.celery import app

    monkeypatch.setitem(app.conf, "task_always_eager", True)  # nothing goes to a broker, even in CI
    report: dict[str, Any] = measure(load_sets(DEFAULT_SETS))
    print({name: (r["pairs"]["f1"], r["relation_accuracy"]) for name, r in {"all": report, **report["sets"]}.items()})
    figures = {"all": report, **report["sets"]}
    for name, floor in FLOORS.items():
        got = {"pairs_f1": figures[name]["pairs"]["f1"], "relation_accuracy": figures[name]["relation_accuracy"]}
        for key, least in floor.items():
            assert got[key] >= least, (name, key, got, report["events"])
    assert report["extraction"]["recall"] >= 0.8, report["extraction"]


def test_each_gold_file_takes_the_texts_that_follow_it_and_events_come_from_article_ids() -> None:
    from pathlib import Path

    from bench.accuracy import event_of, parse_arguments

    assert parse_arguments(["a.json", "x", "y", "b.json", "z"]) == [
        (Path("a.json"), (Path("x"), Path("y"))),
        (Path("b.json"), (Path("z"),)),
    ]
    with pytest.raises(SystemExit):
        parse_arguments(["texts", "a.json"])
    with pytest.raises(SystemExit):
        parse_arguments(["a.json"])
    assert event_of("D101-signalng", "dev") == "D1"
    assert event_of("003", "seeds") == "seeds"
