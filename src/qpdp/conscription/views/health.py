"""Health pages: the unit's screening and examination results of an intake, and the form to enter one."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import path, reverse

from qpdp.conscription import rules, selectors, services
from qpdp.conscription.choices import ExamStage
from qpdp.conscription.forms import HEALTH_CRITERIA, HealthForm, apply_problems
from qpdp.conscription.views.common import intake_year_of, scope_of, year_choices
from qpdp.core.access import requires
from qpdp.core.errors import DomainError
from qpdp.org.access import user_allows
from qpdp.people.models import Citizen

ROW_LIMIT = 1000
PICKER_LIMIT = 300


def stage_of(request: HttpRequest) -> str:
    stage = request.GET.get("stage", "")
    return stage if stage in ExamStage.values else ""


def picker_options(citizens: QuerySet[Citizen], q: str = "", selected: Any = None) -> list[Citizen]:
    """The men of the citizen picker of the health and relief forms (at most PICKER_LIMIT)."""
    return selectors.citizen_choices(citizens, q=q, selected=selected, limit=PICKER_LIMIT)


def render_picker_form(
    request: HttpRequest, template: str, *, unit: Any, year: int, form: Any, citizens: QuerySet[Citizen]
) -> HttpResponseBase:
    """A form with the citizen picker (health, relief), the chosen man kept among the options."""
    selected = form["citizen"].value()
    options = picker_options(citizens, selected=selected)
    context = {"unit": unit, "year": year, "form": form, "options": options, "selected": selected}
    return render(request, template, context)


@requires("conscription.view")
def health_list(request: HttpRequest) -> HttpResponseBase:
    unit, scope_path = scope_of(request)
    year = intake_year_of(request)
    stage = stage_of(request)
    exams = selectors.health_exams(user=request.user).filter(
        intake_year=year, unit_path__startswith=scope_path
    )
    if stage:
        exams = exams.filter(stage=stage)
    by_type, totals = selectors.health_counts(exams)
    rows = list(
        exams.select_related("citizen__village").order_by("citizen__sort_key", "stage", "id")[:ROW_LIMIT]
    )
    context = {
        "unit": unit,
        "year": year,
        "years": year_choices(year),
        "stage": stage,
        "stages": ExamStage.choices,
        "rows": rows,
        "type_counts": [(t, by_type.get(t, 0)) for t in rules.HEALTH_TYPES],
        "unclassified": by_type.get(None, 0),
        "totals": totals,
        "truncated": totals["examined"] + totals["absent"] > ROW_LIMIT,
        "row_limit": ROW_LIMIT,
        "criteria": HEALTH_CRITERIA,
        "can_change": user_allows(request.user, "conscription.change"),
    }
    return render(request, "conscription/health/list.html", context)


@requires("conscription.change")
def health_form(request: HttpRequest) -> HttpResponseBase:
    unit, scope_path = scope_of(request)
    year = intake_year_of(request)
    citizens = selectors.callup_age_men(user=request.user, path=scope_path, year=year)
    initial = {"stage": stage_of(request) or ExamStage.EXAMINATION, "citizen": request.GET.get("citizen")}
    form = HealthForm(request.POST or None, citizens=citizens, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            exam = services.record_health(
                actor=request.user,
                data=services.HealthInput.of(
                    {**data, "scores": form.scores()}, citizen=data["citizen"], intake_year=year
                ),
            )
        except DomainError as refusal:
            apply_problems(form, refusal, {"scores": "score_physical"})
        else:
            messages.success(request, _result_message(exam))
            return redirect(f"{reverse('conscription:health-list')}?year={year}&stage={exam.stage}")
    return render_picker_form(
        request, "conscription/health/form.html", unit=unit, year=year, form=form, citizens=citizens
    )


def _result_message(exam: Any) -> str:
    name = exam.citizen.full_name
    if not exam.present:
        return f"Đã ghi: {name} không có mặt khám."
    kind = f"sức khỏe loại {exam.health_type}" if exam.health_type else "chưa phân loại"
    bmi = f", BMI {str(exam.bmi).replace('.', ',')}" if exam.bmi is not None else ""
    verdict = (
        "đủ điều kiện gọi nhập ngũ"
        if exam.fit
        else "không gọi nhập ngũ: " + " ".join(exam.not_called_reasons)
    )
    if not exam.fit and not exam.not_called_reasons:
        verdict = "chưa kết luận"
    return f"Đã ghi kết quả {exam.get_stage_display().lower()} của {name}: {kind}{bmi} — {verdict}"


@requires("conscription.change")
def citizen_options(request: HttpRequest) -> HttpResponseBase:
    """The picker's <option>s for a name typed in the search box (htmx)."""
    _, scope_path = scope_of(request)
    year = intake_year_of(request)
    citizens = selectors.callup_age_men(user=request.user, path=scope_path, year=year)
    options = picker_options(citizens, q=request.GET.get("q", ""))
    return render(
        request,
        "conscription/partials/citizen_options.html",
        {
            "options": options,
            "selected": request.GET.get("citizen", ""),
            "more": len(options) >= PICKER_LIMIT,
        },
    )


urlpatterns = [
    path("suc-khoe/", health_list, name="health-list"),
    path("suc-khoe/nhap/", health_form, name="health-form"),
    path("cong-dan-goi-nhap-ngu/", citizen_options, name="citizen-options"),
]
