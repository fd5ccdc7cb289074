"""Registration pages of the commune: the yearly first-registration run with its call notices, and one
citizen's military-service file with the registration acts done on it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from qpdp.conscription import forms as page_forms
from qpdp.conscription import rules, selectors, services
from qpdp.conscription.choices import REMOVAL_GROUNDS, RegistrationKind
from qpdp.conscription.documents import ground_label, notice_document
from qpdp.conscription.views.common import (
    DOCUMENT_FORMATS,
    document_response,
    intake_year_of,
    registration_year_of,
    scope_of,
    year_choices,
)
from qpdp.core.access import requires
from qpdp.core.errors import DomainError
from qpdp.core.text import fold
from qpdp.org.access import user_allows
from qpdp.org.models import Unit
from qpdp.org.rules import in_sentence
from qpdp.people import selectors as people_selectors
from qpdp.people.models import Citizen

# A province seen whole would list tens of thousands of men: the page shows this many, the counts all.
ROW_LIMIT = 1000
COMMUNE_SEARCH_LIMIT = 20
NO_CITIZEN_CHECKED = "Chọn ít nhất một công dân để đăng ký."
CITIZEN_OUT_OF_SCOPE = "Có công dân được chọn không thuộc phạm vi của bạn; tải lại trang rồi chọn lại."
UNKNOWN_COMMUNE = "Không có xã, phường mã “{code}”."


# -- the yearly registration run -------------------------------------------------------------------


@dataclass(frozen=True)
class DueRow:
    citizen: Citizen
    status: str  # "registered" | "not_registered" | "excluded" | "exempt"
    label: str
    ground: str


STATUS_BADGES = {
    "registered": "text-bg-success",
    "not_registered": "text-bg-warning",
    "excluded": "text-bg-danger",
    "exempt": "text-bg-secondary",
}


def due_rows(user: Any, due: QuerySet[Citizen], year: int) -> list[DueRow]:
    citizens = list(due.select_related("village", "commune")[:ROW_LIMIT])
    barred = [c.pk for c in citizens if getattr(c, "barred", False)]
    grounds = selectors.bar_grounds(user=user, citizen_ids=barred, year=year)
    rows = []
    for citizen in citizens:
        ground = grounds.get(citizen.pk, "")
        if ground.startswith("13."):
            rows.append(DueRow(citizen, "excluded", f"Không được đăng ký ({ground})", ground))
        elif ground:
            rows.append(DueRow(citizen, "exempt", f"Miễn đăng ký ({ground})", ground))
        elif getattr(citizen, "registered", False):
            rows.append(DueRow(citizen, "registered", "Đã đăng ký", ""))
        else:
            rows.append(DueRow(citizen, "not_registered", "Chưa đăng ký", ""))
    return rows


def _run_page(
    request: HttpRequest,
    *,
    year: int,
    form: page_forms.RegistrationRunForm,
    problems: Iterable[str] = (),
    checked: Iterable[int] = (),
) -> HttpResponseBase:
    unit, scope_path = scope_of(request)
    due = selectors.registration_due(user=request.user, path=scope_path, year=year)
    counts = selectors.registration_due_counts(due)
    context = {
        "unit": unit,
        "year": year,
        "years": year_choices(year),
        "rows": due_rows(request.user, due, year),
        "counts": counts,
        "truncated": counts["listed"] > ROW_LIMIT,
        "row_limit": ROW_LIMIT,
        "form": form,
        "problems": list(problems),
        "checked": set(checked),
        "badges": STATUS_BADGES,
        "can_change": user_allows(request.user, "conscription.change"),
        "call_signer": rules.authority(rules.Act.REGISTRATION_CALL, dt.date(year, 4, 1)),
    }
    return render(request, "conscription/registration/run.html", context)


@requires("conscription.view")
def registration_run(request: HttpRequest) -> HttpResponseBase:
    year = registration_year_of(request)
    form = page_forms.RegistrationRunForm(initial={"registered_on": dt.date.today()})
    return _run_page(request, year=year, form=form)


@requires("conscription.change")
@require_POST
def registration_run_save(request: HttpRequest) -> HttpResponseBase:
    year = registration_year_of(request)
    form = page_forms.RegistrationRunForm(request.POST)
    ids = sorted({int(v) for v in request.POST.getlist("citizen") if v.isdigit()})
    problems: list[str] = []
    if not ids:
        problems.append(NO_CITIZEN_CHECKED)
    if form.is_valid() and ids:
        citizens = list(
            people_selectors.citizen_queryset(user=request.user)
            .filter(pk__in=ids)
            .select_related("commune")
            .order_by("sort_key", "id")
        )
        if len(citizens) != len(ids):
            problems.append(CITIZEN_OUT_OF_SCOPE)
        else:
            try:
                result = services.register_first_many(
                    actor=request.user,
                    citizens=citizens,
                    registered_on=form.cleaned_data["registered_on"],
                    signer_name=form.cleaned_data["signer_name"],
                )
            except DomainError as refusal:
                problems.extend(p.message for p in refusal.problems)
            else:
                messages.success(request, f"Đã đăng ký NVQS lần đầu cho {result.registered} công dân.")
                return redirect(f"{reverse('conscription:registration-run')}?year={year}")
    return _run_page(request, year=year, form=form, problems=problems, checked=ids)


@requires("conscription.view")
def registration_notices(request: HttpRequest) -> HttpResponseBase:
    """The call notices of every man listed and not yet registered (or those checked on the run page)."""
    unit, scope_path = scope_of(request)
    year = registration_year_of(request)
    fmt = request.GET.get("format", "")
    default_place = f"Trụ sở Ban Chỉ huy quân sự {in_sentence(unit.name)}" if unit else ""
    form = page_forms.NoticeForm(
        request.GET if fmt else None,
        initial={
            "signed_on": dt.date.today(),
            "report_on": dt.date.today() + dt.timedelta(days=7),
            "report_time": "07 giờ 30",
            "place": default_place,
        },
    )
    due = selectors.registration_due(user=request.user, path=scope_path, year=year).filter(
        Q(registered=False), Q(barred=False)
    )
    chosen = [int(v) for v in request.GET.getlist("citizen") if v.isdigit()]
    if chosen:
        due = due.filter(pk__in=chosen)
    context = {"unit": unit, "year": year, "form": form, "count": due.count(), "chosen": chosen}
    if fmt in DOCUMENT_FORMATS and form.is_valid() and context["count"]:
        citizens = due.select_related("commune__parent__parent", "village")
        docs = [notice_document(c, form.cleaned_data) for c in citizens.iterator(chunk_size=500)]
        return document_response(docs, fmt, f"giay-goi-dang-ky-nvqs-{year}")
    return render(request, "conscription/registration/notices.html", context)


# -- one citizen's file ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CitizenAct:
    """An act on one citizen's registration: its page, form and the service it calls."""

    slug: str
    name: str
    title: str
    form: type[page_forms.PageForm]
    run: Callable[[Any, Citizen, dict[str, Any]], str]  # (actor, citizen, cleaned data) -> message
    renames: dict[str, str]


def _commune_by_code(code: str, field: str) -> Unit | None:
    """The commune at the other end of a move, anywhere in the country (`selectors.commune_by_code`)."""
    if not code.strip():
        return None
    unit = selectors.commune_by_code(code.strip())
    if unit is None:
        raise DomainError(UNKNOWN_COMMUNE.format(code=code.strip()), field=field)
    return unit


def _first(actor: Any, citizen: Citizen, data: dict[str, Any]) -> str:
    registration = services.register_first(actor=actor, citizen=citizen, **data)
    return f"Đã đăng ký NVQS lần đầu ngày {registration.registered_on:%d/%m/%Y}."


def _supplementary(actor: Any, citizen: Citizen, data: dict[str, Any]) -> str:
    services.register_supplementary(actor=actor, citizen=citizen, **data)
    return "Đã đăng ký bổ sung."


def _move_out(actor: Any, citizen: Citizen, data: dict[str, Any]) -> str:
    to_commune = _commune_by_code(data.pop("to_commune"), "to_commune")
    assert to_commune is not None  # the form requires the code
    services.register_move_out(actor=actor, citizen=citizen, to_commune=to_commune, **data)
    return f"Đã đăng ký di chuyển đến {to_commune.name}; hồ sơ đã chuyển theo công dân."


def _move_in(actor: Any, citizen: Citizen, data: dict[str, Any]) -> str:
    from_commune = _commune_by_code(data.pop("from_commune"), "from_commune")
    registration = services.register_move_in(actor=actor, citizen=citizen, from_commune=from_commune, **data)
    return f"Đã đăng ký di chuyển đến. {registration.note}"


def _absence(actor: Any, citizen: Citizen, data: dict[str, Any]) -> str:
    services.register_absence(actor=actor, citizen=citizen, **data)
    return "Đã đăng ký vắng mặt."


def _return(actor: Any, citizen: Citizen, data: dict[str, Any]) -> str:
    registration = services.register_return(actor=actor, citizen=citizen, **data)
    return f"Đã đăng ký trở về. {registration.note}"


def _removal(actor: Any, citizen: Citizen, data: dict[str, Any]) -> str:
    services.remove_registration(actor=actor, citizen=citizen, **data)
    return f"Đã xóa đăng ký NVQS: {REMOVAL_GROUNDS[data['ground']].lower()}."


def _bar(actor: Any, citizen: Citizen, data: dict[str, Any]) -> str:
    bar = services.record_bar(actor=actor, citizen=citizen, **data)
    law = rules.ground(bar.ground)
    return f"Đã ghi: {law.label if law else bar.ground} ({bar.ground})."


ACTS: dict[str, CitizenAct] = {
    act.name: act
    for act in (
        CitizenAct(
            "dang-ky-lan-dau", "register-first", "Đăng ký NVQS lần đầu", page_forms.FirstRegistrationForm,
            _first, {"citizen": "__all__"},
        ),
        CitizenAct(
            "dang-ky-bo-sung", "register-supplementary", "Đăng ký bổ sung", page_forms.SupplementaryForm,
            _supplementary, {"citizen": "__all__"},
        ),
        CitizenAct(
            "di-chuyen-di", "move-out", "Đăng ký di chuyển đi", page_forms.MoveOutForm, _move_out,
            {"citizen": "__all__"},
        ),
        CitizenAct(
            "di-chuyen-den", "move-in", "Đăng ký di chuyển đến", page_forms.MoveInForm, _move_in,
            {"citizen": "__all__"},
        ),
        CitizenAct(
            "vang-mat", "absence", "Đăng ký vắng mặt (tạm vắng)", page_forms.AbsenceForm, _absence,
            {"citizen": "__all__"},
        ),
        CitizenAct(
            "tro-ve", "return", "Đăng ký khi trở về", page_forms.ReturnForm, _return, {"citizen": "__all__"}
        ),
        CitizenAct(
            "xoa-dang-ky", "removal", "Xóa đăng ký NVQS", page_forms.RemovalForm, _removal,
            {"citizen": "__all__", "reason": "ground"},
        ),
        CitizenAct(
            "khong-dang-ky", "bar", "Không được đăng ký / miễn đăng ký (Điều 13, 14)", page_forms.BarForm,
            _bar, {"citizen": "__all__"},
        ),
    )
}  # fmt: skip


def _file_context(request: HttpRequest, citizen: Citizen) -> dict[str, Any]:
    year = intake_year_of(request)
    status = selectors.status_of(citizen, year)
    records = selectors.citizen_records(citizen)
    # First registration is offered only to a citizen who has none (register_first refuses a second).
    registered = any(r.kind == RegistrationKind.FIRST for r in records["registrations"])
    return {
        "citizen": citizen,
        "year": year,
        "years": year_choices(year),
        "status": status,
        "status_label": rules.STATUS_LABELS[status.status],
        "registrations": [
            (r, REMOVAL_GROUNDS.get(r.reason, r.reason) if r.kind == RegistrationKind.REMOVAL else r.reason)
            for r in records["registrations"]
        ],
        "bars": [(b, ground_label(b.ground)) for b in records["bars"]],
        "exams": records["exams"],
        "reliefs": [(r, ground_label(r.ground)) for r in records["reliefs"]],
        "callups": records["callups"],
        "acts": [act for act in ACTS.values() if not (registered and act.name == "register-first")],
        "can_change": user_allows(request.user, "conscription.change"),
    }


@requires("conscription.view")
def citizen_file(request: HttpRequest, citizen_id: int) -> HttpResponseBase:
    citizen = people_selectors.citizen_detail(user=request.user, citizen_id=citizen_id)
    return render(request, "conscription/registration/citizen_file.html", _file_context(request, citizen))


@requires("conscription.change")
def citizen_act(request: HttpRequest, citizen_id: int, act: str) -> HttpResponseBase:
    """One act's form (a fragment when htmx loads it into the file) and its POST."""
    citizen = people_selectors.citizen_detail(user=request.user, citizen_id=citizen_id)
    spec = ACTS[act]
    form: forms.Form = spec.form(request.POST or None, initial=_act_initial(spec))
    if request.method == "POST" and form.is_valid():
        try:
            message = spec.run(request.user, citizen, dict(form.cleaned_data))
        except DomainError as refusal:
            page_forms.apply_problems(form, refusal, spec.renames)
        else:
            messages.success(request, message)
            if spec.name == "move-out" and not _still_visible(request, citizen_id):
                return redirect("conscription:registration-run")
            return redirect("conscription:citizen-file", citizen_id=citizen.pk)
    context = {"citizen": citizen, "act": spec, "form": form}
    if request.htmx and request.method == "GET":  # type: ignore[attr-defined]
        return render(request, "conscription/registration/partials/act_form.html", context)
    return render(request, "conscription/registration/act.html", context)


def _act_initial(spec: CitizenAct) -> dict[str, Any]:
    today = dt.date.today()
    return {
        name: today for name in ("registered_on", "removed_on", "valid_from") if name in spec.form.base_fields
    }


def _still_visible(request: HttpRequest, citizen_id: int) -> bool:
    return people_selectors.citizen_queryset(user=request.user).filter(pk=citizen_id).exists()


@requires("conscription.view")
def commune_options(request: HttpRequest) -> HttpResponseBase:
    """Communes of the whole country in force today, by name (a move may go anywhere): <option>s."""
    text = fold(
        request.GET.get("q", "") or request.GET.get("to_commune", "") or request.GET.get("from_commune", "")
    )
    communes = selectors.commune_search(text, limit=COMMUNE_SEARCH_LIMIT) if len(text) >= 2 else []
    return render(request, "conscription/registration/partials/commune_options.html", {"communes": communes})


urlpatterns = [
    path("dang-ky/", registration_run, name="registration-run"),
    path("dang-ky/ghi/", registration_run_save, name="registration-run-save"),
    path("dang-ky/giay-goi/", registration_notices, name="registration-notices"),
    path("cong-dan/<int:citizen_id>/", citizen_file, name="citizen-file"),
    *[
        path(
            f"cong-dan/<int:citizen_id>/{act.slug}/",
            citizen_act,
            {"act": act.name},
            name=f"citizen-{act.name}",
        )
        for act in ACTS.values()
    ],
    path("xa-phuong/", commune_options, name="commune-options"),
]
