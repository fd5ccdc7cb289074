"""Military service on the home dashboard and in the navigation."""

from __future__ import annotations

from types import ModuleType


def register_all(dashboard: ModuleType) -> None:
    dashboard.register_navigation(
        dashboard.NavigationItem("Nghĩa vụ quân sự", "conscription:home", "conscription.view", order=20)
    )
    dashboard.register_citizen_link(
        dashboard.CitizenLink(
            "Hồ sơ nghĩa vụ quân sự", "conscription:citizen-file", "conscription.view", order=20
        )
    )
