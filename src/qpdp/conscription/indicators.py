"""Military-service indicators: counted per commune with GROUP BY, registered with the core registry.

Each record counts in the period holding its decisive date: registrations by the day registered,
health results by the examination day, deferments and exemptions by the decision day, quotas by
their intake's first handover day, orders by signing (and delivery), outcomes by their day.

Each indicator has its own query (`compute`, and `records` behind it); the sums over one table also
share a batch that counts them all in one pass — one GROUP BY unit_path with a filtered count per
sum — so that `values_for` reads each table once: six queries for every figure of the area.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.db.models import Count, Model, Q, QuerySet, Sum

from qpdp.conscription import rules
from qpdp.conscription.choices import CallUpStatus, ExamStage, RegistrationKind, ReliefKind, Service
from qpdp.conscription.models import CallUp, HealthExam, Quota, Registration, Relief
from qpdp.core import indicators
from qpdp.core.indicators import Aggregation, Indicator
from qpdp.core.periods import Period
from qpdp.people.choices import Qualification

AREA = "conscription"
PEOPLE = "người"
RECORDS_URL = "conscription:indicator_records"


def _counter(
    model: type[Model], date_field: str, condition: Q, *, path_field: str = "unit_path"
) -> tuple[Callable[[str, Period], Mapping[str, int]], Callable[[str, Period], QuerySet[Any]]]:
    """A per-commune count of `model` rows matching `condition` dated in the period, and its records."""

    def records(scope_path: str, period: Period) -> QuerySet[Any]:
        return model._default_manager.filter(
            condition,
            **{
                f"{path_field}__startswith": scope_path,
                f"{date_field}__gte": period.start,
                f"{date_field}__lte": period.end,
            },
        )

    def compute(scope_path: str, period: Period) -> Mapping[str, int]:
        rows = records(scope_path, period).order_by().values(path_field).annotate(n=Count("pk"))
        return {row[path_field]: row["n"] for row in rows}

    return compute, records


REGISTRATIONS = indicators.RowBatch(Registration)
EXAMS = indicators.RowBatch(HealthExam)
RELIEFS = indicators.RowBatch(Relief)
CALLUPS = indicators.RowBatch(CallUp)
BATCHES: dict[type[Model], indicators.RowBatch] = {
    batch.model: batch for batch in (REGISTRATIONS, EXAMS, RELIEFS, CALLUPS)
}


def _sum_indicator(
    code: str,
    label: str,
    model: type[Model],
    date_field: str,
    condition: Q,
    order: int,
    note: str = "",
    *,
    batched: bool = True,
) -> Indicator:
    compute, records = _counter(model, date_field, condition)
    batch = BATCHES[model].add(f"{AREA}.{code}", date_field, condition) if batched else None
    return Indicator(
        code=f"{AREA}.{code}",
        label=label,
        unit=PEOPLE,
        area=AREA,
        aggregation=Aggregation.SUM,
        compute=compute,
        records=records,
        records_url=RECORDS_URL,
        order=order,
        note=note,
        batch=batch,
        counts_records=True,
    )


def _ratio(code: str, label: str, numerator: str, denominator: str, order: int) -> Indicator:
    return Indicator(
        code=f"{AREA}.{code}",
        label=label,
        unit="%",
        area=AREA,
        aggregation=Aggregation.RATIO,
        numerator=f"{AREA}.{numerator}",
        denominator=f"{AREA}.{denominator}",
        order=order,
    )


def _quota_records(scope_path: str, period: Period, service: str | None) -> QuerySet[Quota]:
    """The quotas communes must fill: each commune's share, and a province's own quota only where it
    has not been shared out yet (so that a province never counts twice)."""
    query = Quota.objects.filter(
        unit_path__startswith=scope_path,
        intake__handover_from__gte=period.start,
        intake__handover_from__lte=period.end,
    ).filter(Q(parent__isnull=False) | Q(children__isnull=True))
    if service:
        query = query.filter(service=service)
    return query.distinct()


class _QuotaSums:
    """The quota sums in one query: the quotas communes must fill, each sum filtered by its service."""

    def __init__(self) -> None:
        self.members: dict[str, tuple[str | None, str]] = {}

    def add(self, code: str, service: str | None, field: str) -> _QuotaSums:
        self.members[code] = (service, field)
        return self

    def __call__(self, codes: Sequence[str], scope_path: str, period: Period) -> dict[str, dict[str, int]]:
        chosen = [(code, *self.members[code]) for code in codes]
        ids = _quota_records(scope_path, period, None).values("pk")
        sums = {
            f"n{i}": Sum(field, filter=Q(service=service)) if service else Sum(field)
            for i, (_, service, field) in enumerate(chosen)
        }
        rows = Quota.objects.filter(pk__in=ids).values("unit_path").annotate(**sums).order_by()
        out: dict[str, dict[str, int]] = {code: {} for code in codes}
        for row in rows:
            for i, (code, _, _) in enumerate(chosen):
                if row[f"n{i}"]:
                    out[code][row["unit_path"]] = int(row[f"n{i}"])
        return out


QUOTAS = _QuotaSums()


def _quota_indicator(code: str, label: str, service: str | None, field: str, order: int) -> Indicator:
    def compute(scope_path: str, period: Period) -> Mapping[str, int]:
        ids = _quota_records(scope_path, period, service).values("pk")
        rows = Quota.objects.filter(pk__in=ids).values("unit_path").annotate(n=Sum(field)).order_by()
        return {row["unit_path"]: int(row["n"] or 0) for row in rows}

    return Indicator(
        code=f"{AREA}.{code}",
        label=label,
        unit=PEOPLE,
        area=AREA,
        aggregation=Aggregation.SUM,
        compute=compute,
        records=lambda scope_path, period: _quota_records(scope_path, period, service),
        records_url=RECORDS_URL,
        order=order,
        batch=QUOTAS.add(f"{AREA}.{code}", service, field),
    )


ENLISTED = Q(status=CallUpStatus.ENLISTED)
HIGHER = Q(citizen__qualification__in=[Qualification.UNIVERSITY, Qualification.COLLEGE])
EXAMINED = Q(stage=ExamStage.EXAMINATION, present=True)


def build() -> list[Indicator]:
    items = [
        _sum_indicator(
            "first_registrations",
            "Đăng ký NVQS lần đầu",
            Registration,
            "registered_on",
            Q(kind=RegistrationKind.FIRST),
            10,
        ),
        _sum_indicator(
            "supplementary_registrations",
            "Đăng ký NVQS bổ sung",
            Registration,
            "registered_on",
            Q(kind=RegistrationKind.SUPPLEMENTARY),
            11,
        ),
        _sum_indicator(
            "move_registrations",
            "Đăng ký di chuyển đến",
            Registration,
            "registered_on",
            Q(kind=RegistrationKind.MOVE_IN),
            12,
        ),
        _sum_indicator(
            "late_registrations",
            "Đăng ký di chuyển, trở về quá hạn",
            Registration,
            "registered_on",
            Q(late=True),
            13,
        ),
        _sum_indicator(
            "absence_registrations",
            "Đăng ký vắng mặt",
            Registration,
            "registered_on",
            Q(kind=RegistrationKind.ABSENCE),
            14,
        ),
        _sum_indicator(
            "screened",
            "Sơ tuyển sức khỏe (có mặt)",
            HealthExam,
            "examined_on",
            Q(stage=ExamStage.SCREENING, present=True),
            20,
        ),
        _sum_indicator("examined", "Khám tuyển sức khỏe (có mặt)", HealthExam, "examined_on", EXAMINED, 21),
        _sum_indicator(
            "fit", "Đủ điều kiện sức khỏe (loại 1–3)", HealthExam, "examined_on", EXAMINED & Q(fit=True), 22
        ),
        *[
            _sum_indicator(
                f"fit_type_{n}",
                f"Sức khỏe loại {n} đủ điều kiện",
                HealthExam,
                "examined_on",
                EXAMINED & Q(fit=True, health_type=n),
                22 + n,
            )
            for n in (1, 2, 3)
        ],
        _sum_indicator(
            "deferred", "Tạm hoãn gọi nhập ngũ", Relief, "decided_on", Q(kind=ReliefKind.DEFERMENT), 30
        ),
        *[
            _sum_indicator(
                f"deferred_{g.code}",
                f"Tạm hoãn theo điểm {g.code[-1]} khoản 1 Điều 41",
                Relief,
                "decided_on",
                Q(kind=ReliefKind.DEFERMENT, ground=g.code),
                31 + i,
                note=g.label,
            )
            for i, g in enumerate(rules.DEFERMENT_GROUNDS)
        ],
        _sum_indicator("exempt", "Miễn gọi nhập ngũ", Relief, "decided_on", Q(kind=ReliefKind.EXEMPTION), 40),
        *[
            _sum_indicator(
                f"exempt_{g.code}",
                f"Miễn theo điểm {g.code[-1]} khoản 2 Điều 41",
                Relief,
                "decided_on",
                Q(kind=ReliefKind.EXEMPTION, ground=g.code),
                41 + i,
                note=g.label,
            )
            for i, g in enumerate(rules.EXEMPTION_GROUNDS)
        ],
        _quota_indicator("quota", "Chỉ tiêu giao quân", None, "count", 50),
        _quota_indicator("quota_army", "Chỉ tiêu nhập ngũ Quân đội", Service.ARMY, "count", 51),
        _quota_indicator("quota_police", "Chỉ tiêu thực hiện nghĩa vụ CAND", Service.POLICE, "count", 52),
        _quota_indicator("quota_reserve", "Chỉ tiêu dự phòng", None, "reserve", 53),
        _sum_indicator("orders", "Lệnh gọi nhập ngũ đã ký", CallUp, "order_signed_on", Q(), 60),
        _sum_indicator("orders_delivered", "Lệnh gọi nhập ngũ đã giao", CallUp, "delivered_on", Q(), 61),
        _sum_indicator("enlisted", "Giao quân (nhập ngũ và CAND)", CallUp, "outcome_on", ENLISTED, 62),
        _sum_indicator(
            "enlisted_army", "Nhập ngũ Quân đội", CallUp, "outcome_on", ENLISTED & Q(service=Service.ARMY), 63
        ),
        _sum_indicator(
            "enlisted_police",
            "Thực hiện nghĩa vụ CAND",
            CallUp,
            "outcome_on",
            ENLISTED & Q(service=Service.POLICE),
            64,
        ),
        _ratio("completion", "Hoàn thành chỉ tiêu giao quân", "enlisted", "quota", 65),
        _sum_indicator(
            "volunteers", "Tình nguyện nhập ngũ", CallUp, "outcome_on", ENLISTED & Q(volunteer=True), 66
        ),
        _ratio("volunteer_share", "Tỷ lệ tình nguyện", "volunteers", "enlisted", 67),
        _sum_indicator(
            "party_members", "Đảng viên nhập ngũ", CallUp, "outcome_on", ENLISTED & Q(party_member=True), 68
        ),
        _ratio("party_share", "Tỷ lệ đảng viên nhập ngũ", "party_members", "enlisted", 69),
        _sum_indicator(
            "higher_education",
            "Nhập ngũ có trình độ cao đẳng, đại học",
            CallUp,
            "outcome_on",
            ENLISTED & HIGHER,
            70,
            # Its own query: in the batch, the join to the citizens would cover every call-up read.
            batched=False,
        ),
        _ratio("higher_education_share", "Tỷ lệ cao đẳng, đại học", "higher_education", "enlisted", 71),
        _sum_indicator(
            "returned", "Trả về sau phúc tra", CallUp, "outcome_on", Q(status=CallUpStatus.RETURNED), 72
        ),
        _sum_indicator(
            "not_reported",
            "Không có mặt nhận lệnh, chống lệnh",
            CallUp,
            "outcome_on",
            Q(status=CallUpStatus.NOT_REPORTED),
            73,
        ),
    ]
    return items


def register_all() -> None:
    indicators.register(*build())
