"""Verdict export speed and memory against PostgreSQL's own COPY.

    python bench/export.py --rows 1000000 [--reuse]

Fills the bench database (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/factcheck_bench;
created and migrated when missing) with N verdicts on claims in groups of three, set-based
(INSERT … SELECT generate_series). Then, in the same run, times
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
# bench/queue.py would shadow the standard library's queue module: keep bench/ off the path.
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))

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
    in groups of three from three articles, 20 claims an article, 50 outlets, 20 reviewers."""
    claims = -(-2 * rows // 3)
    articles = -(-claims // CLAIMS_PER_ARTICLE)
    groups = -(-claims // 3)
    execute = conn.execute  # type: ignore[attr-defined]
    execute(f"TRUNCATE {', '.join(TABLES_TO_EMPTY)} RESTART IDENTITY CASCADE")
    execute("DELETE FROM auth_user_groups WHERE user_id IN (SELECT id FROM auth_user WHERE username LIKE 'bench-%')")
    execute("DELETE FROM auth_user WHERE username LIKE 'bench-%'")
    execute("""INSERT INTO auth_user (password, is_superuser, username, first_name, last_name, email, is_staff,
                                      is_active, date_joined)
               SELECT '!', false, 'bench-reviewer-' || n, '', '', '', false, true, now()
               FROM generate_series(1, %s) n""", (REVIEWERS,))
    execute("""INSERT INTO claims_outlet (id, name, domain)
               SELECT n, 'Outlet ' || n, 'outlet-' || n || '.example' FROM generate_series(1, %s) n""", (OUTLETS,))
    execute("""INSERT INTO claims_article (id, identity, url, source_name, outlet_id, title, published, raw, text,
                                           content_hash, encoding, extractor_version, matcher_version,
                                           created_at, updated_at)
               SELECT n, 'bench:' || n, 'https://outlet-' || (n %% %s + 1) || '.example/story/' || n, '',
                      n %% %s + 1,
                      CASE WHEN n %% 100 = 0 THEN '-' ELSE '' END || 'Story ' || n || ': the budget, "revised"',
                      date '2024-01-01' + (n %% 365), '\\x00'::bytea, 'bench', md5(n::text), 'utf-8', 'bench',
                      'bench', now(), now()
               FROM generate_series(1, %s) n""", (OUTLETS, OUTLETS, articles))
    execute("""INSERT INTO claims_factgroup (id, relation, reason, label, origins, matcher_version, updated_at)
               SELECT n, (ARRAY['agree', 'conflict', 'time_shifted'])[n %% 3 + 1], 'bench', '', 3, 'bench', now()
               FROM generate_series(1, %s) n""", (groups,))
    execute("""INSERT INTO claims_claim (id, article_id, start, "end", text, sentence, sentence_start, kind, value,
                                         unit, hedge, normalized, score, subject, fingerprint, extractor_version,
                                         status, previous_text, group_id, review, version, created_at, updated_at)
               SELECT n, (n - 1) %% %s + 1, 10, 14, (2000 + n %% 25)::text || ' times',
                      'The council met ' || (2000 + n %% 25) || ' times, officials said, up from '
                        || (n %% 7) || '.5 a year earlier.',
                      0, 'count', CASE WHEN n %% 11 = 0 THEN -(n %% 7) - 0.5 ELSE 2000 + n %% 25 END,
                      'meetings', 'exact', '', 0.8, '[]'::jsonb, 'fp-' || n, 'bench', 'current', '',
                      CASE WHEN n %% 10 = 0 THEN NULL ELSE (n - 1) / 3 + 1 END, 'done', 1, now(), now()
               FROM generate_series(1, %s) n""", (articles, claims))
    execute("""INSERT INTO claims_verdict (claim_id, reviewer_id, verdict, note, claim_version, claim_value,
                                           adjudication, created_at, retracted_at)
               SELECT CASE WHEN n <= %s THEN n ELSE n - %s END,
                      (SELECT min(id) FROM auth_user WHERE username LIKE 'bench-%%') + n %% %s,
                      (ARRAY['agree', 'conflict', 'unclear', 'not_a_claim'])[n %% 4 + 1],
                      CASE WHEN n %% 50 = 0 THEN '=HYPERLINK("http://attacker.example","open")'
                           WHEN n %% 7 = 0 THEN 'Checked against the minutes, page ' || n %% 90
                           ELSE '' END,
                      1, 2000, n %% 97 = 0, timestamptz '2024-06-01 00:00:00+00' + n * interval '1 second', NULL
               FROM generate_series(1, %s) n""", (claims, claims, REVIEWERS, rows))
    for table in ("claims_outlet", "claims_article", "claims_factgroup", "claims_claim", "claims_verdict"):
        execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
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
    print(json.dumps({
        "rows": args.rows,
        "seconds": round(seconds, 3),
        "rows_per_s": round(args.rows / seconds),
        "copy_rows_per_s": round(args.rows / copy_seconds),
        "ratio_to_copy": round(copy_seconds / seconds, 3),
        "peak_rss_mb": round(peak, 1),
    }))


if __name__ == "__main__":
    main()
