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

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if not __package__:  # run as `python bench/ingest.py`: import the project from its root, not bench/
    sys.path[0] = str(ROOT)

from bench.common import SyntheticNewsroom, fill_articles, growth_arguments, seconds_per_article, setup_django  # noqa: E402


def fill_to(database_url: str, target: int) -> None:
    from claims.models import Article

    fill_articles(database_url, target - Article.objects.count(), seed=target, prefix=f"fill-{target}")


def main() -> None:
    args = growth_arguments(__doc__.split("\n\n")[0], large=20000, sample=40)
    url = setup_django(args.database_url, fresh=True)
    fill_to(url, args.small)
    small = seconds_per_article(SyntheticNewsroom(7), args.sample, "sample-small")
    fill_to(url, args.large)
    large = seconds_per_article(SyntheticNewsroom(8), args.sample, "sample-large")
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
