"""The review services: leases, verdicts, undo, stale actions and adjudication."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from claims.models import AuditEntry, Claim, Skip, Verdict
from claims.selectors import QueueFilters
from claims.services.review import (
    LeaseLostError,
    StaleClaimError,
    claim_adjudicate,
    claim_lease_next,
    claim_lease_renew,
    claim_set_verdict,
    claim_skip,
    queue_priority_sync,
    review_state,
    verdict_undo,
)
from tests.conftest import require
from tests.factories import make_article, make_claim, make_group

pytestmark = pytest.mark.django_db


def _judge(claim: Claim, reviewer: Any, verdict: str = "agree") -> Verdict:
    claim.refresh_from_db()
    return claim_set_verdict(
        claim_id=claim.pk, reviewer=reviewer, verdict=verdict, note="", claim_version=claim.version
    )


def test_two_reviewers_never_get_the_same_claim(reviewer: Any, reviewer2: Any) -> None:
    first, second = make_claim(score=0.9), make_claim(score=0.5)
    leased_a = claim_lease_next(reviewer=reviewer)
    leased_b = claim_lease_next(reviewer=reviewer2)
    assert leased_a is not None and leased_b is not None
    assert {leased_a.pk, leased_b.pk} == {first.pk, second.pk}
    assert leased_a.lease_holder_id == reviewer.pk
    assert leased_b.lease_holder_id == reviewer2.pk


def test_reviewer_keeps_the_claim_they_hold_when_asking_again(reviewer: Any) -> None:
    make_claim(score=0.9), make_claim(score=0.5)
    first = claim_lease_next(reviewer=reviewer)
    again = claim_lease_next(reviewer=reviewer)
    assert first is not None and again is not None and first.pk == again.pk


def test_a_lone_claim_held_by_someone_else_is_not_handed_out(reviewer: Any, reviewer2: Any) -> None:
    make_claim()
    assert claim_lease_next(reviewer=reviewer) is not None
    assert claim_lease_next(reviewer=reviewer2) is None


def test_an_expired_lease_returns_the_claim_to_the_queue(reviewer: Any, reviewer2: Any) -> None:
    claim = make_claim()
    assert claim_lease_next(reviewer=reviewer) is not None
    Claim.objects.filter(pk=claim.pk).update(lease_expires=timezone.now() - dt.timedelta(seconds=1))
    taken = claim_lease_next(reviewer=reviewer2)
    assert taken is not None and taken.pk == claim.pk and taken.lease_holder_id == reviewer2.pk
    assert claim_lease_renew(claim=claim, reviewer=reviewer) is False


def test_renewing_extends_the_holders_lease(reviewer: Any, settings: Any) -> None:
    settings.FACTCHECK_LEASE_SECONDS = 600
    claim = make_claim()
    claim_lease_next(reviewer=reviewer)
    Claim.objects.filter(pk=claim.pk).update(lease_expires=timezone.now() + dt.timedelta(seconds=5))
    assert claim_lease_renew(claim=claim, reviewer=reviewer) is True
    claim.refresh_from_db()
    assert claim.lease_expires is not None
    assert claim.lease_expires > timezone.now() + dt.timedelta(seconds=500)


def test_conflicts_come_first_then_score_then_skipped_last(reviewer: Any) -> None:
    high = make_claim(score=0.95)
    conflict = make_claim(score=0.2, group=make_group(relation="conflict"))
    low = make_claim(score=0.1)
    order = []
    for _ in range(3):
        leased = claim_lease_next(reviewer=reviewer)
        assert leased is not None
        order.append(leased.pk)
        claim_skip(claim_id=leased.pk, reviewer=reviewer)
    assert order == [conflict.pk, high.pk, low.pk]
    # Everything was skipped: skipped claims come back, in the same order.
    again = claim_lease_next(reviewer=reviewer)
    assert again is not None and again.pk == conflict.pk


def test_priority_follows_the_group_relation_so_a_new_conflict_jumps_the_queue(reviewer: Any) -> None:
    high = make_claim(score=0.95)
    group = make_group(relation="agree")
    low = make_claim(score=0.1, group=group)
    make_claim(score=0.1, group=group, text="12", fingerprint="other")
    assert low.priority == 0
    group.relation = "conflict"
    group.save()
    assert queue_priority_sync(groups=[group]) == 2  # every member of the group, none other
    low.refresh_from_db()
    high.refresh_from_db()
    assert (low.priority, high.priority) == (1, 0)
    leased = claim_lease_next(reviewer=reviewer)
    assert leased is not None and leased.pk == low.pk
    Claim.objects.filter(pk=low.pk).update(group=None)
    assert queue_priority_sync(groups=[], ungrouped_ids=[low.pk]) == 1
    assert queue_priority_sync(groups=[], ungrouped_ids=[low.pk]) == 0  # already in step: nothing written
    low.refresh_from_db()
    assert low.priority == 0


def test_claims_with_my_verdict_are_not_offered_again_but_withdrawn_never(reviewer: Any) -> None:
    judged = make_claim(score=0.9)
    make_claim(score=0.8, status=Claim.Status.WITHDRAWN)
    remaining = make_claim(score=0.1)
    _judge(judged, reviewer)
    leased = claim_lease_next(reviewer=reviewer)
    assert leased is not None and leased.pk == remaining.pk


def test_filters_limit_the_queue_to_one_article_and_kind(reviewer: Any) -> None:
    article = make_article(text="Ticket sales rose 40 percent to 3,000 seats.")
    make_claim(score=0.99)
    wanted = make_claim(article=article, text="3,000 seats", kind="count", score=0.1)
    make_claim(article=article, text="40 percent", kind="percent", score=0.5)
    leased = claim_lease_next(reviewer=reviewer, filters=QueueFilters(article=article.pk, kind="count"))
    assert leased is not None and leased.pk == wanted.pk


def test_a_verdict_is_recorded_audited_and_settles_the_claim(reviewer: Any) -> None:
    claim = make_claim()
    claim_lease_next(reviewer=reviewer)
    claim.refresh_from_db()
    row = claim_set_verdict(
        claim_id=claim.pk, reviewer=reviewer, verdict="conflict", note="the report says 13", claim_version=claim.version
    )
    claim.refresh_from_db()
    assert row.verdict == "conflict" and row.claim_value == 12
    assert claim.review == Claim.Review.DONE
    assert claim.lease_holder_id is None
    entry = AuditEntry.objects.get(claim=claim, action="verdict")
    assert (entry.actor_id, entry.old, entry.new, entry.note) == (reviewer.pk, "", "conflict", "the report says 13")


def test_a_stale_verdict_writes_nothing_and_says_what_changed(reviewer: Any) -> None:
    claim = make_claim(text="40", value=40)
    Claim.objects.filter(pk=claim.pk).update(value=42, previous_value=40, version=2, status="reopened")
    with pytest.raises(StaleClaimError, match="was 40, now 42"):
        claim_set_verdict(claim_id=claim.pk, reviewer=reviewer, verdict="agree", note="", claim_version=1)
    assert not Verdict.objects.exists()
    assert not AuditEntry.objects.filter(action="verdict").exists()


def test_a_verdict_on_a_withdrawn_claim_is_refused(reviewer: Any) -> None:
    claim = make_claim(status=Claim.Status.WITHDRAWN)
    with pytest.raises(StaleClaimError, match="no longer in the article"):
        claim_set_verdict(claim_id=claim.pk, reviewer=reviewer, verdict="agree", note="", claim_version=1)
    assert not Verdict.objects.exists()


def test_undo_retracts_the_last_verdict_reopens_and_leases_it_back(reviewer: Any) -> None:
    first, second = make_claim(score=0.9), make_claim(score=0.5)
    _judge(first, reviewer)
    _judge(second, reviewer, "unclear")
    result = verdict_undo(reviewer=reviewer)
    assert result is not None and result.claim.pk == second.pk and result.leased
    second.refresh_from_db()
    assert second.review == Claim.Review.OPEN and second.lease_holder_id == reviewer.pk
    undone = Verdict.objects.get(claim=second)
    assert undone.retracted_at is not None  # kept, never deleted
    assert AuditEntry.objects.filter(claim=second, action="undo", old="unclear").exists()
    leased = claim_lease_next(reviewer=reviewer)
    assert leased is not None and leased.pk == second.pk


def test_undo_takes_back_a_skip_when_that_was_the_last_action(reviewer: Any) -> None:
    claim = make_claim()
    claim_skip(claim_id=claim.pk, reviewer=reviewer)
    result = verdict_undo(reviewer=reviewer)
    assert result is not None and result.action == "skip"
    assert not Skip.objects.exists()
    assert verdict_undo(reviewer=reviewer) is None


def test_two_reviews_required_disagreement_goes_to_adjudication(
    reviewer: Any, reviewer2: Any, admin_user: Any, settings: Any
) -> None:
    settings.FACTCHECK_REVIEWS_REQUIRED = 2
    claim = make_claim()
    _judge(claim, reviewer, "agree")
    claim.refresh_from_db()
    assert claim.review == Claim.Review.OPEN
    leased = claim_lease_next(reviewer=reviewer2)
    assert leased is not None and leased.pk == claim.pk
    assert claim_lease_next(reviewer=reviewer) is None  # already judged by them
    _judge(claim, reviewer2, "conflict")
    claim.refresh_from_db()
    assert claim.review == Claim.Review.ADJUDICATE
    claim_adjudicate(claim=claim, admin=admin_user, verdict="conflict", note="checked the filing")
    claim.refresh_from_db()
    assert claim.review == Claim.Review.DONE
    assert Verdict.objects.filter(claim=claim).count() == 3
    assert AuditEntry.objects.filter(claim=claim, action="adjudication", new="conflict").exists()


def test_two_reviews_required_agreement_is_done(reviewer: Any, reviewer2: Any, settings: Any) -> None:
    settings.FACTCHECK_REVIEWS_REQUIRED = 2
    claim = make_claim()
    _judge(claim, reviewer, "agree")
    _judge(claim, reviewer2, "agree")
    claim.refresh_from_db()
    assert claim.review == Claim.Review.DONE


def test_a_reopened_claim_is_offered_again_to_its_earlier_reviewer(reviewer: Any) -> None:
    claim = make_claim()
    _judge(claim, reviewer)
    Claim.objects.filter(pk=claim.pk).update(version=2, review="open", status="reopened", previous_value=12, value=14)
    leased = claim_lease_next(reviewer=reviewer)
    assert leased is not None and leased.pk == claim.pk


@pytest.mark.django_db(transaction=True)
def test_concurrent_reviewers_never_share_a_lease_on_postgresql(django_user_model: Any) -> None:
    require(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL)")
    from django.contrib.auth.models import Group

    group = Group.objects.get_or_create(name="Reviewer")[0]
    users = []
    for n in range(8):
        user = django_user_model.objects.create_user(username=f"r{n}", password="x-test-pw")
        user.groups.add(group)
        users.append(user)
    article = make_article(text=" ".join(f"{n} boats." for n in range(40)))
    for n in range(40):
        make_claim(article=article, text=f"{n} boats", value=n, score=n / 40)
    seen: dict[int, list[int]] = {}
    lock = threading.Lock()
    errors: list[BaseException] = []

    def work(user: Any) -> None:
        try:
            for _ in range(5):
                claim = claim_lease_next(reviewer=user)
                if claim is None:
                    return
                with lock:
                    seen.setdefault(claim.pk, []).append(user.pk)
                claim_set_verdict(
                    claim_id=claim.pk, reviewer=user, verdict="agree", note="", claim_version=claim.version
                )
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(u,)) for u in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(seen) == 40
    assert all(len(holders) == 1 for holders in seen.values())


def test_the_leased_claim_comes_with_the_other_live_sources_of_its_group_oldest_first(reviewer: Any) -> None:
    group = make_group(relation="conflict")
    later = make_claim(article=make_article(published=dt.date(2024, 6, 1)), group=group, score=0.1)
    earlier = make_claim(article=make_article(published=dt.date(2024, 5, 1)), group=group, score=0.2)
    undated = make_claim(article=make_article(published=None), group=group, score=0.3)
    make_claim(article=make_article(), group=group, score=0.4, status=Claim.Status.WITHDRAWN)
    make_claim(article=make_article(), score=0.9)  # another group's claim, not a source of this one
    main = make_claim(article=make_article(), group=group, score=1.0)
    leased = claim_lease_next(reviewer=reviewer)
    assert leased is not None and leased.pk == main.pk
    assert [c.pk for c in leased.other_sources] == [earlier.pk, later.pk, undated.pk]  # type: ignore[attr-defined]


def test_taking_a_new_claim_releases_every_other_claim_the_reviewer_held(reviewer: Any) -> None:
    stale = make_claim(score=0.1)
    fresh = make_claim(score=0.9)
    expired = timezone.now() - dt.timedelta(seconds=5)
    Claim.objects.filter(pk=stale.pk).update(lease_holder=reviewer, lease_expires=expired)
    leased = claim_lease_next(reviewer=reviewer)
    assert leased is not None and leased.pk == fresh.pk
    assert list(Claim.objects.filter(lease_holder=reviewer).values_list("pk", flat=True)) == [fresh.pk]


def test_with_nothing_left_the_reviewer_holds_nothing(reviewer: Any) -> None:
    claim = make_claim()
    leased = claim_lease_next(reviewer=reviewer)
    assert leased is not None
    _judge(claim, reviewer)
    Claim.objects.filter(pk=claim.pk).update(lease_holder=reviewer)  # a stray hold on an answered claim
    assert claim_lease_next(reviewer=reviewer) is None
    assert not Claim.objects.filter(lease_holder=reviewer).exists()


def test_a_verdict_on_a_claim_another_reviewer_holds_is_refused_and_writes_nothing(
    reviewer: Any, reviewer2: Any
) -> None:
    claim = make_claim()
    assert claim_lease_next(reviewer=reviewer2) is not None
    with pytest.raises(LeaseLostError, match="someone else has this claim"):
        claim_set_verdict(claim_id=claim.pk, reviewer=reviewer, verdict="agree", note="", claim_version=1)
    assert not Verdict.objects.exists() and not AuditEntry.objects.exists()
    claim.refresh_from_db()
    assert claim.lease_holder_id == reviewer2.pk and claim.review == Claim.Review.OPEN


def test_a_verdict_on_a_settled_claim_is_refused(reviewer: Any, reviewer2: Any) -> None:
    claim = make_claim()
    _judge(claim, reviewer2)
    with pytest.raises(LeaseLostError):
        claim_set_verdict(claim_id=claim.pk, reviewer=reviewer, verdict="conflict", note="", claim_version=1)
    assert list(Verdict.objects.values_list("reviewer_id", "verdict")) == [(reviewer2.pk, "agree")]


def test_a_verdict_after_the_own_lease_ran_out_is_taken_while_nobody_else_holds_the_claim(reviewer: Any) -> None:
    claim = make_claim()
    Claim.objects.filter(pk=claim.pk).update(
        lease_holder=reviewer, lease_expires=timezone.now() - dt.timedelta(seconds=5)
    )
    _judge(claim, reviewer)
    claim.refresh_from_db()
    assert claim.review == Claim.Review.DONE and claim.lease_holder_id is None


def test_renew_never_leases_a_claim_the_reviewer_does_not_hold(reviewer: Any, reviewer2: Any) -> None:
    free, settled, others = make_claim(), make_claim(), make_claim()
    Claim.objects.filter(pk=settled.pk).update(review=Claim.Review.DONE, lease_holder=reviewer)
    Claim.objects.filter(pk=others.pk).update(
        lease_holder=reviewer2, lease_expires=timezone.now() - dt.timedelta(seconds=5)
    )
    assert not claim_lease_renew(claim=free, reviewer=reviewer)
    assert not claim_lease_renew(claim=settled, reviewer=reviewer)
    assert not claim_lease_renew(claim=others, reviewer=reviewer)
    assert not Claim.objects.filter(lease_holder=reviewer, lease_expires__isnull=False).exists()


def test_a_skip_of_a_claim_another_reviewer_holds_is_refused(reviewer: Any, reviewer2: Any) -> None:
    claim = make_claim()
    assert claim_lease_next(reviewer=reviewer2) is not None
    with pytest.raises(LeaseLostError):
        claim_skip(claim_id=claim.pk, reviewer=reviewer)
    assert not Skip.objects.exists()
    assert Claim.objects.get(pk=claim.pk).lease_holder_id == reviewer2.pk


def test_undo_of_a_named_verdict_takes_it_back_once(reviewer: Any) -> None:
    first, second = make_claim(score=0.9), make_claim(score=0.5)
    _judge(first, reviewer)
    last = _judge(second, reviewer)
    assert verdict_undo(reviewer=reviewer, verdict_id=last.pk) is not None
    assert verdict_undo(reviewer=reviewer, verdict_id=last.pk) is None  # sent again: nothing more
    assert list(Verdict.objects.filter(retracted_at__isnull=False).values_list("pk", flat=True)) == [last.pk]
    assert AuditEntry.objects.filter(action="undo").count() == 1
    first.refresh_from_db()
    assert first.review == Claim.Review.DONE


def test_undo_of_a_skip_does_not_lease_back_a_claim_settled_meanwhile(reviewer: Any, reviewer2: Any) -> None:
    claim = make_claim()
    skip = claim_skip(claim_id=claim.pk, reviewer=reviewer)
    _judge(claim, reviewer2)
    result = verdict_undo(reviewer=reviewer, skip_id=skip.pk)
    assert result is not None and not result.leased
    assert not Claim.objects.filter(lease_holder=reviewer).exists()


@pytest.mark.django_db(transaction=True)
def test_three_undos_at_once_retract_one_verdict_and_leave_one_lease_on_postgresql(django_user_model: Any) -> None:
    require(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL)")
    user = django_user_model.objects.create_user(username="undoer", password="x-test-pw")
    claims = [make_claim(score=0.9 - n / 10) for n in range(4)]
    verdicts = [_judge(claim, user) for claim in claims[:3]]
    assert claim_lease_next(reviewer=user) is not None  # holds the fourth
    barrier = threading.Barrier(3)
    errors: list[BaseException] = []

    def undo() -> None:
        try:
            barrier.wait()
            verdict_undo(reviewer=user, verdict_id=verdicts[-1].pk)
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=undo) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert list(Verdict.objects.filter(retracted_at__isnull=False).values_list("pk", flat=True)) == [verdicts[-1].pk]
    assert AuditEntry.objects.filter(action="undo").count() == 1
    assert list(Claim.objects.filter(lease_holder=user).values_list("pk", flat=True)) == [claims[2].pk]


@pytest.mark.django_db(transaction=True)
def test_one_reviewer_asking_for_claims_from_many_tabs_at_once_holds_one_on_postgresql(django_user_model: Any) -> None:
    require(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL)")
    user = django_user_model.objects.create_user(username="tabs", password="x-test-pw")
    for n in range(12):
        make_claim(score=n / 12)
    barrier = threading.Barrier(6)
    errors: list[BaseException] = []

    def ask(kind: str) -> None:
        try:
            barrier.wait()
            for _ in range(5):
                claim_lease_next(reviewer=user, filters=QueueFilters(kind=kind))
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=ask, args=(kind,)) for kind in ["count", "", "count", "", "count", ""]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert Claim.objects.filter(lease_holder=user).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_reviewers_taking_each_others_expired_claims_at_once_each_get_one_on_postgresql(
    django_user_model: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each reviewer's expired claim is the other's next one. The lease statement locks the
    reviewer's own holds before it picks, so neither waits while holding what the other needs,
    and each ends with one claim (the statement without that order left both with none).
    Deadlocks are not run again here, so one would fail the test."""
    require(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL)")
    from claims.services import review

    monkeypatch.setattr(review, "run_again_if_transient", lambda work: work())
    first = django_user_model.objects.create_user(username="first", password="x-test-pw")
    second = django_user_model.objects.create_user(username="second", password="x-test-pw")
    top, next_one = make_claim(score=0.9), make_claim(score=0.5)
    errors: list[BaseException] = []
    for _ in range(25):
        expired = timezone.now() - dt.timedelta(seconds=1)
        Claim.objects.filter(pk=top.pk).update(lease_holder=second, lease_expires=expired)
        Claim.objects.filter(pk=next_one.pk).update(lease_holder=first, lease_expires=expired)
        barrier = threading.Barrier(2)

        def ask(user: Any, barrier: threading.Barrier = barrier) -> None:
            try:
                barrier.wait()
                claim_lease_next(reviewer=user)
            except BaseException as exc:  # reported below
                errors.append(exc)
            finally:
                connection.close()

        threads = [threading.Thread(target=ask, args=(user,)) for user in (first, second)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert not errors, errors[:3]
        holders = sorted(Claim.objects.exclude(lease_holder=None).values_list("lease_holder_id", flat=True))
        assert holders == sorted([first.pk, second.pk])


def _verdict(reviewer_id: int, choice: str, *, version: int = 2, adjudication: bool = False) -> Verdict:
    return Verdict(reviewer_id=reviewer_id, verdict=choice, claim_version=version, adjudication=adjudication)


def test_the_review_state_counts_only_verdicts_on_the_current_version(settings: Any) -> None:
    settings.FACTCHECK_REVIEWS_REQUIRED = 2
    assert review_state([], version=2) == Claim.Review.OPEN
    assert review_state([_verdict(1, "agree")], version=2) == Claim.Review.OPEN
    assert review_state([_verdict(1, "agree"), _verdict(2, "agree")], version=2) == Claim.Review.DONE
    assert review_state([_verdict(1, "agree"), _verdict(2, "disagree")], version=2) == Claim.Review.ADJUDICATE
    assert review_state([_verdict(1, "agree"), _verdict(2, "agree", version=1)], version=2) == Claim.Review.OPEN
    assert review_state([_verdict(1, "agree"), _verdict(1, "disagree")], version=2) == Claim.Review.OPEN  # one reviewer


def test_an_adjudication_on_the_current_version_settles_the_claim(settings: Any) -> None:
    settings.FACTCHECK_REVIEWS_REQUIRED = 2
    split = [_verdict(1, "agree"), _verdict(2, "disagree")]
    assert review_state([*split, _verdict(3, "agree", adjudication=True)], version=2) == Claim.Review.DONE
    assert (
        review_state([*split, _verdict(3, "agree", version=1, adjudication=True)], version=2) == Claim.Review.ADJUDICATE
    )
