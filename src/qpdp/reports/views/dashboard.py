"""The dashboard page: `?unit=CODE&period=2026&rank=CODE` (the working unit and this year by default).

The unit is found within the user's scope (out of scope is 404); every figure links to the records
behind it or to the same dashboard of a unit directly below. `live=1` computes the figures now even
when a snapshot of the period exists.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import path

from qpdp.core.access import requires
from qpdp.core.periods import PeriodError, parse_period
from qpdp.org.models import Unit
from qpdp.org.selectors import unit_detail
from qpdp.org.unit_context import selected_unit
from qpdp.reports import dashboard
from qpdp.reports.selectors import own_unit

NO_UNIT = "Tài khoản chưa được gán đơn vị nên chưa có số liệu để hiển thị."


def _unit_of(request: HttpRequest) -> Unit | None:
    """?unit=CODE (404 when out of scope), else the unit picked in the navigation bar, else the user's own."""
    code = request.GET.get("unit", "").strip()
    if code:
        return unit_detail(user=request.user, code=code)
    return selected_unit(request) or own_unit(request.user)


@requires("reports.view")
def dashboard_page(request: HttpRequest) -> HttpResponseBase:
    today = dt.date.today()
    unit = _unit_of(request)
    period_error = ""
    try:
        period = parse_period(request.GET.get("period", "").strip() or str(today.year))
    except PeriodError as error:
        period, period_error = dashboard.default_period(today), str(error)
    context: dict[str, Any] = {
        "period": period,
        "period_error": period_error,
        "periods": dashboard.period_choices(period, today),
    }
    if unit is None:
        return render(request, "reports/dashboard.html", {**context, "no_unit": NO_UNIT})
    board = dashboard.dashboard_of(
        user=request.user,
        unit=unit,
        period=period,
        rank=request.GET.get("rank", "").strip(),
        live=request.GET.get("live") == "1",
    )
    context.update({"board": board, "charts": dashboard.chart_data(board)})
    return render(request, "reports/dashboard.html", context)


urlpatterns = [path("bang-dieu-khien/", dashboard_page, name="dashboard")]
