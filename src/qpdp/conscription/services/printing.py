"""Printing services: a place's call-up orders printed in the background, one file per commune, zipped."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from qpdp.conscription import selectors
from qpdp.core import audit, batches
from qpdp.core.errors import DomainError, FieldProblem
from qpdp.core.models import Job
from qpdp.org.models import Unit

PRINT_FORMATS = ("pdf", "docx")

BAD_FORMAT = "Chọn định dạng in: PDF (để in) hoặc DOCX (để sửa)."
NO_INTAKE_TO_PRINT = "Tỉnh chưa mở đợt tuyển quân năm {year}: chưa có lệnh gọi nhập ngũ nào để in."
NOTHING_TO_PRINT = "Chưa có lệnh gọi nhập ngũ nào để in."


@transaction.atomic
def start_orders_print(*, actor: Any, unit: Unit | None, year: int, fmt: str) -> Job:
    """Queue the printing of the intake's orders under `unit` that the actor may see: one file per commune
    with orders, zipped, as a background job of the actor's (`conscription.tasks`)."""
    problems: list[FieldProblem] = []
    if fmt not in PRINT_FORMATS:
        problems.append(FieldProblem("format", BAD_FORMAT))
    intake = selectors.intake_of(unit.path, year) if unit is not None else None
    communes = []
    if intake is None:
        problems.append(FieldProblem("year", NO_INTAKE_TO_PRINT.format(year=year)))
    else:
        assert unit is not None
        communes = selectors.order_communes(user=actor, intake=intake, path=unit.path)
        if not communes:
            problems.append(FieldProblem("unit", NOTHING_TO_PRINT))
    if problems:
        raise DomainError(problems)
    assert unit is not None
    parameters: dict[str, Any] = {
        "unit": unit.code,
        "unit_name": unit.name,
        "path": unit.path,
        "year": year,
        "format": fmt,
    }
    job = batches.queue(kind=selectors.ORDERS_PRINT, actor=actor, unit_path=unit.path, parameters=parameters)
    audit.record(
        actor=actor,
        action="conscription.orders_print.started",
        target=job,
        unit_path=unit.path,
        after={**parameters, "communes": len(communes)},
    )
    return job


@transaction.atomic
def resume_orders_print(*, actor: Any, job: Job) -> Job:
    """Go on with a printing job that stopped (the caller found it as the actor's own), from the files it
    finished."""
    resumed = batches.resume(job)
    audit.record(
        actor=actor,
        action="conscription.orders_print.resumed",
        target=resumed,
        unit_path=resumed.unit_path,
        after={"progress": resumed.progress, "total": resumed.total},
    )
    return resumed
