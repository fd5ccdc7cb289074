"""The targets page: `?unit=CODE&period=2026` lists the targets of the working unit and the units below
it for a period, and the form that sets one (given by the working unit or by a programme)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from qpdp.core import indicators
from qpdp.core.access import requires
from qpdp.core.errors import DomainError
from qpdp.core.periods import Period, PeriodError, parse_period
from qpdp.org.access import user_allows
from qpdp.org.models import Unit
from qpdp.org.selectors import unit_detail, unit_list
from qpdp.org.unit_context import selected_unit
from qpdp.reports import dashboard, services
from qpdp.reports.figures import subordinate_units
from qpdp.reports.forms import TargetForm, apply_problems
from qpdp.reports.selectors import own_unit, target_list

NO_UNIT = "Tài khoản chưa được gán đơn vị nên chưa có chỉ tiêu để hiển thị."
TARGET_SAVED = "Đã giao chỉ tiêu “{label}” cho {unit}, {period}: {value}."
PAGE_SIZE = 100


def _unit_of(request: HttpRequest) -> Unit | None:
    """?unit=CODE (404 when out of scope), else the unit picked in the navigation bar, else the user's own."""
    code = request.GET.get("unit", "").strip()
    if code:
        return unit_detail(user=request.user, code=code)
    return selected_unit(request) or own_unit(request.user)


def _period_of(request: HttpRequest, today: dt.date) -> tuple[Period, str]:
    try:
        return parse_period(request.GET.get("period", "").strip() or str(today.year)), ""
    except PeriodError as error:
        return dashboard.default_period(today), str(error)


def _form(request: HttpRequest, unit: Unit, period: Period, data: Any = None) -> TargetForm:
    return TargetForm(
        data,
        initial={"period": period.code, "set_by": unit.code},
        indicators=[(i.code, f"{i.label} ({i.unit})" if i.unit else i.label) for i in indicators.catalogue()],
        units=unit_list(user=request.user),
        shown=[*subordinate_units(unit, period), unit],
        setter=unit,
    )


def _page(request: HttpRequest, form: TargetForm | None = None) -> HttpResponseBase:
    today = dt.date.today()
    unit = _unit_of(request)
    period, period_error = _period_of(request, today)
    context: dict[str, Any] = {
        "period": period,
        "period_error": period_error,
        "periods": dashboard.period_choices(period, today),
    }
    if unit is None:
        return render(request, "reports/target_list.html", {**context, "no_unit": NO_UNIT})
    labels = {i.code: i for i in indicators.catalogue()}
    # A stable order for the pages (the selector leaves ordering to its caller).
    rows = target_list(user=request.user, unit=unit, period_code=period.code).order_by(
        "unit_path", "indicator_code", "id"
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    for target in page:
        target.indicator = labels.get(target.indicator_code)  # type: ignore[attr-defined]
    can_set = user_allows(request.user, "reports.targets")
    context.update(
        {
            "unit": unit,
            "page": page,
            "can_set": can_set,
            "form": form or (_form(request, unit, period) if can_set else None),
        }
    )
    return render(request, "reports/target_list.html", context)


@requires("reports.view")
def target_page(request: HttpRequest) -> HttpResponseBase:
    return _page(request)


@requires("reports.targets")
@require_POST
def target_set(request: HttpRequest) -> HttpResponseBase:
    today = dt.date.today()
    unit = _unit_of(request)
    if unit is None:
        return _page(request)
    period, _ = _period_of(request, today)
    form = _form(request, unit, period, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            target = services.set_target(
                actor=request.user,
                unit=data["unit"],
                code=data["code"],
                period_code=data["period"],
                value=data["value"],
                set_by_unit=unit if data["set_by"] == unit.code else None,
                programme=data["programme"],
                note=data["note"],
            )
        except DomainError as refusal:
            apply_problems(form, refusal, {"set_by": "programme"})
        else:
            indicator = indicators.get(target.indicator_code)
            messages.success(
                request,
                TARGET_SAVED.format(
                    label=indicator.label if indicator else target.indicator_code,
                    unit=target.unit.name,
                    period=target.period_code,
                    value=format(target.value.normalize(), "f").replace(".", ","),
                ),
            )
            query = urlencode({"unit": unit.code, "period": target.period_code})
            return redirect(f"{reverse('reports:target-list')}?{query}")
    return _page(request, form)


urlpatterns = [
    path("chi-tieu/", target_page, name="target-list"),
    path("chi-tieu/giao/", target_set, name="target-set"),
]
