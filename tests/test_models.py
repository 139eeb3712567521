"""Model helpers (claims/models.py)."""

from __future__ import annotations

from typing import Any

import pytest

from claims.models import Verdict
from tests.factories import make_claim


@pytest.mark.django_db
def test_a_new_verdict_records_the_version_and_the_figure_the_reviewer_saw(reviewer: Any) -> None:
    claim = make_claim(value=14, version=3)

    row = Verdict.on(claim, reviewer=reviewer, verdict="conflict", note="the source says 41")

    assert row.pk is None  # not saved: the caller writes it
    assert (row.claim, row.reviewer, row.verdict, row.note) == (claim, reviewer, "conflict", "the source says 41")
    assert (row.claim_version, row.claim_value, row.adjudication) == (3, 14, False)


@pytest.mark.django_db
def test_an_adjudication_is_marked_as_one(admin_user: Any) -> None:
    row = Verdict.on(make_claim(), reviewer=admin_user, verdict="agree", adjudication=True)

    assert row.adjudication is True and row.note == ""
