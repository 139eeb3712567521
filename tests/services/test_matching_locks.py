"""Matching under concurrency (claims/services/matching.py): what a match locks, and that the
locks do not change what it groups. The many-process run is tests/integration/test_concurrent_matching.py."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection, transaction

from claims.models import Article, Claim, ClaimKey, FactGroup
from claims.pipeline.match.params import MATCHER_VERSION
from claims.services import matching
from claims.services.ingestion import article_ingest
from claims.services.transient import advisory_xact_lock, lock_id
from tests.conftest import require

STORY = [
    "Harbour report\n\nThe Quellmoor ferry office said 31 ferries sailed on Sunday, and 4 were late.",
    "Ferries back\n\nOn Sunday 31 ferries sailed from Quellmoor, the ferry office said; 4 ran late.",
    "Sunday sailings\n\nQuellmoor's ferry office counted 33 ferries sailing on Sunday, with 4 late.",
]


def _ingest(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    monkeypatch.setattr("claims.tasks.enqueue_match", lambda article_id: None)
    ids = []
    for n, text in enumerate(STORY):
        result = article_ingest(raw=text.encode(), name=f"ferries-{n}.txt")
        assert result.article is not None
        ids.append(result.article)
    return ids


def _groups() -> set[frozenset[int]]:
    members: dict[int, set[int]] = {}
    for claim_id, group_id in Claim.objects.filter(group__isnull=False).values_list("id", "group_id"):
        members.setdefault(group_id, set()).add(claim_id)
    return {frozenset(ids) for ids in members.values()}


def test_a_match_too_large_to_lock_claim_by_claim_runs_alone_and_groups_the_same(
    db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = _ingest(monkeypatch)
    for article_id in ids:
        matching.article_match(article_id=article_id)
    fine = _groups()
    assert fine and not FactGroup.objects.filter(claims__isnull=True).exists()
    Claim.objects.update(group=None)
    FactGroup.objects.all().delete()
    ClaimKey.objects.all().delete()
    monkeypatch.setattr(matching, "MAX_ITEM_LOCKS", 0)
    for article_id in ids:
        matching.article_match(article_id=article_id)
    assert _groups() == fine


@pytest.mark.django_db(transaction=True)
def test_a_match_waits_for_another_match_of_its_story_on_postgresql(monkeypatch: pytest.MonkeyPatch) -> None:
    require(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL)")
    ids = _ingest(monkeypatch)
    matching.article_match(article_id=ids[0])
    claim = Claim.objects.filter(article_id=ids[1]).first()
    assert claim is not None
    shared_key = next(
        key
        for key in matching.claim_keys({claim.pk: matching.claim_record(claim)})[claim.pk]
        if ClaimKey.objects.filter(key=key).exists()
    )
    holding, release, finished = threading.Event(), threading.Event(), threading.Event()

    def other_match() -> None:  # holds the lock of a key both articles share, as a running match would
        try:
            with transaction.atomic():
                advisory_xact_lock(matching.MATCH_ALL_LOCK, [0], shared=True)
                advisory_xact_lock(matching.MATCH_LOCK, [lock_id("key", shared_key)])
                holding.set()
                release.wait(30)
        finally:
            connection.close()

    def match() -> None:
        try:
            matching.article_match(article_id=ids[1])
            finished.set()
        finally:
            connection.close()

    holder = threading.Thread(target=other_match)
    holder.start()
    assert holding.wait(10)
    matcher = threading.Thread(target=match)
    matcher.start()
    assert not finished.wait(1.5)  # blocked on the shared key's lock
    assert Article.objects.get(pk=ids[1]).matcher_version == ""
    release.set()
    holder.join(10)
    matcher.join(30)
    assert finished.is_set()
    assert Article.objects.get(pk=ids[1]).matcher_version == MATCHER_VERSION
