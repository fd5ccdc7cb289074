"""The unit a user has picked to work in (kept in the session), always re-checked against scope."""

from __future__ import annotations

from django.http import HttpRequest

from qpdp.org.models import Unit
from qpdp.org.scope import visible_to

SESSION_KEY = "qpdp_unit"


def selected_unit(request: HttpRequest) -> Unit | None:
    code = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    if not code:
        return None
    cached = getattr(request, "_qpdp_unit", None)
    if cached is not None and cached.code == code:
        return cached
    unit = visible_to(request.user, Unit.objects.filter(code=code)).first()
    request._qpdp_unit = unit  # type: ignore[attr-defined]
    return unit


def select_unit(request: HttpRequest, unit: Unit | None) -> None:
    if unit is None:
        request.session.pop(SESSION_KEY, None)
    else:
        request.session[SESSION_KEY] = unit.code
