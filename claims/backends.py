"""Authentication: Django's ModelBackend, reading the signed-in user and their roles at once.

Every request loads its user from the session; the role checks (claims.roles) then need the
user's groups. This backend reads both in one statement, so a queue request spends one query
and a fraction of the ORM's compile time on who is asking. Passwords, permissions and
is_active work exactly as in ModelBackend.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import connection

from claims.roles import ADMIN, REVIEWER, remember_roles
from claims.rowmodels import ModelColumns, fetch_rows

User = get_user_model()
_USER_COLUMNS = ModelColumns(User, "u")
_MEMBERSHIP = User.groups.through._meta.db_table
_IN_GROUP = f"""EXISTS (SELECT 1 FROM {_MEMBERSHIP} m JOIN {Group._meta.db_table} g ON g.id = m.group_id
                        WHERE m.user_id = u.id AND g.name = %({{name}})s)"""  # noqa: S608
_USER_SQL = f"""
    SELECT {_USER_COLUMNS.sql}, {_IN_GROUP.format(name="admin")}, {_IN_GROUP.format(name="reviewer")}
    FROM {User._meta.db_table} u WHERE u.id = %(user)s"""  # noqa: S608


class RoleAwareBackend(ModelBackend):
    def get_user(self, user_id: Any) -> Any:
        try:
            pk = User._meta.pk.to_python(user_id)
        except ValidationError:  # a tampered or stale session value: nobody is signed in
            return None
        rows = fetch_rows(_USER_SQL, {"user": pk, "admin": ADMIN, "reviewer": REVIEWER}, using=connection.alias)
        if not rows:
            return None
        row = rows[0]
        user = _USER_COLUMNS.build(row[: len(_USER_COLUMNS)], using=connection.alias)
        if user is None or not self.user_can_authenticate(user):
            return None
        in_admin, in_reviewer = row[len(_USER_COLUMNS) :]
        remember_roles(user, {name for name, member in ((ADMIN, in_admin), (REVIEWER, in_reviewer)) if member})
        return user
