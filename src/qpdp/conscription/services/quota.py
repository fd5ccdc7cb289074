"""Intake and quota services: opening a province's intake and allocating quotas down the tree."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Sum

from qpdp.conscription import rules
from qpdp.conscription.choices import Service
from qpdp.conscription.models import Intake, Quota
from qpdp.conscription.services.checks import _check_unit, _problem, _record
from qpdp.core import audit
from qpdp.org.choices import UnitKind
from qpdp.org.models import Unit


@transaction.atomic
def open_intake(
    *,
    actor: Any,
    province: Unit,
    year: int,
    handover_from: dt.date | None = None,
    handover_to: dt.date | None = None,
    age_reference: dt.date | None = None,
    round_number: int = 1,
) -> Intake:
    """The province's intake of a year, with its handover days (the national ones by default)."""
    _check_unit(actor, province)
    if province.kind != UnitKind.PROVINCE:
        raise _problem("province", "Đợt tuyển quân được mở cho tỉnh, thành phố.")
    default_from, default_to = rules.default_handover(year)
    start, end = handover_from or default_from, handover_to or default_to
    if end < start:
        raise _problem("handover_to", "Ngày kết thúc giao quân phải sau ngày bắt đầu.")
    if start.year != year:
        raise _problem("handover_from", f"Ngày giao quân phải trong năm {year}.")
    intake, created = Intake.objects.get_or_create(
        province=province,
        year=year,
        round=round_number,
        defaults={
            "unit_path": province.path,
            "handover_from": start,
            "handover_to": end,
            "age_reference": age_reference or start,
        },
    )
    if created:
        _record(
            actor,
            "conscription.intake.opened",
            intake,
            ["province", "year", "round", "handover_from", "handover_to", "age_reference"],
        )
    return intake


QUOTA_FIELDS = [
    "intake",
    "unit",
    "service",
    "count",
    "reserve",
    "parent",
    "decision_number",
    "decided_on",
    "decider_title",
]


@dataclass(frozen=True)
class QuotaResult:
    quota: Quota
    warnings: tuple[str, ...]


@transaction.atomic
def set_quota(
    *,
    actor: Any,
    intake: Intake,
    unit: Unit,
    service: str,
    count: int,
    reserve: int = 0,
    decision_number: str = "",
    decided_on: dt.date,
    eligible_pool: int | None = None,
) -> QuotaResult:
    """The province's quota (from the Ministry) or a commune's share of it (by the provincial chairman).

    A commune's share never exceeds what the province has left to give; above the commune's eligible
    pool it is accepted with a warning.
    """
    _check_unit(actor, unit)
    if service not in Service.values:
        raise _problem("service", "Lực lượng phải là quân đội (army) hoặc công an (police).")
    if not unit.path.startswith(intake.unit_path):
        raise _problem("unit", f"“{unit.name}” không thuộc tỉnh của đợt tuyển quân.")
    parent: Quota | None = None
    parent_remaining: int | None = None
    if unit.kind == UnitKind.PROVINCE:
        decider = "Bộ trưởng Bộ Quốc phòng" if service == Service.ARMY else "Bộ trưởng Bộ Công an"
    else:
        parent = (
            Quota.objects.select_for_update()
            .filter(intake=intake, unit=intake.province, service=service)
            .first()
        )
        if parent is None:
            raise _problem("unit", "Tỉnh chưa nhận chỉ tiêu của lực lượng này nên chưa phân bổ được cho xã.")
        given = parent.children.exclude(unit=unit).aggregate(total=Sum("count"))["total"] or 0
        parent_remaining = parent.count - given
        decider = rules.authority(rules.Act.QUOTA_TO_COMMUNES, decided_on).signer
    check = rules.quota_check(
        count=count, reserve=reserve, parent_remaining=parent_remaining, eligible_pool=eligible_pool
    )
    if check.refusal:
        raise _problem("count", check.refusal.message)
    if unit.kind == UnitKind.PROVINCE:
        given = (
            Quota.objects.filter(parent__intake=intake, parent__unit=unit, service=service).aggregate(
                total=Sum("count")
            )["total"]
            or 0
        )
        if count < given:
            raise _problem("count", f"Chỉ tiêu {count} thấp hơn số đã phân bổ cho các xã ({given}).")
    existing = Quota.objects.select_for_update().filter(intake=intake, unit=unit, service=service).first()
    before = audit.snapshot(existing, QUOTA_FIELDS) if existing else None
    quota = existing or Quota(intake=intake, unit=unit, unit_path=unit.path, service=service)
    quota.count, quota.reserve, quota.parent = count, reserve, parent
    quota.decision_number, quota.decided_on, quota.decider_title = (
        decision_number.strip()[:40],
        decided_on,
        decider,
    )
    quota.save()
    _record(
        actor,
        "conscription.quota.updated" if existing else "conscription.quota.set",
        quota,
        QUOTA_FIELDS,
        before=before,
        note="; ".join(check.warnings),
    )
    return QuotaResult(quota, check.warnings)
