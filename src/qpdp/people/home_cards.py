"""People's figures on the home dashboard and its place in the navigation."""

from __future__ import annotations

from types import ModuleType
from typing import Any

from qpdp.people.selectors import citizen_count


def _citizens(user: Any, unit: Any) -> int:
    return citizen_count(user=user, unit=unit)


def register_all(dashboard: ModuleType) -> None:
    dashboard.register(
        dashboard.Card(
            "people.citizens", "Công dân trong sổ đăng ký", _citizens, "people:citizen-list", order=1
        )
    )
    dashboard.register_navigation(
        dashboard.NavigationItem("Công dân", "people:citizen-list", "people.view", order=10)
    )
