"""Verdict export speed and memory against PostgreSQL's own COPY.

    python bench/export.py --rows 1000000 [--reuse]

Fills the bench database (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/factcheck_bench;
created and migrated when missing) with N verdicts on claims in groups of three, set-based
(INSERT … SELECT generate_series; bench.common.insert_select takes the columns from the models).
Then, in the same run, times
- our CSV export of all N rows: `export_verdicts --output /dev/null` run in a child process
  that reports its own time and peak RSS (VmHWM), and
- PostgreSQL's `COPY (SELECT … the same rows, same joins …) TO STDOUT (FORMAT csv)` read by
  psycopg and written to /dev/null,
three times each, interleaved, keeping the fastest (peak RSS: the highest), and prints one JSON line:
{"rows", "seconds", "rows_per_s", "copy_rows_per_s", "ratio_to_copy", "peak_rss_mb"}.
Target at 1,000,000 rows: ratio_to_copy >= 0.5 and peak_rss_mb <= 150.
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
if not __package__:  # run as `python bench/export.py`: import the project from its root, not bench/
    sys.path[0] = str(ROOT)

from bench.common import DEFAULT_BENCH_DB  # noqa: E402

TABLES_TO_EMPTY = (
    "claims_auditentry", "claims_skip", "claims_verdict", "claims_claimkey", "claims_claim", "claims_factgroup",
    "claims_jobitem", "claims_articleband", "claims_articlerevision", "claims_article", "claims_outlet",
)  # fmt: skip
OUTLETS = 50
REVIEWERS = 20
CLAIMS_PER_ARTICLE = 20
ROUNDS = 3

# The reference: the same verdict rows with the same joins and stored columns, as PostgreSQL
# writes them with no shaping (no neutralising, no formatting, no other_sources aggregation).
REFERENCE_COPY = """COPY (
  SELECT c.id, a.id, a.title, o.domain, a.url, a.published, c.text, c.sentence, c.kind, c.value, c.unit,
         c.hedge, c.group_id, g.relation, v.id, v.verdict, u.username, v.note, v.adjudication, v.created_at,
         v.retracted_at, c.status
  FROM claims_verdict v
  JOIN claims_claim c ON c.id = v.claim_id
  JOIN claims_article a ON a.id = c.article_id
  LEFT JOIN claims_outlet o ON o.id = a.outlet_id
  LEFT JOIN claims_factgroup g ON g.id = c.group_id
  JOIN auth_user u ON u.id = v.reviewer_id
  WHERE v.retracted_at IS NULL
  ORDER BY v.id
) TO STDOUT (FORMAT csv, HEADER)"""


def fill(conn: object, rows: int) -> None:
    """N verdicts: 2/3 N claims (one verdict each, the first third a second one), 9 in 10 claims
    in groups of three from three articles, 20 claims an article, 50 outlets, 20 reviewers.
    Rows are written set-based through bench.common.insert_select, which takes the columns from
    the models (a column the fill does not name gets its default)."""
    from django.contrib.auth.models import User

    from bench.common import insert_select, reset_sequences
    from claims.models import Article, Claim, FactGroup, Outlet, Verdict

    claims = -(-2 * rows // 3)
    articles = -(-claims // CLAIMS_PER_ARTICLE)
    groups = -(-claims // 3)
    execute = conn.execute  # type: ignore[attr-defined]
    execute(f"TRUNCATE {', '.join(TABLES_TO_EMPTY)} RESTART IDENTITY CASCADE")
    execute("DELETE FROM auth_user_groups WHERE user_id IN (SELECT id FROM auth_user WHERE username LIKE 'bench-%')")
    execute("DELETE FROM auth_user WHERE username LIKE 'bench-%'")
    execute(
        insert_select(
            User,
            {
                "password": "'!'",
                "username": "'bench-reviewer-' || n",
                "date_joined": "now()",
            },
            source=f"FROM generate_series(1, {REVIEWERS}) n",
        )
    )
    execute(
        insert_select(
            Outlet,
            {
                "id": "n",
                "name": "'Outlet ' || n",
                "domain": "'outlet-' || n || '.example'",
            },
            source=f"FROM generate_series(1, {OUTLETS}) n",
        )
    )
    execute(
        insert_select(
            Article,
            {
                "id": "n",
                "identity": "'bench:' || n",
                "url": f"'https://outlet-' || (n % {OUTLETS} + 1) || '.example/story/' || n",
                "source_name": "''",
                "outlet": f"n % {OUTLETS} + 1",
                "title": """CASE WHEN n % 100 = 0 THEN '-' ELSE '' END || 'Story ' || n || ': the budget, "revised"'""",
                "published": "date '2024-01-01' + (n % 365)",
                "raw": "'\\x00'::bytea",
                "text": "'bench'",
                "content_hash": "md5(n::text)",
                "encoding": "'utf-8'",
                "extractor_version": "'bench'",
                "matcher_version": "'bench'",
            },
            source=f"FROM generate_series(1, {articles}) n",
        )
    )
    execute(
        insert_select(
            FactGroup,
            {
                "id": "n",
                "relation": "(ARRAY['agree', 'conflict', 'time_shifted'])[n % 3 + 1]",
                "reason": "'bench'",
                "label": "''",
                "origins": "3",
                "matcher_version": "'bench'",
            },
            source=f"FROM generate_series(1, {groups}) n",
        )
    )
    execute(
        insert_select(
            Claim,
            {
                "id": "n",
                "article": f"(n - 1) % {articles} + 1",
                "start": "10",
                "end": "14",
                "text": "(2000 + n % 25)::text || ' times'",
                "sentence": "'The council met ' || (2000 + n % 25) || ' times, officials said, up from ' || (n % 7) "
                "|| '.5 a year earlier.'",
                "sentence_start": "0",
                "kind": "'count'",
                "value": "CASE WHEN n % 11 = 0 THEN -(n % 7) - 0.5 ELSE 2000 + n % 25 END",
                "unit": "'meetings'",
                "hedge": "'exact'",
                "normalized": "''",
                "score": "0.8",
                "subject": "'[]'::jsonb",
                "fingerprint": "'fp-' || n",
                "extractor_version": "'bench'",
                "status": "'current'",
                "previous_text": "''",
                "group": "CASE WHEN n % 10 = 0 THEN NULL ELSE (n - 1) / 3 + 1 END",
                "priority": "CASE WHEN n % 10 <> 0 AND ((n - 1) / 3 + 1) % 3 = 1 THEN 1 ELSE 0 END",
                "review": "'done'",
                "version": "1",
            },
            source=f"FROM generate_series(1, {claims}) n",
        )
    )
    execute(
        insert_select(
            Verdict,
            {
                "claim": f"CASE WHEN n <= {claims} THEN n ELSE n - {claims} END",
                "reviewer": f"(SELECT min(id) FROM auth_user WHERE username LIKE 'bench-%') + n % {REVIEWERS}",
                "verdict": "(ARRAY['agree', 'conflict', 'unclear', 'not_a_claim'])[n % 4 + 1]",
                "note": """CASE WHEN n % 50 = 0 THEN '=HYPERLINK("http://attacker.example","open")'
                       WHEN n % 7 = 0 THEN 'Checked against the minutes, page ' || n % 90 ELSE '' END""",
                "claim_version": "1",
                "claim_value": "2000",
                "adjudication": "n % 97 = 0",
                "created_at": "timestamptz '2024-06-01 00:00:00+00' + n * interval '1 second'",
                "retracted_at": "NULL",
            },
            source=f"FROM generate_series(1, {rows}) n",
        )
    )
    reset_sequences(conn, Outlet, Article, FactGroup, Claim, Verdict)
    execute("ANALYZE")


def time_reference_copy(url: str) -> float:
    import psycopg

    with psycopg.connect(url) as conn, open(os.devnull, "wb") as sink:
        started = time.perf_counter()
        with conn.cursor() as cursor, cursor.copy(REFERENCE_COPY) as copy:
            for data in copy:
                sink.write(data)
        return time.perf_counter() - started


def time_our_export(url: str) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of export_verdicts in a child process."""
    env = {**os.environ, "DATABASE_URL": url}
    env.pop("CELERY_BROKER_URL", None)
    done = subprocess.run([sys.executable, __file__, "--child"], env=env, check=True, capture_output=True, text=True)
    report = json.loads(done.stdout.strip().splitlines()[-1])
    return report["seconds"], report["peak_rss_kb"] / 1024


def child() -> None:
    """Runs in the child: the export command exactly as a user runs it, to /dev/null."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    import django

    django.setup()
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("export_verdicts", output=os.devnull)
    seconds = time.perf_counter() - started
    status = Path("/proc/self/status").read_text()
    peak = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:"))
    print(json.dumps({"seconds": seconds, "peak_rss_kb": peak}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--reuse", action="store_true", help="keep the data when it already has --rows verdicts")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child()
        return
    from bench.common import setup_django

    url = setup_django(os.environ.get("DATABASE_URL") or DEFAULT_BENCH_DB)
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        count = conn.execute("SELECT count(*) FROM claims_verdict WHERE retracted_at IS NULL").fetchone()
        if not (args.reuse and count and count[0] == args.rows):
            fill(conn, args.rows)
    copy_times: list[float] = []
    runs: list[tuple[float, float]] = []
    for _ in range(ROUNDS):  # interleaved, so a busy machine slows both alike
        copy_times.append(time_reference_copy(url))
        runs.append(time_our_export(url))
    copy_seconds = min(copy_times)
    seconds = min(run[0] for run in runs)
    peak = max(run[1] for run in runs)
    print(
        json.dumps(
            {
                "rows": args.rows,
                "seconds": round(seconds, 3),
                "rows_per_s": round(args.rows / seconds),
                "copy_rows_per_s": round(args.rows / copy_seconds),
                "ratio_to_copy": round(copy_seconds / seconds, 3),
                "peak_rss_mb": round(peak, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
