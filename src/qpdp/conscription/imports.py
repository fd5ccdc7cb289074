"""Military-service imports: first registrations and health results from Excel or CSV, all or nothing.

Each file layout names its columns (the header row; order does not matter). Rows are read and
parsed first (problems of form: dates, numbers, choices), citizens are found by identity number in
the importer's scope in a few queries, and then every row goes through the same service as the
page (`register_first`, `check_health` / `record_health`) inside one transaction: the services
write their own audit entries, and any problem anywhere rolls the whole file back. Every problem is
reported with the file's own line number and the column's header, so the officer finds the cell.
Large files run as a background job with the progress bar of `qpdp.core.jobs`.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.urls import reverse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from qpdp.conscription import services
from qpdp.conscription.choices import Channel, ExamStage
from qpdp.core.errors import DomainError, FieldProblem
from qpdp.core.models import Job
from qpdp.core.text import fold

# The readers and the job plumbing of the citizen import, so that every import reads files alike.
from qpdp.people.imports import (
    PROGRESS_EVERY,
    Column,
    ImportOutcome,
    cell_text,
    parse_date,
    personal_id_text,
    queue_import_job,
    read_cells,
    read_table,
    run_import,
)
from qpdp.people.models import Citizen
from qpdp.people.selectors import citizen_queryset

REGISTRATION_JOB_KIND = "conscription.import_registrations"
HEALTH_JOB_KIND = "conscription.import_health"
# Up to this many data rows a file is applied while the officer waits; above, as a background job.
SYNC_ROWS = 300
LOOKUP_CHUNK = 500

CITIZEN_NOT_FOUND = "Không tìm thấy công dân có số định danh {number} trong phạm vi của bạn."
VALUE_REQUIRED = "Chưa ghi “{column}”."
DATE_INVALID = "{column} “{value}” không đúng dạng dd/mm/yyyy."
CHANNEL_INVALID = "Hình thức “{value}” phải là “trực tiếp” hoặc “trực tuyến”."
SAME_CITIZEN_TWICE = "Số định danh {number} đã có ở dòng {first}; mỗi công dân chỉ đăng ký lần đầu một lần."
SAME_EXAM_TWICE = "Kết quả này trùng dòng {first} (cùng công dân, năm tuyển quân và vòng khám)."
YEAR_INVALID = "Năm tuyển quân “{value}” phải là năm có 4 chữ số, ví dụ 2026."
STAGE_INVALID = "Vòng khám “{value}” phải là “Sơ tuyển” hoặc “Khám tuyển”."
NUMBER_INVALID = "{column} “{value}” không phải là số (ví dụ 168,5)."
TYPE_INVALID = "Phân loại sức khỏe “{value}” phải là số từ 1 đến 6."
PRESENT_INVALID = "Có mặt “{value}” phải là “có” hoặc “không”."


@dataclass(frozen=True)
class Layout:
    """One file layout: its columns, the header spellings it accepts, and an example row."""

    kind: str
    title: str
    columns: tuple[Column, ...]
    aliases: dict[str, str]
    example: tuple[Any, ...]
    widths: tuple[int, ...]

    @property
    def header_keys(self) -> dict[str, str]:
        keys = {fold(c.header): c.key for c in self.columns} | {c.key: c.key for c in self.columns}
        return keys | self.aliases

    @property
    def headers(self) -> dict[str, str]:
        return {c.key: c.header for c in self.columns}


# The identity number column of both layouts, and the headers it is also known by.
PERSONAL_ID = Column("personal_id", "Số định danh cá nhân", required=True)
PERSONAL_ID_ALIASES = {"cccd": "personal_id", "so cccd": "personal_id", "so dinh danh": "personal_id"}

REGISTRATION_LAYOUT = Layout(
    kind=REGISTRATION_JOB_KIND,
    title="Đăng ký NVQS lần đầu",
    columns=(
        PERSONAL_ID,
        Column("registered_on", "Ngày đăng ký", required=True),
        Column("channel", "Hình thức"),
        Column("certificate_number", "Số giấy chứng nhận"),
    ),
    aliases={
        **PERSONAL_ID_ALIASES,
        "hinh thuc dang ky": "channel",
        "so gcn": "certificate_number",
        "so giay chung nhan dang ky": "certificate_number",
    },
    example=("001206001234", dt.date(2026, 4, 10), "Trực tiếp", "15/GCN"),
    widths=(24, 16, 14, 20),
)

HEALTH_LAYOUT = Layout(
    kind=HEALTH_JOB_KIND,
    title="Kết quả khám sức khỏe NVQS",
    columns=(
        PERSONAL_ID,
        Column("intake_year", "Năm tuyển quân", required=True),
        Column("stage", "Vòng khám", required=True),
        Column("examined_on", "Ngày khám", required=True),
        Column("height_cm", "Chiều cao (cm)"),
        Column("weight_kg", "Cân nặng (kg)"),
        Column("chest_cm", "Vòng ngực (cm)"),
        Column("refraction_right", "Khúc xạ mắt phải"),
        Column("refraction_left", "Khúc xạ mắt trái"),
        Column("health_type", "Phân loại"),
        Column("present", "Có mặt"),
        Column("examiner", "Nơi khám"),
    ),
    aliases={
        **PERSONAL_ID_ALIASES,
        "nam": "intake_year",
        "chieu cao": "height_cm",
        "can nang": "weight_kg",
        "vong nguc": "chest_cm",
        "khuc xa mat phai": "refraction_right",
        "khuc xa mp": "refraction_right",
        "khuc xa mat trai": "refraction_left",
        "khuc xa mt": "refraction_left",
        "phan loai suc khoe": "health_type",
        "loai suc khoe": "health_type",
        "noi kham": "examiner",
        "hoi dong kham": "examiner",
    },
    example=(
        "001206001234",
        2027,
        "Khám tuyển",
        dt.date(2026, 11, 20),
        168,
        60,
        84,
        -0.5,
        0,
        2,
        "Có",
        "Hội đồng khám sức khỏe NVQS xã",
    ),
    widths=(24, 10, 14, 14, 10, 10, 10, 10, 10, 10, 8, 30),
)
LAYOUTS = {layout.kind: layout for layout in (REGISTRATION_LAYOUT, HEALTH_LAYOUT)}

_CHANNELS = {
    "": Channel.IN_PERSON,
    "truc tiep": Channel.IN_PERSON,
    "in_person": Channel.IN_PERSON,
    "truc tuyen": Channel.ONLINE,
    "online": Channel.ONLINE,
}
_STAGES = {
    "so tuyen": ExamStage.SCREENING,
    "screening": ExamStage.SCREENING,
    "kham tuyen": ExamStage.EXAMINATION,
    "examination": ExamStage.EXAMINATION,
}
_PRESENT = {"": True, "co": True, "co mat": True, "x": True, "1": True}
_PRESENT |= {"khong": False, "vang": False, "vang mat": False, "khong co mat": False, "0": False}
# Where a service names a field, the officer sees the column it came from.
_COLUMN_OF_FIELD = {"citizen": "personal_id", "scores": "health_type"}

Cells = dict[str, Any]
Progress = Callable[[int], None] | None


# -- reading -------------------------------------------------------------------------------------------


def read_rows(
    layout: Layout, name: str, content: bytes, *, on_progress: Progress = None
) -> list[tuple[int, Cells]]:
    """The data rows of a file as (line, {column key: raw cell}); the header is line 1.

    Refuses, naming the file, a file that cannot be read, has no data row, misses a required
    column or is too large.
    """
    return read_cells(read_table(name, content), layout.header_keys, layout.columns, on_progress=on_progress)


def count_rows(name: str, content: bytes) -> int:
    """How many non-empty rows follow the header (to choose between now and a background job)."""
    return sum(1 for raw in list(read_table(name, content))[1:] if any(cell_text(v) for v in raw))


class _Row:
    """One row being parsed: its cells as text, and the problems found in them."""

    def __init__(self, layout: Layout, line: int, cells: Cells, problems: list[FieldProblem]) -> None:
        self.layout, self.line, self.cells, self.problems = layout, line, cells, problems
        self.text = {key: cell_text(value) for key, value in cells.items()}
        self.failed = False

    def problem(self, key: str, message: str) -> None:
        self.failed = True
        self.problems.append(
            FieldProblem(field=key, message=message, row=self.line, column=self.layout.headers[key])
        )

    def get(self, key: str) -> str:
        return self.text.get(key, "")

    def personal_id(self) -> str:
        number = self.get("personal_id").replace(" ", "")
        if not number:
            self.problem("personal_id", VALUE_REQUIRED.format(column=self.layout.headers["personal_id"]))
        return personal_id_text(number)

    def date(self, key: str, *, required: bool = True) -> dt.date | None:
        column = self.layout.headers[key]
        if not self.get(key):
            if required:
                self.problem(key, VALUE_REQUIRED.format(column=column))
            return None
        try:
            return parse_date(self.cells.get(key), self.get(key))
        except ValueError:
            self.problem(key, DATE_INVALID.format(column=column, value=self.get(key)))
            return None

    def decimal(self, key: str, places: str) -> Decimal | None:
        text = self.get(key).replace(",", ".").replace(" ", "")
        if not text:
            return None
        try:
            value = Decimal(text)
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite():
            self.problem(key, NUMBER_INVALID.format(column=self.layout.headers[key], value=self.get(key)))
            return None
        return value.quantize(Decimal(places), rounding=ROUND_HALF_UP)


def _located(problems: list[FieldProblem], layout: Layout, line: int) -> list[FieldProblem]:
    """A service's problems, placed at the row and under the column of the field it names."""
    headers = layout.headers
    located = []
    for p in problems:
        key = _COLUMN_OF_FIELD.get(p.field, p.field)
        located.append(FieldProblem(field=key, message=p.message, row=line, column=headers.get(key, "")))
    return located


def _citizens(actor: Any, numbers: set[str]) -> dict[str, Citizen]:
    """The citizens of these identity numbers that the actor may see, in a few queries."""
    found: dict[str, Citizen] = {}
    ordered = sorted(n for n in numbers if n)
    scoped = citizen_queryset(user=actor).select_related("commune")
    for start in range(0, len(ordered), LOOKUP_CHUNK):
        for citizen in scoped.filter(personal_id__in=ordered[start : start + LOOKUP_CHUNK]):
            found[citizen.personal_id] = citizen
    return found


def _by_row(problems: list[FieldProblem]) -> list[FieldProblem]:
    return sorted(problems, key=lambda p: p.row or 0)


# -- first registrations -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RegistrationRow:
    line: int
    personal_id: str
    registered_on: dt.date
    channel: str
    certificate_number: str


def _registration_row(line: int, cells: Cells, problems: list[FieldProblem]) -> RegistrationRow | None:
    row = _Row(REGISTRATION_LAYOUT, line, cells, problems)
    number = row.personal_id()
    registered_on = row.date("registered_on")
    channel = _CHANNELS.get(fold(row.get("channel")))
    if channel is None:
        row.problem("channel", CHANNEL_INVALID.format(value=row.get("channel")))
    if row.failed or registered_on is None or channel is None:
        return None
    return RegistrationRow(line, number, registered_on, channel, row.get("certificate_number")[:30])


def import_registrations(
    *, actor: Any, name: str, content: bytes, on_progress: Progress = None
) -> ImportOutcome:
    """First registrations of citizens already in the register, each as `services.register_first`.

    All rows are tried inside one transaction (each in the service's own savepoint), so every
    refusal of the file is listed at once; if there is any problem, the transaction is rolled back
    and nothing (registration or audit entry) remains.
    """
    table = read_rows(REGISTRATION_LAYOUT, name, content, on_progress=on_progress)
    problems: list[FieldProblem] = []
    parsed = [r for line, cells in table if (r := _registration_row(line, cells, problems))]
    citizens = _citizens(actor, {r.personal_id for r in parsed})
    first_line: dict[str, int] = {}
    ready: list[tuple[RegistrationRow, Citizen]] = []
    column = REGISTRATION_LAYOUT.headers["personal_id"]
    for r in parsed:
        if r.personal_id in first_line:
            message = SAME_CITIZEN_TWICE.format(number=r.personal_id, first=first_line[r.personal_id])
            problems.append(FieldProblem("personal_id", message, row=r.line, column=column))
            continue
        first_line[r.personal_id] = r.line
        citizen = citizens.get(r.personal_id)
        if citizen is None:
            message = CITIZEN_NOT_FOUND.format(number=r.personal_id)
            problems.append(FieldProblem("personal_id", message, row=r.line, column=column))
            continue
        ready.append((r, citizen))
    applied = 0
    with transaction.atomic():
        for r, citizen in ready:
            try:
                # register_first is atomic itself: a refusal rolls back to its own savepoint.
                services.register_first(
                    actor=actor,
                    citizen=citizen,
                    registered_on=r.registered_on,
                    channel=r.channel,
                    certificate_number=r.certificate_number,
                )
            except DomainError as refusal:
                problems.extend(_located(refusal.problems, REGISTRATION_LAYOUT, r.line))
            else:
                applied += 1
        if problems:
            transaction.set_rollback(True)
            applied = 0
    return ImportOutcome(len(table), applied, _by_row(problems))


# -- health results ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HealthRow:
    line: int
    personal_id: str
    values: dict[str, Any]  # the fields of services.HealthInput but the citizen


def _health_row(line: int, cells: Cells, problems: list[FieldProblem]) -> HealthRow | None:
    row = _Row(HEALTH_LAYOUT, line, cells, problems)
    headers = HEALTH_LAYOUT.headers
    number = row.personal_id()
    year_text = row.get("intake_year")
    year = None
    if not year_text:
        row.problem("intake_year", VALUE_REQUIRED.format(column=headers["intake_year"]))
    elif year_text.isdigit() and len(year_text) == 4:
        year = int(year_text)
    else:
        row.problem("intake_year", YEAR_INVALID.format(value=year_text))
    stage = _STAGES.get(fold(row.get("stage")))
    if not row.get("stage"):
        row.problem("stage", VALUE_REQUIRED.format(column=headers["stage"]))
    elif stage is None:
        row.problem("stage", STAGE_INVALID.format(value=row.get("stage")))
    examined_on = row.date("examined_on")
    measures = {
        "height_cm": row.decimal("height_cm", "0.1"),
        "weight_kg": row.decimal("weight_kg", "0.1"),
        "chest_cm": row.decimal("chest_cm", "0.1"),
        "refraction_right": row.decimal("refraction_right", "0.01"),
        "refraction_left": row.decimal("refraction_left", "0.01"),
    }
    type_text = row.get("health_type")
    health_type = None
    if type_text:
        try:
            health_type = int(type_text)
        except ValueError:
            row.problem("health_type", TYPE_INVALID.format(value=type_text))
    present = _PRESENT.get(fold(row.get("present")))
    if present is None:
        row.problem("present", PRESENT_INVALID.format(value=row.get("present")))
    if row.failed or year is None or stage is None or examined_on is None or present is None:
        return None
    values = {
        "intake_year": year,
        "stage": stage,
        "examined_on": examined_on,
        "health_type": health_type,
        "present": present,
        "examiner": row.get("examiner"),
        **measures,
    }
    return HealthRow(line, number, values)


def import_health_results(
    *, actor: Any, name: str, content: bytes, on_progress: Progress = None
) -> ImportOutcome:
    """Screening or examination results, each checked by `services.check_health` (which computes the
    BMI, the type and the reasons not to call), then written by `services.record_health` — all of
    the file in one transaction, or nothing if any row has a problem."""
    table = read_rows(HEALTH_LAYOUT, name, content, on_progress=on_progress)
    problems: list[FieldProblem] = []
    parsed = [r for line, cells in table if (r := _health_row(line, cells, problems))]
    citizens = _citizens(actor, {r.personal_id for r in parsed})
    column = HEALTH_LAYOUT.headers["personal_id"]
    first_line: dict[tuple[str, int, str], int] = {}
    inputs: list[services.HealthInput] = []
    for checked, r in enumerate(parsed, start=1):
        citizen = citizens.get(r.personal_id)
        if citizen is None:
            message = CITIZEN_NOT_FOUND.format(number=r.personal_id)
            problems.append(FieldProblem("personal_id", message, row=r.line, column=column))
            continue
        key = (r.personal_id, r.values["intake_year"], r.values["stage"])
        if key in first_line:
            message = SAME_EXAM_TWICE.format(first=first_line[key])
            problems.append(FieldProblem("personal_id", message, row=r.line, column=column))
            continue
        first_line[key] = r.line
        data = services.HealthInput(citizen=citizen, row=r.line, **r.values)
        _, found = services.check_health(data)
        if found:
            problems.extend(_located(found, HEALTH_LAYOUT, r.line))
        else:
            inputs.append(data)
        if on_progress and checked % PROGRESS_EVERY == 0:
            on_progress(checked)
    if problems:
        return ImportOutcome(len(table), 0, _by_row(problems))
    applied = 0
    with transaction.atomic():
        for data in inputs:
            try:
                services.record_health(actor=actor, data=data)
            except DomainError as refusal:
                problems.extend(_located(refusal.problems, HEALTH_LAYOUT, data.row or 0))
            else:
                applied += 1
        if problems:
            transaction.set_rollback(True)
            applied = 0
    return ImportOutcome(len(table), applied, _by_row(problems))


IMPORTERS: dict[str, Callable[..., ImportOutcome]] = {
    REGISTRATION_JOB_KIND: import_registrations,
    HEALTH_JOB_KIND: import_health_results,
}
# Where the officer goes once a job has applied its file.
RESULT_PAGES = {REGISTRATION_JOB_KIND: "conscription:exports", HEALTH_JOB_KIND: "conscription:exports"}


# -- background jobs -----------------------------------------------------------------------------------


@transaction.atomic
def start_import(*, actor: Any, kind: str, name: str, content: bytes) -> Job:
    """Queue the import of a file as a background job of the actor's."""
    if kind not in IMPORTERS:
        raise ValueError(kind)
    return queue_import_job(
        actor=actor,
        kind=kind,
        name=name,
        content=content,
        action="conscription.import.started",
        after={"kind": kind},
    )


def run_import_job(job: Job) -> None:
    """The job handler of both layouts: progress while reading and checking, then the single write."""
    run_import(
        job,
        IMPORTERS[job.kind],
        progress="Đã đọc, kiểm tra {n} dòng…",
        result={"next_url": reverse(RESULT_PAGES[job.kind])},
    )


# -- the template file ---------------------------------------------------------------------------------


def template_workbook(layout: Layout) -> bytes:
    """An .xlsx with the header row and one example row, for the officer to fill in."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(layout.title[:31])
    for index, width in enumerate(layout.widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for column in layout.columns:
        cell = WriteOnlyCell(sheet, value=column.header)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    example = []
    for value in layout.example:
        cell = WriteOnlyCell(sheet, value=value)
        if isinstance(value, dt.date):
            cell.number_format = "DD/MM/YYYY"
        elif isinstance(value, str) and value.isdigit():
            cell.number_format = "@"  # identity numbers stay text, leading zero and all
        example.append(cell)
    sheet.append(example)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
