"""Military-service file transfer: import registrations and health results, export the year's lists."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone

from qpdp.conscription import exports, imports
from qpdp.conscription.choices import ExamStage
from qpdp.conscription.views.common import intake_year_of, year_choices
from qpdp.core.access import requires
from qpdp.core.errors import DomainError
from qpdp.org.access import user_allows
from qpdp.org.exports import ExportScope, export_scope, unit_line, xlsx_response
from qpdp.org.unit_context import selected_unit


class ImportFileForm(forms.Form):
    file = forms.FileField(label="Tệp Excel (.xlsx) hoặc CSV (UTF-8)")


def _import_page(request: HttpRequest, layout: imports.Layout, template: str) -> HttpResponseBase:
    form = ImportFileForm(request.POST or None, request.FILES or None)
    outcome = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        name, content = upload.name, upload.read()
        try:
            if imports.count_rows(name, content) > imports.SYNC_ROWS:
                job = imports.start_import(actor=request.user, kind=layout.kind, name=name, content=content)
                return redirect("org:job-detail", job_id=job.pk)
            outcome = imports.IMPORTERS[layout.kind](actor=request.user, name=name, content=content)
        except DomainError as refusal:
            form.add_error("file", str(refusal))
    context = {"form": form, "layout": layout, "outcome": outcome, "sync_rows": imports.SYNC_ROWS}
    return render(request, template, context)


@requires("conscription.change")
def registration_import(request: HttpRequest) -> HttpResponseBase:
    return _import_page(
        request, imports.REGISTRATION_LAYOUT, "conscription/transfer/registration_import.html"
    )


@requires("conscription.change")
def health_import(request: HttpRequest) -> HttpResponseBase:
    return _import_page(request, imports.HEALTH_LAYOUT, "conscription/transfer/health_import.html")


def _template_file(layout: imports.Layout, filename: str) -> HttpResponse:
    response = HttpResponse(imports.template_workbook(layout), content_type=exports.XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@requires("conscription.change")
def registration_import_template(request: HttpRequest) -> HttpResponseBase:
    return _template_file(imports.REGISTRATION_LAYOUT, "mau-nhap-dang-ky-nvqs.xlsx")


@requires("conscription.change")
def health_import_template(request: HttpRequest) -> HttpResponseBase:
    return _template_file(imports.HEALTH_LAYOUT, "mau-nhap-suc-khoe-nvqs.xlsx")


# -- exports -------------------------------------------------------------------------------------------


def _scope(request: HttpRequest) -> ExportScope:
    return export_scope(request.user, selected_unit(request))


@requires("conscription.view")
def export_list(request: HttpRequest) -> HttpResponseBase:
    year = intake_year_of(request)
    scope = _scope(request)
    context = {
        "year": year,
        "years": year_choices(year),
        "unit_line": unit_line(scope.unit) if scope.path else "",
        "can_import": user_allows(request.user, "conscription.change"),
    }
    return render(request, "conscription/transfer/export_list.html", context)


@requires("conscription.view")
def registration_export(request: HttpRequest) -> HttpResponseBase:
    year, scope = intake_year_of(request), _scope(request)
    workbook = exports.register_workbook(
        user=request.user, scope=scope, year=year, today=timezone.localdate()
    )
    return xlsx_response(workbook, f"dang-ky-nvqs-{year}", scope)


@requires("conscription.view")
def health_export(request: HttpRequest) -> HttpResponseBase:
    year, scope = intake_year_of(request), _scope(request)
    stage = request.GET.get("stage", "")
    stage = stage if stage in ExamStage.values else ExamStage.EXAMINATION
    workbook = exports.health_workbook(
        user=request.user, scope=scope, year=year, stage=stage, today=timezone.localdate()
    )
    stem = "so-tuyen" if stage == ExamStage.SCREENING else "kham-tuyen"
    return xlsx_response(workbook, f"{stem}-suc-khoe-nvqs-{year}", scope)


@requires("conscription.view")
def relief_export(request: HttpRequest) -> HttpResponseBase:
    year, scope = intake_year_of(request), _scope(request)
    workbook = exports.relief_workbook(user=request.user, scope=scope, year=year, today=timezone.localdate())
    return xlsx_response(workbook, f"tam-hoan-mien-{year}", scope)


@requires("conscription.view")
def callup_export(request: HttpRequest) -> HttpResponseBase:
    year, scope = intake_year_of(request), _scope(request)
    workbook = exports.callup_workbook(user=request.user, scope=scope, year=year, today=timezone.localdate())
    return xlsx_response(workbook, f"goi-nhap-ngu-{year}", scope)


urlpatterns = [
    path("nhap-dang-ky/", registration_import, name="registration-import"),
    path("nhap-dang-ky/mau/", registration_import_template, name="registration-import-template"),
    path("nhap-suc-khoe/", health_import, name="health-import"),
    path("nhap-suc-khoe/mau/", health_import_template, name="health-import-template"),
    path("xuat/", export_list, name="exports"),
    path("xuat/dang-ky/", registration_export, name="registration-export"),
    path("xuat/suc-khoe/", health_export, name="health-export"),
    path("xuat/tam-hoan-mien/", relief_export, name="relief-export"),
    path("xuat/goi-nhap-ngu/", callup_export, name="callup-export"),
]
