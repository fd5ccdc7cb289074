"""Deferment and exemption pages: the decisions of an intake, the public posting of their list (with the
printable list, identity numbers masked) and the complaints received while it is posted."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from qpdp.conscription import rules, selectors, services
from qpdp.conscription.choices import ReliefKind
from qpdp.conscription.documents import RELIEF_KIND_SHORT as KIND_SHORT
from qpdp.conscription.documents import ground_label, public_list_document
from qpdp.conscription.forms import (
    ComplaintForm,
    EndReliefForm,
    PostingForm,
    ReliefForm,
    ResolveForm,
    apply_problems,
)
from qpdp.conscription.models import Complaint, Posting, Relief
from qpdp.conscription.views.common import (
    DOCUMENT_FORMATS,
    document_response,
    intake_year_of,
    scope_of,
    year_choices,
)
from qpdp.conscription.views.health import render_picker_form
from qpdp.core.access import requires
from qpdp.core.errors import DomainError
from qpdp.org.access import user_allows
from qpdp.org.choices import UnitKind
from qpdp.org.selectors import unit_detail, unit_list

ROW_LIMIT = 1000
NO_COMPLAINT = "Chọn phản ánh cần giải quyết."


# -- deferments and exemptions ---------------------------------------------------------------------


@requires("conscription.view")
def relief_list(request: HttpRequest) -> HttpResponseBase:
    unit, scope_path = scope_of(request)
    year = intake_year_of(request)
    kind = request.GET.get("kind", "")
    reliefs = selectors.reliefs(user=request.user).filter(intake_year=year, unit_path__startswith=scope_path)
    summary = selectors.relief_ground_counts(reliefs)
    if kind in ReliefKind.values:
        reliefs = reliefs.filter(kind=kind)
    rows = [
        (r, ground_label(r.ground))
        for r in reliefs.select_related("citizen__village").order_by("kind", "ground", "citizen__sort_key")[
            :ROW_LIMIT
        ]
    ]
    grounds = sorted(
        summary.items(),
        key=lambda item: (item[0][0] != ReliefKind.DEFERMENT, rules.GROUND_ORDER.get(item[0][1], 99)),
    )
    context = {
        "unit": unit,
        "year": year,
        "years": year_choices(year),
        "kind": kind,
        "kinds": ReliefKind.choices,
        "kind_short": KIND_SHORT,
        "rows": rows,
        "summary": [(KIND_SHORT.get(k, k), g, ground_label(g), n) for (k, g), n in grounds],
        "totals": {
            "deferment": sum(n for (k, _), n in summary.items() if k == ReliefKind.DEFERMENT),
            "exemption": sum(n for (k, _), n in summary.items() if k == ReliefKind.EXEMPTION),
        },
        "truncated": sum(summary.values()) > ROW_LIMIT,
        "row_limit": ROW_LIMIT,
        "today": dt.date.today(),
        "can_change": user_allows(request.user, "conscription.change"),
    }
    return render(request, "conscription/relief/list.html", context)


@requires("conscription.change")
def relief_create(request: HttpRequest) -> HttpResponseBase:
    unit, scope_path = scope_of(request)
    year = intake_year_of(request)
    citizens = selectors.callup_age_men(user=request.user, path=scope_path, year=year)
    form = ReliefForm(
        request.POST or None,
        citizens=citizens,
        initial={"citizen": request.GET.get("citizen"), "decided_on": dt.date.today()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            relief = services.decide_relief(
                actor=request.user,
                data=services.ReliefInput.of(data, citizen=data["citizen"], intake_year=year),
            )
        except DomainError as refusal:
            apply_problems(form, refusal)
        else:
            messages.success(
                request,
                f"Đã ghi quyết định {relief.get_kind_display().lower()} cho {relief.citizen.full_name} "
                f"({relief.ground}; người quyết định: {relief.decider_title}).",
            )
            return redirect(f"{reverse('conscription:relief-list')}?year={year}")
    return render_picker_form(
        request, "conscription/relief/form.html", unit=unit, year=year, form=form, citizens=citizens
    )


@requires("conscription.change")
def relief_end(request: HttpRequest, relief_id: int) -> HttpResponseBase:
    relief = get_object_or_404(selectors.reliefs(user=request.user), pk=relief_id)
    form = EndReliefForm(request.POST or None, initial={"ended_on": dt.date.today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.end_relief(
                actor=request.user,
                relief=relief,
                ended_on=form.cleaned_data["ended_on"],
                reason=form.cleaned_data["end_reason"],
            )
        except DomainError as refusal:
            apply_problems(form, refusal)
        else:
            messages.success(
                request,
                f"Đã chấm dứt {relief.get_kind_display().lower()} của {relief.citizen.full_name}; "
                "công dân trở lại diện gọi nhập ngũ.",
            )
            return redirect(f"{reverse('conscription:relief-list')}?year={relief.intake_year}")
    context = {"relief": relief, "ground_label": ground_label(relief.ground), "form": form}
    return render(request, "conscription/relief/end.html", context)


# -- public posting ----------------------------------------------------------------------------------


def _posting(request: HttpRequest, posting_id: int) -> Posting:
    return get_object_or_404(selectors.postings(user=request.user), pk=posting_id)


def _commune_choices(request: HttpRequest, scope_path: str) -> list[tuple[str, str]]:
    unit, _ = scope_of(request)
    if unit is not None and unit.kind == UnitKind.COMMUNE:
        return [(unit.code, unit.name)]
    communes = unit_list(user=request.user, kind=UnitKind.COMMUNE, structure="current").filter(
        path__startswith=scope_path
    )
    return [(u.code, u.name) for u in communes[:4000]]


def _posting_form_context(request: HttpRequest, form: PostingForm, year: int) -> dict[str, Any]:
    unit, scope_path = scope_of(request)
    today = dt.date.today()
    return {
        "unit": unit,
        "year": year,
        "years": year_choices(year),
        "form": form,
        "rule": rules.posting_rule(today),
        "unposted": selectors.reliefs(user=request.user)
        .filter(intake_year=year, unit_path__startswith=scope_path, posting__isnull=True)
        .count(),
    }


@requires("conscription.view")
def posting_list(request: HttpRequest) -> HttpResponseBase:
    _, scope_path = scope_of(request)
    year = intake_year_of(request)
    rows = selectors.posting_list(user=request.user, path=scope_path, year=year)
    form = PostingForm(
        communes=_commune_choices(request, scope_path), initial={"decided_on": dt.date.today()}
    )
    context = _posting_form_context(request, form, year)
    context.update(
        rows=rows, today=dt.date.today(), can_change=user_allows(request.user, "conscription.change")
    )
    return render(request, "conscription/relief/posting_list.html", context)


@requires("conscription.change")
def posting_create(request: HttpRequest) -> HttpResponseBase:
    _, scope_path = scope_of(request)
    year = intake_year_of(request)
    form = PostingForm(
        request.POST or None,
        communes=_commune_choices(request, scope_path),
        initial={"decided_on": dt.date.today()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            posting = services.post_list(
                actor=request.user,
                commune=unit_detail(user=request.user, code=data["commune"]),
                intake_year=year,
                decision_number=data["decision_number"],
                decided_on=data["decided_on"],
            )
        except DomainError as refusal:
            apply_problems(form, refusal, {"intake_year": "commune", "unit": "commune"})
        else:
            messages.success(
                request,
                f"Đã lập niêm yết {posting.reliefs.count()} trường hợp, "
                f"từ {posting.posted_from:%d/%m/%Y} đến {posting.posted_until:%d/%m/%Y}.",
            )
            return redirect("conscription:posting-detail", posting_id=posting.pk)
    return render(
        request, "conscription/relief/posting_form.html", _posting_form_context(request, form, year)
    )


def _detail_page(
    request: HttpRequest,
    posting: Posting,
    *,
    complaint_form: ComplaintForm | None = None,
    resolve_form: ResolveForm | None = None,
) -> HttpResponseBase:
    reliefs = selectors.posting_reliefs(posting)
    complaints = selectors.posting_complaints(posting)
    today = dt.date.today()
    context = {
        "posting": posting,
        "rows": [(r, ground_label(r.ground)) for r in reliefs],
        "kind_short": KIND_SHORT,
        "complaints": complaints,
        "open_period": posting.posted_from <= today <= posting.posted_until,
        "complaint_form": complaint_form
        or ComplaintForm(reliefs=_relief_choices(reliefs), initial={"received_on": today}),
        "resolve_form": resolve_form
        or ResolveForm(complaints=_complaint_choices(complaints), initial={"resolved_on": today}),
        "has_open_complaints": any(not c.resolved_on for c in complaints),
        "can_change": user_allows(request.user, "conscription.change"),
    }
    return render(request, "conscription/relief/posting_detail.html", context)


def _relief_choices(reliefs: list[Relief]) -> list[tuple[int, str]]:
    return [(r.pk, f"{r.citizen.full_name} — {KIND_SHORT.get(r.kind, r.kind)} {r.ground}") for r in reliefs]


def _complaint_choices(complaints: list[Complaint]) -> list[tuple[int, str]]:
    return [
        (c.pk, f"{c.received_on:%d/%m/%Y} — {c.complainant}: {c.content[:60]}")
        for c in complaints
        if not c.resolved_on
    ]


@requires("conscription.view")
def posting_detail(request: HttpRequest, posting_id: int) -> HttpResponseBase:
    return _detail_page(request, _posting(request, posting_id))


@requires("conscription.view")
def posting_print(request: HttpRequest, posting_id: int) -> HttpResponseBase:
    posting = _posting(request, posting_id)
    fmt = request.GET.get("format", "html")
    if fmt not in DOCUMENT_FORMATS:
        raise Http404
    return document_response(
        public_list_document(posting, selectors.posting_reliefs(posting)),
        fmt,
        f"niem-yet-tam-hoan-mien-{posting.intake_year}",
    )


@requires("conscription.change")
@require_POST
def complaint_receive(request: HttpRequest, posting_id: int) -> HttpResponseBase:
    posting = _posting(request, posting_id)
    reliefs = selectors.posting_reliefs(posting)
    form = ComplaintForm(request.POST, reliefs=_relief_choices(reliefs))
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.receive_complaint(
                actor=request.user,
                posting=posting,
                received_on=data["received_on"],
                complainant=data["complainant"],
                content=data["content"],
                relief=next((r for r in reliefs if r.pk == data["relief"]), None),
            )
        except DomainError as refusal:
            apply_problems(form, refusal, {"unit": "content"})
        else:
            messages.success(request, "Đã ghi nhận phản ánh.")
            return redirect("conscription:posting-detail", posting_id=posting.pk)
    return _detail_page(request, posting, complaint_form=form)


@requires("conscription.change")
@require_POST
def complaint_resolve(request: HttpRequest, posting_id: int) -> HttpResponseBase:
    posting = _posting(request, posting_id)
    complaints = selectors.posting_complaints(posting)
    form = ResolveForm(request.POST, complaints=_complaint_choices(complaints))
    if form.is_valid():
        complaint = next(c for c in complaints if c.pk == form.cleaned_data["complaint"])
        try:
            services.resolve_complaint(
                actor=request.user,
                complaint=complaint,
                resolved_on=form.cleaned_data["resolved_on"],
                resolution=form.cleaned_data["resolution"],
            )
        except DomainError as refusal:
            apply_problems(form, refusal, {"unit": "resolution"})
        else:
            messages.success(request, f"Đã ghi kết quả giải quyết phản ánh của {complaint.complainant}.")
            return redirect("conscription:posting-detail", posting_id=posting.pk)
    return _detail_page(request, posting, resolve_form=form)


urlpatterns = [
    path("tam-hoan-mien/", relief_list, name="relief-list"),
    path("tam-hoan-mien/them/", relief_create, name="relief-create"),
    path("tam-hoan-mien/<int:relief_id>/cham-dut/", relief_end, name="relief-end"),
    path("niem-yet/", posting_list, name="posting-list"),
    path("niem-yet/tao/", posting_create, name="posting-create"),
    path("niem-yet/<int:posting_id>/", posting_detail, name="posting-detail"),
    path("niem-yet/<int:posting_id>/in/", posting_print, name="posting-print"),
    path("niem-yet/<int:posting_id>/phan-anh/", complaint_receive, name="complaint-receive"),
    path("niem-yet/<int:posting_id>/giai-quyet/", complaint_resolve, name="complaint-resolve"),
]
