"""Military-service imports: a good file applies whole through the services; a bad one is listed row by
row and column by column, and leaves nothing behind (no registration, no health result, no audit entry)."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
from collections.abc import Iterator
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import openpyxl
import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from qpdp.conscription import imports, services
from qpdp.conscription.choices import Channel, ExamStage
from qpdp.conscription.models import HealthExam, Registration
from qpdp.core.errors import DomainError
from qpdp.core.models import AuditEntry, Job, JobStatus
from qpdp.people.models import Citizen
from tests.factories.conscription import man
from tests.factories.org import Tree

pytestmark = pytest.mark.django_db

REGISTRATION_HEADER = ["Số định danh cá nhân", "Ngày đăng ký", "Hình thức", "Số giấy chứng nhận"]
HEALTH_HEADER = [
    "Số định danh cá nhân",
    "Năm tuyển quân",
    "Vòng khám",
    "Ngày khám",
    "Chiều cao (cm)",
    "Cân nặng (kg)",
    "Vòng ngực (cm)",
    "Khúc xạ mắt phải",
    "Khúc xạ mắt trái",
    "Phân loại",
    "Có mặt",
    "Nơi khám",
]


@pytest.fixture(autouse=True)
def frozen_clock() -> Iterator[None]:
    """Monday 02/03/2026, 09:00 in Hà Nội: "after today" means the same every day."""
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")), tick=False):
        yield


def csv_file(header: list[str], rows: list[list[Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def excel_cell(value: Any) -> Any:
    """A date typed dd/mm/yyyy becomes a date cell; an impossible one stays text, as a typo would."""
    if isinstance(value, str) and value.count("/") == 2 and value.replace("/", "").isdigit():
        day, month, year = (int(part) for part in value.split("/"))
        with contextlib.suppress(ValueError):
            return dt.date(year, month, day)
    return value


def xlsx_file(header: list[str], rows: list[list[Any]]) -> bytes:
    """As officers fill it: real date cells; numbers stay numbers."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append([excel_cell(cell) for cell in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


FORMATS = [
    pytest.param("dang-ky.csv", csv_file, id="csv"),
    pytest.param("dang-ky.xlsx", xlsx_file, id="xlsx"),
]


# -- first registrations -------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "make_file"), FORMATS)
def test_good_registration_file_registers_everyone_through_the_service(
    tree: Tree, commune_officer_a: Any, name: str, make_file: Any
) -> None:
    men = [man(tree.commune_a, born=dt.date(2008, 5, 1)) for _ in range(3)]
    rows = [
        [men[0].personal_id, "10/04/2025", "Trực tiếp", "12/GCN"],
        [men[1].personal_id, "15/07/2025", "trực tuyến", ""],
        [men[2].personal_id, "02/03/2026", "", ""],
    ]

    outcome = imports.import_registrations(
        actor=commune_officer_a, name=name, content=make_file(REGISTRATION_HEADER, rows)
    )

    assert (outcome.rows, outcome.applied, outcome.problems) == (3, 3, [])
    stored = {r.citizen_id: r for r in Registration.objects.all()}
    assert stored[men[0].pk].registered_on == dt.date(2025, 4, 10)
    assert stored[men[0].pk].certificate_number == "12/GCN"
    assert stored[men[1].pk].channel == Channel.ONLINE
    assert stored[men[2].pk].channel == Channel.IN_PERSON
    assert AuditEntry.objects.filter(action="conscription.registration.first").count() == 3


def test_bad_registration_rows_are_each_named_and_nothing_is_written(
    tree: Tree, commune_officer_a: Any, province_officer: Any
) -> None:
    good, bad_date, early_online, future, young, registered, barred = (
        man(tree.commune_a, born=dt.date(2008, 5, 1)) for _ in range(7)
    )
    young.date_of_birth = dt.date(2010, 1, 1)
    young.save()
    other_commune = man(tree.commune_b, born=dt.date(2008, 5, 1))
    services.register_first(actor=province_officer, citizen=registered, registered_on=dt.date(2025, 4, 1))
    services.record_bar(actor=province_officer, citizen=barred, ground="13.a", valid_from=dt.date(2025, 1, 1))
    registrations, audited = Registration.objects.count(), AuditEntry.objects.count()
    rows = [
        [good.personal_id, "10/04/2025", "", ""],
        [bad_date.personal_id, "31/02/2025", "", ""],
        [early_online.personal_id, "10/04/2025", "Trực tuyến", ""],
        [future.personal_id, "10/03/2026", "", ""],
        [young.personal_id, "10/04/2025", "", ""],
        ["001208999999", "10/04/2025", "", ""],
        [other_commune.personal_id, "10/04/2025", "", ""],
        [registered.personal_id, "10/04/2025", "", ""],
        [barred.personal_id, "10/04/2025", "", ""],
        [good.personal_id, "11/04/2025", "qua bưu điện", ""],
        [good.personal_id, "11/04/2025", "", ""],
    ]

    outcome = imports.import_registrations(
        actor=commune_officer_a, name="dang-ky.xlsx", content=xlsx_file(REGISTRATION_HEADER, rows)
    )

    assert outcome.applied == 0
    found = [(p.row, p.column, p.message) for p in outcome.problems]
    assert found[:4] == [
        (3, "Ngày đăng ký", "Ngày đăng ký “31/02/2025” không đúng dạng dd/mm/yyyy."),
        (
            4,
            "Hình thức",
            "Đăng ký NVQS trực tuyến chỉ áp dụng từ ngày 01/07/2025 (Luật 98/2025/QH15).",
        ),
        (5, "Ngày đăng ký", "Ngày đăng ký (10/03/2026) không được sau ngày hôm nay."),
        (6, "Số định danh cá nhân", found[3][2]),
    ]
    assert "chưa đến tuổi đăng ký NVQS lần đầu" in found[3][2]
    assert found[4:] == [
        (
            7,
            "Số định danh cá nhân",
            "Không tìm thấy công dân có số định danh 001208999999 trong phạm vi của bạn.",
        ),
        (
            8,
            "Số định danh cá nhân",
            f"Không tìm thấy công dân có số định danh {other_commune.personal_id} trong phạm vi của bạn.",
        ),
        (9, "Số định danh cá nhân", f"Công dân {registered.full_name} đã đăng ký NVQS lần đầu."),
        (10, "Số định danh cá nhân", found[7][2]),
        (11, "Hình thức", "Hình thức “qua bưu điện” phải là “trực tiếp” hoặc “trực tuyến”."),
        (
            12,
            "Số định danh cá nhân",
            f"Số định danh {good.personal_id} đã có ở dòng 2; mỗi công dân chỉ đăng ký lần đầu một lần.",
        ),
    ]
    assert found[7][2].startswith("Công dân thuộc diện")
    assert "Điều 13" in found[7][2]
    assert (Registration.objects.count(), AuditEntry.objects.count()) == (registrations, audited)


def test_identity_number_typed_as_a_number_keeps_its_leading_zero(tree: Tree, commune_officer_a: Any) -> None:
    citizen = man(tree.commune_a, born=dt.date(2008, 5, 1))
    rows = [[int(citizen.personal_id), "10/04/2025", "", ""]]

    outcome = imports.import_registrations(
        actor=commune_officer_a, name="dang-ky.xlsx", content=xlsx_file(REGISTRATION_HEADER, rows)
    )

    assert (outcome.applied, outcome.problems) == (1, [])
    assert Registration.objects.get().citizen == citizen


def test_file_without_a_required_column_is_refused_naming_it(tree: Tree, commune_officer_a: Any) -> None:
    content = csv_file(["Số định danh cá nhân", "Hình thức"], [["001208000001", "Trực tiếp"]])

    with pytest.raises(DomainError) as refused:
        imports.import_registrations(actor=commune_officer_a, name="dang-ky.csv", content=content)

    assert refused.value.by_field() == {"file": ["Tệp thiếu cột bắt buộc: Ngày đăng ký."]}


@pytest.fixture
def eager_jobs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QPDP_JOB_RUNNER", "eager")


@pytest.mark.usefixtures("eager_jobs")
def test_registration_job_applies_a_good_file_and_reports_progress(
    tree: Tree, commune_officer_a: Any, django_capture_on_commit_callbacks: Any
) -> None:
    men = [man(tree.commune_a, born=dt.date(2008, 5, 1)) for _ in range(2)]
    content = csv_file(REGISTRATION_HEADER, [[m.personal_id, "10/04/2025", "", ""] for m in men])

    with django_capture_on_commit_callbacks(execute=True):
        job = imports.start_import(
            actor=commune_officer_a, kind=imports.REGISTRATION_JOB_KIND, name="dang-ky.csv", content=content
        )

    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert (job.result["rows"], job.result["applied"], job.result["problem_count"]) == (2, 2, 0)
    assert job.percent == 100
    assert job.message == "Đã nhập 2/2 dòng."
    assert Registration.objects.count() == 2
    assert AuditEntry.objects.filter(action="conscription.import.started", object_id=str(job.pk)).exists()


@pytest.mark.usefixtures("eager_jobs")
def test_registration_job_of_a_bad_file_lists_the_problems_and_writes_nothing(
    tree: Tree, commune_officer_a: Any, django_capture_on_commit_callbacks: Any
) -> None:
    content = csv_file(REGISTRATION_HEADER, [["001208999999", "10/04/2025", "", ""]])

    with django_capture_on_commit_callbacks(execute=True):
        job = imports.start_import(
            actor=commune_officer_a, kind=imports.REGISTRATION_JOB_KIND, name="dang-ky.csv", content=content
        )

    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert job.result["problems"] == [
        {
            "row": 2,
            "column": "Số định danh cá nhân",
            "message": "Không tìm thấy công dân có số định danh 001208999999 trong phạm vi của bạn.",
        }
    ]
    assert job.output_file
    assert Registration.objects.count() == 0


# -- health results ------------------------------------------------------------------------------------


def health_row(citizen: Citizen, **values: Any) -> list[Any]:
    row = {
        "personal_id": citizen.personal_id,
        "year": 2026,
        "stage": "Khám tuyển",
        "on": "20/11/2025",
        "height": 168,
        "weight": 60,
        "chest": 84,
        "right": "",
        "left": "",
        "type": 2,
        "present": "có",
        "place": "Hội đồng khám sức khỏe NVQS xã",
    } | values
    return list(row.values())


@pytest.mark.parametrize(("name", "make_file"), FORMATS)
def test_good_health_file_records_results_with_computed_bmi_and_decision(
    tree: Tree, commune_officer_a: Any, name: str, make_file: Any
) -> None:
    fit, myopic, absent = (man(tree.commune_a) for _ in range(3))
    rows = [
        health_row(fit),
        health_row(myopic, right="-2,5", left=-0.5, type=3),
        health_row(absent, type="", present="không"),
    ]

    outcome = imports.import_health_results(
        actor=commune_officer_a, name=name, content=make_file(HEALTH_HEADER, rows)
    )

    assert (outcome.rows, outcome.applied, outcome.problems) == (3, 3, [])
    exams = {e.citizen_id: e for e in HealthExam.objects.all()}
    assert (exams[fit.pk].health_type, exams[fit.pk].fit, exams[fit.pk].bmi) == (2, True, Decimal("21.3"))
    assert exams[fit.pk].stage == ExamStage.EXAMINATION
    assert exams[myopic.pk].refraction_right == Decimal("-2.50")
    assert (exams[myopic.pk].fit, exams[myopic.pk].not_called_reasons) == (False, ["Cận thị trên 1,5 đi-ốp."])
    assert (exams[absent.pk].present, exams[absent.pk].health_type, exams[absent.pk].fit) == (
        False,
        None,
        False,
    )
    assert AuditEntry.objects.filter(action="conscription.health.created").count() == 3


def test_health_type_7_is_refused_with_the_message_and_nothing_is_written(
    tree: Tree, commune_officer_a: Any
) -> None:
    good, wrong = man(tree.commune_a), man(tree.commune_a)
    rows = [health_row(good), health_row(wrong, type=7)]

    outcome = imports.import_health_results(
        actor=commune_officer_a, name="suc-khoe.xlsx", content=xlsx_file(HEALTH_HEADER, rows)
    )

    assert outcome.applied == 0
    assert [(p.row, p.column, p.message) for p in outcome.problems] == [
        (3, "Phân loại", "Phân loại sức khỏe phải từ 1 đến 6 (đã nhập 7).")
    ]
    assert (HealthExam.objects.count(), AuditEntry.objects.count()) == (0, 0)


def test_bad_health_rows_are_each_named_by_row_and_column(tree: Tree, commune_officer_a: Any) -> None:
    a1, a2, a3, a4 = (man(tree.commune_a) for _ in range(4))
    b = man(tree.commune_b)
    rows = [
        health_row(a1, stage="Khám lại", year="26"),
        health_row(a2, on="20/11/2023", height=300),
        health_row(a3, type="", weight="sáu mươi"),
        health_row(b),
        health_row(a4, type="", present="chưa rõ"),
        health_row(a4),
        health_row(a4),
    ]

    outcome = imports.import_health_results(
        actor=commune_officer_a, name="suc-khoe.csv", content=csv_file(HEALTH_HEADER, rows)
    )

    assert [(p.row, p.column, p.message) for p in outcome.problems] == [
        (2, "Năm tuyển quân", "Năm tuyển quân “26” phải là năm có 4 chữ số, ví dụ 2026."),
        (2, "Vòng khám", "Vòng khám “Khám lại” phải là “Sơ tuyển” hoặc “Khám tuyển”."),
        (3, "Ngày khám", "Ngày khám 20/11/2023 không thuộc đợt tuyển quân năm 2026."),
        (3, "Chiều cao (cm)", "Giá trị 300.0 ngoài khoảng hợp lý 100–230."),
        (4, "Cân nặng (kg)", "Cân nặng (kg) “sáu mươi” không phải là số (ví dụ 168,5)."),
        (
            5,
            "Số định danh cá nhân",
            f"Không tìm thấy công dân có số định danh {b.personal_id} trong phạm vi của bạn.",
        ),
        (6, "Có mặt", "Có mặt “chưa rõ” phải là “có” hoặc “không”."),
        (
            8,
            "Số định danh cá nhân",
            "Kết quả này trùng dòng 7 (cùng công dân, năm tuyển quân và vòng khám).",
        ),
    ]
    assert (HealthExam.objects.count(), AuditEntry.objects.count()) == (0, 0)


def test_examination_without_a_type_is_refused_by_the_service_rule(
    tree: Tree, commune_officer_a: Any
) -> None:
    citizen = man(tree.commune_a)

    outcome = imports.import_health_results(
        actor=commune_officer_a,
        name="suc-khoe.csv",
        content=csv_file(HEALTH_HEADER, [health_row(citizen, type="")]),
    )

    assert [(p.row, p.column) for p in outcome.problems] == [(2, "Phân loại")]
    assert HealthExam.objects.count() == 0


# -- template files and pages --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "layout", [imports.REGISTRATION_LAYOUT, imports.HEALTH_LAYOUT], ids=["dang-ky", "suc-khoe"]
)
def test_template_file_holds_the_header_and_one_example_row(layout: imports.Layout) -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(imports.template_workbook(layout))).active
    rows = list(sheet.iter_rows(values_only=True))

    assert list(rows[0]) == [c.header for c in layout.columns]
    assert len(rows) == 2
    assert rows[1][0] == "001206001234"


def test_template_file_reads_back_as_an_import_file(tree: Tree, commune_officer_a: Any) -> None:
    content = imports.template_workbook(imports.REGISTRATION_LAYOUT)

    outcome = imports.import_registrations(actor=commune_officer_a, name="mau.xlsx", content=content)

    assert [(p.row, p.column) for p in outcome.problems] == [(2, "Số định danh cá nhân")]


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_import_page_lists_the_errors_in_a_table(tree: Tree, commune_officer_a: Any) -> None:
    content = csv_file(REGISTRATION_HEADER, [["001208999999", "10/04/2025", "", ""]])
    upload = io.BytesIO(content)
    upload.name = "dang-ky.csv"

    response = signed_in(commune_officer_a).post(
        reverse("conscription:registration-import"), {"file": upload}
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="import-errors"' in page
    assert '<th scope="col">Dòng</th><th scope="col">Cột</th><th scope="col">Lỗi</th>' in page
    assert "Không tìm thấy công dân có số định danh 001208999999 trong phạm vi của bạn." in page
    assert Registration.objects.count() == 0


def test_import_page_applies_a_small_good_file_at_once(tree: Tree, commune_officer_a: Any) -> None:
    citizen = man(tree.commune_a)
    upload = io.BytesIO(csv_file(HEALTH_HEADER, [health_row(citizen)]))
    upload.name = "suc-khoe.csv"

    response = signed_in(commune_officer_a).post(reverse("conscription:health-import"), {"file": upload})

    assert response.status_code == 200
    assert 'id="import-done"' in response.content.decode()
    assert HealthExam.objects.get().citizen == citizen


@pytest.mark.usefixtures("eager_jobs")
def test_import_page_sends_a_large_file_to_a_background_job(
    tree: Tree,
    commune_officer_a: Any,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    monkeypatch.setattr(imports, "SYNC_ROWS", 1)
    men = [man(tree.commune_a, born=dt.date(2008, 5, 1)) for _ in range(2)]
    upload = io.BytesIO(csv_file(REGISTRATION_HEADER, [[m.personal_id, "10/04/2025", "", ""] for m in men]))
    upload.name = "dang-ky.csv"

    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(commune_officer_a).post(
            reverse("conscription:registration-import"), {"file": upload}
        )

    job = Job.objects.get(kind=imports.REGISTRATION_JOB_KIND)
    assert (response.status_code, response["Location"]) == (302, reverse("org:job-detail", args=[job.pk]))
    assert Registration.objects.count() == 2


def test_template_download_is_an_xlsx_file(tree: Tree, commune_officer_a: Any) -> None:
    response = signed_in(commune_officer_a).get(reverse("conscription:health-import-template"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "Số định danh cá nhân"
