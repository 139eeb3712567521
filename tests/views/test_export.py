"""The Export page: who may use it, and a streamed, spreadsheet-safe download."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.http import StreamingHttpResponse

from claims.models import Verdict
from tests.factories import make_claim


def download(client: Any, **params: str) -> Any:
    return client.get("/export/", {"download": "1", **params})


def test_anonymous_users_are_sent_to_login(client: Any, db: Any) -> None:
    response = download(client)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_reviewers_without_the_export_permission_are_refused(client: Any, reviewer: Any) -> None:
    client.force_login(reviewer)
    assert client.get("/export/").status_code == 403
    assert download(client).status_code == 403


def test_admin_sees_the_form_with_filters_and_formats(client: Any, admin_user: Any) -> None:
    client.force_login(admin_user)
    page = client.get("/export/").content.decode()
    for name in ("since", "until", "outlet", "article", "reviewer", "verdict", "status", "relation", "format", "bom"):
        assert f'name="{name}"' in page
    assert 'value="claimreview"' in page


@pytest.mark.django_db
def test_admin_gets_a_streamed_csv_with_formula_cells_neutralised(client: Any, admin_user: Any, reviewer: Any) -> None:
    claim = make_claim()
    Verdict.objects.create(
        claim=claim, reviewer=reviewer, verdict="agree", note='=HYPERLINK("http://evil.example","open me")'
    )
    client.force_login(admin_user)
    response = download(client, format="csv", bom="on")
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="verdicts-')
    body = response.getvalue()
    assert body.startswith(b"\xef\xbb\xbfclaim_id,")
    (row,) = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"), newline="")))
    assert row["note"] == '\'=HYPERLINK("http://evil.example","open me")'
    assert row["claim_id"] == str(claim.pk)


@pytest.mark.django_db
def test_a_user_given_the_export_permission_may_download_filtered_jsonl(
    client: Any, reviewer: Any, reviewer2: Any
) -> None:
    claim = make_claim()
    Verdict.objects.create(claim=claim, reviewer=reviewer, verdict="agree")
    Verdict.objects.create(claim=claim, reviewer=reviewer2, verdict="conflict")
    reviewer2.user_permissions.add(Permission.objects.get(codename="export_verdicts"))
    client.force_login(reviewer2)
    response = download(client, format="jsonl", reviewer="rob")
    assert response.status_code == 200
    rows = [json.loads(line) for line in response.getvalue().decode().splitlines()]
    assert [(r["reviewer"], r["verdict"]) for r in rows] == [("rob", "conflict")]


def test_invalid_filters_show_the_form_with_errors(client: Any, admin_user: Any) -> None:
    client.force_login(admin_user)
    response = download(client, since="not a date", format="csv")
    assert response.status_code == 400
    assert "Enter a valid date" in response.content.decode()
