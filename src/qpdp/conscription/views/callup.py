"""Call-up pages: the commune's selection, the decision and orders, each call-up and its delivery.

Every page works on a `Place` (see `views.common`): the unit asked for or picked, within the user's
scope; every read is a scoped selector of `conscription.selectors` (lists through `visible_to`,
single records through `get_visible_or_404`), and every change one service of `conscription.services`.
The decision and the orders are printed by `views.printing`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from qpdp.conscription import rules, selectors, services
from qpdp.conscription.choices import CallUpStatus, Service
from qpdp.conscription.forms import apply_problems
from qpdp.conscription.models import CallUp
from qpdp.conscription.views.common import (
    Place,
    communes_in,
    intake_for,
    intake_year_of,
    mark_invalid,
    page_of,
    place_context,
    place_of,
)
from qpdp.conscription.views.quota import date_field, text_field
from qpdp.core.access import requires
from qpdp.core.errors import DomainError
from qpdp.org.access import user_allows
from qpdp.org.choices import UnitKind
from qpdp.org.models import Unit

CALLUP_PAGE_SIZE = 200
NO_PICK = "Chọn ít nhất một công dân trong danh sách."


def _picks(request: HttpRequest) -> list[int]:
    return [int(v) for v in request.POST.getlist("pick") if v.isdigit()]


def _commune_of(place: Place) -> Unit | None:
    """The commune a commune-level page works on: the one asked for, or the user's only commune."""
    if place.is_commune:
        return place.unit
    if len(place.prefixes) == 1:
        unit = selectors.unit_at(place.prefixes[0])
        if unit is not None and unit.kind == UnitKind.COMMUNE:
            return unit
    return None


# -- selection ---------------------------------------------------------------------------------------------

# The order of `selectors.eligible_citizens` (TT 148/2018 Art. 4(4)), as the page explains it.
PRIORITY_NOTE = (
    "Thứ tự ưu tiên: trình độ chuyên môn (đại học, cao đẳng, trung cấp), rồi trình độ văn hóa từ cao "
    "xuống thấp (khoản 4 Điều 4 Thông tư 148/2018/TT-BQP), rồi người nhiều tuổi hơn trước (sắp hết "
    "tuổi gọi nhập ngũ), rồi họ tên."
)


class SelectionForm(forms.Form):
    selected_on = date_field("Ngày Hội đồng NVQS xã chọn")
    short_quota_approved = forms.BooleanField(
        label="Địa phương không đủ chỉ tiêu, đã được phê duyệt gọi công dân học hết lớp 7 (Quân đội) "
        "hoặc THCS (CAND)",
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )


@requires("conscription.change")
def selection(request: HttpRequest) -> HttpResponseBase:
    """The commune's eligible men in priority order; the ticked ones are selected (select_citizens)."""
    year = intake_year_of(request)
    place = place_of(request)
    intake = intake_for(place, year)
    commune = _commune_of(place)
    context = place_context(request, place, year, intake=intake, commune=commune, priority_note=PRIORITY_NOTE)
    if intake is None or commune is None:
        context["communes"] = communes_in(request.user, place) if commune is None else []
        return render(request, "conscription/callup/selection.html", context)
    form = SelectionForm(request.POST or None, initial={"selected_on": dt.date.today()})
    refusals: list[str] = []
    picks = _picks(request) if request.method == "POST" else []
    if request.method == "POST":
        if not picks:
            form.add_error(None, NO_PICK)
        if form.is_valid():
            found = selectors.visible_citizens(user=request.user, ids=picks)
            refusals = [services.NOT_FOUND_CITIZEN for pk in picks if pk not in found]
            choices = [
                services.Selection(
                    citizen=found[pk],
                    service=Service.POLICE
                    if request.POST.get(f"service_{pk}") == Service.POLICE
                    else Service.ARMY,
                    volunteer=bool(request.POST.get(f"volunteer_{pk}")),
                    party_member=bool(request.POST.get(f"party_{pk}")),
                    short_quota_approved=form.cleaned_data["short_quota_approved"],
                )
                for pk in picks
                if pk in found
            ]
            if not refusals:
                try:
                    created = services.select_citizens(
                        actor=request.user,
                        intake=intake,
                        selections=choices,
                        selected_on=form.cleaned_data["selected_on"],
                    )
                except DomainError as refusal:
                    refusals = [p.message for p in refusal.problems]
                else:
                    messages.success(request, f"Đã chọn {len(created)} công dân của {commune.name}.")
                    return redirect(f"{reverse('conscription:selection')}?year={year}&unit={commune.code}")
    mark_invalid(form)
    posted: Any = request.POST if request.method == "POST" else {}
    selected = selectors.commune_callups(user=request.user, intake=intake, commune=commune)
    quota_total = sum(q.count for q in selectors.unit_quotas(intake, commune).values())
    context.update(
        {
            "form": form,
            "rows": [
                {
                    "citizen": c,
                    "pk": str(c.pk),
                    "picked": c.pk in picks,
                    "service": posted.get(f"service_{c.pk}") or Service.ARMY,
                    "volunteer": bool(posted.get(f"volunteer_{c.pk}")),
                    "party": bool(posted.get(f"party_{c.pk}")),
                }
                for c in selectors.eligible_citizens(user=request.user, commune=commune, intake=intake)
            ],
            "refusals": refusals,
            "selected": selected,
            "quota_total": quota_total,
            "services": Service.choices,
        }
    )
    return render(request, "conscription/callup/selection.html", context)


# -- decision and orders -----------------------------------------------------------------------------------


def authority_attrs(act: rules.Act, target: str) -> dict[str, str]:
    """htmx: show who signs on the date being typed."""
    return {
        "hx-get": f"{reverse('conscription:authority')}?act={act.value}",
        "hx-trigger": "change, keyup changed delay:500ms",
        "hx-target": f"#{target}",
        "hx-include": "this",
    }


class DecideForm(forms.Form):
    decision_number = text_field("Số quyết định", max_length=40)
    decided_on = date_field("Ngày quyết định")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decided_on"].widget.attrs.update(
            authority_attrs(rules.Act.CALLUP_LIST, "decide-authority")
        )


class OrderForm(forms.Form):
    signed_on = date_field("Ngày ký lệnh")
    report_on = date_field("Ngày có mặt")
    report_place = text_field("Nơi có mặt")
    signer_name = text_field("Họ tên người ký", max_length=100, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["signed_on"].widget.attrs.update(
            authority_attrs(rules.Act.ENLISTMENT_ORDER, "order-authority")
        )


def _render_callups(
    request: HttpRequest,
    *,
    decide_form: DecideForm | None = None,
    order_form: OrderForm | None = None,
) -> HttpResponseBase:
    year = intake_year_of(request)
    place = place_of(request)
    intake = intake_for(place, year)
    context = place_context(request, place, year, intake=intake)
    if intake is None:
        return render(request, "conscription/callup/callups.html", context)
    status = request.GET.get("status", "")
    base = selectors.place_callups(user=request.user, intake=intake, path=place.path)
    counts = selectors.callup_status_counts(base)
    queryset = base
    if status in CallUpStatus.values:
        queryset = queryset.filter(status=status)
    ordered = queryset.order_by("commune__search_name", "commune_id", "status", "priority", "pk")
    page = page_of(request, ordered, CALLUP_PAGE_SIZE)
    today = dt.date.today()
    can_decide = user_allows(request.user, "conscription.decide")
    can_order = user_allows(request.user, "conscription.change")
    if can_decide and decide_form is None:
        decide_form = DecideForm(initial={"decided_on": today})
    if can_order and order_form is None:
        order_form = OrderForm(initial={"signed_on": today, "report_on": intake.handover_from})
    decisions = sorted(selectors.decision_numbers(base), key=lambda pair: (pair[1] or today, pair[0]))
    context.update(
        {
            "page": page,
            "status": status,
            "statuses": [(value, label, counts.get(value, 0)) for value, label in CallUpStatus.choices],
            "total": sum(counts.values()),
            "can_decide": can_decide,
            "can_order": can_order,
            "decide_form": decide_form,
            "order_form": order_form,
            "picks": set(_picks(request)) if request.method == "POST" else set(),
            "decide_day": (decide_day := form_date(decide_form, "decided_on", today)),
            "decide_authority": rules.authority(rules.Act.CALLUP_LIST, decide_day),
            "order_day": (order_day := form_date(order_form, "signed_on", today)),
            "order_authority": rules.authority(rules.Act.ENLISTMENT_ORDER, order_day),
            "decisions": decisions,
            "extra_query": [("status", status)] if status else [],
        }
    )
    return render(request, "conscription/callup/callups.html", context)


def form_date(form: forms.Form | None, name: str, default: dt.date) -> dt.date:
    if form is not None and form.is_bound and form.is_valid():
        value = form.cleaned_data.get(name)
        if isinstance(value, dt.date):
            return value
    return default


@requires("conscription.view")
def callups(request: HttpRequest) -> HttpResponseBase:
    """The unit's call-ups with their status; the decision and the orders for the ticked ones."""
    return _render_callups(request)


def callups_url(request: HttpRequest) -> str:
    """The call-up page of the year and place asked for (where a form or a printout leads back to)."""
    year = intake_year_of(request)
    return f"{reverse('conscription:callups')}?year={year}{place_of(request).query}"


def _picked_callups(request: HttpRequest) -> list[CallUp]:
    return selectors.picked_callups(user=request.user, ids=_picks(request))


@requires("conscription.decide")
@require_POST
def callup_decide(request: HttpRequest) -> HttpResponseBase:
    """The provincial chairman's decision on the ticked citizens (decide_callup)."""
    form = DecideForm(request.POST)
    chosen = _picked_callups(request)
    if not chosen:
        form.add_error(None, NO_PICK)
    if form.is_valid():
        try:
            decided = services.decide_callup(
                actor=request.user,
                callups=chosen,
                decision_number=form.cleaned_data["decision_number"],
                decided_on=form.cleaned_data["decided_on"],
            )
        except DomainError as refusal:
            apply_problems(form, refusal)
        else:
            messages.success(
                request,
                f"Đã ghi quyết định số {form.cleaned_data['decision_number']} "
                f"gọi {len(decided)} công dân nhập ngũ.",
            )
            return redirect(callups_url(request))
    mark_invalid(form)
    return _render_callups(request, decide_form=form)


@requires("conscription.change")
@require_POST
def callup_orders(request: HttpRequest) -> HttpResponseBase:
    """Orders for the ticked decided citizens (issue_orders), numbered per commune."""
    form = OrderForm(request.POST)
    chosen = _picked_callups(request)
    if not chosen:
        form.add_error(None, NO_PICK)
    if form.is_valid():
        try:
            ordered = services.issue_orders(actor=request.user, callups=chosen, **form.cleaned_data)
        except DomainError as refusal:
            apply_problems(form, refusal)
        else:
            messages.success(request, f"Đã cấp {len(ordered)} lệnh gọi nhập ngũ.")
            return redirect(callups_url(request))
    mark_invalid(form)
    return _render_callups(request, order_form=form)


def _date_param(raw: str) -> dt.date | None:
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(raw.strip(), fmt).date()
        except ValueError:
            continue
    return None


@requires("conscription.view")
def authority_hint(request: HttpRequest) -> HttpResponseBase:
    """htmx fragment: who signs an act on the date typed (the rule in force on that date)."""
    acts = {a.value: a for a in (rules.Act.CALLUP_LIST, rules.Act.ENLISTMENT_ORDER, rules.Act.HANDOVER)}
    act = acts.get(request.GET.get("act", ""), rules.Act.ENLISTMENT_ORDER)
    raw = next(
        (request.GET[n] for n in ("on", "decided_on", "signed_on", "held_on") if request.GET.get(n)), ""
    )
    day = _date_param(raw) or dt.date.today()
    try:
        law = rules.authority(act, day)
    except LookupError as missing:
        return HttpResponse(f'<span class="text-danger">{missing}</span>')
    return render(request, "conscription/callup/_authority.html", {"law": law, "day": day})


class DeliveryForm(forms.Form):
    delivered_on = date_field("Ngày giao lệnh cho công dân")


def _render_detail(
    request: HttpRequest, callup: CallUp, delivery_form: DeliveryForm | None = None
) -> HttpResponseBase:
    can_change = user_allows(request.user, "conscription.change")
    if can_change and callup.status == CallUpStatus.ORDERED and delivery_form is None:
        delivery_form = DeliveryForm(initial={"delivered_on": callup.delivered_on or dt.date.today()})
    replacement = selectors.replacement_of(user=request.user, callup=callup)
    context = {
        "callup": callup,
        "standing": selectors.status_of(
            callup.citizen, callup.intake.year, reference=callup.intake.age_reference
        ),
        "delivery_form": delivery_form if callup.status == CallUpStatus.ORDERED else None,
        "replacement": replacement,
        "year": callup.intake.year,
        "lead_days": rules.ORDER_LEAD_DAYS,
    }
    return render(request, "conscription/callup/callup_detail.html", context)


@requires("conscription.view")
def callup_detail(request: HttpRequest, callup_id: int) -> HttpResponseBase:
    return _render_detail(request, selectors.callup_detail(user=request.user, callup_id=callup_id))


@requires("conscription.change")
@require_POST
def callup_deliver(request: HttpRequest, callup_id: int) -> HttpResponseBase:
    """The order handed to the citizen (record_delivery: at least 15 days before reporting)."""
    callup = selectors.callup_detail(user=request.user, callup_id=callup_id)
    form = DeliveryForm(request.POST)
    if form.is_valid():
        try:
            services.record_delivery(
                actor=request.user, callup=callup, delivered_on=form.cleaned_data["delivered_on"]
            )
        except DomainError as refusal:
            apply_problems(form, refusal, {"callup": "delivered_on"})
        else:
            messages.success(request, f"Đã ghi ngày giao lệnh cho {callup.citizen.full_name}.")
            return redirect("conscription:callup-detail", callup_id=callup.pk)
    mark_invalid(form)
    return _render_detail(request, callup, form)


urlpatterns = [
    path("chon/", selection, name="selection"),
    path("goi-nhap-ngu/", callups, name="callups"),
    path("goi-nhap-ngu/quyet-dinh/", callup_decide, name="callup-decide"),
    path("goi-nhap-ngu/cap-lenh/", callup_orders, name="callup-orders"),
    path("goi-nhap-ngu/tham-quyen/", authority_hint, name="authority"),
    path("goi-nhap-ngu/<int:callup_id>/", callup_detail, name="callup-detail"),
    path("goi-nhap-ngu/<int:callup_id>/giao-lenh/", callup_deliver, name="callup-deliver"),
]
