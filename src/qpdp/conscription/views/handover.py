"""Handover pages: the intake's ceremonies, and at each one the outcome of every citizen and replacements."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from qpdp.conscription import rules, selectors, services
from qpdp.conscription.choices import CallUpStatus
from qpdp.conscription.forms import apply_problems
from qpdp.conscription.models import CallUp, Handover
from qpdp.conscription.views.callup import authority_attrs, form_date
from qpdp.conscription.views.common import (
    NO_INTAKE,
    Place,
    intake_for,
    intake_year_of,
    mark_invalid,
    place_context,
    place_of,
)
from qpdp.conscription.views.quota import date_field, text_field
from qpdp.core.access import requires
from qpdp.core.errors import DomainError
from qpdp.org.access import user_allows
from qpdp.org.models import Unit
from qpdp.people.models import Citizen


class HandoverForm(forms.Form):
    held_on = date_field("Ngày giao quân")
    place = text_field("Địa điểm")
    receiving_units = text_field("Đơn vị nhận quân", max_length=500)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["held_on"].widget.attrs.update(authority_attrs(rules.Act.HANDOVER, "handover-authority"))


def _organiser_of(place: Place) -> Unit | None:
    """The province organises (a regional officer's ceremony is his command's province's)."""
    return selectors.unit_at(place.province_path) if place.province_path else None


def _render_handovers(request: HttpRequest, form: HandoverForm | None = None) -> HttpResponseBase:
    year = intake_year_of(request)
    place = place_of(request)
    intake = intake_for(place, year)
    context = place_context(request, place, year, intake=intake)
    if intake is not None:
        can_create = user_allows(request.user, "conscription.handover")
        if can_create and form is None:
            form = HandoverForm(initial={"held_on": intake.handover_from})
        context.update(
            {
                "handovers": selectors.intake_handovers(user=request.user, intake=intake),
                "form": form if can_create else None,
                "organiser": _organiser_of(place),
                "handover_day": (held_on := form_date(form, "held_on", intake.handover_from)),
                "handover_authority": rules.authority(rules.Act.HANDOVER, held_on),
            }
        )
    return render(request, "conscription/callup/handovers.html", context)


@requires("conscription.view")
def handovers(request: HttpRequest) -> HttpResponseBase:
    return _render_handovers(request)


@requires("conscription.handover")
@require_POST
def handover_create(request: HttpRequest) -> HttpResponseBase:
    """A handover ceremony (create_handover), organised by the province."""
    year = intake_year_of(request)
    place = place_of(request)
    intake = intake_for(place, year)
    organiser = _organiser_of(place)
    form = HandoverForm(request.POST)
    if intake is None or organiser is None:
        messages.error(request, NO_INTAKE.format(year=year))
        return redirect(f"{reverse('conscription:handovers')}?year={year}{place.query}")
    if form.is_valid():
        try:
            handover = services.create_handover(
                actor=request.user, intake=intake, organiser=organiser, **form.cleaned_data
            )
        except DomainError as refusal:
            apply_problems(form, refusal, {"organiser": "", "unit": ""})
        else:
            messages.success(request, f"Đã tạo lễ giao nhận quân ngày {handover.held_on:%d/%m/%Y}.")
            return redirect("conscription:handover-detail", handover_id=handover.pk)
    mark_invalid(form)
    return _render_handovers(request, form)


OUTCOME_CHOICES = [(value, label) for value, label in services.OUTCOMES.items()]


class OutcomeForm(forms.Form):
    callup = forms.IntegerField(widget=forms.HiddenInput)
    outcome = forms.ChoiceField(label="Kết quả", choices=OUTCOME_CHOICES)
    on = date_field("Ngày")
    reason = forms.CharField(label="Lý do", max_length=255, required=False)
    receiving_unit = forms.CharField(label="Đơn vị nhận", max_length=200, required=False)


class ReplacementForm(forms.Form):
    callup = forms.IntegerField(widget=forms.HiddenInput)
    replacement = forms.IntegerField(
        label="Người thay thế", error_messages={"required": "Chọn người thay thế."}
    )
    selected_on = date_field("Ngày chọn")


def _replacement_choices(
    request: HttpRequest, handover: Handover, rows: list[CallUp]
) -> dict[int, list[Citizen]]:
    """Eligible men of each commune that has someone to replace, in priority order."""
    needing = {
        row.commune_id: row.commune
        for row in rows
        if row.status in (CallUpStatus.NOT_REPORTED, CallUpStatus.RETURNED)
        and not hasattr(row, "replaced_by")
    }
    return {
        pk: list(
            selectors.eligible_citizens(user=request.user, commune=commune, intake=handover.intake)[:200]
        )
        for pk, commune in needing.items()
    }


def _render_handover(
    request: HttpRequest,
    handover: Handover,
    *,
    outcome_form: OutcomeForm | None = None,
    replacement_form: ReplacementForm | None = None,
) -> HttpResponseBase:
    place = place_of(request)
    rows = selectors.handover_callups(
        user=request.user, handover=handover, path=place.path if place.unit is not None else None
    )
    can_record = user_allows(request.user, "conscription.handover")
    error_row = None
    for form in (outcome_form, replacement_form):
        if form is not None and form.is_bound:
            raw = form.data.get("callup", "")
            error_row = int(raw) if str(raw).isdigit() else None
    for row in rows:
        row.has_replacement = hasattr(row, "replaced_by")  # type: ignore[attr-defined]
    context = {
        "handover": handover,
        "rows": rows,
        "can_record": can_record,
        "candidates": _replacement_choices(request, handover, rows) if can_record else {},
        "row_form": outcome_form or replacement_form,
        "error_row": error_row,
        "error_citizen": next((r.citizen.full_name for r in rows if r.pk == error_row), ""),
        "year": handover.intake.year,
        "place": place,
        "enlisted": sum(1 for r in rows if r.status == CallUpStatus.ENLISTED),
        "today": dt.date.today(),
    }
    return render(request, "conscription/callup/handover_detail.html", context)


@requires("conscription.view")
def handover_detail(request: HttpRequest, handover_id: int) -> HttpResponseBase:
    """A ceremony and the ordered citizens of the user's scope, each with the outcome to record."""
    return _render_handover(request, selectors.handover_detail(user=request.user, handover_id=handover_id))


def _row_callup(request: HttpRequest, form: forms.Form, handover: Handover) -> CallUp | None:
    callup_id = int(form.cleaned_data.get("callup") or 0)
    callup = selectors.intake_callup(user=request.user, intake=handover.intake, callup_id=callup_id)
    if callup is None:
        form.add_error(None, services.NOT_FOUND_CITIZEN)
    return callup


@requires("conscription.handover")
@require_POST
def handover_outcome(request: HttpRequest, handover_id: int) -> HttpResponseBase:
    """Enlisted, not reported (reason) or returned after re-check (reason): record_outcome."""
    handover = selectors.handover_detail(user=request.user, handover_id=handover_id)
    form = OutcomeForm(request.POST)
    if form.is_valid() and (callup := _row_callup(request, form, handover)) is not None:
        data = form.cleaned_data
        try:
            services.record_outcome(
                actor=request.user,
                callup=callup,
                outcome=data["outcome"],
                on=data["on"],
                reason=data["reason"],
                handover=None if data["outcome"] == CallUpStatus.NOT_REPORTED else handover,
                receiving_unit=data["receiving_unit"],
            )
        except DomainError as refusal:
            apply_problems(
                form, refusal, {"outcome_reason": "reason", "handover": "outcome", "callup": "outcome"}
            )
        else:
            messages.success(
                request, f"{callup.citizen.full_name}: {services.OUTCOMES[data['outcome']].lower()}."
            )
            return redirect(_handover_url(request, handover))
    mark_invalid(form)
    return _render_handover(request, handover, outcome_form=form)


def _handover_url(request: HttpRequest, handover: Handover) -> str:
    url = reverse("conscription:handover-detail", kwargs={"handover_id": handover.pk})
    unit = place_of(request).unit
    return f"{url}?unit={unit.code}" if unit is not None else url


@requires("conscription.handover")
@require_POST
def handover_replacement(request: HttpRequest, handover_id: int) -> HttpResponseBase:
    """A reserve called in place of one who did not report or was returned (call_replacement)."""
    handover = selectors.handover_detail(user=request.user, handover_id=handover_id)
    form = ReplacementForm(request.POST)
    if form.is_valid() and (callup := _row_callup(request, form, handover)) is not None:
        replacement = selectors.visible_citizen(
            user=request.user, citizen_id=form.cleaned_data["replacement"]
        )
        if replacement is None:
            form.add_error("replacement", services.NOT_FOUND_CITIZEN)
        else:
            try:
                services.call_replacement(
                    actor=request.user,
                    callup=callup,
                    replacement=replacement,
                    selected_on=form.cleaned_data["selected_on"],
                )
            except DomainError as refusal:
                apply_problems(form, refusal, {"citizen": "replacement", "callup": "replacement"})
            else:
                messages.success(
                    request,
                    f"Đã gọi {replacement.full_name} thay cho {callup.citizen.full_name}; "
                    "người thay thế cần có quyết định và lệnh gọi nhập ngũ.",
                )
                return redirect(_handover_url(request, handover))
    mark_invalid(form)
    return _render_handover(request, handover, replacement_form=form)


urlpatterns = [
    path("giao-quan/", handovers, name="handovers"),
    path("giao-quan/tao/", handover_create, name="handover-create"),
    path("giao-quan/<int:handover_id>/", handover_detail, name="handover-detail"),
    path("giao-quan/<int:handover_id>/ket-qua/", handover_outcome, name="handover-outcome"),
    path("giao-quan/<int:handover_id>/thay-the/", handover_replacement, name="handover-replacement"),
]
