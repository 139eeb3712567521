"""Leases and undo under real concurrency on PostgreSQL: 16 reviewers, each with two browser
tabs (two threads, each with its own database connection) posting random verdicts, undos,
skips and renewals through the whole Django stack, some of them stale (a claim another tab
or another reviewer has moved on from, or any claim at all). At the end every claim's review
state is what its live verdicts say, no reviewer holds more than one live lease, no claim has
two reviewers' live verdicts (one verdict settles a claim), every retracted verdict has one
undo entry, and no request answered 500."""

from __future__ import annotations

import os
import random
import re
import threading
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.utils import timezone

from claims.models import AuditEntry, Claim, Verdict
from claims.services.review import review_state
from tests.conftest import require
from tests.factories import make_article, make_claim, make_group

REVIEWERS = 16
TABS = 2
ACTIONS = int(os.environ.get("QUEUE_PROPERTY_ACTIONS", "18"))
CLAIMS = 60
HTMX = {"HX-Request": "true"}
CLAIM_ID = re.compile(r'id="queue-panel"[^>]*data-claim-id="(\d+)"')
CLAIM_VERSION = re.compile(r'name="claim_version" value="(\d+)"')
UNDO_FIELD = re.compile(r'name="(undo_verdict|undo_skip)" value="(\d+)"')


class Tab:
    """One open queue page: the claim it shows and the undo it offers."""

    def __init__(self, client: Client, claim_ids: list[int], seed: int) -> None:
        self.client = client
        self.claim_ids = claim_ids
        self.random = random.Random(seed)
        self.shown: int | None = None
        self.version = 1
        self.undo: dict[str, str] = {}
        self.statuses: list[tuple[str, int]] = []

    def read(self, html: str) -> None:
        found = CLAIM_ID.search(html)
        self.shown = int(found.group(1)) if found else None
        version = CLAIM_VERSION.search(html)
        self.version = int(version.group(1)) if version else 1
        self.undo = dict(UNDO_FIELD.findall(html))

    def target(self) -> tuple[int, int]:
        """Mostly the claim on screen; sometimes any claim (a stale or forged action)."""
        if self.shown is not None and self.random.random() < 0.8:
            return self.shown, self.version
        claim_id = self.random.choice(self.claim_ids)
        return claim_id, self.random.choice([1, 1, 2])

    def act(self) -> None:
        action = self.random.choices(["verdict", "undo", "skip", "renew", "queue"], [6, 3, 2, 2, 1])[0]
        if action == "queue":
            response = self.client.get("/queue/", headers=HTMX)
        elif action == "undo":
            response = self.client.post("/queue/undo/", self.undo, headers=HTMX)
        elif action == "renew":
            claim_id, _ = self.target()
            response = self.client.post(f"/queue/{claim_id}/renew/", headers=HTMX)
            self.statuses.append((action, response.status_code))
            return
        else:
            claim_id, version = self.target()
            if action == "skip":
                response = self.client.post(f"/queue/{claim_id}/skip/", headers=HTMX)
            else:
                verdict = self.random.choice(["agree", "conflict", "unclear", "not_a_claim"])
                response = self.client.post(
                    f"/queue/{claim_id}/verdict/", {"verdict": verdict, "claim_version": version}, headers=HTMX
                )
        self.statuses.append((action, response.status_code))
        if response.status_code == 200:
            self.read(response.content.decode())


def _reviewers(django_user_model: Any) -> list[Any]:
    role = Group.objects.get_or_create(name="Reviewer")[0]
    users = []
    for n in range(REVIEWERS):
        user = django_user_model.objects.create_user(username=f"concurrent-{n}", password=f"pw-{n}-test")
        user.groups.add(role)
        users.append(user)
    return users


def _claims() -> list[int]:
    ids = []
    for n in range(CLAIMS // 3):
        group = make_group(relation="conflict" if n % 4 == 0 else "agree")
        for source in range(3):
            figure = 100 + n * 7 + source
            article = make_article(
                text=f"The ferry line carried {figure} cars on day {n}.", outlet=f"paper{source}.example"
            )
            ids.append(
                make_claim(
                    article=article, text=f"{figure} cars", value=figure, unit="cars", score=(n % 10) / 10, group=group
                ).pk
            )
    return ids


@pytest.mark.django_db(transaction=True)
def test_sixteen_reviewers_acting_at_once_leave_every_claim_as_its_live_verdicts_say(
    django_user_model: Any,
) -> None:
    require(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL)")
    claim_ids = _claims()
    tabs: list[Tab] = []
    for n, user in enumerate(_reviewers(django_user_model)):
        for tab in range(TABS):
            client = Client()
            client.force_login(user)
            tabs.append(Tab(client, claim_ids, seed=n * 10 + tab))
    start = threading.Barrier(len(tabs))
    crashed: list[BaseException] = []

    def work(tab: Tab) -> None:
        try:
            start.wait()
            tab.read(tab.client.get("/queue/", headers=HTMX).content.decode())
            for _ in range(ACTIONS):
                tab.act()
        except BaseException as exc:  # reported below
            crashed.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(tab,)) for tab in tabs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not crashed, crashed[:3]
    statuses = [status for tab in tabs for status in tab.statuses]
    assert len(statuses) == len(tabs) * ACTIONS
    failed = [(action, status) for action, status in statuses if status >= 500]
    assert not failed, f"{len(failed)} actions answered 5xx: {failed[:10]}"
    assert Verdict.objects.filter(retracted_at__isnull=True).exists()  # the run did judge claims

    for claim in Claim.objects.all():
        live = list(
            Verdict.objects.filter(claim=claim, retracted_at__isnull=True, claim_version=claim.version).order_by("id")
        )
        assert claim.review == review_state(live, version=claim.version), (
            claim.pk,
            claim.review,
            [(v.reviewer_id, v.verdict) for v in live],
        )
    two_reviewers = (
        Verdict.objects.filter(retracted_at__isnull=True)
        .values("claim_id")
        .annotate(n=Count("reviewer_id", distinct=True))
        .filter(n__gt=1)
    )
    assert not two_reviewers.exists(), list(two_reviewers)
    live_leases = (
        Claim.objects.filter(lease_holder__isnull=False, lease_expires__gt=timezone.now())
        .values("lease_holder_id")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    assert not live_leases.exists(), list(live_leases)
    assert not Claim.objects.filter(
        lease_holder__isnull=False, review=Claim.Review.DONE, lease_expires__gt=timezone.now()
    ).exists()
    retracted = Verdict.objects.filter(retracted_at__isnull=False).count()
    assert AuditEntry.objects.filter(action="undo").count() == retracted
