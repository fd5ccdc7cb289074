"""Org's figures on the home dashboard: communes and villages within the user's scope."""

from __future__ import annotations

from types import ModuleType
from typing import Any

from django.utils import timezone

from qpdp.org.choices import UnitKind
from qpdp.org.models import Unit
from qpdp.org.scope import visible_to
from qpdp.org.selectors import valid_on


def _count(kind: str) -> Any:
    def count(user: Any, unit: Unit | None) -> int:
        queryset = visible_to(user, Unit.objects.filter(kind=kind).filter(valid_on(timezone.localdate())))
        if unit is not None:
            queryset = queryset.filter(path__startswith=unit.path)
        return queryset.count()

    return count


def register_all(dashboard: ModuleType) -> None:
    dashboard.register(
        dashboard.Card(
            "org.communes", "Xã, phường, đặc khu", _count(UnitKind.COMMUNE), "org:unit-list", order=10
        )
    )
    dashboard.register(
        dashboard.Card(
            "org.villages", "Thôn, tổ dân phố", _count(UnitKind.VILLAGE), "org:unit-list", order=20
        )
    )
    dashboard.register_navigation(dashboard.NavigationItem("Đơn vị", "org:unit-list", "org.view", order=90))
    dashboard.register_navigation(
        dashboard.NavigationItem("Nhật ký", "org:audit-list", "org.audit", order=95)
    )
