"""`ingest --async` stores the input and sends only its id; a worker ingests it and drops it; the beat
sweep sends again what was left waiting (claims/services/pending.py)."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from claims.models import Article, PendingInput
from claims.services.failures import task_failure_record
from claims.services.ingestion import pending_input_enqueue, pending_input_ingest
from claims.services.pending import INGEST_INPUT_TASK, SWEEP_GRACE_SECONDS, pending_work
from claims.tasks import ingest_input, ingest_url

STORY = b"Harbour report\n\nThe harbour authority counted 412 ships in March, up 12 percent on the year."


@pytest.fixture
def sent(monkeypatch: Any) -> list[tuple[str, tuple[Any, ...]]]:
    """What would travel through the broker, captured instead of sent."""
    messages: list[tuple[str, tuple[Any, ...]]] = []
    for task in (ingest_input, ingest_url):
        monkeypatch.setattr(
            task, "apply_async", lambda args, kwargs=None, _name=task.name, **options: messages.append((_name, args))
        )
    return messages


@pytest.mark.django_db(transaction=True)
def test_an_async_input_travels_as_its_id_never_as_its_bytes(sent: list[Any]) -> None:
    result = pending_input_enqueue(raw=STORY, name="harbour.txt", label="harbour.txt")
    assert result.status == "queued"
    stored = PendingInput.objects.get()
    assert sent == [("claims.tasks.ingest_input", (stored.pk,))]
    assert bytes(stored.raw) == STORY and stored.name == "harbour.txt"


@pytest.mark.django_db
def test_the_worker_ingests_a_stored_input_once_and_drops_it(django_capture_on_commit_callbacks: Any) -> None:
    stored = PendingInput.objects.create(raw=STORY, name="harbour.txt")
    with django_capture_on_commit_callbacks(execute=True):
        result = pending_input_ingest(input_id=stored.pk)
    assert result is not None and result.status == "created"
    assert Article.objects.get().source_name == "harbour.txt"
    assert not PendingInput.objects.exists()
    assert pending_input_ingest(input_id=stored.pk) is None  # a redelivered task finds nothing left to do


@pytest.mark.django_db(transaction=True)
def test_ingest_async_queues_files_through_stored_inputs(tmp_path: Path, sent: list[Any]) -> None:
    path = tmp_path / "harbour.txt"
    path.write_bytes(STORY)
    out = io.StringIO()
    call_command("ingest", "--async", str(path), "--json", stdout=out)
    assert json.loads(out.getvalue())["status"] == "queued"
    assert [name for name, _ in sent] == ["claims.tasks.ingest_input"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["http://localhost/article", "http://127.0.0.1:8000/x", "http://[::1]/x"])
def test_ingest_async_refuses_a_local_url_at_once_like_the_sync_path(url: str, sent: list[Any]) -> None:
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("ingest", "--async", "--url", url, "--json", stdout=out)
    result = json.loads(out.getvalue())
    assert result["status"] == "error" and "refused to fetch" in result["error"]
    assert sent == []


def _waiting_input(name: str) -> PendingInput:
    item = PendingInput.objects.create(name=name, raw=STORY)
    long_ago = timezone.now() - dt.timedelta(seconds=SWEEP_GRACE_SECONDS * 2)
    PendingInput.objects.filter(pk=item.pk).update(created_at=long_ago)
    return item


def test_the_failure_record_names_the_ingest_task_the_sweep_looks_for() -> None:
    assert ingest_input.name == INGEST_INPUT_TASK


@pytest.mark.django_db
def test_inputs_left_waiting_are_sent_again() -> None:
    first, second = _waiting_input("a.txt"), _waiting_input("b.txt")

    assert pending_work(older_than=SWEEP_GRACE_SECONDS)[1] == [first.pk, second.pk]


@pytest.mark.django_db
def test_an_input_whose_ingest_crashed_is_not_sent_again_at_every_sweep() -> None:
    crashed, waiting = _waiting_input("crash.txt"), _waiting_input("fine.txt")
    task_failure_record(task=INGEST_INPUT_TASK, args=[crashed.pk], error="ValueError: bug")
    task_failure_record(task="claims.tasks.match_article", args=[waiting.pk], error="another task's failure")

    assert pending_work(older_than=SWEEP_GRACE_SECONDS)[1] == [waiting.pk]
