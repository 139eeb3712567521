"""Ingestion speed into PostgreSQL, and whether it holds as the store grows.

    python bench/ingest.py [--small 1000] [--large 20000] [--sample 40]

Fills a fresh bench database with synthetic articles through the real ingestion path
(their claims indexed for matching, not grouped: see bench.common.fill_articles), times
ingesting and matching `--sample` more articles at `--small` and again at `--large`
stored articles, and prints one JSON line. Target: per-article time within 25%.

Each sample is a fresh stream of news (its own follow-up stories among themselves), so the two
samples are the same kind of work and only the size of the store differs between them.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if not __package__:  # run as `python bench/ingest.py`: import the project from its root, not bench/
    sys.path[0] = str(ROOT)

from bench.common import SyntheticNewsroom, fill_articles, setup_django  # noqa: E402


def ingest_many(newsroom: SyntheticNewsroom, count: int, prefix: str) -> float:
    from claims.services.ingestion import article_ingest

    started = time.perf_counter()
    for n in range(count):
        result = article_ingest(raw=newsroom.article().encode(), name=f"{prefix}-{n}.txt")
        if result.status == "error":
            raise SystemExit(f"ingest failed: {result.error}")
    return time.perf_counter() - started


def fill_to(database_url: str, target: int) -> None:
    from claims.models import Article

    fill_articles(database_url, target - Article.objects.count(), seed=target, prefix=f"fill-{target}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", type=int, default=1000)
    parser.add_argument("--large", type=int, default=20000)
    parser.add_argument("--sample", type=int, default=40)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    url = setup_django(args.database_url, fresh=True)
    fill_to(url, args.small)
    small = ingest_many(SyntheticNewsroom(7), args.sample, "sample-small") / args.sample
    fill_to(url, args.large)
    large = ingest_many(SyntheticNewsroom(8), args.sample, "sample-large") / args.sample
    print(
        json.dumps(
            {
                "articles_per_s": round(1 / large, 1),
                "per_article_ms_at_small": round(small * 1000, 2),
                "per_article_ms_at_large": round(large * 1000, 2),
                "small": args.small,
                "large": args.large,
                "ratio_large_to_small": round(large / small, 3),
            }
        )
    )


if __name__ == "__main__":
    main()
