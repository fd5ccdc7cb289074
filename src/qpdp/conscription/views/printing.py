"""Printing from the call-up page: the decision, one order, every order of a place (at once or in a job).

A commune's orders (up to `PRINT_AT_ONCE` of them) come back at once as one PDF or DOCX. More, or the
orders of several communes (a province has thousands), are printed by a background job: the page
explains it and, confirmed, `services.start_orders_print` queues one file per commune, zipped; the
job's page shows its progress bar (polled with htmx), the zip to download, and "go on" for a job that
stopped. A job is seen only by the user who started it (anyone else gets 404), and prints only the
orders that user may see.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_GET, require_POST

from qpdp.conscription import documents, selectors, services
from qpdp.conscription.models import CallUp
from qpdp.conscription.views.callup import callups_url
from qpdp.conscription.views.common import (
    NO_INTAKE,
    Place,
    document_response,
    intake_for,
    intake_year_of,
    place_of,
)
from qpdp.core import batches
from qpdp.core.access import requires
from qpdp.core.errors import DomainError
from qpdp.org.models import Unit
from qpdp.org.scope import can_see_path

# At most this many orders of one commune print at once (5–9 s per 70 orders); beyond, a background job.
PRINT_AT_ONCE = 200
RESUMED = "Đã cho chạy tiếp: các tệp đã tạo xong được giữ nguyên."


def _order_number_key(callup: CallUp) -> tuple[str, int, str]:
    number, text = selectors.order_number_key(callup)
    return (callup.commune.name, number, text)


def _format_of(request: HttpRequest) -> str:
    fmt = request.GET.get("format") or "pdf"
    if fmt not in services.PRINT_FORMATS:
        raise Http404
    return fmt


def _nothing_to_print(request: HttpRequest, message: str, back: str) -> HttpResponseBase:
    return render(request, "conscription/callup/nothing_to_print.html", {"message": message, "back": back})


@dataclass(frozen=True)
class _PrintRun:
    """What a printout of the call-up page covers: the format, the intake's call-ups of the place."""

    fmt: str
    year: int
    place: Place
    callups: QuerySet[CallUp] | None  # None: the province has not opened the intake
    back: str  # the call-up page, for "nothing to print"


def _print_run(request: HttpRequest) -> _PrintRun:
    fmt = _format_of(request)
    year = intake_year_of(request)
    place = place_of(request)
    intake = intake_for(place, year)
    callups = selectors.place_callups(user=request.user, intake=intake, path=place.path) if intake else None
    return _PrintRun(fmt, year, place, callups, callups_url(request))


def _unit_of(place: Place) -> Unit | None:
    """The unit a printing job covers: the one asked for, else the user's only part of the province (his
    commune), else the province (a regional officer's communes inside it)."""
    if place.unit is not None:
        return place.unit
    return selectors.unit_at(place.prefixes[0] if len(place.prefixes) == 1 else place.path)


@requires("conscription.view")
def orders_print(request: HttpRequest) -> HttpResponseBase:
    """Every order of the place for the intake, one official document each: a commune's few in one PDF or
    DOCX at once; more, or several communes', in a background job (confirmed with a POST)."""
    run = _print_run(request)
    if run.callups is None:
        return _nothing_to_print(request, NO_INTAKE.format(year=run.year), run.back)
    orders, communes = selectors.order_spread(run.callups)
    if not orders:
        return _nothing_to_print(request, services.NOTHING_TO_PRINT, run.back)
    if communes <= 1 and orders <= PRINT_AT_ONCE:
        chosen = sorted(selectors.printable(run.callups.exclude(order_number="")), key=_order_number_key)
        suffix = f"-{run.place.unit.code}" if run.place.unit else ""
        filename = f"lenh-goi-nhap-ngu-{run.year}{suffix}"
        return document_response(documents.enlistment_orders(chosen), run.fmt, filename)
    if request.method != "POST":
        context = {
            "run": run,
            "orders": orders,
            "communes": communes,
            "at_once": PRINT_AT_ONCE,
            "print_jobs": selectors.orders_print_jobs(user=request.user),
        }
        return render(request, "conscription/callup/orders_batch_start.html", context)
    try:
        job = services.start_orders_print(
            actor=request.user, unit=_unit_of(run.place), year=run.year, fmt=run.fmt
        )
    except DomainError as refusal:
        return _nothing_to_print(request, str(refusal), run.back)
    return redirect("conscription:orders-batch", print_id=job.pk)


@requires("conscription.view")
@require_GET
def orders_batch(request: HttpRequest, print_id: int) -> HttpResponseBase:
    """A printing job of the user's own: its progress bar (an htmx fragment while it runs) and its zip."""
    job = selectors.orders_print_detail(user=request.user, job_id=print_id)
    if getattr(request, "htmx", False):
        return render(request, "conscription/callup/_orders_batch_progress.html", batches.progress(job))
    back = f"{reverse('conscription:callups')}?year={job.parameters.get('year', '')}"
    if can_see_path(request.user, job.unit_path):  # a regional officer printed his part of a province
        back += f"&unit={job.parameters.get('unit', '')}"
    return render(request, "conscription/callup/orders_batch.html", {**batches.progress(job), "back": back})


@requires("conscription.view")
@require_POST
def orders_batch_resume(request: HttpRequest, print_id: int) -> HttpResponseBase:
    """Go on with a printing job that stopped, from the files it finished."""
    job = selectors.orders_print_detail(user=request.user, job_id=print_id)
    try:
        services.resume_orders_print(actor=request.user, job=job)
    except DomainError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, RESUMED)
    return redirect("conscription:orders-batch", print_id=job.pk)


@requires("conscription.view")
def order_print(request: HttpRequest, callup_id: int) -> HttpResponseBase:
    """One citizen's order."""
    fmt = _format_of(request)
    callup = selectors.callup_detail(user=request.user, callup_id=callup_id)
    back = reverse("conscription:callup-detail", kwargs={"callup_id": callup.pk})
    if not callup.order_number:
        return _nothing_to_print(request, f"Chưa cấp lệnh gọi nhập ngũ cho {callup.citizen.full_name}.", back)
    number = re.sub(r"\W+", "-", callup.order_number).strip("-")
    order = documents.enlistment_order(selectors.printable_callup(callup))
    return document_response(order, fmt, f"lenh-goi-nhap-ngu-{number}")


@requires("conscription.view")
def decision_print(request: HttpRequest) -> HttpResponseBase:
    """The decision (with its list) of one decision number, as far as the user's scope reaches."""
    run = _print_run(request)
    if run.callups is None:
        return _nothing_to_print(request, NO_INTAKE.format(year=run.year), run.back)
    decided = run.callups.exclude(decision_number="")
    number = request.GET.get("number", "").strip()
    if not number:
        latest = decided.order_by("-decided_on", "-pk").first()
        number = latest.decision_number if latest else ""
    chosen = list(
        selectors.printable(decided.filter(decision_number=number)).order_by(
            "commune__search_name", "commune_id", "priority", "pk"
        )
    )
    if not chosen:
        return _nothing_to_print(request, "Chưa có quyết định gọi công dân nhập ngũ nào để in.", run.back)
    slug = re.sub(r"\W+", "-", number).strip("-")
    return document_response(documents.callup_decision(chosen), run.fmt, f"quyet-dinh-goi-nhap-ngu-{slug}")


urlpatterns = [
    path("goi-nhap-ngu/quyet-dinh/in/", decision_print, name="decision-print"),
    path("goi-nhap-ngu/lenh/", orders_print, name="orders-print"),
    path("goi-nhap-ngu/lenh/in-nen/<int:print_id>/", orders_batch, name="orders-batch"),
    path(
        "goi-nhap-ngu/lenh/in-nen/<int:print_id>/chay-tiep/", orders_batch_resume, name="orders-batch-resume"
    ),
    path("goi-nhap-ngu/<int:callup_id>/lenh/", order_print, name="order-print"),
]
