"""The military-service home: the selected unit's cycle calendar and headline figures of the intake."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import path

from qpdp.conscription import rules, selectors
from qpdp.core import indicators
from qpdp.core.access import requires
from qpdp.core.periods import parse_period
from qpdp.org.access import user_allows
from qpdp.org.scope import primary_path, scope_paths
from qpdp.org.unit_context import selected_unit

HEADLINE = [
    "conscription.first_registrations",
    "conscription.examined",
    "conscription.fit",
    "conscription.deferred",
    "conscription.exempt",
    "conscription.quota",
    "conscription.orders",
    "conscription.enlisted",
    "conscription.completion",
]


def intake_year_of(request: HttpRequest) -> int:
    """The intake a page shows: ?year=, else the next intake once the examination period has begun."""
    raw = request.GET.get("year", "")
    if raw.isdigit() and 2016 <= int(raw) <= 2100:
        return int(raw)
    today = dt.date.today()
    return today.year + 1 if today.month >= 11 else today.year


@requires("conscription.view")
def home(request: HttpRequest) -> HttpResponseBase:
    unit = selected_unit(request)
    scope_path = unit.path if unit else primary_path(request.user)
    year = intake_year_of(request)
    intake = selectors.intake_of(scope_path, year) if scope_path.count("/") >= 2 else None
    handover_from, handover_to = (
        (intake.handover_from, intake.handover_to) if intake else rules.default_handover(year)
    )
    period = parse_period(str(year))
    # A regional command's scope is several communes: the figures add up over all of them.
    prefixes = (unit.path,) if unit else scope_paths(request.user)
    values = indicators.values_over(HEADLINE, prefixes, period)
    figures = [(indicators.get(code), values[code]) for code in HEADLINE if code in values]
    context = {
        "year": year,
        "unit": unit,
        "intake": intake,
        "calendar": rules.cycle_calendar(year, handover_from, handover_to),
        "today": dt.date.today(),
        "figures": figures,
        "years": range(year - 3, year + 2),
        "can_select": user_allows(request.user, "conscription.change"),
    }
    return render(request, "conscription/home.html", context)


urlpatterns = [path("", home, name="home")]
