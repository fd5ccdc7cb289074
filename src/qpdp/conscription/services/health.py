"""Health services: a screening or examination result checked, classified by the rules and recorded."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction

from qpdp.conscription import rules
from qpdp.conscription.choices import ExamStage
from qpdp.conscription.models import HealthExam
from qpdp.conscription.services.checks import _check_citizen, _record
from qpdp.core import audit
from qpdp.core.errors import DomainError, FieldProblem
from qpdp.people.models import Citizen

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

    @classmethod
    def of(cls, values: Mapping[str, Any], *, citizen: Citizen, intake_year: int) -> HealthInput:
        """A result from a page's form or an API body, whose other fields `values` holds by name."""
        return cls(
            citizen=citizen,
            intake_year=intake_year,
            stage=values["stage"],
            examined_on=values["examined_on"],
            health_type=values["health_type"],
            scores=values["scores"],
            height_cm=values["height_cm"],
            weight_kg=values["weight_kg"],
            chest_cm=values["chest_cm"],
            refraction_right=values["refraction_right"],
            refraction_left=values["refraction_left"],
            examiner=values["examiner"],
            present=values["present"],
        )


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
