"""Cost of matching one more article as the claim store grows.

    python bench/match.py [--small 1000] [--large 100000] [--sample 20]

Fills a fresh bench database through the real ingestion path (claims indexed for
matching, see bench.common.fill_articles) until it holds `--small` claims, times
ingesting and matching `--sample` more articles, fills to `--large` claims, times
again, and prints one JSON line.
Target: the two per-article times within 2x of each other.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if not __package__:  # run as `python bench/match.py`: import the project from its root, not bench/
    sys.path[0] = str(ROOT)

from bench.common import SyntheticNewsroom, fill_articles, growth_arguments, seconds_per_article, setup_django  # noqa: E402


def fill_to_claims(database_url: str, target: int) -> None:
    from claims.models import Claim

    round_ = 0
    while (have := Claim.objects.count()) < target:
        per_article = max(1, have // max(1, Claim.objects.values("article").distinct().count())) if have else 25
        fill_articles(
            database_url, max(2, (target - have) // per_article), seed=target + round_, prefix=f"fill-{target}-{round_}"
        )
        round_ += 1


def main() -> None:
    args = growth_arguments(__doc__.split("\n\n")[0], large=100_000, sample=20)
    url = setup_django(args.database_url, fresh=True)
    from claims.models import Claim

    # Each sample is a fresh stream of news, so the two differ only in the size of the store.
    fill_to_claims(url, args.small)
    at_small = Claim.objects.count()
    small = seconds_per_article(SyntheticNewsroom(11), args.sample, "sample-small")
    fill_to_claims(url, args.large)
    at_large = Claim.objects.count()
    large = seconds_per_article(SyntheticNewsroom(12), args.sample, "sample-large")
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
