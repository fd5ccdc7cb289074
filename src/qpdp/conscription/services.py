"""Military-service services: each act of the cycle checked by the rules, then written and audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max, Sum

from qpdp.conscription import rules
from qpdp.conscription.choices import (
    REMOVAL_GROUNDS,
    CallUpStatus,
    Channel,
    ExamStage,
    RegistrationKind,
    ReliefKind,
    Service,
)
from qpdp.conscription.models import (
    CallUp,
    Complaint,
    Handover,
    HealthExam,
    Intake,
    Posting,
    Quota,
    Registration,
    RegistrationBar,
    Relief,
)
from qpdp.conscription.selectors import status_of
from qpdp.core import audit
from qpdp.core.errors import DomainError, FieldProblem
from qpdp.org.choices import UnitKind
from qpdp.org.models import Unit
from qpdp.org.scope import can_see_path, scope_paths
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


# -- registration ------------------------------------------------------------------------------------

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


# -- health ------------------------------------------------------------------------------------------

HEALTH_FIELDS = [
    "citizen",
    "intake_year",
    "stage",
    "examined_on",
    "height_cm",
    "weight_kg",
    "chest_cm",
    "bmi",
    "refraction_right",
    "refraction_left",
    "scores",
    "health_type",
    "fit",
    "not_called_reasons",
    "examiner",
    "present",
]


@dataclass(frozen=True)
class HealthInput:
    citizen: Citizen
    intake_year: int
    stage: str
    examined_on: dt.date
    health_type: int | None = None
    scores: dict[str, int] = field(default_factory=dict)
    height_cm: Decimal | None = None
    weight_kg: Decimal | None = None
    chest_cm: Decimal | None = None
    refraction_right: Decimal | None = None
    refraction_left: Decimal | None = None
    examiner: str = ""
    present: bool = True
    row: int | None = None


def check_health(data: HealthInput) -> tuple[HealthExam | None, list[FieldProblem]]:
    """Validate one result and compute BMI, the type and the exclusions; nothing is written."""
    problems: list[FieldProblem] = []

    def bad(name: str, message: str) -> None:
        problems.append(FieldProblem(field=name, message=message, row=data.row))

    if data.stage not in ExamStage.values:
        bad("stage", "Vòng khám phải là sơ tuyển (screening) hoặc khám tuyển (examination).")
    if data.examined_on.year not in (data.intake_year - 1, data.intake_year):
        bad(
            "examined_on",
            f"Ngày khám {data.examined_on:%d/%m/%Y} không thuộc đợt tuyển quân năm {data.intake_year}.",
        )
    for name, value, low, high in (
        ("height_cm", data.height_cm, 100, 230),
        ("weight_kg", data.weight_kg, 25, 200),
        ("chest_cm", data.chest_cm, 50, 150),
    ):
        if value is not None and not (low <= value <= high):
            bad(name, f"Giá trị {value} ngoài khoảng hợp lý {low}–{high}.")
    for name, value in (
        ("refraction_right", data.refraction_right),
        ("refraction_left", data.refraction_left),
    ):
        if value is not None and not (-30 <= value <= 30):
            bad(name, f"Độ khúc xạ {value} đi-ốp không hợp lệ.")
    health_type = data.health_type
    scores = {str(k): v for k, v in data.scores.items()}
    if scores:
        try:
            computed = rules.classify_health(scores)
        except ValueError as error:
            bad("scores", str(error))
            computed = None
        if computed is not None:
            if health_type is not None and health_type != computed:
                bad("health_type", f"Phân loại {health_type} không khớp điểm các chỉ tiêu (loại {computed}).")
            health_type = computed
    if health_type is not None and health_type not in rules.HEALTH_TYPES:
        bad("health_type", f"Phân loại sức khỏe phải từ 1 đến 6 (đã nhập {health_type}).")
    if data.present and health_type is None and data.stage == ExamStage.EXAMINATION:
        bad("health_type", "Khám tuyển phải có phân loại sức khỏe (1–6) hoặc điểm các chỉ tiêu.")
    if problems:
        return None, problems
    bmi = rules.bmi(data.height_cm, data.weight_kg) if data.height_cm and data.weight_kg else None
    fit, reasons = False, []
    if health_type is not None and data.present:
        decision = rules.health_decision(
            health_type,
            data.examined_on,
            bmi_value=bmi,
            refraction=(data.refraction_right, data.refraction_left),
        )
        fit, reasons = decision.callable, list(decision.reasons)
    citizen = data.citizen
    exam = HealthExam(
        citizen=citizen,
        commune_id=citizen.commune_id,
        unit_path=citizen.unit_path,
        intake_year=data.intake_year,
        stage=data.stage,
        examined_on=data.examined_on,
        height_cm=data.height_cm,
        weight_kg=data.weight_kg,
        chest_cm=data.chest_cm,
        bmi=bmi,
        refraction_right=data.refraction_right,
        refraction_left=data.refraction_left,
        scores=scores,
        health_type=health_type if data.present else None,
        fit=fit,
        not_called_reasons=reasons,
        examiner=data.examiner.strip()[:200],
        present=data.present,
    )
    return exam, []


@transaction.atomic
def record_health(*, actor: Any, data: HealthInput) -> HealthExam:
    """Enter (or correct) a screening or examination result; the type and exclusions are computed."""
    _check_citizen(actor, data.citizen)
    exam, problems = check_health(data)
    if problems or exam is None:
        raise DomainError(problems)
    existing = (
        HealthExam.objects.select_for_update()
        .filter(citizen=data.citizen, intake_year=data.intake_year, stage=data.stage)
        .first()
    )
    before = audit.snapshot(existing, HEALTH_FIELDS) if existing else None
    if existing:
        exam.pk = existing.pk
        exam.created_at = existing.created_at
    exam.created_by = actor if getattr(actor, "pk", None) else None
    exam.save()
    _record(
        actor,
        "conscription.health.updated" if existing else "conscription.health.created",
        exam,
        HEALTH_FIELDS,
        before=before,
    )
    return exam


# -- deferments and exemptions -----------------------------------------------------------------------

RELIEF_FIELDS = [
    "citizen",
    "kind",
    "intake_year",
    "ground",
    "evidence",
    "valid_from",
    "valid_until",
    "volunteer",
    "decision_number",
    "decided_on",
    "decider_title",
    "signer_name",
    "ended_on",
    "end_reason",
]


@dataclass(frozen=True)
class ReliefInput:
    citizen: Citizen
    kind: str
    intake_year: int
    ground: str
    decided_on: dt.date
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    evidence: str = ""
    volunteer: bool = False
    decision_number: str = ""
    signer_name: str = ""


@transaction.atomic
def decide_relief(*, actor: Any, data: ReliefInput) -> Relief:
    """A deferment (Art. 41(1)) or exemption (Art. 41(2)) decision, signed by the authority of its date."""
    _check_citizen(actor, data.citizen)
    problems: list[FieldProblem] = []
    expected = rules.GroundKind.DEFERMENT if data.kind == ReliefKind.DEFERMENT else rules.GroundKind.EXEMPTION
    law = rules.ground(data.ground or "")
    if data.kind not in ReliefKind.values:
        problems.append(FieldProblem("kind", "Loại phải là tạm hoãn (deferment) hoặc miễn (exemption)."))
    elif not (data.ground or "").strip():
        problems.append(FieldProblem("ground", "Phải ghi căn cứ tạm hoãn hoặc miễn (ví dụ 41.1.g, 41.2.a)."))
    elif law is None or law.kind is not expected:
        codes = ", ".join(
            g.code
            for g in (
                rules.DEFERMENT_GROUNDS if expected is rules.GroundKind.DEFERMENT else rules.EXEMPTION_GROUNDS
            )
        )
        problems.append(
            FieldProblem("ground", f"Căn cứ “{data.ground}” không hợp lệ; chọn một trong: {codes}.")
        )
    valid_from = data.valid_from or data.decided_on
    if data.kind == ReliefKind.DEFERMENT and data.valid_until is None:
        problems.append(FieldProblem("valid_until", "Tạm hoãn phải có thời hạn (đến ngày)."))
    if data.valid_until is not None and data.valid_until < valid_from:
        problems.append(FieldProblem("valid_until", "Ngày hết hạn phải sau ngày có hiệu lực."))
    if data.volunteer and law is not None and not law.waivable:
        problems.append(
            FieldProblem("volunteer", f"Không áp dụng tình nguyện với căn cứ {law.code} ({law.label}).")
        )
    if problems:
        raise DomainError(problems)
    decider = rules.authority(rules.Act.RELIEF_DECISION, data.decided_on)
    citizen = data.citizen
    relief = Relief(
        citizen=citizen,
        commune_id=citizen.commune_id,
        unit_path=citizen.unit_path,
        kind=data.kind,
        intake_year=data.intake_year,
        ground=law.code if law else data.ground,
        evidence=data.evidence.strip()[:255],
        valid_from=valid_from,
        valid_until=data.valid_until,
        volunteer=data.volunteer,
        decision_number=data.decision_number.strip()[:40],
        decided_on=data.decided_on,
        decider_title=decider.signer,
        signer_name=data.signer_name.strip()[:100],
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    relief.save()
    _record(actor, f"conscription.{data.kind}.decided", relief, RELIEF_FIELDS)
    return relief


@transaction.atomic
def end_relief(*, actor: Any, relief: Relief, ended_on: dt.date, reason: str) -> Relief:
    """A deferment ends with its reason (Art. 41(3)): the citizen returns to the pool from that day."""
    if not can_see_path(actor, relief.unit_path):
        raise _problem("relief", "Không tìm thấy quyết định trong phạm vi của bạn.")
    if not reason.strip():
        raise _problem("end_reason", "Ghi lý do chấm dứt tạm hoãn, miễn.")
    if ended_on < relief.valid_from:
        raise _problem("ended_on", "Ngày chấm dứt không được trước ngày có hiệu lực.")
    relief = Relief.objects.select_for_update().get(pk=relief.pk)
    before = audit.snapshot(relief, RELIEF_FIELDS)
    relief.ended_on = ended_on
    relief.end_reason = reason.strip()[:255]
    # The rule reads validity; the last day of validity becomes the day before the end.
    last_day = ended_on - dt.timedelta(days=1)
    if relief.valid_until is None or relief.valid_until > last_day:
        relief.valid_until = max(last_day, relief.valid_from)
    relief.save()
    _record(actor, f"conscription.{relief.kind}.ended", relief, RELIEF_FIELDS, before=before)
    return relief


POSTING_FIELDS = [
    "commune",
    "intake_year",
    "decision_number",
    "decided_on",
    "posted_from",
    "posted_until",
    "places",
]


@transaction.atomic
def post_list(
    *, actor: Any, commune: Unit, intake_year: int, decision_number: str, decided_on: dt.date
) -> Posting:
    """Post the commune's deferments and exemptions of the year for the days and at the places in force."""
    _check_unit(actor, commune)
    reliefs = Relief.objects.filter(unit_path=commune.path, intake_year=intake_year, posting__isnull=True)
    if not reliefs.exists():
        raise _problem(
            "intake_year", f"Không có trường hợp tạm hoãn, miễn nào năm {intake_year} chưa niêm yết."
        )
    if not decision_number.strip():
        raise _problem("decision_number", "Ghi số quyết định được niêm yết.")
    rule = rules.posting_rule(decided_on)
    posting = Posting(
        commune=commune,
        unit_path=commune.path,
        intake_year=intake_year,
        decision_number=decision_number.strip()[:40],
        decided_on=decided_on,
        posted_from=decided_on,
        posted_until=decided_on + dt.timedelta(days=rule.days - 1),
        places=list(rule.places),
        article=rule.article,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    posting.save()
    count = reliefs.update(posting=posting)
    _record(actor, "conscription.posting.created", posting, POSTING_FIELDS, note=f"{count} trường hợp")
    return posting


@transaction.atomic
def receive_complaint(
    *,
    actor: Any,
    posting: Posting,
    received_on: dt.date,
    complainant: str,
    content: str,
    relief: Relief | None = None,
) -> Complaint:
    """A complaint about the posted list: only while it is posted."""
    _check_unit(actor, posting.commune)
    if not (posting.posted_from <= received_on <= posting.posted_until):
        raise _problem(
            "received_on",
            f"Chỉ nhận phản ánh trong thời gian niêm yết ({posting.posted_from:%d/%m/%Y}–"
            f"{posting.posted_until:%d/%m/%Y}).",
        )
    if not complainant.strip() or not content.strip():
        raise _problem("content", "Ghi người phản ánh và nội dung.")
    complaint = Complaint(
        posting=posting,
        relief=relief,
        commune=posting.commune,
        unit_path=posting.unit_path,
        received_on=received_on,
        complainant=complainant.strip()[:100],
        content=content.strip(),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    complaint.save()
    _record(
        actor,
        "conscription.complaint.received",
        complaint,
        ["posting", "relief", "received_on", "complainant", "content"],
    )
    return complaint


@transaction.atomic
def resolve_complaint(
    *, actor: Any, complaint: Complaint, resolved_on: dt.date, resolution: str
) -> Complaint:
    _check_unit(actor, complaint.commune)
    if not resolution.strip():
        raise _problem("resolution", "Ghi kết quả giải quyết.")
    before = audit.snapshot(complaint, ["resolution", "resolved_on"])
    complaint.resolution = resolution.strip()
    complaint.resolved_on = resolved_on
    complaint.save(update_fields=["resolution", "resolved_on"])
    _record(actor, "conscription.complaint.resolved", complaint, ["resolution", "resolved_on"], before=before)
    return complaint


# -- intakes and quotas ------------------------------------------------------------------------------


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


# -- selection, decision, orders, handover, outcomes ------------------------------------------------

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
