"""Fixtures of the access tests: a fixed clock, and cheap password hashing for the many personas."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def frozen_clock() -> Iterator[None]:
    """Monday 02/03/2026, 09:00 in Hà Nội: after the 1 July 2025 reorganisation."""
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    """Personas sign in with force_login here; hashing their passwords with Argon2 only costs time."""
    settings.PASSWORD_HASHERS = FAST_HASHERS
