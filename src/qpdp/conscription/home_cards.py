"""Military service on the home dashboard and in the navigation."""

from __future__ import annotations

from types import ModuleType


def register_all(dashboard: ModuleType) -> None:
    dashboard.register_navigation(
        dashboard.NavigationItem("Nghĩa vụ quân sự", "conscription:home", "conscription.view", order=20)
    )
