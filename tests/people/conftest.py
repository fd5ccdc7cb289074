"""Fixtures of the people tests: a fixed clock, so "born in the future" means the same every day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest
import time_machine

TODAY = dt.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def frozen_clock() -> Iterator[None]:
    """Monday 02/03/2026, 09:00 in Hà Nội."""
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")), tick=False):
        yield
