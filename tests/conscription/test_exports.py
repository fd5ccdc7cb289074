"""Military-service exports: each list opens in Excel with its heading, holds the rows of the officer's
scope only, and the register costs a fixed number of queries whatever its length."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

import openpyxl
import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.urls import reverse

from qpdp.conscription import exports, services
from qpdp.conscription.choices import ReliefKind
from qpdp.conscription.models import HealthExam
from qpdp.org.exports import ExportScope, export_scope
from tests.factories.conscription import INTAKE_YEAR, conscription_records, man, ready_man
from tests.factories.org import Tree

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def frozen_clock() -> Iterator[None]:
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")), tick=False):
        yield


@pytest.fixture
def records(tree: Tree, province_officer: Any) -> dict[str, Any]:
    """Commune A: a man selected for call-up, a man deferred for study (41.1.g), one exempt (41.2.a)."""
    values = conscription_records(province_officer, tree)
    exempt = ready_man(province_officer, tree.commune_a, full_name="Lê Văn Miễn")
    services.decide_relief(
        actor=province_officer,
        data=services.ReliefInput(
            citizen=exempt,
            kind=ReliefKind.EXEMPTION,
            intake_year=INTAKE_YEAR,
            ground="41.2.a",
            decided_on=dt.date(2025, 12, 2),
            decision_number="16/QĐ-UBND",
        ),
    )
    values["exempt"] = exempt
    values["deferred"] = values["relief"].citizen
    return values


def read(workbook: Any) -> tuple[list[tuple[Any, ...]], tuple[Any, ...], list[tuple[Any, ...]], Any]:
    """The heading rows, the header row, the numbered rows, and the sheet of an exported workbook."""
    with workbook:
        sheet = openpyxl.load_workbook(workbook).active
    rows = list(sheet.iter_rows(values_only=True))
    at = next(i for i, row in enumerate(rows) if row[0] == "STT")
    numbered = [row for row in rows[at + 1 :] if isinstance(row[0], int)]
    return rows[:at], rows[at], numbered, sheet


def heading_text(rows: list[tuple[Any, ...]]) -> str:
    return " | ".join(str(cell) for row in rows for cell in row if cell)


def scope_of(user: Any) -> ExportScope:
    return export_scope(user, None)


def test_register_lists_the_communes_registered_men_with_their_standing(
    tree: Tree, records: dict[str, Any], commune_officer_a: Any, province_officer: Any
) -> None:
    man(tree.commune_a, full_name="Chưa Đăng Ký")  # not registered: not on the register
    ready_man(province_officer, tree.commune_b, full_name="Người Xã Khác")

    heading, header, rows, sheet = read(
        exports.register_workbook(
            user=commune_officer_a, scope=scope_of(commune_officer_a), year=2026, today=TODAY
        )
    )

    text = heading_text(heading)
    for line in (
        "UBND XÃ AN BÌNH",
        "BAN CHỈ HUY QUÂN SỰ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "An Bình, ngày 02 tháng 3 năm 2026",
    ):
        assert line in text
    assert "DANH SÁCH CÔNG DÂN ĐĂNG KÝ NGHĨA VỤ QUÂN SỰ NĂM 2026" in text
    assert "Xã An Bình, Tỉnh Thử Nghiệm" in text
    assert list(header) == [name for name, _ in exports.REGISTER_COLUMNS]
    assert sheet.column_dimensions["B"].width == 26
    assert (sheet.freeze_panes, sheet.print_title_rows) == ("A9", "$8:$8")
    by_name = {row[1]: row for row in rows}
    assert set(by_name) == {records["citizen"].full_name, records["deferred"].full_name, "Lê Văn Miễn"}
    selected = by_name[records["citizen"].full_name]
    assert selected[2] == dt.datetime(2005, 3, 15)
    assert selected[3] == records["citizen"].personal_id
    assert selected[5] == "12/12"
    assert selected[7] == dt.datetime(2024, 4, 10)
    assert selected[9] == "Đã được chọn"
    assert by_name[records["deferred"].full_name][9] == "Tạm hoãn gọi nhập ngũ"
    assert by_name["Lê Văn Miễn"][9] == "Miễn gọi nhập ngũ"
    assert sorted(row[0] for row in rows) == [1, 2, 3]


def test_register_export_costs_a_fixed_number_of_queries(
    tree: Tree, commune_officer_a: Any, province_officer: Any, django_assert_max_num_queries: Any
) -> None:
    for added, listed in ((1, 1), (12, 13)):
        for _ in range(added):
            ready_man(province_officer, tree.commune_a)
        user = type(commune_officer_a).objects.get(pk=commune_officer_a.pk)  # scope not yet cached

        # Scope (4) and the unit (1), the intake's age reference, the pool statement, the register;
        # on PostgreSQL the pool statement sets and restores its planner settings (2 more).
        budget = 8 + (2 if connection.vendor == "postgresql" else 0)
        with django_assert_max_num_queries(budget):
            workbook = exports.register_workbook(user=user, scope=scope_of(user), year=2026, today=TODAY)

        assert len(read(workbook)[2]) == listed


def test_health_results_hold_measures_bmi_type_and_decision(
    tree: Tree, records: dict[str, Any], commune_officer_a: Any
) -> None:
    exam = HealthExam.objects.get(citizen=records["citizen"])
    exam.refraction_right, exam.refraction_left = -2, None  # as if measured: one myopic eye
    exam.not_called_reasons = ["Cận thị trên 1,5 đi-ốp."]
    exam.fit = False
    exam.save()

    heading, header, rows, _ = read(
        exports.health_workbook(
            user=commune_officer_a,
            scope=scope_of(commune_officer_a),
            year=2026,
            stage="examination",
            today=TODAY,
        )
    )

    assert "KẾT QUẢ KHÁM TUYỂN SỨC KHỎE NGHĨA VỤ QUÂN SỰ NĂM 2026" in heading_text(heading)
    assert list(header) == [name for name, _ in exports.HEALTH_COLUMNS]
    by_name = {row[1]: row for row in rows}
    assert len(by_name) == 3
    myopic = by_name[records["citizen"].full_name]
    assert myopic[2:] == (
        2005,
        records["citizen"].personal_id,
        168,
        60,
        21.3,
        "MP -2,00; MT —",
        2,
        "Không đủ",
        "Cận thị trên 1,5 đi-ốp.",
    )
    assert by_name["Lê Văn Miễn"][7:] == (None, 2, "Đủ", None)


def test_reliefs_are_grouped_by_ground_deferments_first(
    tree: Tree, records: dict[str, Any], commune_officer_a: Any
) -> None:
    workbook = exports.relief_workbook(
        user=commune_officer_a, scope=scope_of(commune_officer_a), year=2026, today=TODAY
    )
    with workbook:
        sheet = openpyxl.load_workbook(workbook).active
    rows = list(sheet.iter_rows(values_only=True))
    at = next(i for i, row in enumerate(rows) if row[0] == "STT")
    body = [row for row in rows[at + 1 :] if any(row)]

    assert list(rows[at]) == [name for name, _ in exports.RELIEF_COLUMNS]
    assert [row[0] for row in body] == [body[0][0], 1, body[2][0], 2]
    assert body[0][0].startswith("Tạm hoãn gọi nhập ngũ — căn cứ 41.1.g (Điểm g Khoản 1 Điều 41")
    assert body[0][0].endswith(": 1 người")
    assert body[2][0].startswith("Miễn gọi nhập ngũ — căn cứ 41.2.a")
    deferred = body[1]
    assert deferred[1:5] == (records["deferred"].full_name, 2005, None, "Tạm hoãn")
    assert deferred[5].startswith("41.1.g – Đang học tại cơ sở giáo dục phổ thông")
    assert deferred[6:] == (dt.datetime(2027, 6, 30), "15/QĐ-UBND")
    assert body[3][1:5] == ("Lê Văn Miễn", 2005, None, "Miễn")
    assert body[3][6:] == (None, "16/QĐ-UBND")


def test_callup_list_holds_the_selected_men(
    tree: Tree, records: dict[str, Any], commune_officer_a: Any
) -> None:
    heading, header, rows, _ = read(
        exports.callup_workbook(
            user=commune_officer_a, scope=scope_of(commune_officer_a), year=2026, today=TODAY
        )
    )

    assert "DANH SÁCH CÔNG DÂN GỌI NHẬP NGŨ NĂM 2026" in heading_text(heading)
    assert list(header) == [name for name, _ in exports.CALLUP_COLUMNS]
    citizen = records["citizen"]
    assert rows == [
        (
            1,
            citizen.full_name,
            dt.datetime(2005, 3, 15),
            citizen.personal_id,
            None,
            "12/12",
            "Quân đội",
            None,
            None,
            "Được chọn",
            None,
            None,
        )
    ]


@pytest.mark.parametrize(
    "export",
    [exports.register_workbook, exports.relief_workbook, exports.callup_workbook],
    ids=["dang-ky", "tam-hoan-mien", "goi-nhap-ngu"],
)
def test_officer_of_commune_b_gets_none_of_communes_a_rows(
    tree: Tree, records: dict[str, Any], commune_officer_b: Any, export: Any
) -> None:
    _, _, rows, _ = read(
        export(user=commune_officer_b, scope=scope_of(commune_officer_b), year=2026, today=TODAY)
    )

    assert rows == []


def test_health_results_of_commune_b_hold_none_of_communes_a(
    tree: Tree, records: dict[str, Any], commune_officer_b: Any, province_officer: Any
) -> None:
    own = ready_man(province_officer, tree.commune_b)

    _, _, rows, _ = read(
        exports.health_workbook(
            user=commune_officer_b,
            scope=scope_of(commune_officer_b),
            year=2026,
            stage="examination",
            today=TODAY,
        )
    )

    assert [row[1] for row in rows] == [own.full_name]


def test_export_pages_send_xlsx_files_named_for_the_year_and_unit(
    tree: Tree, records: dict[str, Any], commune_officer_a: Any, commune_officer_b: Any
) -> None:
    a, b = Client(), Client()
    a.force_login(commune_officer_a)
    b.force_login(commune_officer_b)

    for name in ("registration-export", "health-export", "relief-export", "callup-export"):
        response = a.get(reverse(f"conscription:{name}"), {"year": 2026})
        assert response.status_code == 200, name
        assert response["Content-Type"] == exports.XLSX
        assert "2026-90001.xlsx" in response["Content-Disposition"]
        assert len(read(io.BytesIO(b"".join(response.streaming_content)))[2]) >= 1, name
        response = b.get(reverse(f"conscription:{name}"), {"year": 2026})
        assert read(io.BytesIO(b"".join(response.streaming_content)))[2] == [], name


def test_export_page_links_every_list_of_the_year(tree: Tree, commune_officer_a: Any) -> None:
    client = Client()
    client.force_login(commune_officer_a)

    page = client.get(reverse("conscription:exports"), {"year": 2027}).content.decode()

    for name in ("registration-export", "relief-export", "callup-export"):
        assert f"{reverse(f'conscription:{name}')}?year=2027" in page
    assert "Xã An Bình, Tỉnh Thử Nghiệm" in page
    assert reverse("conscription:registration-import") in page
