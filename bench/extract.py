"""Score and time our claim extractor against quantulum3 on the seed articles and the dev set, in one run.

    .venv/bin/python bench/extract.py [--gold PATH] [--seeds DIR] [--dev DIR] [--jsonl OUT] [--min-seconds 1.0]

Prints one JSON line: {"ours": {"f1", "precision", "recall", "chars_per_s", "chars_per_cpu_s"},
"quantulum3": {...}, "speedup": ours / quantulum3, "speedup_cpu"} on the seeds, as before, plus "dev"
(the same scores on the dev set, with "kind_agreement": the share of matched claims whose kind is the
gold kind), "events" (F1 of each event on its own: the seeds and the dev clusters D1-D4) and "overall"
(seeds and dev scored together). Both extractors read the same cleaned texts; both are scored with the
shared scorer (../shared/eval/score.py), and timed single-process on all texts (seeds and dev) repeated
until at least --min-seconds have passed.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if not __package__:  # run as `python bench/extract.py`: import the project from its root, not bench/
    sys.path[0] = str(ROOT)

from claims.pipeline.extract.extraction import extract_claims  # noqa: E402
from claims.pipeline.types import CleanedDocument  # noqa: E402
from claims.serializers import extracted_claim_json  # noqa: E402


def load_scorer_module(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("shared_eval_score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load the scorer from {path}")
    module: ModuleType = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_scorer(path: Path) -> Callable[[dict[str, Any], list[dict[str, Any]]], dict[str, Any]]:
    score: Callable[[dict[str, Any], list[dict[str, Any]]], dict[str, Any]] = load_scorer_module(path).score
    return score


def kind_agreement(scorer: ModuleType, gold: dict[str, Any], claims: list[dict[str, Any]]) -> float:
    """The share of matched claims (optional ones included) whose kind is the gold kind."""
    pairs, mismatched = scorer.match(gold, claims)
    return round(1 - mismatched / len(pairs), 3) if pairs else 0.0


def split_events(seeds_gold: dict[str, Any], dev_gold: dict[str, Any] | None) -> dict[str, dict[str, Any]]:
    """Gold files per event: the seeds are one event, each dev cluster (D1, D2, ...) another."""
    events = {"seeds": seeds_gold}
    if dev_gold is not None:
        for cluster in sorted({str(article.get("cluster", "dev")) for article in dev_gold["articles"]}):
            articles = [article for article in dev_gold["articles"] if str(article.get("cluster", "dev")) == cluster]
            events[cluster] = {**dev_gold, "articles": articles}
    return events


def clean(raw: bytes, name: str) -> CleanedDocument:
    """The project's cleaning stage when it exists; else UTF-8 with the mojibake repair, else plain UTF-8."""
    try:
        from claims.pipeline.clean.cleaning import clean_document
    except ImportError:
        text = raw.decode("utf-8", errors="replace")
        try:
            from claims.pipeline.fetch.mojibake import repair_mojibake
        except ImportError:
            return CleanedDocument(text=text)
        return CleanedDocument(text=repair_mojibake(text).text)
    return clean_document(raw, name=name)


def our_claims(name: str, doc: CleanedDocument) -> list[dict[str, Any]]:
    """Our claims as `manage.py extract --jsonl` writes them."""
    return [extracted_claim_json(c, article=name) for c in extract_claims(doc.text, published=doc.published)]


def _quantulum_kind(quantity: Any) -> tuple[str, str]:
    unit = quantity.unit
    entity = getattr(unit.entity, "name", "") or ""
    name = unit.name or ""
    if entity == "currency":
        return "money", getattr(unit, "currency_code", None) or name
    if name == "percentage":
        return "percent", "percent"
    if entity == "time":
        return "duration", name
    if entity == "dimensionless" or name == "dimensionless":
        return "count", ""
    return "quantity", name


def quantulum_claims(parser: Any, name: str, doc: CleanedDocument) -> list[dict[str, Any]]:
    """quantulum3's quantities in our claim shape; the sentence is the line around the span."""
    text = doc.text
    out = []
    for quantity in parser.parse(text):
        start, end = quantity.span
        kind, unit = _quantulum_kind(quantity)
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        out.append(
            {
                "article": name,
                "start": start,
                "end": end,
                "text": text[start:end],
                "sentence": text[line_start:line_end],
                "kind": kind,
                "value": quantity.value,
                "unit": unit,
            }
        )
    return out


def throughput(run: Callable[[str], object], texts: list[str], min_seconds: float) -> tuple[float, float]:
    """Characters per second of wall-clock time and of this process's CPU time, single process, over the
    texts repeated for at least min_seconds. On a machine shared with other jobs the CPU figure is the
    steadier one."""
    chars = 0
    started, cpu_started = time.perf_counter(), time.process_time()
    while True:
        for text in texts:
            run(text)
            chars += len(text)
        elapsed = time.perf_counter() - started
        if elapsed >= min_seconds:
            return chars / elapsed, chars / max(time.process_time() - cpu_started, 1e-9)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", type=Path, default=ROOT.parent / "shared" / "eval" / "seeds_gold.json")
    ap.add_argument("--scorer", type=Path, default=None, help="score.py (default: next to the gold file)")
    ap.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    ap.add_argument(
        "--dev",
        type=Path,
        default=ROOT.parent / "shared" / "eval" / "dev",
        help="dev set: gold.json and texts/ (skipped when absent)",
    )
    ap.add_argument("--jsonl", type=Path, default=None, help="write our claims as JSON lines here")
    ap.add_argument("--min-seconds", type=float, default=1.0)
    args = ap.parse_args()

    scorer = load_scorer_module(args.scorer or args.gold.parent / "score.py")
    score = scorer.score
    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    docs = [(path.name, clean(path.read_bytes(), path.name)) for path in sorted(args.seeds.glob("*.txt"))]
    dev_gold_path = args.dev / "gold.json"
    dev_gold = json.loads(dev_gold_path.read_text(encoding="utf-8")) if dev_gold_path.exists() else None
    dev_docs = (
        [(path.name, clean(path.read_bytes(), path.name)) for path in sorted((args.dev / "texts").glob("*.txt"))]
        if dev_gold is not None
        else []
    )
    texts = [doc.text for _, doc in docs + dev_docs]

    ours = [claim for name, doc in docs for claim in our_claims(name, doc)]
    ours_dev = [claim for name, doc in dev_docs for claim in our_claims(name, doc)]
    if args.jsonl:
        with args.jsonl.open("w", encoding="utf-8") as out:
            for claim in ours + ours_dev:
                out.write(json.dumps(claim, ensure_ascii=False) + "\n")

    warnings.filterwarnings("ignore")
    from quantulum3 import parser as quantulum_parser

    theirs = [claim for name, doc in docs for claim in quantulum_claims(quantulum_parser, name, doc)]
    theirs_dev = [claim for name, doc in dev_docs for claim in quantulum_claims(quantulum_parser, name, doc)]

    def figures(gold_file: dict[str, Any], claims: list[dict[str, Any]]) -> dict[str, float]:
        result = score(gold_file, claims)
        return {
            "f1": result["f1"],
            "precision": result["precision"],
            "recall": result["recall"],
            "kind_agreement": kind_agreement(scorer, gold_file, claims),
        }

    def summary(claims: list[dict[str, Any]], speed: tuple[float, float]) -> dict[str, float]:
        result = score(gold, claims)
        return {
            "f1": result["f1"],
            "precision": result["precision"],
            "recall": result["recall"],
            "chars_per_s": round(speed[0]),
            "chars_per_cpu_s": round(speed[1]),
        }

    our_speed = throughput(lambda text: extract_claims(text), texts, args.min_seconds)
    their_speed = throughput(quantulum_parser.parse, texts, args.min_seconds)
    report: dict[str, Any] = {
        "ours": summary(ours, our_speed),
        "quantulum3": summary(theirs, their_speed),
        "speedup": round(our_speed[0] / their_speed[0], 1),
        "speedup_cpu": round(our_speed[1] / their_speed[1], 1),
    }
    if dev_gold is not None:
        report["dev"] = {"ours": figures(dev_gold, ours_dev), "quantulum3": figures(dev_gold, theirs_dev)}
        report["events"] = {
            event: {
                "ours": score(event_gold, ours + ours_dev)["f1"],
                "quantulum3": score(event_gold, theirs + theirs_dev)["f1"],
            }
            for event, event_gold in split_events(gold, dev_gold).items()
        }
        both = {"articles": gold["articles"] + dev_gold["articles"]}
        report["overall"] = {"ours": figures(both, ours + ours_dev), "quantulum3": figures(both, theirs + theirs_dev)}
    print(json.dumps(report))


if __name__ == "__main__":
    main()
