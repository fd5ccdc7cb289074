"""Background work of military service: a place's call-up orders printed one file per commune, then zipped.

The job is a resumable document batch of `core.batches`, started by `services.start_orders_print`. It
runs as its requester: the communes are those where the requester sees orders of the intake under the
job's unit (listed on the first run and kept), and each commune's file holds the orders the requester
sees there, in number order, rendered with `conscription.documents`.
"""

from __future__ import annotations

from django.utils.text import slugify

from qpdp.conscription import documents, selectors
from qpdp.conscription.models import CallUp, Intake
from qpdp.conscription.services.printing import NO_INTAKE_TO_PRINT, NOTHING_TO_PRINT
from qpdp.core import batches
from qpdp.core import documents as engine
from qpdp.core.batches import BatchItem, BatchKind
from qpdp.core.errors import DomainError
from qpdp.core.models import Job
from qpdp.core.text import fold
from qpdp.org.models import Unit

FILE_PREFIX = "lenh-goi-nhap-ngu"


def orders_filename(commune: Unit, year: int, fmt: str) -> str:
    """`lenh-goi-nhap-ngu-2026-90001-xa-an-binh.pdf`: the year, the commune's code and name without marks."""
    return f"{FILE_PREFIX}-{year}-{commune.code}-{slugify(fold(commune.name))}.{fmt}"


def _parameters(job: Job) -> tuple[str, str, int, str]:
    p = job.parameters
    return str(p["unit"]), str(p["path"]), int(p["year"]), str(p["format"])


def _intake(job: Job) -> Intake:
    _, path, year, _ = _parameters(job)
    intake = selectors.intake_of(path, year)
    if intake is None:
        raise DomainError(NO_INTAKE_TO_PRINT.format(year=year))
    return intake


def _items(job: Job) -> list[BatchItem]:
    _, path, year, fmt = _parameters(job)
    communes = selectors.order_communes(user=job.requested_by, intake=_intake(job), path=path)
    return [BatchItem(c.code, orders_filename(c, year, fmt), c.name) for c in communes]


def render_orders(callups: list[CallUp], fmt: str) -> bytes:
    """One commune's orders as one file (Điều 42 Luật NVQS; layout of Nghị định 30/2020/NĐ-CP)."""
    content, _, _ = engine.render(documents.enlistment_orders(callups), fmt)
    return content


def _render(job: Job, item: BatchItem) -> bytes:
    _, _, _, fmt = _parameters(job)
    chosen = selectors.commune_orders(user=job.requested_by, intake=_intake(job), commune_code=item.key)
    if not chosen:
        raise DomainError(NOTHING_TO_PRINT)
    return render_orders(chosen, fmt)


def _archive_name(job: Job) -> str:
    code, _, year, fmt = _parameters(job)
    return f"{FILE_PREFIX}-{year}-{code}-{fmt}.zip"


def register() -> None:
    """Called from the app's ready(): order printing runs as a `core.batches` job."""
    batches.register(
        BatchKind(
            kind=selectors.ORDERS_PRINT,
            items=_items,
            render=_render,
            archive_name=_archive_name,
        )
    )
