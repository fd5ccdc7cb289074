"""Factories for reports: call-up history of both eras (typed in as it was), reports and their texts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from qpdp.conscription.choices import CallUpStatus, Service
from qpdp.conscription.models import CallUp, Intake, Quota
from qpdp.org.models import Unit
from qpdp.reports import services
from qpdp.reports.choices import ReportKind, Section
from qpdp.reports.models import Report, Snapshot
from tests.factories.conscription import man


def intake_of(province: Unit, year: int, handover: dt.date) -> Intake:
    """A call-up round of a province (of either era) with its first handover day."""
    return Intake.objects.create(
        province=province,
        unit_path=province.path,
        year=year,
        handover_from=handover,
        handover_to=handover + dt.timedelta(days=2),
        age_reference=handover,
    )


def quota_of(intake: Intake, unit: Unit, count: int, *, parent: Quota | None = None) -> Quota:
    """A quota as it was decided (written directly: history, not a decision taken now)."""
    return Quota.objects.create(
        intake=intake,
        unit=unit,
        unit_path=unit.path,
        service=Service.ARMY,
        count=count,
        parent=parent,
        decided_on=intake.handover_from - dt.timedelta(days=120),
        decider_title="Chủ tịch Ủy ban nhân dân",
    )


def quotas(intake: Intake, shares: dict[Unit, int]) -> dict[Unit, Quota]:
    """The province's quota and each commune's share of it."""
    top = quota_of(intake, intake.province, sum(shares.values()))
    return {commune: quota_of(intake, commune, count, parent=top) for commune, count in shares.items()}


def enlist(intake: Intake, commune: Unit, count: int, *, on: dt.date | None = None) -> list[CallUp]:
    """`count` men of the commune enlisted at the intake's handover (or `on`)."""
    day = on or intake.handover_from
    return [
        CallUp.objects.create(
            intake=intake,
            citizen=man(commune),
            commune=commune,
            unit_path=commune.path,
            service=Service.ARMY,
            status=CallUpStatus.ENLISTED,
            selected_on=day - dt.timedelta(days=60),
            outcome_on=day,
        )
        for _ in range(count)
    ]


WRITTEN = {
    Section.SITUATION: "Tình hình chính trị, kinh tế - xã hội ổn định.",
    Section.CONTEXT_FIGURES: "",
    Section.RESULTS: "Các mặt công tác đạt yêu cầu.",
    Section.SHORTCOMINGS: "Một số thôn chưa làm tốt công tác tuyên truyền.",
    Section.CAUSES: "Lực lượng mỏng.",
    Section.LESSONS: "Phát huy sức mạnh tổng hợp của cả hệ thống chính trị.",
    Section.DIRECTIONS: "Hoàn thành 100% chỉ tiêu giao quân năm tới.",
    Section.PROPOSALS: "Đề nghị cấp trên hỗ trợ kinh phí.",
}


def report_of(actor: Any, unit: Unit, period: str = "2025", kind: str = ReportKind.REPORT) -> Report:
    return services.create_report(actor=actor, unit=unit, period_code=period, kind=kind)


def written(actor: Any, report: Report) -> Report:
    """Every placeholder of the draft written and a signer named: ready to submit."""
    if report.kind == ReportKind.ARTICLE:
        changes = services.ReportChanges(
            title="Xã An Bình tổng kết công tác quốc phòng",
            lead="Ngày 20/12, xã An Bình tổ chức hội nghị tổng kết.",
            body="Năm qua, xã hoàn thành các chỉ tiêu được giao.",
        )
    else:
        changes = services.ReportChanges(
            sections=WRITTEN, number="07/BC-UBND", signer_name="Nguyễn Văn Chủ", signer_title="Chủ tịch"
        )
    return services.edit_report(actor=actor, report=report, changes=changes)


def call_up_history(tree: Any) -> dict[str, Intake]:
    """Call-up results of province 90 across the 2025 reorganisation (army quotas, men enlisted).

    2024 (old communes): A1 quota 3, enlisted 3; A2 quota 2, enlisted 1; old B quota 2, enlisted 2.
    2025 (old communes, handover in February): A1 quota 2, enlisted 2; A2 quota 2, enlisted 2.
    2026 (new communes): A quota 4, enlisted 4; B quota 3, enlisted 2.
    """
    old_2024 = intake_of(tree.legacy_province, 2024, dt.date(2024, 2, 26))
    quotas(old_2024, {tree.legacy_commune_a1: 3, tree.legacy_commune_a2: 2, tree.legacy_commune_b: 2})
    enlist(old_2024, tree.legacy_commune_a1, 3)
    enlist(old_2024, tree.legacy_commune_a2, 1)
    enlist(old_2024, tree.legacy_commune_b, 2)
    old_2025 = intake_of(tree.legacy_province, 2025, dt.date(2025, 2, 20))
    quotas(old_2025, {tree.legacy_commune_a1: 2, tree.legacy_commune_a2: 2})
    enlist(old_2025, tree.legacy_commune_a1, 2)
    enlist(old_2025, tree.legacy_commune_a2, 2)
    new_2026 = intake_of(tree.province, 2026, dt.date(2026, 3, 4))
    quotas(new_2026, {tree.commune_a: 4, tree.commune_b: 3})
    enlist(new_2026, tree.commune_a, 4)
    enlist(new_2026, tree.commune_b, 2)
    return {"2024": old_2024, "2025": old_2025, "2026": new_2026}


def sample_report(unit: Unit) -> Report:
    """A draft report of the unit, written directly (URL walks): made on first use, then found again."""
    found = Report.objects.filter(unit=unit).first()
    if found is not None:
        return found
    snapshot = Snapshot.objects.create(
        unit=unit,
        unit_path=unit.path,
        period_code="2025",
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 31),
        computed_at=timezone.now(),
        registry_version="",
        previous_period_code="2024",
    )
    return Report.objects.create(
        unit=unit,
        unit_path=unit.path,
        period_code="2025",
        snapshot=snapshot,
        title=f"Báo cáo tổng kết công tác quốc phòng, quân sự địa phương năm 2025 — {unit.name}",
    )
