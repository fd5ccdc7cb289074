"""Registry of demo-data steps: each area adds its records for a demo province after the population."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class DemoStep:
    """One area's demo records: `make(province, seed)` returns a one-line summary to print."""

    name: str
    make: Callable[[Any, int], str]
    order: int = 100


_steps: dict[str, DemoStep] = {}


def register(step: DemoStep) -> None:
    _steps[step.name] = step


def steps() -> list[DemoStep]:
    return sorted(_steps.values(), key=lambda s: (s.order, s.name))
