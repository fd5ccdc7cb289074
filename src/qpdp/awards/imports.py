"""The Excel (or CSV) import of an award decision's recipient list: one decision, all lines or none.

The officer gives the decision's particulars (issuing unit and level, date, number, signer, reason) and a
file with one recipient per row. The header row names the columns (order does not matter): STT, Đối
tượng (tập thể / cá nhân / hộ gia đình), Họ tên / Tên tập thể, Số định danh (optional: the person is then
taken from the register, within the importer's scope), Chức vụ / Đơn vị, Hình thức / Danh hiệu, Thành
tích, Số tiền, and optionally Kỳ thành tích (else the decision's). Rows are parsed first (problems of
form), identity numbers are looked up in a few queries, then the whole list goes through the decision
service (`services.decide_awards`) as direct lines, which asks every rule on the decision's day — the
issuer's authority, the recipient kind, conditions, earlier awards, a recipient written twice. Every
problem comes back with the file's own line and the column's header; if there is any, nothing is written.
Large files run as a background job (`awards.import_decision`).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from django.db import transaction
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from qpdp.awards import rules, services
from qpdp.awards.models import AwardDecision
from qpdp.core.errors import DomainError, FieldProblem
from qpdp.core.models import Job
from qpdp.core.text import fold
from qpdp.org.models import Unit
from qpdp.org.selectors import unit_detail
from qpdp.people.imports import (
    Column,
    ImportOutcome,
    cell_text,
    personal_id_text,
    queue_import_job,
    read_cells,
    read_table,
    run_import,
)
from qpdp.people.models import Citizen
from qpdp.people.selectors import citizen_queryset

JOB_KIND = "awards.import_decision"
LOOKUP_CHUNK = 500

VALUE_REQUIRED = "Chưa ghi “{column}”."
KIND_INVALID = "Đối tượng “{value}” phải là “tập thể”, “cá nhân” hoặc “hộ gia đình”."
FORM_INVALID = "Hình thức, danh hiệu “{value}” không có trong danh mục; ghi một trong: {choices}."
MONEY_INVALID = "Số tiền “{value}” phải là số đồng, ví dụ 500.000."
CITIZEN_NOT_FOUND = "Không tìm thấy công dân có số định danh {number} trong phạm vi của bạn."
NAME_MISMATCH = "Họ tên “{typed}” khác họ tên trong sổ công dân của số định danh {number} (“{registered}”)."
UNIT_NOT_FOUND = "Không tìm thấy đơn vị mã “{code}” trong phạm vi của bạn."

COLUMNS = (
    Column("number", "STT"),
    Column("recipient_kind", "Đối tượng", required=True),
    Column("recipient_name", "Họ tên / Tên tập thể", required=True),
    Column("personal_id", "Số định danh"),
    Column("recipient_detail", "Chức vụ / Đơn vị"),
    Column("form_code", "Hình thức / Danh hiệu", required=True),
    Column("achievement", "Thành tích"),
    Column("money", "Số tiền"),
    Column("period_code", "Kỳ thành tích"),
)
HEADERS = {c.key: c.header for c in COLUMNS}
HEADER_KEYS = (
    {fold(c.header): c.key for c in COLUMNS}
    | {c.key: c.key for c in COLUMNS}
    | {
        "tt": "number",
        "so thu tu": "number",
        "doi tuong khen thuong": "recipient_kind",
        "ho ten": "recipient_name",
        "ho va ten": "recipient_name",
        "ten tap the": "recipient_name",
        "ten tap the, ca nhan": "recipient_name",
        "so dinh danh ca nhan": "personal_id",
        "cccd": "personal_id",
        "so cccd": "personal_id",
        "chuc vu": "recipient_detail",
        "don vi": "recipient_detail",
        "chuc vu, don vi": "recipient_detail",
        "chuc vu / don vi": "recipient_detail",
        "hinh thuc": "form_code",
        "danh hieu": "form_code",
        "hinh thuc, danh hieu": "form_code",
        "hinh thuc khen thuong": "form_code",
        "thanh tich": "achievement",
        "tien thuong": "money",
        "so tien thuong": "money",
        "ky": "period_code",
        "nam thanh tich": "period_code",
    }
)
EXAMPLE_ACHIEVEMENT = "Hoàn thành xuất sắc nhiệm vụ quân sự, quốc phòng"
EXAMPLE = (
    (
        1,
        "Tập thể",
        "Trung đội dân quân cơ động",
        "",
        "Ban CHQS xã",
        "Giấy khen",
        EXAMPLE_ACHIEVEMENT,
        1_000_000,
    ),
    (
        2,
        "Cá nhân",
        "Nguyễn Văn An",
        "001206001234",
        "Tiểu đội trưởng",
        "Giấy khen",
        EXAMPLE_ACHIEVEMENT,
        500_000,
    ),
)
WIDTHS = (6, 14, 30, 16, 26, 24, 40, 14, 12)

_KINDS = {
    "tap the": rules.RecipientKind.COLLECTIVE,
    "collective": rules.RecipientKind.COLLECTIVE,
    "ca nhan": rules.RecipientKind.INDIVIDUAL,
    "individual": rules.RecipientKind.INDIVIDUAL,
    "ho gia dinh": rules.RecipientKind.HOUSEHOLD,
    "ho": rules.RecipientKind.HOUSEHOLD,
    "household": rules.RecipientKind.HOUSEHOLD,
}
# A service's field and the column the officer typed it in.
_COLUMN_OF_FIELD = {
    "recipient_citizen": "personal_id",
    "recipient_unit": "recipient_name",
    "achievement_year": "period_code",
}

Progress = Callable[[int], None] | None


def _form_names() -> dict[str, str]:
    """Each form by its code, its name and its phrase, folded ("giay khen", "lao dong tien tien" …)."""
    names: dict[str, str] = {}
    for code, form in rules.FORMS.items():
        for spelling in (code, form.name, form.phrase, form.phrase.replace("“", "").replace("”", "")):
            names.setdefault(fold(spelling), code)
    return names


FORM_NAMES = _form_names()


@dataclass(frozen=True)
class DecisionHeader:
    """The decision the file's rows are the list of (what the import form asks), as the job stores it."""

    issuing_unit: str  # the unit's code
    issuer: str
    decided_on: dt.date
    number: str = ""
    signer_name: str = ""
    signer_title: str = ""
    subject: str = ""
    period_code: str = ""  # the achievements' period when the file has no column for it: the year
    draft: bool = False

    def as_parameters(self) -> dict[str, Any]:
        return {**asdict(self), "decided_on": self.decided_on.isoformat()}

    @classmethod
    def of_parameters(cls, values: dict[str, Any]) -> DecisionHeader:
        fields = {key: values[key] for key in cls.__dataclass_fields__ if key in values}
        return cls(**{**fields, "decided_on": dt.date.fromisoformat(values["decided_on"])})


@dataclass(frozen=True)
class ParsedRow:
    line: int
    kind: str
    name: str
    personal_id: str
    detail: str
    form_code: str
    achievement: str
    money: int
    period_code: str


class _Row:
    """One row being parsed: its cells as text, and the problems found in them."""

    def __init__(self, line: int, cells: dict[str, Any], problems: list[FieldProblem]) -> None:
        self.line, self.cells, self.problems = line, cells, problems
        self.text = {key: cell_text(value) for key, value in cells.items()}
        self.failed = False

    def problem(self, key: str, message: str) -> None:
        self.failed = True
        self.problems.append(FieldProblem(field=key, message=message, row=self.line, column=HEADERS[key]))

    def get(self, key: str) -> str:
        return self.text.get(key, "")

    def required(self, key: str) -> str:
        value = self.get(key)
        if not value:
            self.problem(key, VALUE_REQUIRED.format(column=HEADERS[key]))
        return value

    def kind(self) -> str:
        typed = self.required("recipient_kind")
        kind = _KINDS.get(fold(typed))
        if typed and kind is None:
            self.problem("recipient_kind", KIND_INVALID.format(value=typed))
        return kind.value if kind else ""

    def form(self) -> str:
        typed = self.required("form_code")
        code = FORM_NAMES.get(fold(typed).strip(" .")) or ""
        if typed and not code:
            choices = ", ".join(form.name for form in rules.FORMS.values())
            self.problem("form_code", FORM_INVALID.format(value=typed, choices=choices))
        return code

    def money(self) -> int:
        raw = self.cells.get("money")
        if isinstance(raw, int | float) and not isinstance(raw, bool) and float(raw).is_integer():
            return int(raw)
        typed = self.get("money")
        digits = (
            typed.replace(".", "").replace(",", "").replace(" ", "").removesuffix("đ").removesuffix("đồng")
        )
        if not typed:
            return 0
        if digits.lstrip("-").isdigit():
            return int(digits)
        self.problem("money", MONEY_INVALID.format(value=typed))
        return 0


def parse_row(line: int, cells: dict[str, Any], problems: list[FieldProblem]) -> ParsedRow | None:
    row = _Row(line, cells, problems)
    kind = row.kind()
    name = row.required("recipient_name")
    form_code = row.form()
    money = row.money()
    number = personal_id_text(row.get("personal_id").replace(" ", ""))
    if row.failed:
        return None
    return ParsedRow(
        line=line,
        kind=kind,
        name=name,
        personal_id=number,
        detail=row.get("recipient_detail"),
        form_code=form_code,
        achievement=row.get("achievement"),
        money=money,
        period_code=row.get("period_code"),
    )


def _citizens(actor: Any, numbers: set[str]) -> dict[str, Citizen]:
    """The citizens of these identity numbers that the actor may see, in a few queries."""
    found: dict[str, Citizen] = {}
    ordered = sorted(n for n in numbers if n)
    scoped = citizen_queryset(user=actor)
    for start in range(0, len(ordered), LOOKUP_CHUNK):
        for citizen in scoped.filter(personal_id__in=ordered[start : start + LOOKUP_CHUNK]):
            found[citizen.personal_id] = citizen
    return found


def _located(problems: list[FieldProblem]) -> list[FieldProblem]:
    """A service's problems placed under the column of the field they name (the row is the file's line)."""
    located = []
    for p in problems:
        key = _COLUMN_OF_FIELD.get(p.field, p.field)
        located.append(FieldProblem(field=key, message=p.message, row=p.row, column=HEADERS.get(key, "")))
    return located


def _line_of(
    row: ParsedRow, citizens: dict[str, Citizen], header: DecisionHeader, problems: list[FieldProblem]
) -> services.AwardLine | None:
    citizen = None
    if row.personal_id:
        citizen = citizens.get(row.personal_id)
        column = HEADERS["personal_id"]
        if citizen is None:
            message = CITIZEN_NOT_FOUND.format(number=row.personal_id)
            problems.append(FieldProblem("personal_id", message, row=row.line, column=column))
            return None
        if fold(citizen.full_name) != fold(row.name):
            message = NAME_MISMATCH.format(
                typed=row.name, number=row.personal_id, registered=citizen.full_name
            )
            problems.append(
                FieldProblem("recipient_name", message, row=row.line, column=HEADERS["recipient_name"])
            )
            return None
    return services.AwardLine(
        recipient_kind=row.kind,
        form_code=row.form_code,
        period_code=row.period_code or header.period_code or str(header.decided_on.year),
        recipient_citizen=citizen,
        recipient_name="" if citizen is not None else row.name,
        recipient_detail=row.detail,
        achievement=row.achievement,
        money=row.money,
        row=row.line,
    )


def _issuing_unit(actor: Any, code: str) -> Unit:
    try:
        return unit_detail(user=actor, code=code)
    except Http404 as missing:
        raise DomainError(UNIT_NOT_FOUND.format(code=code), field="issuing_unit") from missing


@dataclass
class _Created:
    decision: AwardDecision | None = None


def import_decision(
    *,
    actor: Any,
    name: str,
    content: bytes,
    header: DecisionHeader,
    on_progress: Progress = None,
    created: _Created | None = None,
) -> ImportOutcome:
    """The decision with the file's rows as its lines, through `services.decide_awards`: every problem
    of the file at once (form, register, rules), and nothing written unless there is none."""
    unit = _issuing_unit(actor, header.issuing_unit)
    table = read_cells(read_table(name, content), HEADER_KEYS, COLUMNS, on_progress=on_progress)
    problems: list[FieldProblem] = []
    parsed = [r for line, cells in table if (r := parse_row(line, cells, problems))]
    citizens = _citizens(actor, {r.personal_id for r in parsed})
    lines = [line for r in parsed if (line := _line_of(r, citizens, header, problems))]
    data = services.DecisionInput(
        issuing_unit=unit,
        issuer=header.issuer,
        decided_on=header.decided_on,
        number=header.number,
        signer_name=header.signer_name,
        signer_title=header.signer_title,
        subject=header.subject,
        draft=header.draft,
    )
    with transaction.atomic():
        try:
            # The rules are asked even when some rows could not be read, so the officer gets every
            # problem of the file at once; a decision made then is rolled back with the rest.
            decision = services.decide_awards(actor=actor, data=data, lines=lines) if lines else None
        except DomainError as refusal:
            problems += _located(refusal.problems)
            decision = None
        if problems or decision is None:
            transaction.set_rollback(True)
            return ImportOutcome(len(table), 0, sorted(problems, key=lambda p: p.row or 0))
    if created is not None:
        created.decision = decision
    return ImportOutcome(len(table), len(lines), [])


# -- background job ------------------------------------------------------------------------------------


@transaction.atomic
def start_import(*, actor: Any, name: str, content: bytes, header: DecisionHeader) -> Job:
    """Queue the import of a decision's list as a background job of the actor's."""
    _issuing_unit(actor, header.issuing_unit)
    return queue_import_job(
        actor=actor,
        kind=JOB_KIND,
        name=name,
        content=content,
        action="awards.import.started",
        parameters={"decision": header.as_parameters()},
        after={"kind": JOB_KIND, "decision": header.as_parameters()},
    )


def _decision_url(decision: AwardDecision) -> str:
    try:
        return reverse("awards:decision-detail", kwargs={"decision_id": decision.pk})
    except NoReverseMatch:
        return ""


def run_import_job(job: Job) -> None:
    """The job handler: the file's rows checked and, if all pass, the decision written."""
    header = DecisionHeader.of_parameters(job.parameters["decision"])
    created = _Created()
    run_import(job, import_decision, progress="Đã đọc {n} dòng…", header=header, created=created)
    if created.decision is not None:
        job.result = {
            **job.result,
            "decision_id": created.decision.pk,
            "next_url": _decision_url(created.decision),
        }
        job.save(update_fields=["result"])


# -- the template file ---------------------------------------------------------------------------------


def template_workbook() -> bytes:
    """An .xlsx with the header row and two example rows, for the officer to fill in."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Danh sách khen thưởng")
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for column in COLUMNS:
        cell = WriteOnlyCell(sheet, value=column.header)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for example in EXAMPLE:
        cells = []
        for value in example:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str) and value.isdigit():
                cell.number_format = "@"  # identity numbers stay text, leading zero and all
            elif isinstance(value, int) and value >= 1000:
                cell.number_format = "#,##0"
            cells.append(cell)
        sheet.append(cells)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
