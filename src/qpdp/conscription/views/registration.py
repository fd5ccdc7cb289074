"""Registration pages of the commune: the yearly first-registration run with its call notices, and one
citizen's military-service file with the registration acts done on it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from qpdp.conscription import forms as page_forms
from qpdp.conscription import rules, selectors, services
from qpdp.conscription.choices import REMOVAL_GROUNDS, RegistrationKind
from qpdp.conscription.models import RegistrationBar
from qpdp.conscription.views.overview import intake_year_of
from qpdp.core import documents
from qpdp.core.access import requires
from qpdp.core.errors import DomainError
from qpdp.core.text import fold
from qpdp.org.access import user_allows
from qpdp.org.choices import UnitKind
from qpdp.org.models import Unit
from qpdp.org.scope import primary_path, visible_to
from qpdp.org.unit_context import selected_unit
from qpdp.people import selectors as people_selectors
from qpdp.people.models import Citizen

# A province seen whole would list tens of thousands of men: the page shows this many, the counts all.
ROW_LIMIT = 1000
COMMUNE_SEARCH_LIMIT = 20
NO_CITIZEN_CHECKED = "Chọn ít nhất một công dân để đăng ký."
CITIZEN_OUT_OF_SCOPE = "Có công dân được chọn không thuộc phạm vi của bạn; tải lại trang rồi chọn lại."
UNKNOWN_COMMUNE = "Không có xã, phường mã “{code}”."


# -- shared by the military-service pages ----------------------------------------------------------


def scope_of(request: HttpRequest) -> tuple[Unit | None, str]:
    """The unit the officer works in (picked in the navigation bar) and its path; else his own scope."""
    unit = selected_unit(request)
    return unit, unit.path if unit else primary_path(request.user)


def registration_year_of(request: HttpRequest) -> int:
    """The registration year a page shows: ?year=, else this year (first registration is in April)."""
    raw = request.GET.get("year", "")
    if raw.isdigit() and 2016 <= int(raw) <= 2100:
        return int(raw)
    return dt.date.today().year


def place_name(unit: Unit) -> str:
    """The locality written before the date of a document: "An Bình", not "Xã An Bình"."""
    for prefix in ("Xã ", "Phường ", "Đặc khu ", "Thị trấn ", "Thị xã ", "Huyện ", "Quận ", "Thành phố "):
        if unit.name.startswith(prefix):
            return unit.name.removeprefix(prefix)
    return unit.name


def signer_post(signer: str) -> str:
    """ "Chủ tịch" from "Chủ tịch UBND cấp xã": the post written over the signature."""
    for cut in (" UBND", " Ban ", " Bộ "):
        signer = signer.split(cut)[0]
    return signer


def document_response(docs: Any, fmt: str, filename: str) -> HttpResponse:
    """An official document (or several) as an HTML preview, a PDF to print or a DOCX to edit."""
    if fmt == "html":
        return HttpResponse(documents.render_html(docs))
    content, content_type, extension = documents.render(docs, fmt)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = documents.content_disposition(f"{filename}.{extension}")
    return response


def in_sentence(name: str) -> str:
    """A unit's name inside a sentence: "xã An Bình" (the kind of unit is not capitalised there)."""
    return name[:1].lower() + name[1:]


def issuer_of(commune: Unit, act: rules.Act, on: dt.date) -> tuple[str, str, rules.Authority]:
    """(governing body, issuing body, authority) of a commune's document for `act` on a date: the
    commune People's Committee from 01/07/2025, the district military command before."""
    authority = rules.authority(act, on)
    if authority.level == "commune":
        return "", f"Ủy ban nhân dân {in_sentence(commune.name)}", authority
    district = commune.parent if commune.parent and commune.parent.kind == UnitKind.DISTRICT else None
    province = (district.parent if district else commune.parent) if commune.parent else None
    return (
        f"Bộ Chỉ huy quân sự {in_sentence(province.name)}" if province else "",
        f"Ban Chỉ huy quân sự {in_sentence(district.name)}" if district else "Ban Chỉ huy quân sự cấp huyện",
        authority,
    )


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


def _bar_grounds(user: Any, citizen_ids: list[int], year: int) -> dict[int, str]:
    """The ground of each listed man's bar in force during the year (the first in the law's order)."""
    bars = visible_to(
        user,
        RegistrationBar.objects.filter(citizen_id__in=citizen_ids).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=dt.date(year, 1, 1))
        ),
    ).values_list("citizen_id", "ground")
    grounds: dict[int, str] = {}
    for citizen_id, ground in sorted(bars, key=lambda pair: rules.GROUND_ORDER.get(pair[1], 99)):
        grounds.setdefault(citizen_id, ground)
    return grounds


def due_rows(user: Any, due: QuerySet[Citizen], year: int) -> list[DueRow]:
    citizens = list(due.select_related("village", "commune")[:ROW_LIMIT])
    grounds = _bar_grounds(user, [c.pk for c in citizens if getattr(c, "barred", False)], year)
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


def due_counts(due: QuerySet[Citizen]) -> dict[str, int]:
    """Phải đăng ký (everyone listed but the barred), đã đăng ký, chưa đăng ký, barred: one query."""
    counts = {"listed": 0, "barred": 0, "registered": 0}
    flags = ("registered", "barred")  # annotations of registration_due, grouped on
    for registered, barred, number in (
        due.order_by().values(*flags).annotate(n=Count("pk")).values_list(*flags, "n")
    ):
        counts["listed"] += number
        counts["barred"] += number if barred else 0
        counts["registered"] += number if registered and not barred else 0
    must = counts["listed"] - counts["barred"]
    return {
        "must": must,
        "registered": counts["registered"],
        "not_registered": must - counts["registered"],
        "barred": counts["barred"],
        "listed": counts["listed"],
    }


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
    counts = due_counts(due)
    context = {
        "unit": unit,
        "year": year,
        "years": range(year - 3, year + 2),
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


def notice_document(citizen: Citizen, data: dict[str, Any]) -> documents.OfficialDocument:
    """Giấy gọi đăng ký NVQS lần đầu for one man, signed by the authority in force on the signing day."""
    signed_on: dt.date = data["signed_on"]
    governing, issuer, authority = issuer_of(citizen.commune, rules.Act.REGISTRATION_CALL, signed_on)
    post = signer_post(authority.signer)
    address = ", ".join(
        part
        for part in (citizen.address, citizen.village.name if citizen.village else "", citizen.commune.name)
        if part
    )
    body: list[documents.Block] = [
        documents.Paragraph(f"Căn cứ Điều 12, Điều 16 {rules.LAW};", italic=True),
        documents.Paragraph(f"{post} {issuer} gọi công dân:"),
        documents.Paragraph(
            f"Họ và tên: {citizen.full_name.upper()}\n"
            f"Ngày sinh: {citizen.date_of_birth:%d/%m/%Y}\n"
            f"Số định danh cá nhân: {citizen.personal_id}\n"
            f"Nơi ở hiện tại: {address}",
            align="left",
        ),
        documents.Paragraph(
            f"Có mặt lúc {data['report_time']} ngày {data['report_on']:%d/%m/%Y} tại {data['place']} "
            "để đăng ký nghĩa vụ quân sự lần đầu."
        ),
        documents.Paragraph(
            "Khi đến mang theo giấy gọi này và thẻ căn cước. Công dân không đến đăng ký nghĩa vụ quân sự "
            "đúng thời gian, địa điểm mà không có lý do chính đáng sẽ bị xử lý theo quy định của pháp luật."
        ),
    ]
    return documents.OfficialDocument(
        authority=governing,
        issuer=issuer,
        number="/GG-" + ("UBND" if authority.level == "commune" else "BCHQS"),
        place=place_name(citizen.commune),
        date=signed_on,
        kind="Giấy gọi",
        subject="Đăng ký nghĩa vụ quân sự lần đầu",
        body=body,
        recipients=["- Công dân có tên trên;", "- Ban CHQS cấp xã (theo dõi);", "- Lưu: VT."],
        signature=documents.Signature(title=post, name=data.get("signer_name", "")),
    )


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
    if fmt in {"html", "pdf", "docx"} and form.is_valid() and context["count"]:
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
    """A commune anywhere in the country, by code (a move may cross any boundary)."""
    if not code.strip():
        return None
    unit = Unit.objects.filter(code=code.strip(), kind=UnitKind.COMMUNE).first()
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


def _ground_label(code: str) -> str:
    law = rules.ground(code)
    return law.label if law else ""


def _file_context(request: HttpRequest, citizen: Citizen) -> dict[str, Any]:
    year = intake_year_of(request)
    status = selectors.status_of(citizen, year)
    records = selectors.citizen_records(citizen)
    return {
        "citizen": citizen,
        "year": year,
        "years": range(year - 3, year + 2),
        "status": status,
        "status_label": rules.STATUS_LABELS[status.status],
        "registrations": [
            (r, REMOVAL_GROUNDS.get(r.reason, r.reason) if r.kind == RegistrationKind.REMOVAL else r.reason)
            for r in records["registrations"]
        ],
        "bars": [(b, _ground_label(b.ground)) for b in records["bars"]],
        "exams": records["exams"],
        "reliefs": [(r, _ground_label(r.ground)) for r in records["reliefs"]],
        "callups": records["callups"],
        "acts": list(ACTS.values()),
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
    communes: list[Unit] = []
    if len(text) >= 2:
        communes = list(
            Unit.objects.filter(kind=UnitKind.COMMUNE, valid_to__isnull=True)
            .filter(Q(search_name__contains=text) | Q(code__startswith=text))
            .select_related("parent")
            .order_by("search_name")[:COMMUNE_SEARCH_LIMIT]
        )
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
