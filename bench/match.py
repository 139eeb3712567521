"""Cost of matching one more article as the claim store grows.

    python bench/match.py [--small 1000] [--large 100000] [--sample 20]

Fills a fresh bench database through the real ingestion path (claims indexed for
matching, see bench.common.fill_articles) until it holds `--small` claims, times
ingesting and matching `--sample` more articles, fills to `--large` claims, times
again, and prints one JSON line.
Target: the two per-article times within 2x of each other.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if not __package__:  # run as `python bench/match.py`: import the project from its root, not bench/
    sys.path[0] = str(ROOT)

from bench.common import SyntheticNewsroom, fill_articles, setup_django  # noqa: E402


def ingest_one(newsroom: SyntheticNewsroom, name: str) -> None:
    from claims.services.ingestion import article_ingest

    result = article_ingest(raw=newsroom.article().encode(), name=name)
    if result.status == "error":
        raise SystemExit(f"ingest failed: {result.error}")


def fill_to_claims(database_url: str, target: int) -> None:
    from claims.models import Claim

    round_ = 0
    while (have := Claim.objects.count()) < target:
        per_article = max(1, have // max(1, Claim.objects.values("article").distinct().count())) if have else 25
        fill_articles(
            database_url, max(2, (target - have) // per_article), seed=target + round_, prefix=f"fill-{target}-{round_}"
        )
        round_ += 1


def time_sample(newsroom: SyntheticNewsroom, count: int, prefix: str) -> float:
    started = time.perf_counter()
    for n in range(count):
        ingest_one(newsroom, f"{prefix}-{n}.txt")
    return (time.perf_counter() - started) / count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", type=int, default=1000)
    parser.add_argument("--large", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=20)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    url = setup_django(args.database_url, fresh=True)
    from claims.models import Claim

    # Each sample is a fresh stream of news, so the two differ only in the size of the store.
    fill_to_claims(url, args.small)
    at_small = Claim.objects.count()
    small = time_sample(SyntheticNewsroom(11), args.sample, "sample-small")
    fill_to_claims(url, args.large)
    at_large = Claim.objects.count()
    large = time_sample(SyntheticNewsroom(12), args.sample, "sample-large")
    print(
        json.dumps(
            {
                "claims_small": at_small,
                "claims_large": at_large,
                "per_article_ms_at_small": round(small * 1000, 2),
                "per_article_ms_at_large": round(large * 1000, 2),
                "ratio_large_to_small": round(large / small, 3),
            }
        )
    )


if __name__ == "__main__":
    main()
