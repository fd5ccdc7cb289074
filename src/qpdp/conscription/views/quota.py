"""Intake and quota pages: open the intake, set the province's quota, share it out, follow completion.

Like every call-up page, each works on a `Place` (`views.common`): the unit asked for or picked, within
the user's scope, and the province whose intake applies.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from qpdp.conscription import rules, selectors, services
from qpdp.conscription.choices import Service
from qpdp.conscription.forms import apply_problems
from qpdp.conscription.models import Intake
from qpdp.conscription.views.common import (
    NO_INTAKE,
    Place,
    communes_in,
    intake_for,
    intake_year_of,
    mark_invalid,
    place_context,
    place_of,
)
from qpdp.core.access import requires
from qpdp.core.errors import DomainError
from qpdp.org.access import user_allows
from qpdp.org.models import Unit
from qpdp.org.scope import can_see_path

# The pool a share is compared with: the eligible, and those already taken from them in this intake.
AVAILABLE = (rules.Status.ELIGIBLE, rules.Status.SELECTED, rules.Status.ORDERED, rules.Status.ENLISTED)


def available_pool(counts: Counter[str]) -> int:
    """The men a commune can fill its share with: eligible now, or already chosen in this intake."""
    return sum(counts.get(status.value, 0) for status in AVAILABLE)


# -- fields of the call-up forms (widgets with their own Bootstrap classes) ----------------------------


def date_field(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=forms.DateInput(
            format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "class": "form-control", "size": 10}
        ),
        error_messages={
            "invalid": f"{label} phải có dạng dd/mm/yyyy, ví dụ 04/03/2026.",
            "required": f"Nhập {label.lower()}.",
        },
    )


def count_field(label: str) -> forms.IntegerField:
    # localize: "1.200" reads as 1200 and shows back as "1.200" (Vietnamese grouping).
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        localize=True,
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "class": "form-control form-control-sm text-end",
                "style": "max-width: 7rem",
            }
        ),
        error_messages={"invalid": "Nhập một số nguyên.", "min_value": "Không được âm."},
    )


def text_field(label: str, *, max_length: int = 255, required: bool = True) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        widget=forms.TextInput(attrs={"class": "form-control"}),
        error_messages={"required": f"Nhập {label.lower()}."},
    )


# -- forms ---------------------------------------------------------------------------------------------


class IntakeForm(forms.Form):
    handover_from = date_field("Giao quân từ ngày")
    handover_to = date_field("Giao quân đến ngày")
    age_reference = date_field(
        "Ngày tính tuổi", required=False, help_text="Để trống: lấy ngày đầu tiên giao quân."
    )


class ProvinceQuotaForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_province_%s")
        super().__init__(*args, **kwargs)

    army = count_field("Chỉ tiêu nhập ngũ Quân đội")
    army_reserve = count_field("Dự phòng Quân đội")
    police = count_field("Chỉ tiêu thực hiện nghĩa vụ CAND")
    police_reserve = count_field("Dự phòng CAND")
    decision_number = text_field("Số quyết định giao chỉ tiêu", max_length=40, required=False)
    decided_on = date_field("Ngày quyết định")


class AllocationForm(forms.Form):
    """Army, police and reserve for every commune of the table (`army_<code>` …), and the decision."""

    decision_number = text_field("Số quyết định phân bổ", max_length=40, required=False)
    decided_on = date_field("Ngày quyết định")

    def __init__(self, *args: Any, communes: list[Unit], **kwargs: Any) -> None:
        # Two forms on one page both have "decided_on": distinct ids keep each label on its field.
        kwargs.setdefault("auto_id", "id_allocation_%s")
        super().__init__(*args, **kwargs)
        for commune in communes:
            self.fields[f"army_{commune.code}"] = count_field(f"Chỉ tiêu Quân đội — {commune.name}")
            self.fields[f"police_{commune.code}"] = count_field(f"Chỉ tiêu CAND — {commune.name}")
            self.fields[f"reserve_{commune.code}"] = count_field(f"Dự phòng — {commune.name}")
        for name, item in self.fields.items():
            if name.startswith(("army_", "police_", "reserve_")):
                item.widget.attrs.update(
                    {"class": item.widget.attrs["class"] + " ms-auto", "style": "width: 5.5rem"}
                )


# -- reads of the page ---------------------------------------------------------------------------------


class _Completion:
    """Quota (army and police), enlisted, completion and what remains, of a row or of the totals."""

    army: int
    police: int
    enlisted_army: int
    enlisted_police: int

    @property
    def quota(self) -> int:
        return self.army + self.police

    @property
    def enlisted(self) -> int:
        return self.enlisted_army + self.enlisted_police

    @property
    def completion(self) -> Decimal | None:
        return rules.completion_percent(self.enlisted, self.quota)

    @property
    def remaining(self) -> int:
        return max(self.quota - self.enlisted, 0)


@dataclass
class QuotaRow(_Completion):
    commune: Unit
    eligible: int
    available: int
    army: int = 0
    police: int = 0
    reserve: int = 0
    enlisted_army: int = 0
    enlisted_police: int = 0
    warnings: tuple[str, ...] = ()
    fields: dict[str, Any] = field(default_factory=dict)  # bound fields of the allocation form


@dataclass
class ProvinceLine:
    service: str
    label: str
    count: int
    reserve: int
    allocated: int

    @property
    def remaining(self) -> int:
        return self.count - self.allocated


def quota_rows(user: Any, intake: Intake, place: Place, communes: list[Unit]) -> list[QuotaRow]:
    """One row per commune: eligible pool, shares (army, police, reserve), enlisted, completion."""
    quotas = selectors.commune_quotas(user=user, intake=intake, path=place.path)
    enlisted = selectors.enlisted_counts(user=user, intake=intake, path=place.path)
    pool = selectors.pool_summary_over(place.prefixes, intake.year, intake.age_reference)
    rows = []
    for commune in communes:
        army, police = quotas.get((commune.path, Service.ARMY)), quotas.get((commune.path, Service.POLICE))
        counts = pool.get(commune.path, Counter())
        row = QuotaRow(
            commune=commune,
            eligible=counts.get(rules.Status.ELIGIBLE.value, 0),
            available=available_pool(counts),
            army=army.count if army else 0,
            police=police.count if police else 0,
            reserve=(army.reserve if army else 0) + (police.reserve if police else 0),
            enlisted_army=enlisted.get((commune.path, Service.ARMY), 0),
            enlisted_police=enlisted.get((commune.path, Service.POLICE), 0),
        )
        if row.quota or row.reserve:
            check = rules.quota_check(
                count=row.quota, reserve=row.reserve, parent_remaining=None, eligible_pool=row.available
            )
            row.warnings = check.warnings
        rows.append(row)
    return rows


def province_lines(user: Any, intake: Intake) -> list[ProvinceLine]:
    """The province's own quota per service and how much of it is shared out (only for those who see it)."""
    if not can_see_path(user, intake.unit_path):
        return []
    quotas = selectors.unit_quotas(intake, intake.province)
    given = selectors.allocated_counts(intake, intake.province)
    lines = []
    for service, label in Service.choices:
        quota = quotas.get(service)
        lines.append(
            ProvinceLine(
                service, label, quota.count if quota else 0, quota.reserve if quota else 0, given[service]
            )
        )
    return lines


@dataclass
class Totals(_Completion):
    eligible: int = 0
    army: int = 0
    police: int = 0
    reserve: int = 0
    enlisted_army: int = 0
    enlisted_police: int = 0


def totals_of(rows: list[QuotaRow]) -> Totals:
    totals = Totals()
    for row in rows:
        totals.eligible += row.eligible
        totals.army += row.army
        totals.police += row.police
        totals.reserve += row.reserve
        totals.enlisted_army += row.enlisted_army
        totals.enlisted_police += row.enlisted_police
    return totals


# -- pages ---------------------------------------------------------------------------------------------


def _quota_url(year: int, place: Place) -> str:
    return f"{reverse('conscription:quota')}?year={year}{place.query}"


def _render_quota(
    request: HttpRequest,
    *,
    intake_form: IntakeForm | None = None,
    province_form: ProvinceQuotaForm | None = None,
    allocation_form: AllocationForm | None = None,
) -> HttpResponseBase:
    year = intake_year_of(request)
    place = place_of(request)
    intake = intake_for(place, year)
    user = request.user
    can_quota = user_allows(user, "conscription.quota") and bool(place.province_path)
    context = place_context(request, place, year, intake=intake)
    if intake is None:
        if can_quota and can_see_path(user, place.province_path):
            start, end = rules.default_handover(year)
            context["intake_form"] = intake_form or IntakeForm(
                initial={"handover_from": start, "handover_to": end}
            )
        return render(request, "conscription/quota/quota.html", context)
    communes = communes_in(user, place)
    rows = quota_rows(user, intake, place, communes)
    lines = province_lines(user, intake)
    can_allocate = can_quota and can_see_path(user, intake.unit_path)
    if can_allocate:
        if allocation_form is None:
            initial: dict[str, Any] = {"decided_on": dt.date.today()}
            quotas = selectors.commune_quotas(user=user, intake=intake, path=place.path)
            for row in rows:
                army = quotas.get((row.commune.path, Service.ARMY))
                police = quotas.get((row.commune.path, Service.POLICE))
                initial[f"army_{row.commune.code}"] = row.army
                initial[f"police_{row.commune.code}"] = row.police
                initial[f"reserve_{row.commune.code}"] = row.reserve
                decided = army or police
                if decided is not None:
                    initial["decision_number"] = decided.decision_number
            allocation_form = AllocationForm(initial=initial, communes=communes)
        for row in rows:
            row.fields = {
                kind: allocation_form[f"{kind}_{row.commune.code}"] for kind in ("army", "police", "reserve")
            }
        if province_form is None:
            by_service = {line.service: line for line in lines}
            army_line, police_line = by_service.get(Service.ARMY), by_service.get(Service.POLICE)
            province_form = ProvinceQuotaForm(
                initial={
                    "army": army_line.count if army_line else 0,
                    "army_reserve": army_line.reserve if army_line else 0,
                    "police": police_line.count if police_line else 0,
                    "police_reserve": police_line.reserve if police_line else 0,
                    "decided_on": dt.date.today(),
                }
            )
    context.update(
        {
            "rows": rows,
            "totals": totals_of(rows),
            "province_lines": lines,
            "can_allocate": can_allocate,
            "allocation_form": allocation_form,
            "province_form": province_form,
            "authority": rules.authority(rules.Act.QUOTA_TO_COMMUNES, dt.date.today()),
        }
    )
    return render(request, "conscription/quota/quota.html", context)


@requires("conscription.view")
def quota(request: HttpRequest) -> HttpResponseBase:
    """The quotas of the communes in scope, their completion, and (province) the forms to set them."""
    return _render_quota(request)


def _province_unit(request: HttpRequest, place: Place) -> Unit | None:
    if not place.province_path:
        return None
    return selectors.visible_unit_at(user=request.user, path=place.province_path)


@requires("conscription.quota")
@require_POST
def intake_open(request: HttpRequest) -> HttpResponseBase:
    year = intake_year_of(request)
    place = place_of(request)
    form = IntakeForm(request.POST)
    province = _province_unit(request, place)
    if province is None:
        messages.error(request, "Chọn tỉnh (hoặc một xã của tỉnh) để mở đợt tuyển quân.")
        return redirect(_quota_url(year, place))
    if form.is_valid():
        try:
            services.open_intake(
                actor=request.user,
                province=province,
                year=year,
                handover_from=form.cleaned_data["handover_from"],
                handover_to=form.cleaned_data["handover_to"],
                age_reference=form.cleaned_data["age_reference"],
            )
        except DomainError as refusal:
            apply_problems(form, refusal, {"province": "handover_from"})
        else:
            messages.success(request, f"Đã mở đợt tuyển quân năm {year} của {province.name}.")
            return redirect(_quota_url(year, place))
    mark_invalid(form)
    return _render_quota(request, intake_form=form)


@requires("conscription.quota")
@require_POST
def province_quota(request: HttpRequest) -> HttpResponseBase:
    year = intake_year_of(request)
    place = place_of(request)
    intake = intake_for(place, year)
    province = _province_unit(request, place)
    if intake is None or province is None:
        messages.error(request, NO_INTAKE.format(year=year))
        return redirect(_quota_url(year, place))
    form = ProvinceQuotaForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        existing = selectors.unit_quotas(intake, province)
        warnings: list[str] = []
        try:
            with transaction.atomic():
                for service, count_name, reserve_name in (
                    (Service.ARMY, "army", "army_reserve"),
                    (Service.POLICE, "police", "police_reserve"),
                ):
                    count, reserve = data[count_name] or 0, data[reserve_name] or 0
                    current = existing.get(service)
                    if current is None and not count and not reserve:
                        continue
                    if current is not None and (current.count, current.reserve) == (count, reserve):
                        continue
                    try:
                        result = services.set_quota(
                            actor=request.user,
                            intake=intake,
                            unit=province,
                            service=service,
                            count=count,
                            reserve=reserve,
                            decision_number=data["decision_number"],
                            decided_on=data["decided_on"],
                        )
                    except DomainError as refusal:
                        apply_problems(form, refusal, {"count": count_name, "unit": count_name})
                        raise
                    warnings.extend(result.warnings)
        except DomainError:
            pass
        else:
            messages.success(request, f"Đã lưu chỉ tiêu của {province.name}.")
            for warning in warnings:
                messages.warning(request, warning)
            return redirect(_quota_url(year, place))
    mark_invalid(form)
    return _render_quota(request, province_form=form)


@dataclass(frozen=True)
class _Change:
    commune: Unit
    service: str
    count: int
    reserve: int
    field: str
    decrease: bool


@requires("conscription.quota")
@require_POST
def quota_allocate(request: HttpRequest) -> HttpResponseBase:
    """Share the province's quota out to its communes, all rows or none.

    Lowered shares are written before raised ones, so that moving a share from one commune to another
    in one submission is never refused for lack of what the province has left. A share above a
    commune's eligible pool is saved with a warning; above the province's remainder it is refused.
    The reserve of a commune is kept on its army share.
    """
    year = intake_year_of(request)
    place = place_of(request)
    intake = intake_for(place, year)
    if intake is None or not can_see_path(request.user, intake.unit_path):
        messages.error(request, NO_INTAKE.format(year=year))
        return redirect(_quota_url(year, place))
    communes = communes_in(request.user, place)
    form = AllocationForm(request.POST, communes=communes)
    if form.is_valid():
        data = form.cleaned_data
        quotas = selectors.commune_quotas(user=request.user, intake=intake, path=place.path)
        pool = selectors.pool_summary_over(place.prefixes, intake.year, intake.age_reference)
        changes: list[_Change] = []
        for commune in communes:
            reserve = data.get(f"reserve_{commune.code}") or 0
            for service, name in ((Service.ARMY, "army"), (Service.POLICE, "police")):
                count = data.get(f"{name}_{commune.code}") or 0
                wanted_reserve = reserve if service == Service.ARMY else 0
                current = quotas.get((commune.path, service))
                if current is None and not count and not wanted_reserve:
                    continue
                if current is not None and (current.count, current.reserve) == (count, wanted_reserve):
                    continue
                changes.append(
                    _Change(
                        commune,
                        service,
                        count,
                        wanted_reserve,
                        f"{name}_{commune.code}",
                        current is not None and count < current.count,
                    )
                )
        changes.sort(key=lambda c: not c.decrease)
        warnings: list[str] = []
        refused = False
        with transaction.atomic():
            for change in changes:
                eligible = available_pool(pool.get(change.commune.path, Counter()))
                try:
                    result = services.set_quota(
                        actor=request.user,
                        intake=intake,
                        unit=change.commune,
                        service=change.service,
                        count=change.count,
                        reserve=change.reserve,
                        decision_number=data["decision_number"],
                        decided_on=data["decided_on"],
                        eligible_pool=eligible,
                    )
                except DomainError as refusal:
                    refused = True
                    for problem in refusal.problems:
                        name = problem.field if problem.field in form.fields else change.field
                        form.add_error(name, problem.message)
                else:
                    warnings.extend(f"{change.commune.name}: {w}" for w in result.warnings)
            if refused:
                transaction.set_rollback(True)
        if not refused:
            if changes:
                messages.success(
                    request, f"Đã lưu chỉ tiêu của {len({c.commune.pk for c in changes})} xã, phường."
                )
            else:
                messages.info(request, "Không có thay đổi chỉ tiêu.")
            for warning in dict.fromkeys(warnings):
                messages.warning(request, warning)
            return redirect(_quota_url(year, place))
    mark_invalid(form)
    return _render_quota(request, allocation_form=form)


urlpatterns = [
    path("chi-tieu/", quota, name="quota"),
    path("chi-tieu/mo-dot/", intake_open, name="intake-open"),
    path("chi-tieu/tinh/", province_quota, name="quota-province"),
    path("chi-tieu/phan-bo/", quota_allocate, name="quota-allocate"),
]
