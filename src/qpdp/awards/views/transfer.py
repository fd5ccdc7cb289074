"""Award file transfer: a decision's recipient list imported from Excel, the year's lists exported."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone

from qpdp.awards import exports, imports, page_queries, rules
from qpdp.awards.choices import ConferenceKind, NominationStatus
from qpdp.awards.forms import CHOOSE, PageForm, area_field, date_field, limit_options, text_field
from qpdp.awards.views.common import NO_UNIT, place_of, today, year_asked
from qpdp.core.access import requires
from qpdp.core.errors import DomainError
from qpdp.core.spreadsheets import XLSX
from qpdp.org.exports import ExportScope, export_scope, xlsx_response
from qpdp.org.unit_context import selected_unit

SUBJECT = "đã có thành tích xuất sắc trong công tác quân sự, quốc phòng địa phương năm {year}"
FILE_REQUIRED = "Chọn tệp danh sách khen thưởng (.xlsx hoặc .csv)."
TEMPLATE_NAME = "mau-danh-sach-khen-thuong.xlsx"


class DecisionImportForm(PageForm):
    """The decision the file's rows become the lines of, and the file."""

    file = forms.FileField(
        label="Tệp danh sách (.xlsx hoặc .csv)",
        error_messages={"required": FILE_REQUIRED, "empty": FILE_REQUIRED},
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )
    issuer = forms.ChoiceField(
        label="Thẩm quyền quyết định", error_messages={"required": CHOOSE.format(what="thẩm quyền")}
    )
    number = text_field("Số quyết định", max_length=40, required=False, help_text="Ví dụ: 125/QĐ-UBND.")
    decided_on = date_field("Ngày quyết định")
    signer_title = text_field("Chức vụ người ký", max_length=100, required=False)
    signer_name = text_field("Họ tên người ký", max_length=100, required=False)
    subject = area_field(
        "Lý do khen thưởng",
        rows=2,
        help_text="Câu tiếp sau “Tặng … cho … tập thể, cá nhân”, ví dụ “đã có thành tích xuất sắc trong …”.",
    )
    period_code = text_field(
        "Kỳ thành tích",
        max_length=30,
        required=False,
        help_text="Khi tệp không có cột “Kỳ thành tích”; để trống là năm của ngày quyết định.",
    )
    draft = forms.BooleanField(label="Lưu là dự thảo (chưa ký, chưa cần số)", required=False)

    problem_fields = {"issuing_unit": None}

    def __init__(self, *args: Any, issuers: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        issuer_field = self.fields["issuer"]
        assert isinstance(issuer_field, forms.ChoiceField)
        issuer_field.choices = [(i.value, rules.ISSUER_LABELS[i]) for i in rules.Issuer]
        limit_options(issuer_field, issuers)


@requires("awards.decide")
def decision_import(request: HttpRequest) -> HttpResponseBase:
    """The decision's particulars and its list as a file: checked and written by a background job whose
    page shows the progress, then each problem by row and column, or the decision made."""
    place = place_of(request)
    unit = place.unit
    if unit is None:
        raise Http404(NO_UNIT)
    day = today()
    issuer = page_queries.default_issuer(unit)
    form = DecisionImportForm(
        request.POST or None,
        request.FILES or None,
        initial={
            "issuer": issuer.value,
            "decided_on": day,
            "signer_title": rules.signature_of(issuer, day)[1],
            "signer_name": getattr(request.user, "full_name", ""),
            "subject": SUBJECT.format(year=day.year),
        },
        issuers=page_queries.issuers_on(day),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data["file"]
        header = imports.DecisionHeader(
            issuing_unit=unit.code,
            issuer=data["issuer"],
            decided_on=data["decided_on"],
            number=data["number"],
            signer_name=data["signer_name"],
            signer_title=data["signer_title"],
            subject=data["subject"],
            period_code=data["period_code"],
            draft=data["draft"],
        )
        try:
            job = imports.start_import(
                actor=request.user, name=upload.name, content=upload.read(), header=header
            )
        except DomainError as refusal:
            form.show_refusal(refusal)
        else:
            return redirect("org:job-detail", job_id=job.pk)
    context = {
        "form": form,
        "place": place,
        "columns": imports.COLUMNS,
        "form_names": [form.name for form in rules.FORMS.values()],
    }
    return render(request, "awards/decision_import.html", context)


@requires("awards.decide")
def decision_import_template(request: HttpRequest) -> HttpResponseBase:
    response = HttpResponse(imports.template_workbook(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{TEMPLATE_NAME}"'
    return response


# -- exports -------------------------------------------------------------------------------------------


def _scope(request: HttpRequest) -> ExportScope:
    return export_scope(request.user, selected_unit(request))


def _year(request: HttpRequest) -> int:
    """The list's ?year=, else this year (a list of every year is exported year by year)."""
    return year_asked(request) or today().year


@requires("awards.view")
def decision_export(request: HttpRequest) -> HttpResponseBase:
    year, scope = _year(request), _scope(request)
    workbook = exports.decisions_workbook(
        user=request.user, scope=scope, year=year, today=timezone.localdate()
    )
    return xlsx_response(workbook, f"khen-thuong-{year}", scope)


@requires("awards.view")
def nomination_export(request: HttpRequest) -> HttpResponseBase:
    year, scope = _year(request), _scope(request)
    status = request.GET.get("status", "")
    workbook = exports.nominations_workbook(
        user=request.user,
        scope=scope,
        year=year,
        today=timezone.localdate(),
        status=status if status in NominationStatus.values else None,
    )
    return xlsx_response(workbook, f"de-nghi-khen-thuong-{year}", scope)


@requires("awards.view")
def conference_export(request: HttpRequest) -> HttpResponseBase:
    year, scope = _year(request), _scope(request)
    kind = request.GET.get("kind", "")
    workbook = exports.conferences_workbook(
        user=request.user,
        scope=scope,
        year=year,
        today=timezone.localdate(),
        kind=kind if kind in ConferenceKind.values else None,
    )
    return xlsx_response(workbook, f"hoi-nghi-so-ket-tong-ket-{year}", scope)


urlpatterns = [
    path("quyet-dinh/nhap/", decision_import, name="decision-import"),
    path("quyet-dinh/nhap/mau/", decision_import_template, name="decision-import-template"),
    path("quyet-dinh/xuat/", decision_export, name="decision-export"),
    path("de-nghi/xuat/", nomination_export, name="nomination-export"),
    path("hoi-nghi/xuat/", conference_export, name="conference-export"),
]
