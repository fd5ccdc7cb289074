"""Reports in the navigation: "Bảng điều khiển" opens the dashboard, "Báo cáo" the list of reports."""

from __future__ import annotations

from types import ModuleType


def register_all(dashboard: ModuleType) -> None:
    dashboard.register_navigation(
        dashboard.NavigationItem("Bảng điều khiển", "reports:dashboard", "reports.view", order=79)
    )
    dashboard.register_navigation(
        dashboard.NavigationItem("Báo cáo", "reports:report-list", "reports.view", order=80)
    )
