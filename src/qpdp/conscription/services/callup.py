"""Call-up services: selection, decision, orders and their delivery, handover, outcomes and replacements."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Max

from qpdp.conscription import rules
from qpdp.conscription.choices import CallUpStatus, Service
from qpdp.conscription.models import CallUp, Handover, Intake
from qpdp.conscription.selectors import status_of
from qpdp.conscription.services.checks import (
    NOT_FOUND_CITIZEN,
    NOT_FOUND_UNIT,
    _lower_first,
    _problem,
    _record,
)
from qpdp.core import audit
from qpdp.core.errors import DomainError, FieldProblem
from qpdp.org.models import Unit
from qpdp.org.scope import can_see_path, scope_paths
from qpdp.people.models import Citizen

CALLUP_FIELDS = [
    "intake",
    "citizen",
    "service",
    "status",
    "priority",
    "volunteer",
    "party_member",
    "reserve",
    "selected_on",
    "decision_number",
    "decided_on",
    "decider_title",
    "order_number",
    "order_signed_on",
    "order_signer_title",
    "order_signer_name",
    "report_on",
    "report_place",
    "delivered_on",
    "handover",
    "receiving_unit",
    "outcome_on",
    "outcome_reason",
    "replaces",
]
ACTIVE_CALLUP = [CallUpStatus.SELECTED, CallUpStatus.DECIDED, CallUpStatus.ORDERED, CallUpStatus.ENLISTED]


@dataclass(frozen=True)
class Selection:
    citizen: Citizen
    service: str = Service.ARMY
    volunteer: bool = False
    party_member: bool = False
    reserve: bool = False
    short_quota_approved: bool = False


def _status_of(citizen: Citizen, intake: Intake) -> rules.PoolStatus:
    return status_of(citizen, intake.year, reference=intake.age_reference)


@transaction.atomic
def select_citizens(
    *, actor: Any, intake: Intake, selections: Sequence[Selection], selected_on: dt.date
) -> list[CallUp]:
    """The commune council's selection: each citizen eligible for this intake (a volunteer may waive a
    waivable ground), of sufficient education, and not already called in this intake."""
    problems: list[FieldProblem] = []
    created: list[CallUp] = []
    start = (CallUp.objects.filter(intake=intake).aggregate(top=Max("priority"))["top"] or 0) + 1
    for choice in selections:
        citizen = choice.citizen
        if not can_see_path(actor, citizen.unit_path) or not citizen.unit_path.startswith(intake.unit_path):
            problems.append(FieldProblem("citizen", NOT_FOUND_CITIZEN))
            continue
        status = _status_of(citizen, intake)
        if status.status is not rules.Status.ELIGIBLE:
            problems.append(
                FieldProblem(
                    "citizen",
                    f"{citizen.full_name}: {_lower_first(rules.STATUS_LABELS[status.status])} — "
                    f"{status.explanation}",
                )
            )
            continue
        refusal = rules.education_refusal(
            citizen.education_level,
            short_quota_approved=choice.short_quota_approved,
            police=choice.service == Service.POLICE,
        )
        if refusal:
            problems.append(FieldProblem("citizen", f"{citizen.full_name}: {refusal.message}"))
            continue
        callup = CallUp(
            intake=intake,
            citizen=citizen,
            commune_id=citizen.commune_id,
            unit_path=citizen.unit_path,
            service=choice.service,
            status=CallUpStatus.SELECTED,
            priority=start + len(created),
            volunteer=choice.volunteer,
            party_member=choice.party_member,
            reserve=choice.reserve,
            selected_on=selected_on,
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        created.append(callup)
    if problems:
        raise DomainError(problems)
    for callup in created:
        callup.save()
        _record(actor, "conscription.callup.selected", callup, CALLUP_FIELDS)
    return created


def _check_callup(actor: Any, callup: CallUp) -> CallUp:
    if not can_see_path(actor, callup.unit_path):
        raise _problem("callup", NOT_FOUND_CITIZEN)
    return CallUp.objects.select_for_update().select_related("citizen", "intake").get(pk=callup.pk)


@transaction.atomic
def decide_callup(
    *, actor: Any, callups: Sequence[CallUp], decision_number: str, decided_on: dt.date
) -> list[CallUp]:
    """The decision on the list of citizens called (provincial chairman from 01/07/2025, district before)."""
    if not decision_number.strip():
        raise _problem("decision_number", "Ghi số quyết định gọi công dân nhập ngũ.")
    decider = rules.authority(rules.Act.CALLUP_LIST, decided_on)
    decided = []
    for callup in callups:
        locked = _check_callup(actor, callup)
        if locked.status != CallUpStatus.SELECTED:
            raise _problem(
                "callup", f"{locked.citizen.full_name}: đang ở tình trạng “{locked.get_status_display()}”."
            )
        before = audit.snapshot(locked, CALLUP_FIELDS)
        locked.status = CallUpStatus.DECIDED
        locked.decision_number, locked.decided_on, locked.decider_title = (
            decision_number.strip()[:40],
            decided_on,
            decider.signer,
        )
        locked.save()
        _record(actor, "conscription.callup.decided", locked, CALLUP_FIELDS, before=before)
        decided.append(locked)
    return decided


@transaction.atomic
def issue_orders(
    *,
    actor: Any,
    callups: Sequence[CallUp],
    signed_on: dt.date,
    report_on: dt.date,
    report_place: str,
    signer_name: str = "",
) -> list[CallUp]:
    """Call-up orders (lệnh gọi nhập ngũ) for decided citizens, numbered per commune and year, signed by
    the authority in force on the signing date. An ineligible or already enlisted citizen gets none."""
    if report_on < signed_on:
        raise _problem("report_on", "Ngày có mặt phải sau ngày ký lệnh.")
    if not report_place.strip():
        raise _problem("report_place", "Ghi nơi công dân có mặt.")
    signer = rules.authority(rules.Act.ENLISTMENT_ORDER, signed_on)
    ordered = []
    for callup in callups:
        locked = _check_callup(actor, callup)
        name = locked.citizen.full_name
        if CallUp.objects.filter(citizen_id=locked.citizen_id, status=CallUpStatus.ENLISTED).exists():
            raise _problem("callup", f"{name} đã nhập ngũ; không cấp lệnh gọi nhập ngũ.")
        if locked.status not in (CallUpStatus.DECIDED, CallUpStatus.SELECTED):
            raise _problem(
                "callup", f"{name}: đang ở tình trạng “{locked.get_status_display()}”, không cấp lệnh."
            )
        if locked.status == CallUpStatus.SELECTED and signed_on >= rules.REFORM_DATE:
            raise _problem("callup", f"{name}: chưa có quyết định gọi nhập ngũ của Chủ tịch UBND cấp tỉnh.")
        status = _status_of(locked.citizen, locked.intake)
        if status.status not in (rules.Status.SELECTED, rules.Status.ELIGIBLE):
            raise _problem("callup", f"{name}: {status.explanation}")
        # The rule reads the person's standing apart from this call-up: check it again without it.
        standing = status_of(
            locked.citizen, locked.intake.year, reference=locked.intake.age_reference, ignore_callup=locked.pk
        )
        if standing.status is not rules.Status.ELIGIBLE:
            raise _problem(
                "callup",
                f"{name}: {_lower_first(rules.STATUS_LABELS[standing.status])} — {standing.explanation}",
            )
        number = (
            CallUp.objects.filter(intake=locked.intake, unit_path=locked.unit_path)
            .exclude(order_number="")
            .count()
            + 1
        )
        before = audit.snapshot(locked, CALLUP_FIELDS)
        locked.status = CallUpStatus.ORDERED
        locked.order_number = f"{number:02d}/LGNN"
        locked.order_signed_on, locked.order_signer_title = signed_on, signer.signer
        locked.order_signer_name = signer_name.strip()[:100]
        locked.report_on, locked.report_place = report_on, report_place.strip()[:255]
        locked.save()
        _record(actor, "conscription.callup.ordered", locked, CALLUP_FIELDS, before=before)
        ordered.append(locked)
    return ordered


@transaction.atomic
def record_delivery(*, actor: Any, callup: CallUp, delivered_on: dt.date) -> CallUp:
    """The order handed to the citizen at least 15 days before the reporting date."""
    locked = _check_callup(actor, callup)
    if locked.status != CallUpStatus.ORDERED or locked.report_on is None:
        raise _problem("callup", "Chưa có lệnh gọi nhập ngũ để giao.")
    if delivered_on < (locked.order_signed_on or delivered_on):
        raise _problem("delivered_on", "Ngày giao lệnh không được trước ngày ký lệnh.")
    refusal = rules.order_delivery_refusal(delivered_on, locked.report_on)
    if refusal:
        raise _problem("delivered_on", f"{refusal.message} ({refusal.article})")
    before = audit.snapshot(locked, CALLUP_FIELDS)
    locked.delivered_on = delivered_on
    locked.save(update_fields=["delivered_on"])
    _record(actor, "conscription.callup.delivered", locked, CALLUP_FIELDS, before=before)
    return locked


@transaction.atomic
def create_handover(
    *, actor: Any, intake: Intake, organiser: Unit, held_on: dt.date, place: str, receiving_units: str
) -> Handover:
    """A handover ceremony, organised by the province (at a regional command's site) or, before the
    reform, by the district."""
    # The province organises; a regional command's officer records the ceremony of his province,
    # which lies above his communes.
    if not (
        can_see_path(actor, organiser.path) or any(p.startswith(organiser.path) for p in scope_paths(actor))
    ):
        raise _problem("unit", NOT_FOUND_UNIT.format(code=organiser.code))
    if not organiser.path.startswith(intake.unit_path):
        raise _problem("organiser", "Đơn vị tổ chức không thuộc tỉnh của đợt tuyển quân.")
    if not place.strip() or not receiving_units.strip():
        raise _problem("place", "Ghi địa điểm và đơn vị nhận quân.")
    handover = Handover(
        intake=intake,
        organiser=organiser,
        unit_path=organiser.path,
        held_on=held_on,
        place=place.strip()[:255],
        receiving_units=receiving_units.strip()[:500],
        organiser_title=rules.authority(rules.Act.HANDOVER, held_on).signer,
    )
    handover.save()
    _record(
        actor,
        "conscription.handover.created",
        handover,
        ["intake", "organiser", "held_on", "place", "receiving_units", "organiser_title"],
    )
    return handover


OUTCOMES = {
    CallUpStatus.ENLISTED: "Đã nhập ngũ",
    CallUpStatus.NOT_REPORTED: "Không có mặt",
    CallUpStatus.RETURNED: "Trả về sau phúc tra",
}


@transaction.atomic
def record_outcome(
    *,
    actor: Any,
    callup: CallUp,
    outcome: str,
    on: dt.date,
    reason: str = "",
    handover: Handover | None = None,
    receiving_unit: str = "",
) -> CallUp:
    """Enlisted at the handover, did not report (with reason), or returned after re-check (with reason)."""
    locked = _check_callup(actor, callup)
    if outcome not in OUTCOMES:
        raise _problem("outcome", "Kết quả phải là đã nhập ngũ, không có mặt hoặc trả về sau phúc tra.")
    if outcome in (CallUpStatus.NOT_REPORTED, CallUpStatus.RETURNED) and not reason.strip():
        raise _problem("outcome_reason", "Ghi lý do không có mặt hoặc bị trả về.")
    if outcome == CallUpStatus.RETURNED and locked.status != CallUpStatus.ENLISTED:
        raise _problem("outcome", "Chỉ công dân đã giao nhận mới bị trả về sau phúc tra.")
    if outcome != CallUpStatus.RETURNED and locked.status != CallUpStatus.ORDERED:
        raise _problem(
            "outcome",
            f"{locked.citizen.full_name} chưa có lệnh gọi nhập ngũ (đang “{locked.get_status_display()}”).",
        )
    if outcome == CallUpStatus.ENLISTED and handover is None:
        raise _problem("handover", "Chọn lễ giao nhận quân.")
    if handover is not None and handover.intake_id != locked.intake_id:
        raise _problem("handover", "Lễ giao nhận quân không thuộc đợt tuyển quân này.")
    before = audit.snapshot(locked, CALLUP_FIELDS)
    locked.status = outcome
    locked.outcome_on = on
    locked.outcome_reason = reason.strip()[:255]
    if handover is not None:
        locked.handover = handover
        locked.receiving_unit = (receiving_unit or handover.receiving_units).strip()[:200]
    locked.save()
    _record(actor, f"conscription.callup.{outcome}", locked, CALLUP_FIELDS, before=before)
    return locked


@transaction.atomic
def call_replacement(*, actor: Any, callup: CallUp, replacement: Citizen, selected_on: dt.date) -> CallUp:
    """A reserve called in place of someone who did not report or was returned."""
    locked = _check_callup(actor, callup)
    if locked.status not in (CallUpStatus.NOT_REPORTED, CallUpStatus.RETURNED):
        raise _problem("callup", "Chỉ gọi thay thế cho người không có mặt hoặc bị trả về.")
    if CallUp.objects.filter(replaces=locked).exists():
        raise _problem("callup", "Đã gọi người thay thế cho trường hợp này.")
    [new] = select_citizens(
        actor=actor,
        intake=locked.intake,
        selected_on=selected_on,
        selections=[Selection(citizen=replacement, service=locked.service)],
    )
    new.replaces = locked
    new.reserve = True
    new.save(update_fields=["replaces", "reserve"])
    _record(
        actor,
        "conscription.callup.replacement",
        new,
        CALLUP_FIELDS,
        note=f"Thay cho {locked.citizen.full_name}",
    )
    return new
