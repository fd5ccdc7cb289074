"""The records behind a military-service figure: the figure for a unit and period, then the named records.

`?indicator=CODE&period=2026&unit=CODE`. The figure is rolled up over the parts of the unit the user
may see (a regional officer asking for the province gets his communes' sum, never the province's),
and the records pass through `visible_to`. Over a period starting before 01/07/2025, a unit of the
current structure also counts and lists the records of the old units it succeeded, as the reports
dashboard does (`selectors.figure_scope`), so the page opened from a dashboard figure shows that
figure. An unknown indicator or a unit out of scope is 404; without an indicator the page lists the
area's indicators with their figures.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import path

from qpdp.conscription import rules, selectors
from qpdp.conscription.indicators import AREA
from qpdp.conscription.models import CallUp, HealthExam, Quota, Registration, Relief
from qpdp.conscription.selectors.figures import FigureScope
from qpdp.conscription.views.common import Place, intake_year_of, page_of, place_of
from qpdp.core import indicators
from qpdp.core.access import requires
from qpdp.core.indicators import Aggregation, Indicator
from qpdp.core.periods import Period, PeriodError, parse_period
from qpdp.org.scope import visible_to

PAGE_SIZE = 100
# The date a record counts by, where the indicator's model has several (see indicators.py).
DATE_FIELD_BY_CODE = {
    f"{AREA}.orders": "order_signed_on",
    f"{AREA}.orders_delivered": "delivered_on",
}
DATE_FIELD_BY_MODEL: dict[type[Model], str] = {
    Registration: "registered_on",
    HealthExam: "examined_on",
    Relief: "decided_on",
    CallUp: "outcome_on",
    Quota: "decided_on",
}
RELATED: dict[type[Model], tuple[str, ...]] = {
    Registration: ("citizen", "commune"),
    HealthExam: ("citizen", "commune"),
    Relief: ("citizen", "commune"),
    CallUp: ("citizen", "commune", "intake"),
    Quota: ("unit", "intake"),
}


@dataclass(frozen=True)
class RecordRow:
    citizen: Any  # a Citizen, or None for a unit's quota
    unit: Any
    day: Any
    details: str


def _details(record: Model) -> str:
    if isinstance(record, Registration):
        parts = [record.get_kind_display()]
        if record.certificate_number:
            parts.append(f"giấy chứng nhận số {record.certificate_number}")
        if record.late:
            parts.append("quá hạn")
        parts.append(record.get_channel_display().lower())
        return "; ".join(parts)
    if isinstance(record, HealthExam):
        verdict = (
            "đủ điều kiện" if record.fit else "không gọi: " + (" ".join(record.not_called_reasons) or "")
        )
        kind = f"loại {record.health_type}" if record.health_type else "chưa phân loại"
        return f"{record.get_stage_display()}, {kind} — {verdict.strip()}"
    if isinstance(record, Relief):
        law = rules.ground(record.ground)
        label = f"{record.ground} — {law.label}" if law else record.ground
        number = f"; quyết định số {record.decision_number}" if record.decision_number else ""
        return f"{record.get_kind_display()}: {label}{number}"
    if isinstance(record, CallUp):
        parts = [record.get_service_display(), record.get_status_display().lower()]
        if record.order_number:
            parts.append(f"lệnh số {record.order_number}")
        if record.receiving_unit:
            parts.append(f"đơn vị nhận: {record.receiving_unit}")
        if record.volunteer:
            parts.append("tình nguyện")
        if record.party_member:
            parts.append("đảng viên")
        if record.outcome_reason:
            parts.append(f"lý do: {record.outcome_reason}")
        return "; ".join(parts)
    if isinstance(record, Quota):
        number = f"; quyết định số {record.decision_number}" if record.decision_number else ""
        return f"{record.get_service_display()}: chỉ tiêu {record.count}, dự phòng {record.reserve}{number}"
    return str(record)


def _rows(records: Iterable[Model], date_field: str) -> list[RecordRow]:
    rows = []
    for record in records:
        citizen = getattr(record, "citizen", None)
        unit = getattr(record, "commune", None) or getattr(record, "unit", None)
        rows.append(RecordRow(citizen, unit, getattr(record, date_field, None), _details(record)))
    return rows


@dataclass(frozen=True)
class RecordSection:
    indicator: Indicator
    page: Any
    rows: list[RecordRow]
    count: int


def _section(
    request: HttpRequest, item: Indicator, scope: FigureScope, period: Period, page_name: str
) -> RecordSection | None:
    if item.records is None:
        return None
    queryset: QuerySet[Any] = visible_to(request.user, item.records(scope.common_root, period))
    model = queryset.model
    queryset = queryset.filter(scope.condition(getattr(model, "scope_path_field", "unit_path")))
    date_field = DATE_FIELD_BY_CODE.get(item.code, DATE_FIELD_BY_MODEL.get(model, "pk"))
    related = RELATED.get(model, ())
    if related:
        queryset = queryset.select_related(*related)
    names = ("unit_path", "citizen__sort_key") if "citizen" in related else ("unit_path",)
    queryset = queryset.order_by(date_field, *names, "pk")
    page = page_of(request, queryset, PAGE_SIZE, page_name)
    return RecordSection(item, page, _rows(page.object_list, date_field), page.paginator.count)


def _period_of(request: HttpRequest) -> Period:
    raw = request.GET.get("period") or str(intake_year_of(request))
    try:
        return parse_period(raw)
    except PeriodError as bad:
        raise Http404 from bad


# The old units named on the page, at most (a new province may come from hundreds of old communes).
NAMED_PREDECESSORS = 8


def _figure_scope(request: HttpRequest, place: Place, period: Period) -> FigureScope:
    return selectors.figure_scope(
        user=request.user,
        unit=place.unit or selectors.unit_at(place.path),
        path=place.path,
        prefixes=place.prefixes,
        period=period,
    )


@requires("conscription.view")
def indicator_records(request: HttpRequest) -> HttpResponseBase:
    place = place_of(request)
    period = _period_of(request)
    code = request.GET.get("indicator", "").strip()
    scope = _figure_scope(request, place, period)
    predecessors = selectors.predecessor_units(user=request.user, scope=scope)
    context: dict[str, Any] = {
        "place": place,
        "period": period,
        "scope": scope,
        "predecessors": [u.name for u in predecessors[:NAMED_PREDECESSORS]],
        "more_predecessors": len(predecessors) > NAMED_PREDECESSORS,
    }
    if not code:
        catalogue = indicators.catalogue(AREA)
        values = selectors.figure_values([i.code for i in catalogue], scope, period)
        context["catalogue"] = [(i, values.get(i.code)) for i in catalogue]
        return render(request, "conscription/indicator/records.html", context)
    item = indicators.get(code)
    if item is None or item.area != AREA:
        raise Http404
    value = selectors.figure_values([code], scope, period).get(code)
    sections = []
    if item.aggregation is Aggregation.RATIO:
        for name, part in (("page_numerator", item.numerator), ("page_denominator", item.denominator)):
            part_item = indicators.get(part)
            if part_item is not None and (section := _section(request, part_item, scope, period, name)):
                sections.append(section)
    elif section := _section(request, item, scope, period, "page"):
        sections.append(section)
    context.update(
        {
            "indicator": item,
            "value": value,
            "sections": sections,
            "is_percent": item.unit == "%",
        }
    )
    return render(request, "conscription/indicator/records.html", context)


urlpatterns = [path("chi-so/", indicator_records, name="indicator_records")]
