"""The citizen import: file layout (columns), row parsing, and the background job that applies it.

Its readers (`read_table`, `read_cells`, `cell_text`, `parse_date`, `personal_id_text`) and its job
plumbing (`queue_import_job`, `run_import`) serve the other registers' imports too (military
service), so that every import reads files, runs as a job and reports problems alike.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction

from qpdp.core import audit, jobs
from qpdp.core.errors import DomainError, FieldProblem
from qpdp.core.models import Job
from qpdp.core.text import fold, nfc
from qpdp.org.scope import primary_path
from qpdp.people import services
from qpdp.people.choices import Qualification

IMPORT_JOB_KIND = "people.import_citizens"
MAX_ROWS = 1_000_000
PROGRESS_EVERY = 5000

FILE_UNREADABLE = "Không đọc được tệp: chỉ nhận Excel (.xlsx) hoặc CSV (UTF-8)."
FILE_EMPTY = "Tệp không có dòng dữ liệu nào."
FILE_TOO_LARGE = "Tệp có quá {limit} dòng; hãy chia nhỏ tệp."
MISSING_COLUMNS = "Tệp thiếu cột bắt buộc: {columns}."
DATE_INVALID = "Ngày sinh “{value}” không đúng dạng dd/mm/yyyy."
NUMBER_INVALID = "“{value}” không phải số lớp (0–12)."
SEX_INVALID = "Giới tính “{value}” phải là “Nam” hoặc “Nữ”."
QUALIFICATION_INVALID = "Trình độ chuyên môn “{value}” không rõ (đại học, cao đẳng, trung cấp hoặc để trống)."


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool = False


# The layout communes use: the header row names the columns; order does not matter.
COLUMNS = [
    Column("personal_id", "Số định danh cá nhân", required=True),
    Column("full_name", "Họ và tên", required=True),
    Column("sex", "Giới tính", required=True),
    Column("date_of_birth", "Ngày sinh", required=True),
    Column("ethnicity", "Dân tộc"),
    Column("commune_code", "Mã xã, phường", required=True),
    Column("village", "Thôn, tổ dân phố"),
    Column("address", "Địa chỉ"),
    Column("permanent_commune_code", "Mã xã nơi thường trú"),
    Column("permanent_village", "Thôn nơi thường trú"),
    Column("permanent_address", "Địa chỉ thường trú"),
    Column("education_level", "Trình độ văn hóa"),
    Column("qualification", "Trình độ chuyên môn"),
    Column("occupation", "Nghề nghiệp"),
    Column("workplace", "Nơi làm việc, học tập"),
]
_HEADER_KEYS = {fold(c.header): c.key for c in COLUMNS} | {c.key: c.key for c in COLUMNS}
_HEADER_KEYS |= {"cccd": "personal_id", "so cccd": "personal_id", "ma xa": "commune_code", "gioi": "sex"}
_SEX = {"nam": "M", "m": "M", "nu": "F", "f": "F"}
_QUALIFICATIONS = {
    "": "",
    "khong": "",
    "dai hoc": Qualification.UNIVERSITY,
    "thac si": Qualification.UNIVERSITY,
    "tien si": Qualification.UNIVERSITY,
    "university": Qualification.UNIVERSITY,
    "cao dang": Qualification.COLLEGE,
    "college": Qualification.COLLEGE,
    "trung cap": Qualification.VOCATIONAL,
    "so cap": Qualification.VOCATIONAL,
    "trung cap nghe": Qualification.VOCATIONAL,
    "vocational": Qualification.VOCATIONAL,
}
COLUMN_HEADERS = {c.key: c.header for c in COLUMNS}


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if type(value) is str:
        return nfc(value) if value else ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d/%m/%Y")
    return nfc(str(value))


def read_table(name: str, content: bytes) -> Iterator[list[Any]]:
    """Rows of the first sheet of an .xlsx file, or of a CSV file (UTF-8, comma or semicolon)."""
    if name.lower().endswith((".xlsx", ".xlsm", ".xls", ".ods")):
        from python_calamine import CalamineWorkbook

        try:
            workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
            sheet = workbook.get_sheet_by_index(0)
        except Exception as unreadable:  # calamine raises its own error types for corrupt files
            raise DomainError(FILE_UNREADABLE, field="file") from unreadable
        yield from sheet.to_python(skip_empty_area=False)
        return
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as unreadable:
        raise DomainError(FILE_UNREADABLE, field="file") from unreadable
    dialect = "excel"
    first_line = text.split("\n", 1)[0]
    if first_line.count(";") > first_line.count(","):
        dialect = "excel-semicolon"
    delimiter = ";" if dialect == "excel-semicolon" else ","
    yield from csv.reader(io.StringIO(text), delimiter=delimiter)


def personal_id_text(number: str) -> str:
    """An identity number as typed in a cell, with the leading zeros Excel drops from a number typed
    without an apostrophe ("001…" → "1…") put back: no identity number has 10 or 11 digits (the old
    card numbers have 9 or 12)."""
    return number.zfill(12) if number.isdigit() and len(number) in (10, 11) else number


def read_cells(
    rows: Iterator[list[Any]],
    header_keys: dict[str, str],
    columns: Iterable[Column],
    *,
    on_progress: Any = None,
) -> list[tuple[int, dict[str, Any]]]:
    """The data rows of a table as (line, {column key: raw cell}); the header is line 1.

    The header names the columns (`header_keys`: folded header text → key; order does not matter).
    Refuses, naming the file, a table with no data row, without a required column, or too large;
    blank rows are skipped, their lines counted, so that a line is the officer's line in Excel.
    """
    try:
        header = next(rows)
    except StopIteration as empty:
        raise DomainError(FILE_EMPTY, field="file") from empty
    positions: dict[str, int] = {}
    for index, title in enumerate(header):
        key = header_keys.get(fold(cell_text(title)))
        if key and key not in positions:
            positions[key] = index
    missing = [c.header for c in columns if c.required and c.key not in positions]
    if missing:
        raise DomainError(MISSING_COLUMNS.format(columns=", ".join(missing)), field="file")
    table: list[tuple[int, dict[str, Any]]] = []
    line = 1
    for raw in rows:
        line += 1
        if not any(cell_text(v) for v in raw):
            continue
        if len(table) >= MAX_ROWS:
            raise DomainError(FILE_TOO_LARGE.format(limit=MAX_ROWS), field="file")
        table.append((line, {key: (raw[i] if i < len(raw) else None) for key, i in positions.items()}))
        if on_progress and len(table) % PROGRESS_EVERY == 0:
            on_progress(len(table))
    if not table:
        raise DomainError(FILE_EMPTY, field="file")
    return table


def parse_date(value: Any, text: str) -> dt.date:
    """A date cell: an Excel date, or text as dd/mm/yyyy (also yyyy-mm-dd, dd-mm-yyyy, dd.mm.yyyy)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    for separator in "/-.":
        parts = text.split(separator)
        if len(parts) == 3 and all(p.isdigit() for p in parts):
            if len(parts[0]) == 4:
                return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
            if len(parts[2]) == 4:
                return dt.date(int(parts[2]), int(parts[1]), int(parts[0]))
    raise ValueError(text)


def parse_rows(
    rows: Iterator[list[Any]], *, on_progress: Any = None
) -> tuple[list[services.CitizenInput], list[FieldProblem], int]:
    """Turn raw rows into inputs; problems of form (dates, numbers, missing columns) by row and column.

    Row numbers are the file's own (the header is row 1), so the officer finds the line in Excel; the
    third value is the last data row's number.
    """
    table = read_cells(rows, _HEADER_KEYS, COLUMNS, on_progress=on_progress)
    problems: list[FieldProblem] = []
    inputs = [_row_input(cells, line, problems) for line, cells in table]
    return inputs, problems, table[-1][0]


def _row_input(cells: dict[str, Any], line: int, problems: list[FieldProblem]) -> services.CitizenInput:
    def problem(key: str, message: str) -> None:
        problems.append(FieldProblem(field=key, message=message, row=line, column=COLUMN_HEADERS[key]))

    text = {key: cell_text(value) for key, value in cells.items()}
    get = text.get
    birth = None
    if get("date_of_birth"):
        try:
            birth = parse_date(cells.get("date_of_birth"), text["date_of_birth"])
        except ValueError:
            problem("date_of_birth", DATE_INVALID.format(value=text["date_of_birth"]))
    sex_text = get("sex", "")
    sex = _SEX.get(fold(sex_text), "")
    if not sex:
        problem("sex", SEX_INVALID.format(value=sex_text))
    level_text = get("education_level", "").split("/")[0].strip()
    level = 12
    if level_text:
        try:
            level = int(float(level_text))
        except ValueError:
            problem("education_level", NUMBER_INVALID.format(value=level_text))
    qualification_text = get("qualification", "")
    qualification = _QUALIFICATIONS.get(fold(qualification_text))
    if qualification is None:
        problem("qualification", QUALIFICATION_INVALID.format(value=qualification_text))
    number = get("personal_id", "")
    commune = get("commune_code", "")
    return services.CitizenInput(
        personal_id=personal_id_text(number),
        full_name=get("full_name", ""),
        sex=sex or "?",
        date_of_birth=birth,
        commune_code=commune.zfill(5) if commune.isdigit() else commune,
        ethnicity=get("ethnicity") or "Kinh",
        village=get("village", ""),
        address=get("address", ""),
        permanent_commune_code=get("permanent_commune_code", ""),
        permanent_village=get("permanent_village", ""),
        permanent_address=get("permanent_address", ""),
        education_level=level,
        qualification=qualification or "",
        occupation=get("occupation", ""),
        workplace=get("workplace", ""),
        row=line,
    )


@dataclass(frozen=True)
class ImportOutcome:
    rows: int
    applied: int
    problems: list[FieldProblem]


def import_citizens(
    *, actor: Any, name: str, content: bytes, apply_valid_rows: bool = False, on_progress: Any = None
) -> ImportOutcome:
    """Read, check and apply a file: all or nothing, unless `apply_valid_rows` (then rejects are listed).

    Parsing and checking come first and write nothing; the write is one transaction of the
    `register_citizens` service.
    """
    inputs, parse_problems, _ = parse_rows(read_table(name, content), on_progress=on_progress)
    if parse_problems and not apply_valid_rows:
        # Nothing will be written, but the officer gets every problem of the file at once.
        _, check_problems = services.check_citizens(actor=actor, inputs=inputs)
        return ImportOutcome(len(inputs), 0, _ordered(parse_problems, check_problems))
    unparsable = {p.row for p in parse_problems}
    parsed = [i for i in inputs if i.row not in unparsable]
    try:
        applied, check_problems = services.register_citizens(
            actor=actor, inputs=parsed, note=f"Nhập từ tệp {name}", apply_valid_rows=apply_valid_rows
        )
    except DomainError as refusal:
        return ImportOutcome(len(inputs), 0, _ordered(parse_problems, refusal.problems))
    return ImportOutcome(len(inputs), applied, _ordered(parse_problems, check_problems))


def _ordered(parse_problems: list[FieldProblem], check_problems: list[FieldProblem]) -> list[FieldProblem]:
    """All problems by row; a cell that could not be read is reported once, not again by the check."""
    unreadable = {(p.row, p.field) for p in parse_problems}
    kept = [p for p in check_problems if (p.row, p.field) not in unreadable]
    return sorted(parse_problems + kept, key=lambda p: p.row or 0)


def rejects_csv(problems: list[FieldProblem]) -> bytes:
    """The rejected rows and their reasons, for the officer to correct and import again."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Dòng", "Cột", "Lỗi"])
    for p in problems:
        writer.writerow([p.row or "", p.column or "", p.message])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


# -- background jobs ---------------------------------------------------------------------------------


def queue_import_job(
    *,
    actor: Any,
    kind: str,
    name: str,
    content: bytes,
    action: str,
    parameters: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> Job:
    """Queue the import of a file as a background job of the actor's, with its audit entry (`action`).

    Call it inside the caller's transaction, so that the job, its file and the entry stand together.
    """
    if not name.lower().endswith((".xlsx", ".csv")):
        raise DomainError(FILE_UNREADABLE, field="file")
    job = Job(
        kind=kind,
        unit_path=primary_path(actor),
        requested_by=actor,
        parameters={"name": name, **(parameters or {})},
    )
    job.input_file.save(Path(name).name, ContentFile(content), save=False)
    jobs.enqueue(job)
    audit.record(
        actor=actor, action=action, target=job, unit_path=job.unit_path, after={"file": name, **(after or {})}
    )
    return job


def run_import(
    job: Job,
    importer: Callable[..., ImportOutcome],
    *,
    progress: str,
    result: dict[str, Any] | None = None,
    **options: Any,
) -> None:
    """Run a queued import: its file through `importer(actor=, name=, content=, on_progress=, **options)`
    with `progress` ("… {n} dòng…") as the job's message while reading and checking, then keep the
    outcome on the job: the counts, the first thousand problems (all of them in a rejects file to
    download), the message the officer reads; `result` adds to what the job's page reads."""
    with job.input_file.open("rb") as handle:
        content = handle.read()
    name = str(job.parameters.get("name", job.input_file.name))
    jobs.report_progress(job, 0, message="Đang đọc tệp…")
    outcome = importer(
        actor=job.requested_by,
        name=name,
        content=content,
        on_progress=lambda n: jobs.report_progress(job, n, message=progress.format(n=n)),
        **options,
    )
    job.result = {
        "rows": outcome.rows,
        "applied": outcome.applied,
        "problems": [
            {"row": p.row, "column": p.column, "message": p.message} for p in outcome.problems[:1000]
        ],
        "problem_count": len(outcome.problems),
        **(result or {}),
    }
    if outcome.problems:
        job.output_file.save(f"loi-nhap-{job.pk}.csv", ContentFile(rejects_csv(outcome.problems)), save=False)
    job.progress = job.total = outcome.rows
    job.message = (
        f"Đã nhập {outcome.applied}/{outcome.rows} dòng."
        if outcome.applied
        else f"Không nhập dòng nào: {len(outcome.problems)} lỗi cần sửa."
    )
    job.save(update_fields=["result", "output_file", "progress", "total", "message"])


@transaction.atomic
def start_citizen_import(*, actor: Any, name: str, content: bytes, apply_valid_rows: bool = False) -> Job:
    """Queue an import of a population file as a background job of the actor's."""
    return queue_import_job(
        actor=actor,
        kind=IMPORT_JOB_KIND,
        name=name,
        content=content,
        action="people.import.started",
        parameters={"apply_valid_rows": apply_valid_rows},
    )


def run_import_job(job: Job) -> None:
    """The job handler: progress while reading and checking, then the single write."""
    apply_valid_rows = bool(job.parameters.get("apply_valid_rows"))
    run_import(job, import_citizens, progress="Đã đọc {n} dòng…", apply_valid_rows=apply_valid_rows)
