"""The fact list's response time as the claim store grows.

    python bench/facts.py --claims 1000000 --requests 200

Fills a bench database of its own (--database-url, default
postgres://postgres@127.0.0.1:5432/factcheck_bench_facts; created and migrated when missing, refilled
unless it already holds --claims claims) with bench/review_queue.py's data set: one article per 20 claims
across 200 outlets, claims in fact groups of 2 to 5 claims from different articles (one group in six
a conflict), one claim in 20 alone. Then it requests, in-process through Django's test client as a
signed-in reviewer (the server's whole work: middleware, session, queries, template; no HTTP), the
first page of /facts/ and a mix of other pages a desk opens: filtered by relation, review status,
outlet and text, the htmx fragment, and the next page. Every request is timed after a warm-up.
Prints one JSON line: {"claims", "facts", "requests", "first_page_p50_ms", "first_page_p95_ms",
"mixed_p95_ms", "slowest_kind", "slowest_kind_p95_ms"}; each kind's p95 goes to stderr.
Target at 1,000,000 claims: first page p95 <= 100 ms.
"""

from __future__ import annotations

import argparse
import json
import math
import secrets
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if not __package__:  # run as `python bench/facts.py`: import the project from its root, not bench/
    sys.path[0] = str(ROOT)

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/factcheck_bench_facts"
USERNAME = "bench-facts-reviewer"


def log(message: str) -> None:
    print(f"[bench/facts] {message}", file=sys.stderr, flush=True)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(share * len(ordered)) - 1))]


def ensure_filled(url: str, claims: int) -> None:
    import psycopg

    from bench.review_queue import fill

    with psycopg.connect(url, autocommit=True) as conn:
        stored = conn.execute("SELECT count(*) FROM claims_claim").fetchone()
        if stored and stored[0] == claims:
            log(f"the database already holds {claims:,} claims")
            return
        started = time.perf_counter()
        fill(conn, claims)
        log(f"filled {claims:,} claims in {time.perf_counter() - started:.1f} s")


def client_for_reviewer() -> Any:
    from django.contrib.auth.models import Group, User
    from django.test import Client

    user, _ = User.objects.get_or_create(username=USERNAME)
    user.set_password(secrets.token_urlsafe(24))
    user.save()
    user.groups.add(Group.objects.get_or_create(name="Reviewer")[0])
    client = Client()
    client.force_login(user)
    return client


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=200, help="timed requests of each kind")
    parser.add_argument("--warmup", type=int, default=10, help="untimed requests of each kind first")
    parser.add_argument("--database-url", default=DEFAULT_DB)
    args = parser.parse_args()

    from bench.common import setup_django

    url = setup_django(args.database_url)
    ensure_filled(url, args.claims)
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False
    from claims.models import FactGroup, Outlet

    client = client_for_reviewer()
    first = client.get("/facts/")
    after = first.content.decode().split("after=", 1)[1].split('"', 1)[0] if b"after=" in first.content else ""
    outlet = Outlet.objects.order_by("id").values_list("id", flat=True).first()
    kinds: dict[str, tuple[str, dict[str, str]]] = {
        "first_page": ("/facts/", {}),
        "htmx_fragment": ("/facts/?relation=conflict", {"HTTP_HX_REQUEST": "true"}),
        "relation_agree": ("/facts/?relation=agree", {}),
        "status_open": ("/facts/?status=open", {}),
        "outlet": (f"/facts/?outlet={outlet}", {}),
        "text": ("/facts/?q=visitors", {}),
        "next_page": (f"/facts/?after={after}", {}),
    }
    timings: dict[str, list[float]] = {}
    for kind, (path, headers) in kinds.items():
        for _ in range(args.warmup):
            client.get(path, **headers)
        samples = []
        for _ in range(args.requests):
            started = time.perf_counter()
            response = client.get(path, **headers)
            samples.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{path}: HTTP {response.status_code}")
        timings[kind] = samples
        log(f"{kind:15} {path:40} p50 {percentile(samples, 0.5):7.1f} ms  p95 {percentile(samples, 0.95):7.1f} ms")
    slowest = max(timings, key=lambda k: percentile(timings[k], 0.95))
    mixed = [t for samples in timings.values() for t in samples]
    print(
        json.dumps(
            {
                "claims": args.claims,
                "facts": FactGroup.objects.count(),
                "requests": len(mixed),
                "first_page_p50_ms": round(percentile(timings["first_page"], 0.5), 1),
                "first_page_p95_ms": round(percentile(timings["first_page"], 0.95), 1),
                "mixed_p95_ms": round(percentile(mixed, 0.95), 1),
                "slowest_kind": slowest,
                "slowest_kind_p95_ms": round(percentile(timings[slowest], 0.95), 1),
            }
        )
    )


if __name__ == "__main__":
    main()
