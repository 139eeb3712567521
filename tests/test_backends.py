"""RoleAwareBackend: the signed-in user and their roles in one query, ModelBackend's rules kept."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from claims.backends import RoleAwareBackend
from claims.roles import can_export, is_admin, is_reviewer

pytestmark = pytest.mark.django_db


def test_a_reviewer_is_loaded_with_their_role_in_one_query(reviewer: Any) -> None:
    with CaptureQueriesContext(connection) as queries:
        user = RoleAwareBackend().get_user(reviewer.pk)
        assert is_reviewer(user) and not is_admin(user)
    assert len(queries) == 1
    assert user.get_username() == "rita" and user.password == reviewer.password


def test_an_admin_is_also_a_reviewer_and_a_user_with_no_role_is_neither(admin_user: Any, no_role_user: Any) -> None:
    admin = RoleAwareBackend().get_user(admin_user.pk)
    nobody = RoleAwareBackend().get_user(no_role_user.pk)
    assert is_admin(admin) and is_reviewer(admin) and can_export(admin)
    assert not is_admin(nobody) and not is_reviewer(nobody)


def test_groups_that_are_not_roles_do_not_count(no_role_user: Any) -> None:
    no_role_user.groups.add(Group.objects.create(name="Reviewers of sport"))
    assert not is_reviewer(RoleAwareBackend().get_user(no_role_user.pk))


def test_an_inactive_unknown_or_garbled_user_id_signs_nobody_in(reviewer: Any) -> None:
    backend = RoleAwareBackend()
    assert backend.get_user(reviewer.pk + 1000) is None
    assert backend.get_user("not-a-number") is None
    reviewer.is_active = False
    reviewer.save()
    assert backend.get_user(reviewer.pk) is None


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
