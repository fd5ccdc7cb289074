"""Registration services: first (one man or a whole run), supplementary, moves, absence, return, removal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from qpdp.conscription import rules
from qpdp.conscription.choices import REMOVAL_GROUNDS, Channel, RegistrationKind
from qpdp.conscription.models import Registration, RegistrationBar
from qpdp.conscription.services.checks import (
    _check_citizen,
    _lock,
    _lower_first,
    _not_future,
    _problem,
    _record,
)
from qpdp.core import audit
from qpdp.core.errors import DomainError, FieldProblem
from qpdp.org.choices import UnitKind
from qpdp.org.models import Unit
from qpdp.people.models import Citizen

REGISTRATION_FIELDS = [
    "citizen",
    "commune",
    "kind",
    "registered_on",
    "channel",
    "certificate_number",
    "reason",
    "other_commune",
    "event_on",
    "late",
    "signer_title",
    "signer_name",
    "note",
]


def registration_state(citizen: Citizen, on: dt.date) -> str:
    """ "registered", "removed" or "" — from the citizen's first registration and removal up to `on`."""
    kinds = set(
        Registration.objects.filter(
            citizen=citizen, registered_on__lte=on, kind__in=["first", "removal"]
        ).values_list("kind", flat=True)
    )
    if "removal" in kinds:
        return "removed"
    return "registered" if "first" in kinds else ""


def _active_bar(citizen: Citizen, on: dt.date) -> RegistrationBar | None:
    for bar in RegistrationBar.objects.filter(citizen=citizen, valid_from__lte=on).order_by("-valid_from"):
        if bar.valid_until is None or on <= bar.valid_until:
            return bar
    return None


def _new_registration(
    actor: Any, citizen: Citizen, kind: str, registered_on: dt.date, **values: Any
) -> Registration:
    registration = Registration(
        citizen=citizen,
        commune=citizen.commune,
        unit_path=citizen.unit_path,
        kind=kind,
        registered_on=registered_on,
        created_by=actor if getattr(actor, "pk", None) else None,
        **values,
    )
    registration.save()
    _record(actor, f"conscription.registration.{kind}", registration, REGISTRATION_FIELDS)
    return registration


@transaction.atomic
def register_first(
    *,
    actor: Any,
    citizen: Citizen,
    registered_on: dt.date,
    channel: str = Channel.IN_PERSON,
    certificate_number: str = "",
    signer_name: str = "",
    today: dt.date | None = None,
) -> Registration:
    """First registration (Art. 12, 16): men from the year they turn 17; not while barred (Art. 13, 14)."""
    _check_citizen(actor, citizen)
    citizen = _lock(citizen)
    _not_future(registered_on, "đăng ký", "registered_on", today)
    if channel not in Channel.values:
        raise _problem("channel", "Hình thức đăng ký phải là trực tiếp hoặc trực tuyến.")
    if channel == Channel.ONLINE and registered_on < rules.REFORM_DATE:
        raise _problem(
            "channel", "Đăng ký NVQS trực tuyến chỉ áp dụng từ ngày 01/07/2025 (Luật 98/2025/QH15)."
        )
    refusal = rules.first_registration_refusal(citizen.date_of_birth, citizen.sex, registered_on)
    if refusal:
        raise _problem("citizen", f"{refusal.message} ({refusal.article})")
    bar = _active_bar(citizen, registered_on)
    if bar is not None:
        law = rules.ground(bar.ground)
        label = law.label if law else bar.ground
        raise _problem(
            "citizen",
            f"Công dân thuộc diện {_lower_first(label)} ({law.article if law else bar.ground}); "
            "không đăng ký NVQS.",
        )
    if Registration.objects.filter(citizen=citizen, kind=RegistrationKind.FIRST).exists():
        raise _problem("citizen", f"Công dân {citizen.full_name} đã đăng ký NVQS lần đầu.")
    signer = rules.authority(rules.Act.REGISTRATION_CERTIFICATE, registered_on)
    return _new_registration(
        actor,
        citizen,
        RegistrationKind.FIRST,
        registered_on,
        channel=channel,
        certificate_number=certificate_number.strip(),
        signer_title=signer.signer,
        signer_name=signer_name.strip(),
    )


@dataclass
class RunResult:
    registered: int = 0
    skipped: list[FieldProblem] = field(default_factory=list)


@transaction.atomic
def register_first_many(
    *, actor: Any, citizens: Sequence[Citizen], registered_on: dt.date, signer_name: str = ""
) -> RunResult:
    """The yearly run's "register all who came": each man as `register_first`, all or nothing."""
    result = RunResult()
    problems: list[FieldProblem] = []
    for citizen in citizens:
        try:
            with transaction.atomic():
                register_first(
                    actor=actor, citizen=citizen, registered_on=registered_on, signer_name=signer_name
                )
            result.registered += 1
        except DomainError as refused:
            problems.extend(
                FieldProblem(field=p.field, message=f"{citizen.full_name}: {p.message}")
                for p in refused.problems
            )
    if problems:
        raise DomainError(problems)
    return result


def _require_registered(citizen: Citizen, on: dt.date) -> None:
    if registration_state(citizen, on) != "registered":
        raise _problem(
            "citizen", f"Công dân {citizen.full_name} chưa đăng ký NVQS lần đầu (hoặc đã bị xóa đăng ký)."
        )


@transaction.atomic
def register_supplementary(
    *, actor: Any, citizen: Citizen, registered_on: dt.date, reason: str, channel: str = Channel.IN_PERSON
) -> Registration:
    """Art. 17(1): a change of position, education, qualification or health is registered."""
    _check_citizen(actor, citizen)
    citizen = _lock(citizen)
    _not_future(registered_on, "đăng ký", "registered_on")
    if not reason.strip():
        raise _problem("reason", "Ghi nội dung thay đổi cần đăng ký bổ sung.")
    _require_registered(citizen, registered_on)
    return _new_registration(
        actor,
        citizen,
        RegistrationKind.SUPPLEMENTARY,
        registered_on,
        channel=channel,
        reason=reason.strip()[:255],
    )


@transaction.atomic
def register_move_out(
    *, actor: Any, citizen: Citizen, to_commune: Unit, left_on: dt.date, registered_on: dt.date
) -> Registration:
    """Art. 17(2): the old commune registers the move; the record follows the person to the new commune."""
    _check_citizen(actor, citizen)
    citizen = _lock(citizen)
    _require_registered(citizen, registered_on)
    if to_commune.kind not in (UnitKind.COMMUNE,) or to_commune.valid_to is not None:
        raise _problem("to_commune", f"“{to_commune.name}” không phải xã, phường đang có hiệu lực.")
    if to_commune.pk == citizen.commune_id:
        raise _problem("to_commune", "Nơi đến trùng nơi đang cư trú.")
    registration = _new_registration(
        actor, citizen, RegistrationKind.MOVE_OUT, registered_on, other_commune=to_commune, event_on=left_on
    )
    before = {"commune": citizen.commune_id, "village": citizen.village_id}
    citizen.commune = to_commune
    citizen.village = None
    citizen.unit_path = to_commune.path
    citizen.save(update_fields=["commune", "village", "unit_path", "updated_at"])
    audit.record(
        actor=actor,
        action="people.citizen.moved",
        target=citizen,
        unit_path=to_commune.path,
        before=before,
        after={"commune": to_commune.pk, "village": None},
        note=f"Đăng ký di chuyển NVQS đến {to_commune.name}",
    )
    return registration


@transaction.atomic
def register_move_in(
    *,
    actor: Any,
    citizen: Citizen,
    arrived_on: dt.date,
    registered_on: dt.date,
    from_commune: Unit | None = None,
    holidays: Sequence[dt.date] = (),
) -> Registration:
    """Art. 17(2): arrival registered within the working days in force on the arrival date (10, then 5)."""
    _check_citizen(actor, citizen)
    citizen = _lock(citizen)
    _not_future(registered_on, "đăng ký", "registered_on")
    if registered_on < arrived_on:
        raise _problem("registered_on", "Ngày đăng ký không được trước ngày đến.")
    deadline = rules.move_registration_deadline(arrived_on, registered_on, holidays)
    return _new_registration(
        actor,
        citizen,
        RegistrationKind.MOVE_IN,
        registered_on,
        other_commune=from_commune,
        event_on=arrived_on,
        late=deadline.late,
        note=deadline.explanation[:255],
    )


@transaction.atomic
def register_absence(
    *, actor: Any, citizen: Citizen, left_on: dt.date, registered_on: dt.date, reason: str = ""
) -> Registration:
    """Away from residence, work or school for 3 months or more: temporary absence is registered."""
    _check_citizen(actor, citizen)
    citizen = _lock(citizen)
    _require_registered(citizen, registered_on)
    return _new_registration(
        actor, citizen, RegistrationKind.ABSENCE, registered_on, event_on=left_on, reason=reason.strip()[:255]
    )


@transaction.atomic
def register_return(
    *,
    actor: Any,
    citizen: Citizen,
    returned_on: dt.date,
    registered_on: dt.date,
    holidays: Sequence[dt.date] = (),
) -> Registration:
    """Back from temporary absence: re-registered within the working days in force on the return date."""
    _check_citizen(actor, citizen)
    citizen = _lock(citizen)
    if registered_on < returned_on:
        raise _problem("registered_on", "Ngày đăng ký không được trước ngày trở về.")
    if not Registration.objects.filter(citizen=citizen, kind=RegistrationKind.ABSENCE).exists():
        raise _problem("citizen", "Công dân chưa đăng ký vắng mặt nên không có đăng ký trở về.")
    deadline = rules.move_registration_deadline(returned_on, registered_on, holidays)
    return _new_registration(
        actor,
        citizen,
        RegistrationKind.RETURN,
        registered_on,
        event_on=returned_on,
        late=deadline.late,
        note=deadline.explanation[:255],
    )


@transaction.atomic
def remove_registration(*, actor: Any, citizen: Citizen, removed_on: dt.date, ground: str) -> Registration:
    """Removal from the register (death, over age, emigration …), with its ground."""
    _check_citizen(actor, citizen)
    citizen = _lock(citizen)
    if ground not in REMOVAL_GROUNDS:
        raise _problem("reason", "Chọn lý do xóa đăng ký: " + ", ".join(REMOVAL_GROUNDS.values()) + ".")
    _require_registered(citizen, removed_on)
    return _new_registration(actor, citizen, RegistrationKind.REMOVAL, removed_on, reason=ground)


BAR_FIELDS = ["citizen", "commune", "ground", "valid_from", "valid_until", "evidence"]


@transaction.atomic
def record_bar(
    *,
    actor: Any,
    citizen: Citizen,
    ground: str,
    valid_from: dt.date,
    valid_until: dt.date | None = None,
    evidence: str = "",
) -> RegistrationBar:
    """Not registered (Art. 13) or exempt from registration (Art. 14), with the ground and its dates."""
    _check_citizen(actor, citizen)
    law = rules.ground(ground)
    if law is None or law.kind not in (
        rules.GroundKind.REGISTRATION_EXCLUSION,
        rules.GroundKind.REGISTRATION_EXEMPTION,
    ):
        raise _problem(
            "ground", "Căn cứ phải là 13.a, 13.b, 13.c (không được đăng ký) hoặc 14 (miễn đăng ký)."
        )
    if valid_until is not None and valid_until < valid_from:
        raise _problem("valid_until", "Ngày kết thúc phải sau ngày bắt đầu.")
    bar = RegistrationBar(
        citizen=citizen,
        commune=citizen.commune,
        unit_path=citizen.unit_path,
        ground=law.code,
        valid_from=valid_from,
        valid_until=valid_until,
        evidence=evidence.strip()[:255],
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    bar.save()
    _record(actor, "conscription.bar.created", bar, BAR_FIELDS)
    return bar
