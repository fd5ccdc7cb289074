"""The append-only guard of the audit history: the SQLite function its triggers consult.

On SQLite the triggers of migration core/0003 refuse DELETE unless `qpdp_audit_purge_allowed()`
returns 1. Outside this process (the sqlite3 shell) the function does not exist and the DELETE fails
too. Only the test database plugin opens the guard, around Django's `flush` between transactional
tests; nothing in the application does. PostgreSQL needs no function: its row triggers refuse
UPDATE and DELETE, and TRUNCATE (Django's flush) is an owner-only maintenance statement.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_purge_allowed: contextvars.ContextVar[bool] = contextvars.ContextVar("qpdp_audit_purge_allowed")


@contextmanager
def allow_audit_purge() -> Iterator[None]:
    """Let the current thread empty the audit table (test teardown only)."""
    token = _purge_allowed.set(True)
    try:
        yield
    finally:
        _purge_allowed.reset(token)


def _purge_allowed_now() -> int:
    return 1 if _purge_allowed.get(False) else 0


def install_sqlite_guard(sender: Any, connection: Any, **kwargs: Any) -> None:
    """connection_created receiver: define the guard function on each new SQLite connection."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("qpdp_audit_purge_allowed", 0, _purge_allowed_now)
