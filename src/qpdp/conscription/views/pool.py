"""Pool pages: every citizen of a unit by call-up status for an intake, and the list behind each figure."""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import path

from qpdp.conscription import rules, selectors
from qpdp.conscription.models import Intake
from qpdp.conscription.views.common import (
    intake_for,
    intake_year_of,
    page_of,
    place_context,
    place_of,
    unit_order,
)
from qpdp.core.access import requires

PAGE_SIZE = 100
# The pool's columns, in the order a commune officer reads them, with short headings.
STATUS_COLUMNS: list[tuple[rules.Status, str]] = [
    (rules.Status.ELIGIBLE, "Đủ điều kiện"),
    (rules.Status.NOT_EXAMINED, "Chưa khám"),
    (rules.Status.UNFIT, "Không đủ SK"),
    (rules.Status.DEFERRED, "Tạm hoãn"),
    (rules.Status.EXEMPT, "Miễn"),
    (rules.Status.SELECTED, "Đã chọn"),
    (rules.Status.ORDERED, "Có lệnh"),
    (rules.Status.ENLISTED, "Nhập ngũ"),
    (rules.Status.SERVED, "Đã thực hiện"),
    (rules.Status.TOO_YOUNG, "Chưa đủ tuổi"),
    (rules.Status.OVER_AGE, "Quá tuổi"),
    (rules.Status.NOT_REGISTERED, "Chưa đăng ký"),
    (rules.Status.EXCLUDED, "Không được ĐK"),
    (rules.Status.NOT_SUBJECT, "Không thuộc diện"),
]


def _reference(intake: Intake | None, year: int) -> dt.date:
    return intake.age_reference if intake else rules.default_handover(year)[0]


@requires("conscription.view")
def pool(request: HttpRequest) -> HttpResponseBase:
    """How many citizens of each commune stand in each status for the intake (one GROUP BY per scope part)."""
    year = intake_year_of(request)
    place = place_of(request)
    intake = intake_for(place, year)
    reference = _reference(intake, year)
    summary = selectors.pool_summary_over(place.prefixes, year, reference) if place.province_path else {}
    units = selectors.visible_units(user=request.user, paths=summary)
    shown = [
        (status, label)
        for status, label in STATUS_COLUMNS
        if status is rules.Status.ELIGIBLE or any(c.get(status.value) for c in summary.values())
    ]
    rows = []
    totals = [0] * len(shown)
    for unit_path in sorted((p for p in summary if p in units), key=lambda p: unit_order(units[p])):
        counts = summary[unit_path]
        cells = [counts.get(status.value, 0) for status, _ in shown]
        totals = [a + b for a, b in zip(totals, cells, strict=True)]
        rows.append(
            {"unit": units[unit_path], "cells": list(zip(shown, cells, strict=True)), "total": sum(cells)}
        )
    context = place_context(
        request,
        place,
        year,
        intake=intake,
        reference=reference,
        columns=[(status, label, rules.STATUS_LABELS[status]) for status, label in shown],
        rows=rows,
        totals=list(zip(shown, totals, strict=True)),
        grand_total=sum(totals),
    )
    return render(request, "conscription/callup/pool.html", context)


@requires("conscription.view")
def pool_list(request: HttpRequest) -> HttpResponseBase:
    """The citizens of one status, in name order, 100 a page, each with the rule's explanation."""
    year = intake_year_of(request)
    place = place_of(request)
    status_code = request.GET.get("status") or rules.Status.ELIGIBLE.value
    if status_code not in rules.STATUS_LABELS:
        raise Http404
    intake = intake_for(place, year)
    reference = _reference(intake, year)
    ids = [
        row.citizen_id
        for prefix in (place.prefixes if place.province_path else ())
        for row in selectors.pool_rows(prefix, year, reference)
        if row.status.value == status_code
    ]
    page = page_of(request, selectors.citizen_name_keys(ids), PAGE_SIZE)
    page_ids = [pk for _, pk in page.object_list]
    found = selectors.visible_citizens(user=request.user, ids=page_ids)
    items = [
        (found[pk], selectors.status_of(found[pk], year, reference=reference))
        for pk in page_ids
        if pk in found
    ]
    context = place_context(
        request,
        place,
        year,
        status=status_code,
        status_label=rules.STATUS_LABELS[status_code],
        page=page,
        items=items,
        reference=reference,
        extra_query=[("status", status_code)],
    )
    return render(request, "conscription/callup/pool_list.html", context)


urlpatterns = [
    path("nguon/", pool, name="pool"),
    path("nguon/danh-sach/", pool_list, name="pool-list"),
]
