"""Django's database sessions, with the read every signed-in request makes written out in SQL.

The ORM's compile step for that one-row read costs more CPU than the query itself, on every
request. Everything else (saving, expiry, cycling keys on login) is Django's own db backend.
"""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone


class SessionStore(db.SessionStore):
    def _get_session_from_db(self) -> Any:
        model = self.model
        connection = connections[router.db_for_read(model)]
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT session_data FROM {model._meta.db_table} WHERE session_key = %s AND expire_date > %s",
                [self.session_key, connection.ops.adapt_datetimefield_value(timezone.now())],
            )
            row = cursor.fetchone()
        key = self.session_key
        if row is None or key is None:  # no such session, or it expired: start a new one, as the db backend does
            self._session_key = None
            return None
        return model(session_key=key, session_data=row[0])
