"""Template context for every page: navigation by area, the user's roles and the selected unit."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from qpdp.core import dashboard
from qpdp.org.access import user_allows, user_roles
from qpdp.org.choices import Role
from qpdp.org.unit_context import selected_unit


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    if not user.is_authenticated:
        return {}
    return {
        "nav_items": [item for item in dashboard.navigation() if user_allows(user, item.action)],
        "role_labels": [Role(r).label for r in user_roles(user)],
        "current_unit": selected_unit(request),
    }
