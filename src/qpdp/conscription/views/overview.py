"""The military-service home: the selected unit's cycle calendar and headline figures of the intake."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import path

from qpdp.conscription import rules, selectors
from qpdp.conscription.views.common import intake_year_of, scope_of, year_choices
from qpdp.core import indicators
from qpdp.core.access import requires
from qpdp.org.access import user_allows
from qpdp.org.scope import scope_paths

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


@requires("conscription.view")
def home(request: HttpRequest) -> HttpResponseBase:
    unit, scope_path = scope_of(request)
    year = intake_year_of(request)
    intake = selectors.intake_of(scope_path, year) if scope_path.count("/") >= 2 else None
    handover_from, handover_to = (
        (intake.handover_from, intake.handover_to) if intake else rules.default_handover(year)
    )
    period = selectors.intake_period(scope_path, year)
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
        "period": period,
        "years": year_choices(year),
        "can_select": user_allows(request.user, "conscription.change"),
    }
    return render(request, "conscription/home.html", context)


urlpatterns = [path("", home, name="home")]
