"""Written-out SQL: table names come from the models, quoted by the database backend."""

from __future__ import annotations

import pytest
from django.db import connection

from claims.models import Claim, Verdict
from claims.sql import fetch_rows, table
from tests.factories import make_claim

pytestmark = pytest.mark.django_db


def test_a_table_name_is_the_models_db_table_quoted_by_the_backend() -> None:
    assert table(Claim) == connection.ops.quote_name(Claim._meta.db_table) == f'"{Claim._meta.db_table}"'


def test_a_quoted_table_name_reads_the_models_rows() -> None:
    claim = make_claim()
    assert fetch_rows(f"SELECT id, claim_version FROM {table(Verdict)} WHERE claim_id = %s", [claim.pk]) == []
    assert fetch_rows(f"SELECT id, text FROM {table(Claim)} WHERE id = %s", [claim.pk]) == [(claim.pk, claim.text)]
