#!/usr/bin/env python3
"""End-to-end cross-source matching on the seed articles, scored against the gold file.

    .venv/bin/python bench/match_seeds.py [--seeds seeds] [--gold ../shared/eval/seeds_gold.json]
                                          [--out var/match_seeds.jsonl] [--from-gold] [--show] [--json]

Each file is cleaned (``clean_document``), its claims extracted (``extract_claims``), copies of one
wire story found with the near-duplicate detector (``neardup.COPY_THRESHOLD``), and the claims
grouped with ``group_claims`` / ``suggest_relation``, without Django or a database. The claims are
written as JSON lines (article, kind, value, unit, text, sentence, group, relation, reason) and
scored with the evaluation's ``score.py``.

``--from-gold`` replaces the extractor by the gold claims themselves (each quote located in the
text), to measure the matcher alone.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if not __package__:  # run as `python bench/match_seeds.py`: import the project from its root, not bench/
    sys.path[0] = str(ROOT)

from claims.pipeline.match.grouping import group_claims  # noqa: E402
from claims.pipeline.match.records import ClaimRecord  # noqa: E402
from claims.pipeline.match.suggestion import suggest_relation  # noqa: E402

DEFAULT_GOLD = ROOT.parent / "shared" / "eval" / "seeds_gold.json"


@dataclass
class Article:
    name: str
    text: str
    published: dt.date | None
    claims: list[dict[str, Any]] = field(default_factory=list)
    origin: int = 0


def load_score_module(gold_path: Path) -> ModuleType:
    """score.py sits next to the gold file; import it by path."""
    spec = importlib.util.spec_from_file_location("eval_score", gold_path.parent / "score.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"no score.py next to {gold_path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def cleaned_articles(seeds: Path) -> list[Article]:
    from claims.pipeline.clean.cleaning import clean_document

    articles = []
    for path in sorted(seeds.glob("*.txt")):
        document = clean_document(path.read_bytes(), name=path.name)
        articles.append(Article(path.name, document.text, document.published))
    return articles


def extract(articles: list[Article]) -> None:
    """Extract after origins are known, so a copy without a date reads relative dates against its
    story's date, as ingestion does (Article.reference_date)."""
    from claims.pipeline.extract.extraction import extract_claims

    for article in articles:
        for claim in extract_claims(article.text, published=article.published):
            article.claims.append(
                {
                    "kind": claim.kind,
                    "value": claim.value,
                    "unit": claim.unit,
                    "hedge": claim.hedge,
                    "normalized": claim.normalized,
                    "text": claim.text,
                    "sentence": claim.sentence,
                    "subject": list(claim.subject),
                }
            )


def gold_articles(seeds: Path, gold: dict[str, Any]) -> list[Article]:
    """The gold claims as if an ideal extractor had found them (sentence = the line/sentence holding the quote)."""
    from claims.pipeline.extract.sentences import SentenceIndex
    from claims.pipeline.fetch.mojibake import repair_gbk_mojibake

    articles = []
    for entry in gold["articles"]:
        text, _ = repair_gbk_mojibake((seeds / entry["file"]).read_text(encoding="utf-8", errors="replace"))
        published = dt.date.fromisoformat(entry["published"]) if entry["published"] else None
        article = Article(entry["file"], text, published)
        index = SentenceIndex(text)
        for claim in entry["claims"]:
            quote = claim["quote"]
            position = _find_body_occurrence(text, quote)
            start, end = index.around(position) if position >= 0 else (0, 0)
            resolved = _resolve_for_gold(quote, text[start:end], published) if claim["value"] is None else ""
            article.claims.append(
                {
                    "kind": claim["kind"],
                    "value": claim["value"],
                    "unit": claim["unit"],
                    "hedge": "approx" if claim["approx"] else "exact",
                    "normalized": resolved,
                    "text": quote,
                    "sentence": text[start:end] or quote,
                    "subject": [],
                }
            )
        articles.append(article)
    return articles


def _resolve_for_gold(quote: str, sentence: str, published: dt.date | None) -> str:
    """Dev-only stand-in for the extractor's date resolution of a gold quote with no value."""
    from claims.pipeline.extract.dates import FUTURE, resolve_month, resolve_relative, resolve_weekday
    from claims.pipeline.lexicon import WEEKDAYS, month_number

    if published is None:
        return ""
    forward = bool(FUTURE.search(sentence))
    relative = re.search(r"\b(this|last|next|past)\s+(week|month|year|summer|spring|autumn|winter)\b", quote, re.I)
    if relative:
        return resolve_relative(relative.group(1), relative.group(2), published)
    for word in re.findall(r"[A-Za-z]+", quote):
        if word.lower() in WEEKDAYS:
            return resolve_weekday(WEEKDAYS[word.lower()], published, forward).isoformat()
    months = re.finditer(r"\b([A-Z][a-z]+)(?:\s+(\d{1,2})(?:-(\d{1,2}))?)?", quote)
    month = next((m for m in months if month_number(m.group(1)) is not None), None)
    if month:
        year_month = resolve_month(month_number(month.group(1)) or 1, published, forward)
        if month.group(2):
            first = f"{year_month}-{int(month.group(2)):02d}"
            return f"{first}/{year_month}-{int(month.group(3)):02d}" if month.group(3) else first
        return year_month
    return ""


def _find_body_occurrence(text: str, quote: str) -> int:
    """The last occurrence in a paragraph-like line (captions come before the body in the seeds)."""
    hits = [m.start() for m in re.finditer(re.escape(quote), text)]
    return hits[-1] if hits else -1


def assign_origins(articles: list[Article]) -> None:
    """Copies of one story share the index of the first of them; a copy without a date borrows one."""
    try:
        from claims.pipeline.neardup.minhash import COPY_THRESHOLD, jaccard
    except ImportError:
        for number, article in enumerate(articles):
            article.origin = number
        return
    for number, article in enumerate(articles):
        article.origin = number
        roots = [index for index, earlier in enumerate(articles[:number]) if earlier.origin == index]
        for root in roots:
            if jaccard(articles[root].text, article.text) >= COPY_THRESHOLD:
                article.origin = root
                break
    for article in articles:
        if article.published is None:
            dates = [a.published for a in articles if a.origin == article.origin and a.published]
            article.published = min(dates) if dates else None


def run(articles: list[Article]) -> list[dict[str, Any]]:
    records: list[ClaimRecord] = []
    rows: list[dict[str, Any]] = []
    for number, article in enumerate(articles):
        for claim in article.claims:
            claim_id = len(rows)
            records.append(
                ClaimRecord(
                    id=claim_id,
                    article_id=number,
                    origin_id=article.origin,
                    published=article.published,
                    kind=claim["kind"],
                    value=claim["value"],
                    unit=claim["unit"],
                    hedge=claim["hedge"],
                    normalized=claim["normalized"],
                    text=claim["text"],
                    sentence=claim["sentence"],
                    subject=tuple(claim["subject"]),
                )
            )
            rows.append({"article": article.name, **claim, "group": None, "relation": "single", "reason": ""})
    by_id = {r.id: r for r in records}
    for group_number, members in enumerate(group_claims(records), 1):
        suggestion = suggest_relation([by_id[m] for m in members])
        for member in members:
            rows[member].update(group=group_number, relation=suggestion.relation, reason=suggestion.reason)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--out", type=Path, default=ROOT / "var" / "match_seeds.jsonl")
    parser.add_argument("--from-gold", action="store_true", help="use the gold claims instead of the extractor")
    parser.add_argument("--show", action="store_true", help="print the groups found")
    parser.add_argument("--json", action="store_true", help="also print the figures as one JSON line")
    options = parser.parse_args()
    gold = json.loads(options.gold.read_text(encoding="utf-8"))
    articles = gold_articles(options.seeds, gold) if options.from_gold else cleaned_articles(options.seeds)
    assign_origins(articles)
    if not options.from_gold:
        extract(articles)  # after the origins: a copy reads relative dates against its story's date
    rows = run(articles)
    options.out.parent.mkdir(parents=True, exist_ok=True)
    with options.out.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    if options.show:
        groups: dict[int, list[dict[str, Any]]] = {}
        for row in rows:
            if row["group"] is not None:
                groups.setdefault(row["group"], []).append(row)
        for number, members in sorted(groups.items()):
            print(f"group {number}: {members[0]['relation']} - {members[0]['reason']}")
            for row in members:
                print(f"    {row['article'][:3]} {row['kind']:9} {row['value']!s:>8} {row['unit']:10} | {row['text']}")
    score = load_score_module(options.gold)
    result = score.score(gold, score.load_pred(str(options.out)))
    for wrong in result.get("relation_wrong", []):
        print(f"relation_wrong: {wrong}")
    print(
        f"extraction: precision {result['precision']} recall {result['recall']} f1 {result['f1']}\n"
        f"grouping: pair precision {result.get('group_pairs_precision')} recall "
        f"{result.get('group_pairs_recall')} f1 {result.get('group_pairs_f1')}; "
        f"relation accuracy {result.get('relation_accuracy')}"
    )
    if options.json:
        keys = (
            "precision",
            "recall",
            "f1",
            "group_pairs_precision",
            "group_pairs_recall",
            "group_pairs_f1",
            "relation_accuracy",
        )
        print(json.dumps({key: result.get(key) for key in keys}))


if __name__ == "__main__":
    main()
