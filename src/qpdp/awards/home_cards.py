"""Emulation and awards on the home dashboard and in the navigation."""

from __future__ import annotations

from types import ModuleType
from typing import Any

from qpdp.awards import page_queries
from qpdp.awards.choices import NominationStatus


def _waiting(user: Any, unit: Any) -> int:
    """Nominations waiting for the council's review, in the user's scope (under the picked unit)."""
    path = unit.path if unit is not None else None
    return page_queries.nomination_list(user, path=path, status=NominationStatus.PROPOSED).count()


def register_all(dashboard: ModuleType) -> None:
    dashboard.register(
        dashboard.Card(
            "awards.nominations_waiting", "Đề nghị khen thưởng chờ xét", _waiting, "awards:home", order=40
        )
    )
    dashboard.register_navigation(
        dashboard.NavigationItem("Thi đua, khen thưởng", "awards:home", "awards.view", order=40)
    )
