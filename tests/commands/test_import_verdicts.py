"""`import_verdicts`: round trip with the export, line-numbered errors, all or nothing."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from claims.models import AuditEntry, Claim, Verdict
from tests.factories import make_article, make_claim, make_group


def run_import(path: Path, *args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_verdicts", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def live(claims: list[Claim]) -> set[tuple[int, str, str, str]]:
    return set(
        Verdict.objects.filter(claim__in=claims, retracted_at__isnull=True).values_list(
            "claim_id", "reviewer__username", "verdict", "note"
        )
    )


@pytest.mark.django_db
def test_export_then_import_into_fresh_claims_gives_the_same_verdicts(
    reviewer: Any, reviewer2: Any, tmp_path: Path
) -> None:
    group = make_group(relation="conflict")
    claims = [
        make_claim(article=make_article(text=f"The dam holds {n} litres."), text=f"{n} litres", value=n, group=group)
        for n in (40, 45)
    ]
    Verdict.objects.create(
        claim=claims[0],
        reviewer=reviewer,
        verdict="conflict",
        note='=HYPERLINK("http://evil.example")\nsee the minutes, "page 4"',
    )
    Verdict.objects.create(claim=claims[0], reviewer=reviewer2, verdict="conflict", note="-2 off")
    Verdict.objects.create(claim=claims[1], reviewer=reviewer, verdict="agree", note="")
    before = live(claims)
    exported = tmp_path / "verdicts.csv"
    call_command("export_verdicts", "--output", str(exported), "--bom")
    # A fresh set: the same claims with no verdicts, audit or review state.
    AuditEntry.objects.all().delete()
    Verdict.objects.all().delete()
    Claim.objects.update(review=Claim.Review.OPEN)

    out, _ = run_import(exported)

    assert "3 verdict(s) imported" in out
    assert live(claims) == before
    assert AuditEntry.objects.filter(action="imported").count() == 3
    claims[0].refresh_from_db()
    assert claims[0].review == Claim.Review.DONE


@pytest.mark.django_db
def test_bad_rows_are_reported_with_their_line_numbers_and_nothing_is_imported(reviewer: Any, tmp_path: Path) -> None:
    claim = make_claim()
    path = tmp_path / "desk.csv"
    path.write_text(
        "claim_id,verdict,reviewer,note\r\n"
        f'{claim.pk},agree,rita,"a note\r\nover two lines"\r\n'  # lines 2-3: fine
        "999999,agree,rita,\r\n"  # line 4: unknown claim
        f"{claim.pk},maybe,rita,\r\n"  # line 5: bad verdict
        f"{claim.pk},agree,nobody,\r\n"  # line 6: unknown reviewer
        f"{claim.pk},agree\r\n"  # line 7: missing columns
        f"{claim.pk},conflict,rita,fine too\r\n",  # line 8: fine
        encoding="utf-8",
    )
    err = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_verdicts", str(path), stderr=err)
    assert raised.value.returncode == 1
    assert "4 error(s); nothing imported" in str(raised.value)
    messages = err.getvalue().splitlines()
    assert [m.split(":")[0] for m in messages] == ["line 4", "line 5", "line 6", "line 7"]
    assert "unknown claim 999999" in messages[0]
    assert "unknown verdict 'maybe'" in messages[1]
    assert "unknown reviewer 'nobody'" in messages[2]
    assert "missing column(s) reviewer, note" in messages[3]
    assert not Verdict.objects.exists() and not AuditEntry.objects.exists()


@pytest.mark.django_db
def test_a_missing_required_column_is_an_error_on_line_one(reviewer: Any, tmp_path: Path) -> None:
    path = tmp_path / "desk.csv"
    path.write_text("claim_id,note\r\n1,x\r\n", encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_verdicts", str(path), stderr=err)
    assert err.getvalue().strip() == "line 1: missing column(s) verdict, reviewer"


@pytest.mark.django_db
def test_dry_run_checks_everything_and_writes_nothing(reviewer: Any, tmp_path: Path) -> None:
    claim = make_claim()
    path = tmp_path / "desk.csv"
    path.write_text(f"reviewer,claim_id,verdict,extra\r\nrita,{claim.pk},AGREE,ignored\r\n", encoding="utf-8")
    out, _ = run_import(path, "--dry-run")
    assert "1 verdict(s) would be imported" in out
    assert not Verdict.objects.exists()


@pytest.mark.django_db
def test_an_imported_verdict_replaces_the_reviewers_earlier_one_and_retracted_rows_are_skipped(
    reviewer: Any,
    tmp_path: Path,
) -> None:
    claim = make_claim()
    earlier = Verdict.objects.create(claim=claim, reviewer=reviewer, verdict="agree")
    path = tmp_path / "desk.csv"
    path.write_text(
        "claim_id,verdict,reviewer,note,retracted_at\r\n"
        f"{claim.pk},conflict,rita,'=2+2,\r\n"
        f"{claim.pk},unclear,rita,old,2024-05-01T10:00:00Z\r\n",
        encoding="utf-8",
    )
    out, _ = run_import(path)
    assert "1 verdict(s) imported (1 retracted row(s) skipped)" in out
    earlier.refresh_from_db()
    assert earlier.retracted_at is not None
    (now_live,) = Verdict.objects.filter(claim=claim, retracted_at__isnull=True)
    assert (now_live.verdict, now_live.note, now_live.claim_version) == ("conflict", "=2+2", claim.version)
    audit = AuditEntry.objects.get(action="imported")
    assert (audit.old, audit.new, audit.actor_id) == ("agree", "conflict", reviewer.pk)
