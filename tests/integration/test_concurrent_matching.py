"""A real Celery worker with several processes matches a few hundred articles at once, on real
Redis and PostgreSQL: many stories, each reported by many outlets with overlapping (and a few
conflicting) figures, so that the processes keep rewriting the same fact groups. No task may
fail, no fact group may be left empty, and the groups must be those one process matching the
articles one after another makes. Figures go to stdout (pytest -s)."""

from __future__ import annotations

import os
import re
import subprocess
import time
from collections.abc import Iterator
from typing import Any

import pytest
from django.db.models import Count

from claims.models import Article, Claim, ClaimKey, FactGroup
from claims.pipeline.match.params import MATCHER_VERSION
from claims.services.ingestion import article_ingest
from claims.services.matching import article_match
from claims.tasks import match_article
from tests.integration.test_worker_crash import _own_queue, _stop, _wait_for, _worker_env
from tests.integration.test_worker_crash import _start_worker as start_celery_worker

STORIES = int(os.environ.get("MATCH_TEST_STORIES", "24"))
OUTLETS = int(os.environ.get("MATCH_TEST_OUTLETS", "12"))
CONCURRENCY = int(os.environ.get("MATCH_TEST_CONCURRENCY", "4"))
DEADLINE_SECONDS = 600

# Every story is told in words of its own, made up here from syllables, so that stories share
# nothing but words the matcher ignores; a story's three figures are far apart (more than three
# times), so its facts never merge. Then the grouping does not depend on the order articles are
# matched in (checked: a shuffled order gives the same groups), and a concurrent run can be
# compared with a single process.
SYLLABLES = [
    "bra",
    "ke",
    "lo",
    "mi",
    "nu",
    "po",
    "qua",
    "ri",
    "sto",
    "tu",
    "ve",
    "wo",
    "xa",
    "yi",
    "zu",
    "dra",
    "fe",
    "gli",
    "ho",
    "ja",
]
SHAPES = [
    "{Town} {agency} said that {n} {noun} were {verb} after the {event}.",
    "After the {event}, {n} {noun} in {Town} were {verb}, the {agency} reported.",
    "In {Town}, {n} {noun} were {verb} during the {event}, according to the {agency}.",
]


def _word(story: int, slot: int) -> str:
    """A made-up word, different for every (story, slot)."""
    n = story * 16 + slot
    return SYLLABLES[n % 20] + SYLLABLES[(n // 20 + slot * 7) % 20] + SYLLABLES[(n * 3 + 1) % 20] + "n"


def _article(story: int, outlet: int) -> str:
    words = {name: _word(story, slot) for slot, name in enumerate(["town", "agency", "event"])}
    figures = [12 + story, 60 + 5 * story, 400 + 30 * story]
    if outlet % 4 == 3:
        figures[1] = round(figures[1] * 1.2)  # one outlet in four reports a conflicting second figure
    sentences = []
    for fact in range(3):
        shape = SHAPES[(story + outlet + fact) % len(SHAPES)]
        sentences.append(
            shape.format(
                Town=words["town"].capitalize(),
                agency=words["agency"],
                event=words["event"],
                n=figures[fact],
                noun=_word(story, 4 + fact) + "s",
                verb=_word(story, 8 + fact) + "ed",
            )
        )
    title = f"{words['event'].capitalize()} in {words['town'].capitalize()}: report {outlet + 1}"
    return f"{title}\n\n{' '.join(sentences)}\n"


def _partition() -> set[frozenset[int]]:
    """The fact groups as sets of claim ids (group ids differ between runs)."""
    members: dict[int, set[int]] = {}
    for claim_id, group_id in Claim.objects.filter(group__isnull=False).values_list("id", "group_id"):
        members.setdefault(group_id, set()).add(claim_id)
    return {frozenset(ids) for ids in members.values()}


def _reset_matching() -> None:
    Claim.objects.update(group=None, priority=0)
    FactGroup.objects.all().delete()
    ClaimKey.objects.all().delete()
    Article.objects.update(matcher_version="")


@pytest.fixture
def match_queue() -> Iterator[str]:
    yield from _own_queue("test-match")


def _start_worker(queue: str, log: Any) -> subprocess.Popen[bytes]:
    env = _worker_env(queue)
    env["CELERY_VISIBILITY_TIMEOUT"] = "600"  # no redelivery of a retry waiting out its countdown
    return start_celery_worker(queue, f"match-{queue}", log, concurrency=CONCURRENCY, env=env)


def _run_on_worker(queue: str, log_path: Any, article_ids: list[int]) -> dict[str, Any]:
    """Enqueue every article's match, let the worker's processes race through them, and count
    from the worker's log the tasks that succeeded, were retried and failed."""
    for article_id in article_ids:
        match_article.apply_async((article_id,), queue=queue)
    with log_path.open("ab") as log:
        worker = _start_worker(queue, log)
        started = time.monotonic()
        try:

            def finished() -> bool:
                text = log_path.read_text(errors="replace")
                done = len(re.findall(r"match_article\[[^\]]+\] succeeded", text))
                failed = len(re.findall(r"match_article\[[^\]]+\] raised unexpected", text))
                return done + failed >= len(article_ids) or worker.poll() is not None

            _wait_for(finished, timeout=DEADLINE_SECONDS, what="the worker to match every article")
            seconds = time.monotonic() - started
        finally:
            _stop(worker)
    text = log_path.read_text(errors="replace")
    return {
        "succeeded": len(re.findall(r"match_article\[[^\]]+\] succeeded", text)),
        "retried": len(re.findall(r"match_article\[[^\]]+\] retry", text)),
        "failed": len(re.findall(r"match_article\[[^\]]+\] raised unexpected", text)),
        "seconds": round(seconds),
        "retry_reasons": sorted(set(re.findall(r"match_article \d+: (\w+)", text))),
        "errors": sorted(set(re.findall(r"match_article\[[^\]]+\] raised unexpected: (\w+)", text))),
    }


def test_several_worker_processes_match_hundreds_of_articles_as_one_process_would(
    transactional_db: Any, match_queue: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    monkeypatch.setattr("claims.tasks.enqueue_match", lambda article_id: None)  # matched below, not on ingest
    for story in range(STORIES):
        for outlet in range(OUTLETS):
            result = article_ingest(raw=_article(story, outlet).encode(), name=f"storm-{story}-{outlet}.txt")
            assert result.status == "created", result
    article_ids = list(Article.objects.order_by("id").values_list("id", flat=True))
    assert len(article_ids) == STORIES * OUTLETS

    for article_id in article_ids:  # one process, one article after another
        article_match(article_id=article_id)
    single = _partition()
    assert len(single) == STORIES * 3  # each fact of each story is one group
    assert not FactGroup.objects.annotate(n=Count("claims")).filter(n=0).exists()
    for article_id in article_ids:  # and once more over the whole store, as `reingest --all --force` does
        article_match(article_id=article_id)
    single_again = _partition()

    _reset_matching()
    log_path = tmp_path / "worker.log"
    log_path.write_bytes(b"")
    first = _run_on_worker(match_queue, log_path, article_ids)
    empty_after_first = FactGroup.objects.annotate(n=Count("claims")).filter(n=0).count()
    concurrent = _partition()
    # Then re-match the whole store again, as `reingest --all --force` does.
    log_path.rename(tmp_path / "worker-first.log")
    log_path.write_bytes(b"")
    again = _run_on_worker(match_queue, log_path, article_ids)
    empty_after_again = FactGroup.objects.annotate(n=Count("claims")).filter(n=0).count()
    print(
        f"\nconcurrent matching, {CONCURRENCY} worker processes, {len(article_ids)} articles, "
        f"{Claim.objects.count()} claims: from scratch {first}, empty groups {empty_after_first}; "
        f"re-matched {again}, empty groups {empty_after_again}; "
        f"groups: single process {len(single)} then {len(single_again)} re-matched; "
        f"concurrent {len(concurrent)} then {len(_partition())} re-matched"
    )

    tail = (tmp_path / "worker-first.log").read_text(errors="replace")[-3000:]
    assert (first["failed"], again["failed"]) == (0, 0), (first, again, tail)
    assert min(first["succeeded"], again["succeeded"]) >= len(article_ids), tail
    assert not Article.objects.exclude(matcher_version=MATCHER_VERSION).exists()
    assert (empty_after_first, empty_after_again) == (0, 0)
    assert concurrent == single
    assert _partition() == single_again
