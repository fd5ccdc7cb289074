"""What every military-service service shares: scope, lock and date checks, and the audit entry."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from qpdp.core import audit
from qpdp.core.errors import DomainError, FieldProblem
from qpdp.org.models import Unit
from qpdp.org.scope import can_see_path
from qpdp.people.models import Citizen

NOT_FOUND_CITIZEN = "Không tìm thấy công dân trong phạm vi của bạn."
NOT_FOUND_UNIT = "Không tìm thấy đơn vị “{code}” trong phạm vi của bạn."
DATE_IN_FUTURE = "Ngày {what} ({day:%d/%m/%Y}) không được sau ngày hôm nay."


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _problem(field_name: str, message: str) -> DomainError:
    return DomainError([FieldProblem(field=field_name, message=message)])


def _check_citizen(actor: Any, citizen: Citizen) -> None:
    if not can_see_path(actor, citizen.unit_path):
        raise _problem("citizen", NOT_FOUND_CITIZEN)


def _check_unit(actor: Any, unit: Unit) -> None:
    if not can_see_path(actor, unit.path):
        raise _problem("unit", NOT_FOUND_UNIT.format(code=unit.code))


def _lock(citizen: Citizen) -> Citizen:
    """Serialise acts on one citizen (two officers registering the same man at once)."""
    return Citizen.objects.select_for_update().select_related("commune").get(pk=citizen.pk)


def _not_future(value: dt.date, what: str, field_name: str, today: dt.date | None = None) -> None:
    today = today or dt.date.today()
    if value > today:
        raise _problem(field_name, DATE_IN_FUTURE.format(what=what, day=value))


def _record(
    actor: Any,
    action: str,
    target: Any,
    fields: Sequence[str],
    *,
    before: dict[str, Any] | None = None,
    note: str = "",
) -> None:
    audit.record(
        actor=actor,
        action=action,
        target=target,
        unit_path=getattr(target, "unit_path", ""),
        before=before,
        after=audit.snapshot(target, fields),
        note=note,
    )
