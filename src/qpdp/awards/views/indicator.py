"""The records behind an emulation and award figure: the figure for a unit and period, then its records.

`?indicator=CODE&period=2026&unit=CODE`. The figure is rolled up over the parts of the unit the user may
see (a regional officer asking for the province gets his communes' sum, never the province's), and the
records pass through `visible_to`. An unknown indicator or a unit out of scope is 404; without an
indicator the page lists the area's indicators with their figures.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import NoReverseMatch, path, reverse

from qpdp.awards.choices import CampaignStatus
from qpdp.awards.indicators import AREA
from qpdp.awards.models import Award, Campaign, Conference, Pledge
from qpdp.core import indicators
from qpdp.core.access import requires
from qpdp.core.indicators import Indicator
from qpdp.core.periods import Period, PeriodError, parse_period
from qpdp.core.text import format_number
from qpdp.org.models import Unit
from qpdp.org.scope import primary_path, scope_paths, visible_to
from qpdp.org.selectors import unit_detail
from qpdp.org.unit_context import selected_unit

PAGE_SIZE = 100
REVIEWED = f"{AREA}.campaigns_reviewed"
# How a kind of record is read and ordered on the page: its related rows and the date it counts by.
RELATED: dict[type[Model], tuple[str, ...]] = {
    Award: ("decision",),
    Campaign: ("unit",),
    Pledge: ("campaign",),
    Conference: ("unit",),
}
ORDER: dict[type[Model], str] = {
    Award: "decision__decided_on",
    Campaign: "launched_on",
    Pledge: "signed_on",
    Conference: "held_on",
}


@dataclass(frozen=True)
class Place:
    """Where the page works: the unit asked for, else the picked one, else the province of the user."""

    unit: Unit | None
    path: str
    prefixes: tuple[str, ...]  # the parts of `path` the user may see

    @property
    def query(self) -> str:
        return f"&unit={self.unit.code}" if self.unit is not None else ""


def _province_path(unit_path: str) -> str:
    parts = unit_path.split("/")
    return "/".join(parts[:2]) + "/" if len(parts) >= 3 and parts[1] else unit_path


def _place(request: HttpRequest) -> Place:
    code = request.GET.get("unit", "").strip()
    unit = unit_detail(user=request.user, code=code) if code else selected_unit(request)
    unit_path = unit.path if unit is not None else _province_path(primary_path(request.user))
    paths = scope_paths(request.user)
    if any(unit_path.startswith(p) for p in paths):
        prefixes: tuple[str, ...] = (unit_path,)
    else:
        prefixes = tuple(p for p in paths if p.startswith(unit_path))
    return Place(unit, unit_path, prefixes)


def _period(request: HttpRequest) -> Period:
    raw = request.GET.get("period", "").strip() or str(dt.date.today().year)
    try:
        return parse_period(raw)
    except PeriodError as bad:
        raise Http404 from bad


@dataclass(frozen=True)
class RecordRow:
    day: dt.date | None
    title: str
    unit: str
    details: str
    link: str


def _link(name: str, **kwargs: int) -> str:
    """The page of a record, where the awards pages have one."""
    try:
        return reverse(f"awards:{name}", kwargs=kwargs)
    except NoReverseMatch:
        return ""


def _row(record: Model, code: str) -> RecordRow:
    if isinstance(record, Award):
        decision = record.decision
        money = f"; {format_number(record.money)} đồng" if record.money else ""
        details = (
            f"{record.form_name}; quyết định số {decision.number or '(dự thảo)'} của {decision.issuing_body}"
        )
        return RecordRow(
            decision.decided_on,
            record.recipient_name,
            record.recipient_detail,
            details + money,
            _link("decision-detail", decision_id=decision.pk),
        )
    if isinstance(record, Campaign):
        reviewed = code == REVIEWED and record.status == CampaignStatus.REVIEWED
        day = record.reviewed_on if reviewed else record.launched_on
        details = f"{record.launched_by}; thi đua {record.starts_on:%d/%m/%Y}–{record.ends_on:%d/%m/%Y}"
        return RecordRow(
            day, record.name, record.unit.name, details, _link("campaign-detail", campaign_id=record.pk)
        )
    if isinstance(record, Pledge):
        return RecordRow(
            record.signed_on,
            record.parties,
            "",
            f"Phong trào “{record.campaign.name}”",
            _link("campaign-detail", campaign_id=record.campaign_id),
        )
    if isinstance(record, Conference):
        return RecordRow(
            record.held_on,
            record.title,
            record.unit.name,
            f"{record.get_kind_display()} {record.period_code}; {record.place}".rstrip("; "),
            _link("conference-detail", conference_id=record.pk),
        )
    return RecordRow(None, str(record), "", "", "")


@dataclass(frozen=True)
class Records:
    page: Page[Any]
    rows: list[RecordRow]


def _records(request: HttpRequest, item: Indicator, place: Place, period: Period) -> Records | None:
    if item.records is None:
        return None
    queryset: QuerySet[Any] = visible_to(request.user, item.records(place.path, period))
    model = queryset.model
    date_field = "reviewed_on" if item.code == REVIEWED else ORDER.get(model, "pk")
    queryset = queryset.select_related(*RELATED.get(model, ())).order_by(date_field, "unit_path", "pk")
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    return Records(page, [_row(record, item.code) for record in page.object_list])


@requires("awards.view")
def indicator_records(request: HttpRequest) -> HttpResponseBase:
    place = _place(request)
    period = _period(request)
    code = request.GET.get("indicator", "").strip()
    context: dict[str, Any] = {"place": place, "period": period}
    if not code:
        catalogue = indicators.catalogue(AREA)
        values = indicators.values_over([i.code for i in catalogue], place.prefixes, period)
        context["catalogue"] = [(i, values.get(i.code)) for i in catalogue]
        return render(request, "awards/indicator/records.html", context)
    item = indicators.get(code)
    if item is None or item.area != AREA:
        raise Http404
    value = indicators.values_over([code], place.prefixes, period).get(code)
    context.update({"indicator": item, "value": value, "records": _records(request, item, place, period)})
    return render(request, "awards/indicator/records.html", context)


urlpatterns = [path("chi-so/", indicator_records, name="indicator-records")]
