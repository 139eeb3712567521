"""Shared set-up for the benchmarks: a PostgreSQL database of their own, Django, synthetic articles."""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BENCH_DB = "postgres://postgres@127.0.0.1:5432/factcheck_bench"


def setup_django(database_url: str | None = None, *, fresh: bool = False) -> str:
    """Point Django at the bench database (created if missing, emptied when fresh), migrate it."""
    url = database_url or os.environ.get("BENCH_DATABASE_URL") or DEFAULT_BENCH_DB
    _ensure_database(url, fresh=fresh)
    os.environ["DATABASE_URL"] = url
    os.environ.pop("CELERY_BROKER_URL", None)  # tasks run in-process: the bench measures the work itself
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    return url


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


TOPICS = [
    ("the city council", "road repairs", "budget", "residents"),
    ("the health ministry", "hospital beds", "waiting list", "patients"),
    ("the football club", "season tickets", "attendance", "supporters"),
    ("the central bank", "interest rates", "inflation", "borrowers"),
    ("the port authority", "container traffic", "shipments", "operators"),
    ("the university", "student places", "tuition fees", "applicants"),
    ("the energy regulator", "wind farms", "household bills", "suppliers"),
    ("the transport agency", "rail services", "passenger numbers", "commuters"),
]
CITIES = ["Lisbon", "Nairobi", "Osaka", "Lima", "Tallinn", "Perth", "Accra", "Quebec", "Porto", "Kraków"]
TEMPLATES = [
    "{org} said {thing} rose {pct}% in {year}, the {ordinal} increase in a row.",
    "Officials in {city} approved {money} million for {thing} on {weekday}.",
    "About {count} {people} attended the meeting, according to {org}.",
    "The plan covers {count} projects over the next {years} years.",
    "{org} has met {count} times since {year} to discuss {thing}.",
    "Spending on {thing} reached ${money} billion last year, up from ${money2} billion in {year}.",
    "Nearly {pct}% of {people} in {city} backed the proposal in a survey of {count} people.",
    "The {ordinal} phase of the {thing} scheme starts in {month} {year}.",
]
ORDINALS = ["second", "third", "fourth", "fifth", "sixth"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
MONTHS = ["January", "March", "May", "July", "September", "November"]


def synthetic_article(rng: random.Random, sentences: int = 14) -> str:
    """A news-like article with figures; different seeds give texts that are not near-duplicates."""
    org, thing, metric, people = rng.choice(TOPICS)
    lines = [f"{rng.choice(CITIES)} {metric} report {rng.randint(1, 10**9)}"]
    for _ in range(sentences):
        template = rng.choice(TEMPLATES)
        sentence = template.format(
            org=org.capitalize() if template.startswith("{org}") else org, thing=thing, city=rng.choice(CITIES),
            pct=rng.randint(2, 90), year=rng.randint(1995, 2025), ordinal=rng.choice(ORDINALS),
            money=rng.randint(2, 900), money2=rng.randint(2, 900), weekday=rng.choice(WEEKDAYS),
            count=rng.randint(3, 5000), people=people, years=rng.randint(2, 30), month=rng.choice(MONTHS),
        )
        filler = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 14)))
        lines.append(f"{sentence} {filler.capitalize()}.")
    return "\n".join(lines) + "\n"


WORDS = (
    "analysts", "warned", "that", "the", "figures", "could", "change", "as", "more", "data", "arrives",
    "from", "regional", "offices", "while", "critics", "argued", "the", "approach", "ignored", "smaller",
    "towns", "and", "rural", "areas", "where", "demand", "has", "grown", "faster", "than", "expected",
    "supporters", "countered", "that", "the", "new", "rules", "would", "simplify", "reporting", "and", "cut",
    "delays", "for", "local", "firms",
)
