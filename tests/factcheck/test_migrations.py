"""Models and migrations agree: a model change without its migration fails here, not in production."""

import io

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_every_model_change_has_a_migration() -> None:
    out = io.StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)  # exits non-zero on a missing migration
    assert "No changes detected" in out.getvalue()
