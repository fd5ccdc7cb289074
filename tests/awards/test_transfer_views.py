"""Award file pages: the decision import (form, template, background job, errors by row and column) and the
Excel exports of the three lists, each kept to the user's scope."""

from __future__ import annotations

import datetime as dt
import html
import io
from typing import Any
from zoneinfo import ZoneInfo

import openpyxl
import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from qpdp.awards import imports
from qpdp.awards.models import AwardDecision
from qpdp.core.models import Job, JobStatus
from qpdp.core.spreadsheets import HEADER_LINE
from tests.factories.awards import commune_awards, person, written

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 20, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
HEADER = [
    "STT",
    "Đối tượng",
    "Họ tên / Tên tập thể",
    "Số định danh",
    "Chức vụ / Đơn vị",
    "Hình thức / Danh hiệu",
    "Thành tích",
    "Số tiền",
]
FORM = {
    "issuer": "commune_chairman",
    "number": "130/QĐ-UBND",
    "decided_on": "15/12/2026",
    "signer_title": "Chủ tịch",
    "signer_name": "Trần Văn Bình",
    "subject": "đã có thành tích xuất sắc trong công tác quân sự, quốc phòng địa phương năm 2026",
}


@pytest.fixture(autouse=True)
def frozen() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


def client_of(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def url(name: str, query: str = "") -> str:
    return reverse(f"awards:{name}") + query


def text_of(response: Any) -> str:
    return html.unescape(response.content.decode())


def xlsx_file(rows: list[list[Any]]) -> SimpleUploadedFile:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return SimpleUploadedFile("khen-thuong.xlsx", out.getvalue())


def rows_of(response: Any) -> list[tuple[Any, ...]]:
    content = b"".join(response.streaming_content)
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return [tuple(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]


# -- the import page ----------------------------------------------------------------------------------


def test_the_import_page_renders_for_a_decider(commune_leader_a: Any) -> None:
    response = client_of(commune_leader_a).get(url("decision-import"))

    page = text_of(response)
    assert response.status_code == 200
    assert "Nhập danh sách khen thưởng từ Excel — Xã An Bình" in page
    assert url("decision-import-template") in page
    assert 'name="file"' in page
    assert 'name="decided_on"' in page


def test_an_officer_who_may_not_decide_is_refused(commune_officer_a: Any) -> None:
    assert client_of(commune_officer_a).get(url("decision-import")).status_code == 403


def test_the_template_opens_with_the_columns_of_the_import(commune_leader_a: Any) -> None:
    response = client_of(commune_leader_a).get(url("decision-import-template"))

    assert response.status_code == 200
    assert "mau-danh-sach-khen-thuong.xlsx" in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert [c.value for c in sheet[1]] == [c.header for c in imports.COLUMNS]


def test_a_good_file_makes_the_decision_through_a_job(
    tree: Any, commune_leader_a: Any, django_capture_on_commit_callbacks: Any
) -> None:
    citizen = person(tree.commune_a, "Nguyễn Văn An")
    upload = xlsx_file(
        [
            [
                1,
                "Tập thể",
                "Trung đội dân quân cơ động",
                "",
                "Ban CHQS xã",
                "Giấy khen",
                "Xuất sắc",
                1_000_000,
            ],
            [2, "Cá nhân", "Nguyễn Văn An", citizen.personal_id, "Tiểu đội trưởng", "Giấy khen", "", 500_000],
        ]
    )
    client = client_of(commune_leader_a)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("decision-import"), {**FORM, "file": upload})

    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("org:job-detail", kwargs={"job_id": job.pk})
    job.refresh_from_db()
    assert (job.kind, job.status) == (imports.JOB_KIND, JobStatus.DONE)
    decision = AwardDecision.objects.get()
    assert (decision.number, decision.issuing_unit, decision.decided_on) == (
        "130/QĐ-UBND",
        tree.commune_a,
        dt.date(2026, 12, 15),
    )
    assert sorted(decision.awards.values_list("recipient_name", flat=True)) == [
        "Nguyễn Văn An",
        "Trung đội dân quân cơ động",
    ]
    progress = text_of(client.get(response["Location"]))
    assert "Đã nhập 2/2 dòng." in progress
    assert reverse("awards:decision-detail", kwargs={"decision_id": decision.pk}) in progress


def test_a_file_with_bad_rows_writes_nothing_and_lists_each_row_and_column(
    tree: Any, commune_leader_a: Any, django_capture_on_commit_callbacks: Any
) -> None:
    upload = xlsx_file(
        [
            [1, "Đơn vị", "Thôn 1", "", "", "Giấy khen", "", ""],
            [2, "Cá nhân", "Lê Thị Bình", "", "Dân quân", "Huân chương vàng", "", "năm trăm"],
        ]
    )
    before = written()
    client = client_of(commune_leader_a)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("decision-import"), {**FORM, "file": upload})

    assert response.status_code == 302
    assert not AwardDecision.objects.exists()
    # Only the job's own audit entry (the import was started) is added: no record of the area.
    assert written()[:-1] == before[:-1]
    page = text_of(client.get(response["Location"]))
    assert 'id="import-errors"' in page
    assert "<td>2</td><td>Đối tượng</td><td>" + imports.KIND_INVALID.format(value="Đơn vị") in page
    assert "<td>3</td><td>Hình thức / Danh hiệu</td>" in page
    assert "<td>3</td><td>Số tiền</td><td>" + imports.MONEY_INVALID.format(value="năm trăm") in page


def test_the_form_refuses_a_missing_file_and_a_bad_date_on_their_fields(commune_leader_a: Any) -> None:
    response = client_of(commune_leader_a).post(url("decision-import"), {**FORM, "decided_on": "31/02/2026"})

    page = text_of(response)
    assert response.status_code == 200
    assert 'data-field="file">Chọn tệp danh sách khen thưởng (.xlsx hoặc .csv).' in page
    assert 'data-field="decided_on">Ngày quyết định phải có dạng dd/mm/yyyy' in page
    assert not Job.objects.exists()


# -- exports ----------------------------------------------------------------------------------------------


@pytest.fixture
def two_communes(tree: Any, commune_officer_a: Any, commune_officer_b: Any, admin_user: Any) -> Any:
    """A year of awards in commune A and in commune B."""
    for officer, commune in ((commune_officer_a, tree.commune_a), (commune_officer_b, tree.commune_b)):
        commune_awards(officer=officer, reviewer=admin_user, decider=admin_user, commune=commune)
    return tree


@pytest.mark.parametrize(
    ("name", "query", "stem"),
    [
        ("decision-export", "?year=2026", "khen-thuong-2026-90001.xlsx"),
        ("nomination-export", "?year=2026&status=", "de-nghi-khen-thuong-2026-90001.xlsx"),
        ("conference-export", "?year=2026&kind=", "hoi-nghi-so-ket-tong-ket-2026-90001.xlsx"),
    ],
)
def test_each_export_opens_and_holds_only_the_officers_commune(
    two_communes: Any, commune_officer_a: Any, name: str, query: str, stem: str
) -> None:
    response = client_of(commune_officer_a).get(url(name, query))

    assert response.status_code == 200
    assert stem in response["Content-Disposition"]
    rows = rows_of(response)
    assert rows[0][0] == "UBND XÃ AN BÌNH"
    assert "Đông Hòa" not in " ".join(str(c) for r in rows for c in r if c is not None)
    body = [r for r in rows[HEADER_LINE:] if any(c is not None for c in r)]
    assert body
    cells = " ".join(str(c) for r in body for c in r if c is not None)
    assert "Đông Hòa" not in cells


def test_the_nomination_export_keeps_the_lists_status(two_communes: Any, commune_officer_a: Any) -> None:
    response = client_of(commune_officer_a).get(url("nomination-export", "?year=2026&status=proposed"))

    rows = rows_of(response)
    assert [r for r in rows[HEADER_LINE:] if any(c is not None for c in r)] == []


def test_the_conference_export_keeps_the_lists_kind(two_communes: Any, commune_officer_a: Any) -> None:
    client = client_of(commune_officer_a)

    held = rows_of(client.get(url("conference-export", "?year=2026&kind=tong_ket")))
    other = rows_of(client.get(url("conference-export", "?year=2026&kind=chuyen_de")))

    assert [r for r in other[HEADER_LINE:] if any(c is not None for c in r)] == []
    assert [r for r in held[HEADER_LINE:] if any(c is not None for c in r)]


def test_the_list_pages_link_their_export_with_their_filters(commune_leader_a: Any) -> None:
    client = client_of(commune_leader_a)

    decisions = text_of(client.get(url("decision-list", "?year=2025")))
    nominations = text_of(client.get(url("nomination-list", "?year=2025&status=reviewed")))
    conferences = text_of(client.get(url("conference-list", "?year=2025&kind=so_ket")))

    assert f'href="{url("decision-export")}?year=2025"' in decisions
    assert f'href="{url("decision-import")}"' in decisions
    assert f'href="{url("nomination-export")}?year=2025&status=reviewed"' in nominations
    assert f'href="{url("conference-export")}?year=2025&kind=so_ket"' in conferences


def test_a_unit_picked_outside_the_scope_is_ignored_by_the_export(
    two_communes: Any, commune_officer_a: Any
) -> None:
    client = client_of(commune_officer_a)
    session = client.session
    session["qpdp_unit"] = two_communes.commune_b.code
    session.save()

    response = client.get(url("decision-export", "?year=2026"))

    rows = rows_of(response)
    assert rows[0][0] == "UBND XÃ AN BÌNH"
    assert "Đông Hòa" not in " ".join(str(c) for r in rows for c in r if c is not None)
