"""Pending work the beat sweep sends again (claims/services/pending.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from claims.models import PendingInput
from claims.services.failures import task_failure_record
from claims.services.pending import INGEST_INPUT_TASK, SWEEP_GRACE_SECONDS, pending_work
from claims.tasks import ingest_input

pytestmark = pytest.mark.django_db


def _waiting_input(name: str) -> PendingInput:
    item = PendingInput.objects.create(name=name, raw=b"Officials counted 40 boats.")
    long_ago = timezone.now() - dt.timedelta(seconds=SWEEP_GRACE_SECONDS * 2)
    PendingInput.objects.filter(pk=item.pk).update(created_at=long_ago)
    return item


def test_the_failure_record_names_the_ingest_task_the_sweep_looks_for() -> None:
    assert ingest_input.name == INGEST_INPUT_TASK


def test_inputs_left_waiting_are_sent_again() -> None:
    first, second = _waiting_input("a.txt"), _waiting_input("b.txt")

    assert pending_work(older_than=SWEEP_GRACE_SECONDS)[1] == [first.pk, second.pk]


def test_an_input_whose_ingest_crashed_is_not_sent_again_at_every_sweep() -> None:
    crashed, waiting = _waiting_input("crash.txt"), _waiting_input("fine.txt")
    task_failure_record(task=INGEST_INPUT_TASK, args=[crashed.pk], error="ValueError: bug")
    task_failure_record(task="claims.tasks.match_article", args=[waiting.pk], error="another task's failure")

    assert pending_work(older_than=SWEEP_GRACE_SECONDS)[1] == [waiting.pk]
