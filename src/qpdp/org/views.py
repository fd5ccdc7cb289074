"""Org pages: login and lockout, home dashboard, unit picker, units and villages, audit, job progress."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import FileResponse, Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from qpdp.core import dashboard
from qpdp.core.access import public, requires
from qpdp.core.errors import DomainError
from qpdp.org import selectors, services
from qpdp.org.access import user_allows
from qpdp.org.forms import AgencyForm, LoginForm, VillageForm
from qpdp.org.unit_context import select_unit, selected_unit

LOCKED_OUT = (
    "Tài khoản “{username}” tạm bị khóa do đăng nhập sai quá {limit} lần. "
    "Vui lòng thử lại sau 15 phút hoặc liên hệ quản trị hệ thống."
)


@public
def login(request: HttpRequest) -> HttpResponseBase:
    return auth_views.LoginView.as_view(
        template_name="org/login.html", authentication_form=LoginForm, redirect_authenticated_user=True
    )(request)


def lockout_response(
    request: HttpRequest, original_response: Any, credentials: dict[str, Any]
) -> HttpResponseBase:
    """What django-axes answers when a username is locked: the login page with the reason."""
    from django.conf import settings

    form = LoginForm(request)
    username = (credentials or {}).get("username", "")
    message = LOCKED_OUT.format(username=username, limit=settings.AXES_FAILURE_LIMIT)
    return render(request, "org/login.html", {"form": form, "locked_message": message}, status=429)


@public
@require_POST
def logout(request: HttpRequest) -> HttpResponseBase:
    return auth_views.LogoutView.as_view()(request)


@requires("core.home")
def home(request: HttpRequest) -> HttpResponseBase:
    unit = selected_unit(request)
    cards = [
        {"label": card.label, "value": card.count(request.user, unit), "url_name": card.url_name}
        for card in dashboard.cards()
    ]
    return render(
        request,
        "org/home.html",
        {
            "cards": cards,
            "home_units": selectors.home_units(user=request.user),
            "unit": unit,
        },
    )


@requires("org.view")
def unit_picker(request: HttpRequest) -> HttpResponseBase:
    units = selectors.picker_units(user=request.user, q=request.GET.get("q", ""))
    return render(request, "org/partials/unit_picker_results.html", {"units": units})


@requires("org.view")
@require_POST
def unit_pick(request: HttpRequest) -> HttpResponseBase:
    code = request.POST.get("code", "")
    select_unit(request, selectors.unit_detail(user=request.user, code=code) if code else None)
    target = request.POST.get("next") or "/"
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return redirect(target if safe else "/")


@requires("org.view")
def unit_list(request: HttpRequest) -> HttpResponseBase:
    parent = selected_unit(request)
    code = request.GET.get("parent", "")
    if code:
        parent = selectors.unit_detail(user=request.user, code=code)
    q = request.GET.get("q", "")
    if parent is not None or q:
        units = list(selectors.unit_list(user=request.user, parent=parent, q=q)[:500])
    else:
        units = selectors.home_units(user=request.user)
    return render(request, "org/unit_list.html", {"parent": parent, "units": units})


@requires("org.view")
def unit_detail(request: HttpRequest, code: str) -> HttpResponseBase:
    unit = selectors.unit_detail(user=request.user, code=code)
    can_manage = user_allows(request.user, "org.manage_units") and unit.structure == "current"
    return render(
        request,
        "org/unit_detail.html",
        {
            "unit": unit,
            "children": list(selectors.unit_list(user=request.user, parent=unit)[:500]),
            "predecessors": list(selectors.predecessors_of(unit)),
            "successors": list(selectors.successors_of(unit)),
            "commands": list(selectors.command_list(user=request.user).filter(jurisdiction=unit)),
            "village_form": VillageForm(),
            "agency_form": AgencyForm(),
            "can_add_village": can_manage and unit.kind == "commune",
            "can_add_agency": can_manage and unit.kind in {"commune", "province"},
        },
    )


def _add_local_unit(
    request: HttpRequest, code: str, form_class: type[forms.Form], add: Any
) -> HttpResponseBase:
    """Shared body of the two "add under this unit" forms: validate, call the service, report, go back."""
    parent = selectors.unit_detail(user=request.user, code=code)
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(
            request, "Thông tin chưa hợp lệ: " + "; ".join(str(e) for es in form.errors.values() for e in es)
        )
        return redirect("org:unit-detail", code=parent.code)
    try:
        unit = add(actor=request.user, parent=parent, **form.cleaned_data)
    except DomainError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, f"Đã thêm {unit.name}.")
    return redirect("org:unit-detail", code=parent.code)


@requires("org.manage_units")
@require_POST
def village_create(request: HttpRequest, code: str) -> HttpResponseBase:
    return _add_local_unit(request, code, VillageForm, services.add_village)


@requires("org.manage_units")
@require_POST
def agency_create(request: HttpRequest, code: str) -> HttpResponseBase:
    return _add_local_unit(request, code, AgencyForm, services.add_agency)


@requires("org.audit")
def audit_list(request: HttpRequest) -> HttpResponseBase:
    entries = selectors.audit_list(
        user=request.user, object_type=request.GET.get("type", ""), object_id=request.GET.get("id", "")
    )
    return render(request, "org/audit_list.html", {"entries": entries})


@requires("core.jobs")
def job_detail(request: HttpRequest, job_id: int) -> HttpResponseBase:
    job = selectors.job_detail(user=request.user, job_id=job_id)
    template = "org/partials/job_progress.html" if request.htmx else "org/job_detail.html"  # type: ignore[attr-defined]
    return render(request, template, {"job": job})


@requires("core.jobs")
def job_download(request: HttpRequest, job_id: int) -> HttpResponseBase:
    job = selectors.job_detail(user=request.user, job_id=job_id)
    if not job.output_file:
        raise Http404
    return FileResponse(
        job.output_file.open("rb"), as_attachment=True, filename=job.output_file.name.rsplit("/", 1)[-1]
    )
