"""Batch generation of reports: a document for every unit of a province (or the nation), zipped, in a job.

The job is a resumable document batch of `core.batches`. `start_report_batch` is the service that
checks the request, queues the job and audits it; the job renders, as its requester, each unit's
report — the newest report of that unit, period and kind in the requester's scope, else a new draft
made by `article_services.create_draft` — with `documents.render_report`. The selectors below read a user's
own batches (anyone else's is 404).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils.text import slugify

from qpdp.core import audit, batches
from qpdp.core.batches import BatchItem, BatchKind
from qpdp.core.errors import DomainError, FieldProblem
from qpdp.core.models import Job
from qpdp.core.periods import Period, PeriodError, parse_period
from qpdp.core.text import fold
from qpdp.org.choices import Structure, UnitKind
from qpdp.org.models import Unit
from qpdp.org.scope import can_see_path, visible_to
from qpdp.org.selectors import valid_on
from qpdp.reports import article_services, documents, services
from qpdp.reports.choices import ReportKind
from qpdp.reports.models import Report, Snapshot
from qpdp.reports.selectors import report_list

BATCH_KIND = "reports.batch"
BATCH_UNIT_KINDS = (UnitKind.NATION, UnitKind.PROVINCE)
# The units a batch makes a document for: every reporting level (villages and agencies have none).
REPORTING_KINDS = (UnitKind.NATION, UnitKind.PROVINCE, UnitKind.DISTRICT, UnitKind.COMMUNE)
FORMATS: dict[str, tuple[str, ...]] = {
    ReportKind.REPORT: ("pdf", "docx"),
    ReportKind.ARTICLE: ("html", "txt"),
}
FORMAT_LABELS = {
    "pdf": "PDF (để in)",
    "docx": "DOCX (để sửa)",
    "html": "Trang HTML",
    "txt": "Văn bản (txt)",
}
FILE_PREFIX: dict[str, str] = {ReportKind.REPORT: "bao-cao", ReportKind.ARTICLE: "bai-viet"}

UNIT_REQUIRED = "Chọn tỉnh, thành phố (hoặc toàn quốc) cần tạo báo cáo."
NOT_FOUND_UNIT = "Không tìm thấy đơn vị “{code}” trong phạm vi của bạn."
BATCH_UNIT_KIND = "Tạo hàng loạt cho một tỉnh, thành phố hoặc cho toàn quốc."
KIND_UNKNOWN = "Chọn loại văn bản: báo cáo sơ kết, tổng kết hoặc bài viết tin tức."
FORMAT_NOT_FOR_KIND = "Báo cáo xuất được dạng PDF hoặc DOCX; bài viết tin tức dạng HTML hoặc văn bản (txt)."


# -- the service --------------------------------------------------------------------------------------


@transaction.atomic
def start_report_batch(*, actor: Any, unit: Unit | None, period_code: str, kind: str, fmt: str) -> Job:
    """Queue the documents of every reporting unit of a province or the nation (the unit itself and
    each unit under it in force at the period's end) as one background job of the actor's."""
    problems: list[FieldProblem] = []
    if unit is None:
        problems.append(FieldProblem("unit", UNIT_REQUIRED))
    elif not can_see_path(actor, unit.path):
        problems.append(FieldProblem("unit", NOT_FOUND_UNIT.format(code=unit.code)))
    elif unit.kind not in BATCH_UNIT_KINDS:
        problems.append(FieldProblem("unit", BATCH_UNIT_KIND))
    period: Period | None = None
    try:
        period = parse_period(period_code)
    except PeriodError as error:
        problems.append(FieldProblem("period", str(error)))
    if kind not in FORMATS:
        problems.append(FieldProblem("kind", KIND_UNKNOWN))
    elif fmt not in FORMATS[kind]:
        problems.append(FieldProblem("fmt", FORMAT_NOT_FOR_KIND))
    if problems:
        raise DomainError(problems)
    assert unit is not None
    assert period is not None
    parameters: dict[str, Any] = {
        "unit": unit.code,
        "unit_name": unit.name,
        "period": period.code,
        "kind": kind,
        "format": fmt,
    }
    job = batches.queue(kind=BATCH_KIND, actor=actor, unit_path=unit.path, parameters=parameters)
    audit.record(
        actor=actor, action="reports.batch.started", target=job, unit_path=unit.path, after=parameters
    )
    return job


@transaction.atomic
def resume_report_batch(*, actor: Any, job: Job) -> Job:
    """Go on with a batch that stopped (the caller found it as the actor's own with `batch_detail`)."""
    resumed = batches.resume(job)
    audit.record(
        actor=actor,
        action="reports.batch.resumed",
        target=resumed,
        unit_path=resumed.unit_path,
        after={"progress": resumed.progress, "total": resumed.total},
    )
    return resumed


# -- the job ------------------------------------------------------------------------------------------


def batch_units(unit: Unit, period: Period) -> QuerySet[Unit]:
    """The reporting units of a batch, in path order (a province, then its communes): those in force at
    the period's end, or when the unit was created if that is later (a new province reporting on an
    earlier period uses the units it was created with)."""
    day = period.end
    if unit.valid_from is not None and unit.valid_from > day:
        day = unit.valid_from
    return (
        Unit.objects.filter(path__startswith=unit.path, kind__in=REPORTING_KINDS)
        .filter(valid_on(day))
        .order_by("path")
    )


def _parameters(job: Job) -> tuple[str, str, str, str]:
    p = job.parameters
    return str(p["unit"]), str(p["period"]), str(p["kind"]), str(p["format"])


def filename(unit: Unit, period_code: str, kind: str, fmt: str) -> str:
    """`bao-cao-2026-90001-xa-an-binh.pdf`: the kind, the period, the unit's code and name without marks."""
    return f"{FILE_PREFIX[kind]}-{period_code}-{unit.code}-{slugify(fold(unit.name))}.{fmt}"


def _items(job: Job) -> list[BatchItem]:
    code, period_code, kind, fmt = _parameters(job)
    actor = job.requested_by
    top = visible_to(actor, Unit.objects.filter(code=code)).first()
    if top is None:
        raise DomainError(NOT_FOUND_UNIT.format(code=code), field="unit")
    units = visible_to(actor, batch_units(top, parse_period(period_code)))
    return [BatchItem(u.code, filename(u, period_code, kind, fmt), u.name) for u in units]


def report_for(*, actor: Any, unit: Unit, period_code: str, kind: str) -> Report:
    """The unit's newest report of that period and kind in the actor's scope, else a new draft."""
    found = report_list(user=actor, period_code=period_code, kind=kind).filter(unit=unit).order_by("-pk")
    return found.first() or article_services.create_draft(
        actor=actor, unit=unit, period_code=period_code, kind=kind
    )


def render_document(report: Report, fmt: str) -> bytes:
    """One report as a file (the reports' document builder, Nghị định 30/2020/NĐ-CP layout)."""
    return documents.render_report(report, fmt)


def _prepare(job: Job, items: Sequence[BatchItem]) -> None:
    """Before rendering: freeze in one go the snapshots of the units that have neither a report nor a
    snapshot of the period yet (`services.freeze_snapshots`: the figures of the whole province computed
    once), instead of one computation per report. A unit it cannot freeze is left to its own item,
    which refuses it with its own message."""
    code, period_code, kind, _ = _parameters(job)
    actor = job.requested_by
    top = visible_to(actor, Unit.objects.filter(code=code)).first()
    if top is None:
        return
    period = parse_period(period_code)
    units = list(
        visible_to(actor, Unit.objects.filter(code__in=[i.key for i in items], kind__in=REPORTING_KINDS))
        .filter(path__startswith=top.path)
        .order_by("path")
    )
    reported = set(
        report_list(user=actor, period_code=period.code, kind=kind)
        .filter(unit__in=units)
        .values_list("unit_id", flat=True)
    )
    frozen = set(
        Snapshot.objects.filter(unit__in=units, period_code=period.code).values_list("unit_id", flat=True)
    )
    wanted = [u for u in units if u.pk not in reported and u.pk not in frozen]
    if wanted:
        try:
            services.freeze_snapshots(actor=actor, top=top, units=wanted, period_code=period.code)
        except DomainError:
            return


def _render(job: Job, item: BatchItem) -> bytes:
    _, period_code, kind, fmt = _parameters(job)
    actor = job.requested_by
    unit = visible_to(actor, Unit.objects.filter(code=item.key)).first()
    if unit is None:
        raise DomainError(NOT_FOUND_UNIT.format(code=item.key), field="unit")
    report = report_for(actor=actor, unit=unit, period_code=period_code, kind=kind)
    return render_document(report, fmt)


def _archive_name(job: Job) -> str:
    code, period_code, kind, fmt = _parameters(job)
    return f"{FILE_PREFIX[kind]}-{period_code}-{code}-{fmt}.zip"


def register() -> None:
    """Called from the app's ready(): report batches run as `core.batches` jobs."""
    batches.register(
        BatchKind(
            kind=BATCH_KIND,
            # Late-bound, so that a test may stand in for the renderer (`render_document`).
            items=lambda job: _items(job),
            render=lambda job, item: _render(job, item),
            archive_name=_archive_name,
            prepare=lambda job, items: _prepare(job, items),
        )
    )


# -- reads --------------------------------------------------------------------------------------------


def batch_unit_choices(*, user: Any) -> list[Unit]:
    """The units the user may start a batch for: the nation and the current provinces within scope."""
    return list(
        visible_to(user, Unit.objects.filter(kind__in=BATCH_UNIT_KINDS))
        .filter(structure__in=[Structure.CURRENT, Structure.BOTH])
        .order_by("path")
    )


def batch_list(*, user: Any, limit: int = 10) -> list[Job]:
    """The user's own latest batches."""
    return list(
        Job.objects.filter(kind=BATCH_KIND, requested_by_id=getattr(user, "pk", None)).order_by(
            "-created_at", "-pk"
        )[:limit]
    )


def batch_detail(*, user: Any, job_id: int) -> Job:
    """One batch of the user's own; anyone else's, or another kind of job, is 404."""
    job = Job.objects.filter(pk=job_id, kind=BATCH_KIND, requested_by_id=getattr(user, "pk", None)).first()
    if job is None:
        raise Http404
    return job
