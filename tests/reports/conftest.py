"""What the report tests share: each module's clock stopped at the moment its module names."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import time_machine


@pytest.fixture(autouse=True)
def frozen_clock(request: pytest.FixtureRequest) -> Iterator[None]:
    """The clock stopped at the module's `NOW` for each of its tests (without one, the real clock)."""
    now = getattr(request.module, "NOW", None)
    if now is None:
        yield
        return
    with time_machine.travel(now, tick=False):
        yield
