"""Citizen import: good files apply whole; bad rows are named by line and column and nothing is written."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
from typing import Any

import openpyxl
import pytest

from qpdp.core.errors import DomainError
from qpdp.core.models import AuditEntry, Job, JobStatus
from qpdp.people.imports import import_citizens, start_citizen_import
from qpdp.people.models import Citizen
from tests.factories.org import Tree

HEADER = [
    "Số định danh cá nhân",
    "Họ và tên",
    "Giới tính",
    "Ngày sinh",
    "Mã xã, phường",
    "Thôn, tổ dân phố",
    "Trình độ văn hóa",
    "Trình độ chuyên môn",
]
GOOD_ROWS = [
    ["001205000011", "Trần Văn An", "Nam", "15/03/2005", "90001", "Thôn 1", "12", "Đại học"],
    ["001305000012", "Lê Thị Bình", "Nữ", "01/01/2005", "90001", "", "9/12", ""],
    ["038205000013", "Phạm Văn Cường", "nam", "31/12/2005", "90001", "90001-001", "12", "Trung cấp"],
]
# Line 1 is the header, line 3 is left empty: the problems must name the file's own line numbers.
BAD_FILE_ROWS = [
    GOOD_ROWS[0],
    [],
    ["001205000014", "Võ Văn Dũng", "Nam", "31/02/2005", "90001", "", "12", ""],
    ["001005000015", "Đỗ Văn Em", "Nam", "10/10/2005", "90001", "", "12", ""],
]
BAD_FILE_PROBLEMS = [
    (4, "Ngày sinh", "Ngày sinh “31/02/2005” không đúng dạng dd/mm/yyyy."),
    (
        5,
        "Số định danh cá nhân",
        "Chữ số thứ 4 “0” ứng với nam sinh năm 1900–1999, "
        "không khớp giới tính và năm sinh đã khai (phải là “2”).",
    ),
]


def csv_file(rows: list[list[Any]], header: list[str] = HEADER) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def xlsx_file(rows: list[list[Any]], header: list[str] = HEADER) -> bytes:
    """An Excel workbook as officers fill it: real date cells, identity numbers typed as text."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        cells = list(row)
        if len(cells) > 3 and isinstance(cells[3], str) and cells[3].count("/") == 2:
            day, month, year = (int(part) for part in cells[3].split("/"))
            # An impossible date stays text, as a typo would.
            with contextlib.suppress(ValueError):
                cells[3] = dt.date(year, month, day)
        sheet.append(cells)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


FORMATS = [
    pytest.param("dan-so.csv", csv_file, id="csv"),
    pytest.param("dan-so.xlsx", xlsx_file, id="xlsx"),
]


@pytest.mark.parametrize(("name", "make_file"), FORMATS)
def test_good_file_applies_every_row(tree: Tree, commune_officer_a: Any, name: str, make_file: Any) -> None:
    outcome = import_citizens(actor=commune_officer_a, name=name, content=make_file(GOOD_ROWS))

    assert (outcome.rows, outcome.applied, outcome.problems) == (3, 3, [])
    stored = {c.full_name: c for c in Citizen.objects.select_related("village")}
    assert set(stored) == {"Trần Văn An", "Lê Thị Bình", "Phạm Văn Cường"}
    assert stored["Lê Thị Bình"].sex == "F"
    assert stored["Lê Thị Bình"].education_level == 9
    assert stored["Trần Văn An"].qualification == "university"
    assert stored["Trần Văn An"].village == tree.village_a1
    assert stored["Phạm Văn Cường"].date_of_birth == dt.date(2005, 12, 31)
    assert AuditEntry.objects.filter(action="people.citizen.created").count() == 3


@pytest.mark.parametrize(("name", "make_file"), FORMATS)
def test_bad_rows_are_named_by_line_and_column_and_nothing_is_written(
    tree: Tree, commune_officer_a: Any, name: str, make_file: Any
) -> None:
    outcome = import_citizens(actor=commune_officer_a, name=name, content=make_file(BAD_FILE_ROWS))

    assert outcome.applied == 0
    assert [(p.row, p.column, p.message) for p in outcome.problems] == BAD_FILE_PROBLEMS
    assert Citizen.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_rows_the_register_refuses_are_named_too_and_nothing_is_written(
    tree: Tree, commune_officer_a: Any
) -> None:
    rows = [
        GOOD_ROWS[0],
        ["001205000016", "Ngô Văn Giang", "Nam", "01/05/2005", "90002", "", "12", ""],
        ["001205000017", "Ngô Văn Hải", "Nam", "01/05/2005", "90001", "Thôn 7", "12", ""],
        [GOOD_ROWS[0][0], "Ngô Văn Khoa", "Nam", "01/05/2005", "90001", "", "12", ""],
    ]

    outcome = import_citizens(actor=commune_officer_a, name="dan-so.xlsx", content=xlsx_file(rows))

    assert outcome.applied == 0
    assert [(p.row, p.column) for p in outcome.problems] == [
        (3, "Mã xã, phường"),
        (4, "Thôn, tổ dân phố"),
        (5, "Số định danh cá nhân"),
    ]
    assert outcome.problems[0].message == "Không tìm thấy xã, phường có mã “90002” trong phạm vi của bạn."
    assert "dòng 2, 5" in outcome.problems[2].message
    assert Citizen.objects.count() == 0


def test_identity_number_typed_as_a_number_in_excel_keeps_its_leading_zero(
    tree: Tree, commune_officer_a: Any
) -> None:
    rows = [[38205000013, "Phạm Văn Cường", "Nam", "31/12/2005", 90001, "", 12, ""]]

    outcome = import_citizens(actor=commune_officer_a, name="dan-so.xlsx", content=xlsx_file(rows))

    assert (outcome.applied, outcome.problems) == (1, [])
    assert Citizen.objects.get().personal_id == "038205000013"


def test_identity_number_of_ha_noi_typed_as_a_number_keeps_both_leading_zeros(
    tree: Tree, commune_officer_a: Any
) -> None:
    rows = [[1205000011, "Trần Văn An", "Nam", "15/03/2005", 90001, "", 12, ""]]  # "001…" lost "00"

    outcome = import_citizens(actor=commune_officer_a, name="dan-so.xlsx", content=xlsx_file(rows))

    assert (outcome.applied, outcome.problems) == (1, [])
    assert Citizen.objects.get().personal_id == "001205000011"


def test_missing_required_column_is_refused_naming_it(tree: Tree, commune_officer_a: Any) -> None:
    header = [h for h in HEADER if h != "Ngày sinh"]
    rows = [[cell for i, cell in enumerate(row) if HEADER[i] != "Ngày sinh"] for row in GOOD_ROWS]

    with pytest.raises(DomainError) as refused:
        import_citizens(actor=commune_officer_a, name="dan-so.csv", content=csv_file(rows, header))

    assert refused.value.by_field() == {"file": ["Tệp thiếu cột bắt buộc: Ngày sinh."]}
    assert Citizen.objects.count() == 0


def test_file_that_is_not_a_spreadsheet_is_refused(tree: Tree, commune_officer_a: Any) -> None:
    with pytest.raises(DomainError) as refused:
        import_citizens(actor=commune_officer_a, name="dan-so.xlsx", content=b"not a workbook")

    assert refused.value.by_field() == {
        "file": ["Không đọc được tệp: chỉ nhận Excel (.xlsx) hoặc CSV (UTF-8)."]
    }


def test_applying_valid_rows_writes_only_them_and_lists_the_rejects(
    tree: Tree, commune_officer_a: Any
) -> None:
    outcome = import_citizens(
        actor=commune_officer_a, name="dan-so.csv", content=csv_file(BAD_FILE_ROWS), apply_valid_rows=True
    )

    assert (outcome.rows, outcome.applied) == (3, 1)
    assert [(p.row, p.column, p.message) for p in outcome.problems] == BAD_FILE_PROBLEMS
    assert list(Citizen.objects.values_list("full_name", flat=True)) == ["Trần Văn An"]
    assert AuditEntry.objects.filter(action="people.citizen.created").count() == 1


@pytest.fixture
def eager_jobs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Jobs run inline when the enqueuing transaction commits (the test plugin's default, made explicit)."""
    monkeypatch.setenv("QPDP_JOB_RUNNER", "eager")


@pytest.mark.usefixtures("eager_jobs")
def test_import_job_of_a_good_file_applies_it(
    tree: Tree, commune_officer_a: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        job = start_citizen_import(actor=commune_officer_a, name="dan-so.csv", content=csv_file(GOOD_ROWS))

    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert job.requested_by == commune_officer_a
    assert job.result == {"rows": 3, "applied": 3, "problems": [], "problem_count": 0}
    assert job.message == "Đã nhập 3/3 dòng."
    assert Citizen.objects.count() == 3
    assert AuditEntry.objects.filter(action="people.import.started", object_id=str(job.pk)).count() == 1


@pytest.mark.usefixtures("eager_jobs")
def test_import_job_of_a_bad_file_ends_with_the_problems_and_writes_nothing(
    tree: Tree, commune_officer_a: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        job = start_citizen_import(
            actor=commune_officer_a, name="dan-so.xlsx", content=xlsx_file(BAD_FILE_ROWS)
        )

    job = Job.objects.get(pk=job.pk)
    assert job.status == JobStatus.DONE
    assert job.result["applied"] == 0
    assert job.result["problem_count"] == 2
    assert [(p["row"], p["column"], p["message"]) for p in job.result["problems"]] == BAD_FILE_PROBLEMS
    assert job.message == "Không nhập dòng nào: 2 lỗi cần sửa."
    with job.output_file.open("rb") as rejects:
        lines = rejects.read().decode("utf-8-sig").splitlines()
    assert lines[0] == "Dòng,Cột,Lỗi"
    assert lines[1].startswith("4,Ngày sinh,")
    assert Citizen.objects.count() == 0


def test_import_job_refuses_a_file_type_it_cannot_read(tree: Tree, commune_officer_a: Any) -> None:
    with pytest.raises(DomainError):
        start_citizen_import(actor=commune_officer_a, name="dan-so.pdf", content=b"%PDF-1.7")

    assert Job.objects.count() == 0
