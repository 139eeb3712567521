"""Run every bench/*.py at a tiny size, so that no bench can break unnoticed (CI runs this).

    .venv/bin/python scripts/bench_smoke.py [--database-url URL]

Each bench must finish with status 0 and print a JSON object on a line of its own. The benches
write to one PostgreSQL database of their own (--database-url, default BENCH_SMOKE_DATABASE_URL
or postgres://postgres@127.0.0.1:5432/factcheck_bench_smoke), which they empty and refill.
A bench added without a row in TINY fails the smoke, naming it. The figures printed at these
sizes mean nothing; only that the benches run.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/factcheck_bench_smoke"
TIMEOUT = 300

# The arguments giving each bench a tiny run. "{db}" is the smoke database's URL, "{tmp}" a scratch
# folder, "{root}" the project folder.
TINY: dict[str, list[str]] = {
    "accuracy.py": ["{root}/../shared/eval/seeds_gold.json", "{root}/seeds", "--json"],
    "export.py": ["--rows", "300"],
    "extract.py": ["--min-seconds", "0.05"],
    "facts.py": ["--claims", "300", "--requests", "3", "--warmup", "1", "--database-url", "{db}"],
    "ingest.py": ["--small", "4", "--large", "8", "--sample", "2", "--database-url", "{db}"],
    "match.py": ["--small", "100", "--large", "200", "--sample", "2", "--database-url", "{db}"],
    "match_seeds.py": ["--out", "{tmp}/match_seeds.jsonl", "--json"],
    "review_queue.py": [
        "--claims",
        "200",
        "--reviewers",
        "2",
        "--seconds",
        "2",
        "--warmup",
        "1",
        "--workers",
        "1",
        "--think-ms",
        "50",
        "--refill",
        "--database-url",
        "{db}",
    ],
}
# bench/queue.py is the old name of bench/review_queue.py, kept as an alias: run it with the same flags.
TINY["queue.py"] = TINY["review_queue.py"]
NOT_BENCHES = {"__init__.py", "common.py"}


def json_line(stdout: str) -> dict[str, object] | None:
    for line in reversed(stdout.splitlines()):
        line = line.strip()
        if line.startswith("{"):
            try:
                value = json.loads(line)
            except ValueError:
                continue
            if isinstance(value, dict):
                return value
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_SMOKE_DATABASE_URL") or DEFAULT_URL)
    args = parser.parse_args()
    tmp = ROOT / "var" / "bench_smoke"
    tmp.mkdir(parents=True, exist_ok=True)
    benches = sorted(p.name for p in (ROOT / "bench").glob("*.py") if p.name not in NOT_BENCHES)
    env = {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "BENCH_DATABASE_URL": args.database_url,
        "BENCH_QUEUE_DATABASE_URL": args.database_url,
    }
    env.pop("CELERY_BROKER_URL", None)
    failed = []
    for name in benches:
        if name not in TINY:
            print(f"bench_smoke: {name}: no tiny-size arguments in scripts/bench_smoke.py TINY", file=sys.stderr)
            failed.append(name)
            continue
        command = [sys.executable, str(ROOT / "bench" / name)]
        command += [arg.format(db=args.database_url, tmp=tmp, root=ROOT) for arg in TINY[name]]
        started = time.monotonic()
        try:
            done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            print(f"bench_smoke: {name}: still running after {TIMEOUT} s", file=sys.stderr)
            failed.append(name)
            continue
        figures = json_line(done.stdout)
        if done.returncode != 0 or figures is None:
            print(
                f"bench_smoke: {name}: FAILED (exit {done.returncode}, JSON line {'found' if figures else 'missing'})"
                f"\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}",
                file=sys.stderr,
            )
            failed.append(name)
            continue
        print(f"bench_smoke: {name} ok in {time.monotonic() - started:.1f} s: {json.dumps(figures)}")
    if failed:
        print(f"bench_smoke: {len(failed)} bench(es) failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
