"""Review queue under load: R reviewers working one queue at once, served by gunicorn.

    python bench/review_queue.py --claims 1000000 --reviewers 32 --seconds 60

(bench/queue.py, its old name, runs the same with the same flags.)

Fills a bench database of its own (--database-url, default
postgres://postgres@127.0.0.1:5432/factcheck_bench_queue; created and migrated when missing,
refilled unless it already holds --claims claims) set-based with INSERT … SELECT generate_series:
one article per 20 claims across 200 outlets, claims in fact groups of 2 to 5 claims from
different articles (one group in six a conflict), one claim in 20 alone. Creates R reviewer accounts
with random passwords, serves the app with gunicorn on a free loopback port (DEBUG=0, the bench
database, one live verdict needed per claim; 2 x cores + 1 worker processes of one thread each, as
docs/deployment.md runs it, with keep-alive), and logs the reviewers in through the login form.

Each reviewer then works like the htmx page does, for --seconds: GET /queue/ once (the full page),
then, after a think time, POSTs a verdict with HX-Request: true and reads the next claim from the
fragment that comes back. Every queue request is timed after a warm-up (--warmup, 5 s: cold
workers compile templates and open database connections); a probe thread times GET /healthz (no
database, 20 a second) in the same run as the baseline. A claim served to one reviewer while another still holds
it unanswered is a duplicate lease; so is, at the end, any claim with live verdicts from two reviewers.
Prints one JSON line:
{"claims", "reviewers", "requests", "p50_ms", "p95_ms", "p99_ms", "baseline_p95_ms",
 "duplicate_leases", "errors"}; details (throughput, worker set-up, fill time, CPU per request of
gunicorn, PostgreSQL and the load generator) go to stderr.
Target at 1,000,000 claims, 32 reviewers, 60 s: p95 <= 50 ms, no duplicate leases, no errors.

The think time (--think-ms, default 1000: uniform between half and one and a half times it) keeps
the measure a latency: with none, 32 closed-loop clients saturate two cores and p95 only measures
the wait in line (Little's law). Real reviewers read for many seconds, so 1 s is already harsh.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import http.client
import json
import math
import os
import random
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
if not __package__:  # run as `python bench/review_queue.py`: import the project from its root, not bench/
    sys.path[0] = str(ROOT)

DEFAULT_QUEUE_DB = "postgres://postgres@127.0.0.1:5432/factcheck_bench_queue"
CLAIMS_PER_ARTICLE = 20
OUTLETS = 200
USER_PREFIX = "bench-queue-"
VERDICTS = ("agree", "agree", "agree", "conflict", "unclear", "not_a_claim")
PROBE_INTERVAL = 0.05
REQUEST_TIMEOUT = 30.0

CLAIM_ID = re.compile(rb'id="queue-panel"[^>]*data-claim-id="(\d+)"')
CLAIM_VERSION = re.compile(rb'name="claim_version" value="(\d+)"')
CSRF_HEADER = re.compile(rb'"X-CSRFToken": "([^"]+)"')
CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
STALE_NOTICE = b'class="notice notice-warn"'

# One line of text per claim, of fixed width, so offsets follow from the claim's position.
# "Officials in district 07 counted " is 33 characters; the figure has 7 digits.
LINE = 78  # 77 characters and a newline
FILL_WITH = """
WITH numbered AS (
    SELECT n, (n - 1) / {per} + 1 AS a, (n - 1) % {per} AS k FROM generate_series(1, {claims}) n
), placed AS (
    -- claims at the same position of consecutive articles share groups: m walks one position
    -- through all articles, and each block of 14 is cut into groups of 2, 3, 4 and 5
    SELECT *, (k * {articles} + a - 1) / 14 AS block, (k * {articles} + a - 1) % 14 AS r FROM numbered
), grouped AS (
    SELECT n, a, k,
           CASE WHEN k = {per} - 1 THEN NULL
                ELSE block * 4 + CASE WHEN r < 2 THEN 1 WHEN r < 5 THEN 2 WHEN r < 9 THEN 3 ELSE 4 END END AS g,
           CASE WHEN r < 2 THEN r WHEN r < 5 THEN r - 2 WHEN r < 9 THEN r - 5 ELSE r - 9 END AS member
    FROM placed
), valued AS (
    SELECT n, a, k, g,
           1000000 + CASE WHEN g IS NULL THEN n % 8000000
                          ELSE (g::bigint * 7919) % 8000000 + CASE WHEN g % 6 = 0 THEN member * 1000 ELSE 0 END END AS v
    FROM grouped
)"""


def claims_sql(claims: int) -> str:
    """The claims, one line of text each (see LINE), written through bench.common.insert_select."""
    from bench.common import insert_select
    from claims.models import Claim

    articles = -(-claims // CLAIMS_PER_ARTICLE)
    return insert_select(
        Claim,
        {
            "id": "n",
            "article": "a",
            "start": f"k * {LINE} + 33",
            "end": f"k * {LINE} + 49",
            "text": "v || ' visitors'",
            "sentence": "'Officials in district ' || lpad(k::text, 2, '0') || ' counted ' || v "
            "|| ' visitors last year, the report said.'",
            "sentence_start": f"k * {LINE}",
            "kind": "'count'",
            "value": "v",
            "unit": "'visitors'",
            "hedge": "'exact'",
            "normalized": "''",
            "score": "((n::bigint * 2654435761) % 1000) / 1000.0",
            "subject": "'[]'::jsonb",
            "fingerprint": "'fp-' || n",
            "extractor_version": "'bench'",
            "status": "'current'",
            "previous_text": "''",
            "group": "g",
            "priority": "CASE WHEN g % 6 = 0 THEN 1 ELSE 0 END",
            "review": "'open'",
            "version": "1",
        },
        source="FROM valued",
        with_=FILL_WITH.format(per=CLAIMS_PER_ARTICLE, claims=int(claims), articles=articles),
    )


def articles_sql() -> str:
    """One article per CLAIMS_PER_ARTICLE claims, its text their sentences."""
    from bench.common import insert_select
    from claims.models import Article

    return insert_select(
        Article,
        {
            "id": "article_id",
            "identity": "'bench-queue:' || article_id",
            "url": f"'https://outlet-' || (article_id % {OUTLETS} + 1) || '.example/story/' || article_id",
            "source_name": "''",
            "outlet": f"article_id % {OUTLETS} + 1",
            "title": "'District visitor counts, report ' || article_id",
            "published": "date '2024-01-01' + (article_id % 365)::int",
            "raw": "'\\x00'::bytea",
            "text": "body",
            "content_hash": "md5(body)",
            "encoding": "'utf-8'",
            "copy_of": "CASE WHEN article_id % 25 = 0 THEN article_id - 1 END",
            "extractor_version": "'bench'",
            "matcher_version": "'bench'",
        },
        source="""FROM (SELECT article_id, string_agg(sentence, E'\\n' ORDER BY start) AS body
      FROM claims_claim GROUP BY article_id) texts""",
    )


def groups_sql() -> str:
    """The groups the claims name, every sixth a conflict."""
    from bench.common import insert_select
    from claims.models import FactGroup

    return insert_select(
        FactGroup,
        {
            "id": "g",
            "relation": "CASE WHEN g % 6 = 0 THEN 'conflict' WHEN g % 10 = 3 THEN 'time_shifted' ELSE 'agree' END",
            "reason": "CASE WHEN g % 6 = 0 THEN 'the sources report different counts' "
            "ELSE 'same count in every source' END",
            "label": "'visitors'",
            "origins": "2",
            "matcher_version": "'bench'",
        },
        source="FROM (SELECT DISTINCT group_id AS g FROM claims_claim WHERE group_id IS NOT NULL) used",
    )


TABLES_TO_EMPTY = (
    "claims_auditentry", "claims_skip", "claims_verdict", "claims_claimkey", "claims_claim", "claims_factgroup",
    "claims_jobitem", "claims_articleband", "claims_articlerevision", "claims_article", "claims_outlet",
)  # fmt: skip


def log(message: str) -> None:
    print(f"[bench/review_queue] {message}", file=sys.stderr, flush=True)


# ----------------------------------------------------------------------------- database


def fill(conn: Any, claims: int) -> None:
    """N claims, their articles and groups, in one transaction (the foreign keys are deferred)."""
    from bench.common import insert_select, reset_sequences
    from claims.models import Article, Claim, FactGroup, Outlet

    with conn.transaction():
        conn.execute(f"TRUNCATE {', '.join(TABLES_TO_EMPTY)} RESTART IDENTITY CASCADE")
        outlets = {"id": "n", "name": "'Outlet ' || n", "domain": "'outlet-' || n || '.example'"}
        conn.execute(insert_select(Outlet, outlets, source=f"FROM generate_series(1, {OUTLETS}) n"))
        conn.execute(claims_sql(claims))
        conn.execute(articles_sql())
        conn.execute(groups_sql())
        reset_sequences(conn, Outlet, Article, FactGroup, Claim)
    conn.execute("VACUUM ANALYZE claims_claim")
    conn.execute("ANALYZE")


def reset_reviews(conn: Any) -> None:
    """Every claim open and unleased again, no verdicts, no bench reviewers, no sessions."""
    with conn.transaction():
        conn.execute("TRUNCATE claims_auditentry, claims_verdict, claims_skip, django_session, claims_loginfailure")
        conn.execute(
            "UPDATE claims_claim SET review = 'open', lease_holder_id = NULL, lease_expires = NULL "
            "WHERE review <> 'open' OR lease_holder_id IS NOT NULL"
        )
        conn.execute(
            f"DELETE FROM auth_user_groups WHERE user_id IN "
            f"(SELECT id FROM auth_user WHERE username LIKE '{USER_PREFIX}%')"
        )
        conn.execute(f"DELETE FROM auth_user WHERE username LIKE '{USER_PREFIX}%'")


def create_reviewers(count: int) -> list[tuple[str, str]]:
    """R reviewer accounts with random passwords (hashed two at a time: PBKDF2 releases the GIL)."""
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group, User

    accounts = [(f"{USER_PREFIX}{index + 1}", secrets.token_urlsafe(16)) for index in range(count)]
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        hashes = list(pool.map(make_password, [password for _, password in accounts]))
    users = User.objects.bulk_create(
        [User(username=name, password=hashed) for (name, _), hashed in zip(accounts, hashes, strict=True)]
    )
    reviewer_group = Group.objects.get(name="Reviewer")
    User.groups.through.objects.bulk_create(
        [User.groups.through(user_id=user.pk, group_id=reviewer_group.pk) for user in users]
    )
    return accounts


def double_verdicts(conn: Any) -> int:
    """Claims with live verdicts from two different reviewers (one is needed: a double assignment)."""
    row = conn.execute("""SELECT count(*) FROM (
                              SELECT claim_id FROM claims_verdict WHERE retracted_at IS NULL
                              GROUP BY claim_id HAVING count(DISTINCT reviewer_id) > 1) doubled""").fetchone()
    return int(row[0])


# ----------------------------------------------------------------------------- server


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_gunicorn(url: str, port: int, *, workers: int, threads: int, log_path: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "FACTCHECK_REVIEWS_REQUIRED": "1",
        "DJANGO_SETTINGS_MODULE": "factcheck.settings",
    }
    for name in ("DJANGO_ENV", "CELERY_BROKER_URL"):
        env.pop(name, None)
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "--config",
        "factcheck/gunicorn_conf.py",
        "factcheck.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "gthread",
        "--threads",
        str(threads),
        "--keep-alive",
        "75",
        "--backlog",
        "256",
        "--error-logfile",
        str(log_path),
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode}; see {log_path}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                conn.close()
                return server
        except OSError:
            pass
        time.sleep(0.2)
    stop_gunicorn(server)
    raise RuntimeError("gunicorn did not answer /healthz within 60 s")


def _cpu_seconds(pids: list[str]) -> float:
    """CPU time (user + system) these processes have used so far (Linux /proc)."""
    ticks = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def server_cpu_seconds(server: subprocess.Popen[bytes]) -> float:
    """CPU time the gunicorn master's workers have used so far."""
    try:
        return _cpu_seconds(Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split())
    except OSError:
        return 0.0


def postgres_cpu_seconds() -> float:
    """CPU time this machine's PostgreSQL processes have used so far (0 when it runs elsewhere)."""
    pids = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and (entry / "comm").read_text().strip() in ("postgres", "postmaster"):
                pids.append(entry.name)
        except OSError:
            continue
    return _cpu_seconds(pids)


def stop_gunicorn(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


# ----------------------------------------------------------------------------- client


class Browser:
    """One keep-alive connection with a cookie jar: what a reviewer's browser tab needs."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)

    def request(
        self, method: str, path: str, *, form: dict[str, str] | None = None, headers: dict[str, str] | None = None
    ) -> tuple[int, bytes]:
        sent = {"Host": f"127.0.0.1:{self.port}", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form).encode()
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.conn.request(method, path, body=body, headers=sent)
            response = self.conn.getresponse()
            content = response.read()
        except (OSError, http.client.HTTPException):
            self.conn.close()  # a fresh connection for the next request
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=REQUEST_TIMEOUT)
            raise
        for header in response.headers.get_all("Set-Cookie") or []:
            jar: SimpleCookie = SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                self.cookies[name] = morsel.value
        if response.getheader("Connection", "").lower() == "close":
            self.conn.close()
        return response.status, content


@dataclass
class Ledger:
    """Who holds which claim, as the clients see it, and every timing."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    holders: dict[int, int] = field(default_factory=dict)
    duplicates: int = 0
    latencies: list[float] = field(default_factory=list)
    baseline: list[float] = field(default_factory=list)
    errors: int = 0
    verdicts: int = 0
    error_samples: list[str] = field(default_factory=list)
    measure_from: float = 0.0  # time.perf_counter() after the warm-up

    def timed(self, started: float, into: list[float]) -> None:
        """Keep a request's latency when it started after the warm-up (cold workers are not the subject)."""
        if started >= self.measure_from:
            into.append(time.perf_counter() - started)

    def served(self, claim_id: int, reviewer: int) -> None:
        with self.lock:
            holder = self.holders.get(claim_id)
            if holder is not None and holder != reviewer:
                self.duplicates += 1
            self.holders[claim_id] = reviewer

    def answered(self, claim_id: int, reviewer: int) -> None:
        with self.lock:
            self.verdicts += 1
            if self.holders.get(claim_id) == reviewer:
                del self.holders[claim_id]

    def error(self, what: str) -> None:
        with self.lock:
            self.errors += 1
            if len(self.error_samples) < 5:
                self.error_samples.append(what[:300])


def login(browser: Browser, username: str, password: str) -> None:
    status, page = browser.request("GET", "/accounts/login/")
    token = CSRF_INPUT.search(page)
    if status != 200 or not token:
        raise RuntimeError(f"login page: HTTP {status}")
    form = {"username": username, "password": password, "csrfmiddlewaretoken": token.group(1).decode()}
    status, _ = browser.request("POST", "/accounts/login/", form=form)
    if status != 302 or "sessionid" not in browser.cookies:
        raise RuntimeError(f"login of {username}: HTTP {status}")


@dataclass
class Shown:
    claim_id: int
    version: int


def read_claim(page: bytes) -> Shown | None:
    claim = CLAIM_ID.search(page)
    version = CLAIM_VERSION.search(page)
    if not claim or not version:
        return None
    return Shown(int(claim.group(1)), int(version.group(1)))


def reviewer_loop(
    index: int, browser: Browser, ledger: Ledger, deadline: float, think: float, rng: random.Random
) -> None:
    """GET the queue page once, then verdict after verdict through the htmx fragment."""
    token = ""
    shown: Shown | None = None
    while time.monotonic() < deadline:
        if shown is None:  # first page, or after an error: the full page, as a reload does
            started = time.perf_counter()
            try:
                status, page = browser.request("GET", "/queue/")
            except (OSError, http.client.HTTPException) as exc:
                ledger.error(f"GET /queue/: {exc!r}")
                time.sleep(0.5)
                continue
            ledger.timed(started, ledger.latencies)
            found = CSRF_HEADER.search(page)
            if status != 200 or not found:
                ledger.error(f"GET /queue/: HTTP {status}")
                time.sleep(0.5)
                continue
            token = found.group(1).decode()
            shown = read_claim(page)
            if shown is None:
                return  # nothing left to review
            ledger.served(shown.claim_id, index)
        if think:
            time.sleep(rng.uniform(0.5 * think, 1.5 * think))
            if time.monotonic() >= deadline:
                return
        form = {"verdict": rng.choice(VERDICTS), "note": "", "claim_version": str(shown.version)}
        headers = {
            "HX-Request": "true",
            "HX-Current-URL": f"http://127.0.0.1:{browser.port}/queue/",
            "HX-Target": "queue-panel",
            "X-CSRFToken": token,
        }
        started = time.perf_counter()
        try:
            status, fragment = browser.request("POST", f"/queue/{shown.claim_id}/verdict/", form=form, headers=headers)
        except (OSError, http.client.HTTPException) as exc:
            ledger.error(f"POST verdict: {exc!r}")
            shown = None
            continue
        ledger.timed(started, ledger.latencies)
        if status != 200 or STALE_NOTICE in fragment:
            ledger.error(f"POST verdict: HTTP {status} {fragment[:200]!r}")
            shown = None
            continue
        ledger.answered(shown.claim_id, index)
        shown = read_claim(fragment)
        if shown is None:
            return
        ledger.served(shown.claim_id, index)


def probe_loop(port: int, ledger: Ledger, deadline: float) -> None:
    """The baseline: a view with no database and no session, timed under the same load."""
    browser = Browser(port)
    while time.monotonic() < deadline:
        started = time.perf_counter()
        try:
            status, _ = browser.request("GET", "/healthz")
        except (OSError, http.client.HTTPException) as exc:
            ledger.error(f"GET /healthz: {exc!r}")
            continue
        ledger.timed(started, ledger.baseline)
        if status != 200:
            ledger.error(f"GET /healthz: HTTP {status}")
        time.sleep(PROBE_INTERVAL)


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile in milliseconds."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1))
    return round(ordered[rank] * 1000, 1)


def run_load(
    port: int,
    accounts: list[tuple[str, str]],
    *,
    seconds: float,
    think: float,
    warmup: float,
    on_measure: Callable[[], object],
) -> Ledger:
    ledger = Ledger()
    browsers: list[Browser] = []
    started = time.monotonic()
    # the server hashes each password
    with concurrent.futures.ThreadPoolExecutor(max_workers=min(8, len(accounts))) as pool:
        browsers = list(pool.map(lambda account: _logged_in(port, *account), accounts))
    log(f"{len(browsers)} reviewers logged in in {time.monotonic() - started:.1f} s")
    ledger.measure_from = time.perf_counter() + warmup
    deadline = time.monotonic() + warmup + seconds
    threads = [threading.Thread(target=probe_loop, args=(port, ledger, deadline), daemon=True)]
    threads += [
        threading.Thread(
            target=reviewer_loop, args=(index, browser, ledger, deadline, think, random.Random(index)), daemon=True
        )
        for index, browser in enumerate(browsers)
    ]
    for thread in threads:
        thread.start()
    time.sleep(max(0.0, ledger.measure_from - time.perf_counter()))
    on_measure()  # the timed window starts
    for thread in threads:
        thread.join(timeout=max(1.0, deadline - time.monotonic()) + REQUEST_TIMEOUT + 5)
    return ledger


def _logged_in(port: int, username: str, password: str) -> Browser:
    browser = Browser(port)
    login(browser, username, password)
    return browser


# ----------------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=20_000)
    parser.add_argument("--reviewers", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--think-ms", type=float, default=1000, help="mean pause before each verdict")
    parser.add_argument("--warmup", type=float, default=5, help="seconds of load before timing starts")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_QUEUE_DATABASE_URL") or DEFAULT_QUEUE_DB)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1, help="gunicorn workers")
    parser.add_argument(
        "--threads",
        type=int,
        default=1,
        help="threads per gunicorn worker (gthread); threads of one worker share its GIL",
    )
    parser.add_argument("--refill", action="store_true", help="refill even when the claim count matches")
    args = parser.parse_args()

    from bench.common import setup_django

    url = setup_django(args.database_url)
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        count = conn.execute("SELECT count(*) FROM claims_claim").fetchone()
        if args.refill or not count or count[0] != args.claims:
            started = time.monotonic()
            fill(conn, args.claims)
            log(f"filled {args.claims} claims in {time.monotonic() - started:.1f} s")
        reset_reviews(conn)
    accounts = create_reviewers(args.reviewers)

    port = free_port()
    log_path = ROOT / "var" / "bench_queue_gunicorn.log"
    log_path.parent.mkdir(exist_ok=True)
    cpu_marks: list[tuple[float, float, float]] = []  # gunicorn workers, PostgreSQL, this load generator

    def mark_cpu() -> None:
        cpu_marks.append((server_cpu_seconds(server), postgres_cpu_seconds(), time.process_time()))

    server = start_gunicorn(url, port, workers=args.workers, threads=args.threads, log_path=log_path)
    log(f"gunicorn on 127.0.0.1:{port}: {args.workers} gthread workers x {args.threads} threads")
    try:
        ledger = run_load(
            port, accounts, seconds=args.seconds, think=args.think_ms / 1000, warmup=args.warmup, on_measure=mark_cpu
        )
        mark_cpu()
    finally:
        stop_gunicorn(server)

    with psycopg.connect(url, autocommit=True) as conn:
        doubled = double_verdicts(conn)
    latencies = list(ledger.latencies)
    log(
        f"{ledger.verdicts} verdicts, {len(latencies) / args.seconds:.1f} queue requests/s, "
        f"mean {statistics.fmean(latencies) * 1000 if latencies else 0:.1f} ms, "
        f"client-seen duplicates {ledger.duplicates}, claims with two reviewers' verdicts {doubled}"
    )
    if len(cpu_marks) == 2 and latencies:
        server_ms, postgres_ms, client_ms = (
            (end - start) * 1000 / len(latencies) for start, end in zip(cpu_marks[0], cpu_marks[1], strict=True)
        )
        log(
            f"CPU per queue request in the timed window: gunicorn workers {server_ms:.1f} ms, PostgreSQL "
            f"{postgres_ms:.1f} ms, load generator {client_ms:.1f} ms; load average at the end "
            f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
        )
    for sample in ledger.error_samples:
        log(f"error: {sample}")
    print(
        json.dumps(
            {
                "claims": args.claims,
                "reviewers": args.reviewers,
                "requests": len(latencies),
                "p50_ms": percentile(latencies, 0.50),
                "p95_ms": percentile(latencies, 0.95),
                "p99_ms": percentile(latencies, 0.99),
                "baseline_p95_ms": percentile(ledger.baseline, 0.95),
                "duplicate_leases": ledger.duplicates + doubled,
                "errors": ledger.errors,
            }
        )
    )


if __name__ == "__main__":
    main()
