"""Django's database sessions, with the read every signed-in request makes written out in SQL.

The ORM's compile step for that one-row read costs more CPU than the query itself, on every
request. Everything else (saving, expiry, cycling keys on login) is Django's own db backend.
"""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone

from claims.rowmodels import fetch_rows


class SessionStore(db.SessionStore):
    def _get_session_from_db(self) -> Any:
        model = self.model
        key = self.session_key
        using = router.db_for_read(model)
        now = connections[using].ops.adapt_datetimefield_value(timezone.now())
        sql = f"SELECT session_data FROM {model._meta.db_table} WHERE session_key = %s AND expire_date > %s"  # noqa: S608
        rows = fetch_rows(sql, [key, now], using=using) if key is not None else []
        if not rows or key is None:  # no such session, or it expired: start a new one, as the db backend does
            self._session_key = None
            return None
        return model(session_key=key, session_data=rows[0][0])
