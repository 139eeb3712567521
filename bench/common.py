"""Shared set-up for the benchmarks: a PostgreSQL database of their own, Django, synthetic articles."""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BENCH_DB = "postgres://postgres@127.0.0.1:5432/factcheck_bench"


def setup_django(database_url: str | None = None, *, fresh: bool = False) -> str:
    """Point Django at the bench database (created if missing, emptied when fresh), migrate it."""
    url = database_url or os.environ.get("BENCH_DATABASE_URL") or DEFAULT_BENCH_DB
    _ensure_database(url, fresh=fresh)
    os.environ["DATABASE_URL"] = url
    os.environ.pop("CELERY_BROKER_URL", None)  # tasks run in-process: the bench measures the work itself
    os.environ.setdefault("DATABASE_STATEMENT_TIMEOUT", "0")  # filling millions of rows takes long statements
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    return url


def insert_select(model: Any, values: dict[str, str], *, source: str, with_: str = "") -> str:
    """``[WITH …] INSERT INTO <table> (<every column>) SELECT <one expression each> <source>``, for
    set-based bench fills: the one place that writes a model's column list, taken from the model.

    ``values`` maps field names to SQL expressions over ``source``. A column not given gets what
    the ORM would write: its field's default (as a literal; "" for text), ``now()`` for auto_now
    fields, or NULL when nullable; a NOT NULL column with no default raises here, naming it, so a
    new column cannot break a bench with a database error halfway through a fill. The SQL holds
    no parameters: expressions put integers in with f-strings.
    """
    from django.db import connection
    from psycopg import sql

    given = dict(values)
    columns: list[str] = []
    expressions: list[str] = []
    with connection.cursor() as cursor:
        raw = cursor.connection  # psycopg's own connection, to render literals
        for field in model._meta.concrete_fields:
            expression = given.pop(field.name, None)
            if expression is None and field.column != field.name:
                expression = given.pop(field.column, None)
            if expression is None:
                if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                    expression = "now()"
                elif field.has_default() or (field.empty_strings_allowed and not field.null):
                    # the model's default, or the empty value the ORM would write for a blank text column
                    prepared = field.get_db_prep_save(field.get_default(), connection)
                    expression = f"{sql.Literal(prepared).as_string(raw)}::{field.db_type(connection)}"
                elif field.null or field.primary_key:
                    continue  # NULL, or the id from the table's sequence
                else:
                    raise ValueError(
                        f"bench fill of {model.__name__}: give a value for the NOT NULL column "
                        f"{field.column!r} (no default)"
                    )
            columns.append(connection.ops.quote_name(field.column))
            expressions.append(expression)
    if given:
        raise ValueError(f"bench fill of {model.__name__}: no such fields {sorted(given)}")
    table = connection.ops.quote_name(model._meta.db_table)
    return f"{with_}\nINSERT INTO {table} ({', '.join(columns)})\nSELECT {', '.join(expressions)}\n{source}"


def reset_sequences(conn: Any, *models: Any) -> None:
    """Move each model's id sequence past the ids a fill wrote explicitly."""
    for model in models:
        table = model._meta.db_table
        conn.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")


def _ensure_database(url: str, *, fresh: bool) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if exists and fresh:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def fill_articles(database_url: str, count: int, *, seed: int, prefix: str, processes: int = 2) -> None:
    """Store `count` synthetic articles through the real ingestion path, in parallel processes.

    Their claims are put in the blocking-key index but not grouped: grouping every fill article
    one by one would take hours, and the index is what a new article's matching reads.
    """
    if count <= 0:
        return
    import multiprocessing

    from django.db import connections

    connections.close_all()
    shares = [
        (database_url, count // processes + (i < count % processes), seed * 1000 + i, f"{prefix}-{i}")
        for i in range(processes)
    ]
    with multiprocessing.get_context("spawn").Pool(processes) as pool:
        pool.starmap(_fill_worker, shares)


def growth_arguments(description: str, *, large: int, sample: int) -> argparse.Namespace:
    """The flags of the benches that time a sample of new articles with a small and a large store."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--small", type=int, default=1000)
    parser.add_argument("--large", type=int, default=large)
    parser.add_argument("--sample", type=int, default=sample)
    parser.add_argument("--database-url", default=None)
    return parser.parse_args()


def seconds_per_article(newsroom: SyntheticNewsroom, count: int, prefix: str) -> float:
    """Ingest (and match: tasks run in-process) `count` new articles of the newsroom through the
    real ingestion path; the wall-clock seconds each took on average. A refused article stops the bench."""
    from claims.services.ingestion import article_ingest

    started = time.perf_counter()
    for n in range(count):
        result = article_ingest(raw=newsroom.article().encode(), name=f"{prefix}-{n}.txt")
        if result.status == "error":
            raise SystemExit(f"ingest failed: {result.error}")
    return (time.perf_counter() - started) / count


def _fill_worker(database_url: str, count: int, seed: int, prefix: str) -> None:
    setup_django(database_url)
    from unittest import mock

    from claims.models import Article
    from claims.services import matching
    from claims.services.ingestion import article_ingest

    def index_keys(article_id: int) -> None:
        article = Article.objects.get(pk=article_id)
        live = matching._live_claims().filter(article=article)
        matching.claim_keys_index(article=article, records={c.pk: matching.claim_record(c) for c in live})

    newsroom = SyntheticNewsroom(seed)
    with mock.patch("claims.tasks.enqueue_match", index_keys):
        for n in range(count):
            result = article_ingest(raw=newsroom.article().encode(), name=f"{prefix}-{n}.txt")
            if result.status == "error":
                raise SystemExit(f"ingest failed: {result.error}")


SYLLABLES = (
    "var",
    "nok",
    "pel",
    "ir",
    "ad",
    "tos",
    "mer",
    "lin",
    "ga",
    "rud",
    "shan",
    "ko",
    "bel",
    "tri",
    "os",
    "dan",
    "vel",
    "mar",
    "quin",
    "zo",
    "ha",
    "lem",
    "tor",
    "ski",
    "una",
    "res",
    "fa",
    "gol",
    "bre",
    "ix",
)
ORG_KINDS = (
    "Holdings",
    "Council",
    "Ministry of Works",
    "Football Club",
    "Port Authority",
    "University",
    "Bank",
    "Energy Board",
    "Transit Agency",
    "Hospital Trust",
    "Steelworks",
    "Airline",
)
THINGS = (
    "road repairs",
    "hospital beds",
    "season tickets",
    "interest rates",
    "container traffic",
    "student places",
    "wind farms",
    "rail services",
    "housing permits",
    "water pipes",
    "school meals",
    "bridge tolls",
)
PEOPLE = ("residents", "patients", "supporters", "borrowers", "operators", "applicants", "commuters", "workers")
MONTHS = ("January", "March", "May", "July", "September", "November")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
TEMPLATES = (
    "{org} said {thing} in {place} rose {pct}% in {year}, the {ordinal} increase in a row.",
    "Officials in {place} approved {money} million for {thing} on {weekday}.",
    "About {count} {people} attended the {place} meeting, according to {org}.",
    "The {org} plan covers {count} projects in {place} over the next {years} years.",
    "{person} has met {org} {count} times since {year} to discuss {thing}.",
    "Spending on {thing} in {place} reached ${money} billion last year, up from ${money2} billion in {year}.",
    "Nearly {pct}% of {people} in {place} backed the {org} proposal in a survey of {count} people.",
    "The {ordinal} phase of the {org} scheme for {thing} starts in {month} {year}.",
)
ORDINALS = ("second", "third", "fourth", "fifth", "sixth")


def _name(rng: random.Random, parts: int = 2) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


class SyntheticNewsroom:
    """News-like articles about many distinct stories; a share of them re-report an earlier story
    (same people, places and figures, some changed), so cross-source matching has real work."""

    def __init__(self, seed: int, *, follow_up_share: float = 0.3, sentences: int = 14) -> None:
        self.rng = random.Random(seed)
        self.follow_up_share = follow_up_share
        self.sentences = sentences
        self.stories: list[list[dict[str, object]]] = []

    def article(self) -> str:
        rng = self.rng
        if self.stories and rng.random() < self.follow_up_share:
            facts = [dict(f) for f in rng.choice(self.stories[-200:])]
            for fact in rng.sample(facts, k=max(1, len(facts) // 4)):
                fact["count"] = int(str(fact["count"])) + rng.randint(1, 9)  # a later or conflicting report
        else:
            facts = [self._fact() for _ in range(self.sentences)]
            self.stories.append(facts)
        lines = [f"{facts[0]['place']} {facts[0]['thing']} report {rng.randint(1, 10**9)}"]
        for fact in facts:
            sentence = str(fact["template"]).format(**fact)
            filler = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 14)))
            lines.append(f"{sentence[0].upper()}{sentence[1:]} {filler.capitalize()}.")
        return "\n".join(lines) + "\n"

    def _fact(self) -> dict[str, object]:
        rng = self.rng
        return {
            "template": rng.choice(TEMPLATES),
            "org": f"{_name(rng)} {rng.choice(ORG_KINDS)}",
            "place": _name(rng, 3),
            "person": f"{_name(rng)} {_name(rng, 3)}",
            "thing": rng.choice(THINGS),
            "people": rng.choice(PEOPLE),
            "pct": rng.randint(2, 90),
            "year": rng.randint(1995, 2025),
            "ordinal": rng.choice(ORDINALS),
            "money": rng.randint(2, 900),
            "money2": rng.randint(2, 900),
            "weekday": rng.choice(WEEKDAYS),
            "count": rng.randint(3, 5000),
            "years": rng.randint(2, 30),
            "month": rng.choice(MONTHS),
        }


WORDS = (
    "analysts",
    "warned",
    "that",
    "the",
    "figures",
    "could",
    "change",
    "as",
    "more",
    "data",
    "arrives",
    "from",
    "regional",
    "offices",
    "while",
    "critics",
    "argued",
    "the",
    "approach",
    "ignored",
    "smaller",
    "towns",
    "and",
    "rural",
    "areas",
    "where",
    "demand",
    "has",
    "grown",
    "faster",
    "than",
    "expected",
    "supporters",
    "countered",
    "that",
    "the",
    "new",
    "rules",
    "would",
    "simplify",
    "reporting",
    "and",
    "cut",
    "delays",
    "for",
    "local",
    "firms",
)
