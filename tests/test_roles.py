"""Roles: Django's own ModelBackend signs users in, and a user's role groups are read once per
request with one query."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from claims.roles import can_export, is_admin, is_reviewer

pytestmark = pytest.mark.django_db


def test_users_sign_in_through_djangos_model_backend() -> None:
    assert settings.AUTHENTICATION_BACKENDS == ["django.contrib.auth.backends.ModelBackend"]


def test_a_reviewers_roles_cost_one_query_however_often_they_are_checked(reviewer: Any) -> None:
    user = ModelBackend().get_user(reviewer.pk)
    with CaptureQueriesContext(connection) as queries:
        assert is_reviewer(user) and not is_admin(user) and is_reviewer(user)
    assert len(queries) == 1
    assert user is not None and user.get_username() == "rita" and user.password == reviewer.password


def test_an_admin_is_also_a_reviewer_and_a_user_with_no_role_is_neither(admin_user: Any, no_role_user: Any) -> None:
    admin = ModelBackend().get_user(admin_user.pk)
    nobody = ModelBackend().get_user(no_role_user.pk)
    assert is_admin(admin) and is_reviewer(admin) and can_export(admin)
    assert not is_admin(nobody) and not is_reviewer(nobody) and not can_export(nobody)


def test_groups_that_are_not_roles_do_not_count(no_role_user: Any) -> None:
    no_role_user.groups.add(Group.objects.create(name="Reviewers of sport"))
    assert not is_reviewer(ModelBackend().get_user(no_role_user.pk))


def test_an_inactive_or_unknown_user_signs_nobody_in(reviewer: Any) -> None:
    client = Client()
    client.force_login(reviewer)
    reviewer.is_active = False
    reviewer.save()
    assert client.get("/queue/").status_code == 302  # to the login page
    assert ModelBackend().get_user(reviewer.pk + 1000) is None


def test_a_role_taken_away_counts_on_the_next_request(reviewer: Any) -> None:
    client = Client()
    client.force_login(reviewer)
    assert client.get("/queue/").status_code == 200
    reviewer.groups.clear()
    assert client.get("/queue/").status_code == 403


def test_logging_in_with_a_password_still_works(reviewer: Any) -> None:
    client = Client()
    response = client.post("/accounts/login/", {"username": "rita", "password": "pw-rita-test"})
    assert response.status_code == 302
    assert client.get("/queue/").status_code == 200
