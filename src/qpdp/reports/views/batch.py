"""Batch generation pages: the form (`/bao-cao/tao-hang-loat/`), a batch's progress bar and its zip.

The form starts `batch.start_report_batch` for a province or the nation within scope; the progress
page polls itself with htmx while the job runs; a batch that stopped is resumed from the files it
finished. A batch is seen only by the user who started it (anyone else gets 404).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_POST

from qpdp.core import batches
from qpdp.core.access import requires
from qpdp.core.errors import DomainError
from qpdp.core.periods import parse_period
from qpdp.reports import batch
from qpdp.reports.choices import ReportKind
from qpdp.reports.dashboard import period_choices

RESUMED = "Đã cho chạy tiếp: các văn bản đã tạo xong được giữ nguyên."
NO_BATCH_UNIT = (
    "Tạo báo cáo hàng loạt dành cho cấp tỉnh và toàn quốc; phạm vi của bạn không có tỉnh, thành phố nào."
)


class BatchForm(forms.Form):
    unit = forms.ChoiceField(label="Đơn vị", error_messages={"required": batch.UNIT_REQUIRED})
    period = forms.ChoiceField(label="Kỳ báo cáo")
    kind = forms.ChoiceField(label="Loại văn bản", choices=ReportKind.choices)
    fmt = forms.ChoiceField(
        label="Định dạng",
        choices=[(code, label) for code, label in batch.FORMAT_LABELS.items()],
        help_text="Báo cáo: PDF hoặc DOCX; bài viết tin tức: HTML hoặc văn bản.",
    )

    def __init__(self, *args: Any, units: list[Any], today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.units = {u.code: u for u in units}
        fields = self.fields
        fields["unit"].choices = [(u.code, u.name) for u in units]  # type: ignore[attr-defined]
        default = str(today.year - 1 if today.month < 7 else today.year)
        choices = period_choices(parse_period(default), today)
        fields["period"].choices = [(code, label[:1].upper() + label[1:]) for code, label in choices]  # type: ignore[attr-defined]
        fields["period"].initial = default
        for field in fields.values():
            field.widget.attrs["class"] = "form-select"


def _form_page(request: HttpRequest, form: BatchForm, status: int = 200) -> HttpResponseBase:
    context = {
        "form": form,
        "no_unit": NO_BATCH_UNIT if not form.units else "",
        "batches": batch.batch_list(user=request.user),
    }
    return render(request, "reports/batch.html", context, status=status)


@requires("reports.change")
def batch_form(request: HttpRequest) -> HttpResponseBase:
    units = batch.batch_unit_choices(user=request.user)
    today = dt.date.today()
    if request.method != "POST":
        return _form_page(request, BatchForm(units=units, today=today))
    form = BatchForm(request.POST, units=units, today=today)
    if not form.is_valid():
        return _form_page(request, form)
    data = form.cleaned_data
    try:
        job = batch.start_report_batch(
            actor=request.user,
            unit=form.units.get(data["unit"]),
            period_code=data["period"],
            kind=data["kind"],
            fmt=data["fmt"],
        )
    except DomainError as refusal:
        for problem in refusal.problems:
            form.add_error(problem.field if problem.field in form.fields else None, problem.message)
        return _form_page(request, form)
    return redirect("reports:batch-detail", batch_id=job.pk)


@requires("reports.view")
@require_GET
def batch_detail(request: HttpRequest, batch_id: int) -> HttpResponseBase:
    job = batch.batch_detail(user=request.user, job_id=batch_id)
    htmx = getattr(request, "htmx", False)
    template = "reports/batch_progress.html" if htmx else "reports/batch_detail.html"
    return render(request, template, batches.progress(job))


@requires("reports.change")
@require_POST
def batch_resume(request: HttpRequest, batch_id: int) -> HttpResponseBase:
    job = batch.batch_detail(user=request.user, job_id=batch_id)
    try:
        batch.resume_report_batch(actor=request.user, job=job)
    except DomainError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, RESUMED)
    return redirect("reports:batch-detail", batch_id=job.pk)


urlpatterns = [
    path("tao-hang-loat/", batch_form, name="batch-form"),
    path("tao-hang-loat/<int:batch_id>/", batch_detail, name="batch-detail"),
    path("tao-hang-loat/<int:batch_id>/chay-tiep/", batch_resume, name="batch-resume"),
]
