"""People pages: the register (search, filter, keyset pages), a citizen, the form, import and export."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone

from qpdp.core import dashboard
from qpdp.core.access import requires
from qpdp.core.errors import DomainError
from qpdp.org.access import user_allows
from qpdp.org.choices import UnitKind
from qpdp.org.selectors import unit_list
from qpdp.org.unit_context import selected_unit
from qpdp.people import exports, imports, selectors, services
from qpdp.people.forms import CitizenFilterForm, CitizenForm, ImportForm


def _filters(request: HttpRequest) -> tuple[CitizenFilterForm, selectors.CitizenFilters]:
    form = CitizenFilterForm(request.GET)
    data = form.cleaned_data if form.is_valid() else {}
    return form, selectors.CitizenFilters(
        q=data.get("q") or "",
        unit=selected_unit(request),
        sex=data.get("sex") or "",
        born_from=data.get("born_from"),
        born_to=data.get("born_to"),
    )


@requires("people.view")
def citizen_list(request: HttpRequest) -> HttpResponseBase:
    form, filters = _filters(request)
    page = selectors.citizen_list(user=request.user, filters=filters, cursor=request.GET.get("cursor", ""))
    query = request.GET.copy()
    query.pop("cursor", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "unit": filters.unit,
        "can_change": user_allows(request.user, "people.change"),
        "can_import": user_allows(request.user, "people.import"),
    }
    template = "people/partials/citizen_rows.html" if request.htmx else "people/citizen_list.html"  # type: ignore[attr-defined]
    return render(request, template, context)


@requires("people.view")
def citizen_detail(request: HttpRequest, citizen_id: int) -> HttpResponseBase:
    citizen = selectors.citizen_detail(user=request.user, citizen_id=citizen_id)
    return render(
        request,
        "people/citizen_detail.html",
        {
            "citizen": citizen,
            "can_change": user_allows(request.user, "people.change"),
            "area_links": [
                link for link in dashboard.citizen_links() if user_allows(request.user, link.action)
            ],
        },
    )


def _commune_choices(request: HttpRequest) -> list[tuple[str, str]]:
    unit = selected_unit(request)
    communes = unit_list(user=request.user, kind=UnitKind.COMMUNE, structure="current")
    if unit is not None:
        communes = communes.filter(path__startswith=unit.path)
    return [(u.code, f"{u.name} ({u.code})") for u in communes[:4000]]


# Service problems name the record's fields; the form names the commune fields by their codes.
FORM_FIELD_OF = {"commune": "commune_code", "permanent_commune": "permanent_commune_code"}


def _form_problems(form: CitizenForm, refusal: DomainError) -> None:
    for problem in refusal.problems:
        name = FORM_FIELD_OF.get(problem.field, problem.field)
        field = name if name in form.fields else None
        form.add_error(field, problem.message)


@requires("people.change")
def citizen_create(request: HttpRequest) -> HttpResponseBase:
    form = CitizenForm(request.POST or None, communes=_commune_choices(request))
    if request.method == "POST" and form.is_valid():
        try:
            citizen = services.create_citizen(
                actor=request.user, data=services.CitizenInput(**form.cleaned_data)
            )
        except DomainError as refusal:
            _form_problems(form, refusal)
        else:
            messages.success(request, f"Đã thêm công dân {citizen.full_name}.")
            return redirect("people:citizen-detail", citizen_id=citizen.pk)
    return render(request, "people/citizen_form.html", {"form": form, "citizen": None})


@requires("people.change")
def citizen_edit(request: HttpRequest, citizen_id: int) -> HttpResponseBase:
    citizen = selectors.citizen_detail(user=request.user, citizen_id=citizen_id)
    current = services.input_from(citizen)
    initial = {name: getattr(current, name) for name in CitizenForm.base_fields if hasattr(current, name)}
    if citizen.village:
        initial["village"] = citizen.village.name
    if citizen.permanent_village:
        initial["permanent_village"] = citizen.permanent_village.name
    form = CitizenForm(request.POST or None, initial=initial, communes=_commune_choices(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_citizen(actor=request.user, citizen=citizen, changes=dict(form.cleaned_data))
        except DomainError as refusal:
            _form_problems(form, refusal)
        else:
            messages.success(request, "Đã lưu thay đổi.")
            return redirect("people:citizen-detail", citizen_id=citizen.pk)
    return render(request, "people/citizen_form.html", {"form": form, "citizen": citizen})


@requires("people.import")
def citizen_import(request: HttpRequest) -> HttpResponseBase:
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = imports.start_citizen_import(
                actor=request.user,
                name=upload.name,
                content=upload.read(),
                apply_valid_rows=form.cleaned_data["apply_valid_rows"],
            )
        except DomainError as refusal:
            form.add_error("file", str(refusal))
        else:
            return redirect("org:job-detail", job_id=job.pk)
    return render(request, "people/citizen_import.html", {"form": form, "columns": imports.COLUMNS})


@requires("people.export")
def citizen_export(request: HttpRequest) -> HttpResponseBase:
    _, filters = _filters(request)
    rows = selectors.citizen_export_rows(user=request.user, filters=filters)
    stamp = timezone.localdate().strftime("%Y%m%d")
    return FileResponse(
        exports.citizen_workbook(rows),
        as_attachment=True,
        filename=f"cong-dan-{stamp}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
