"""Award lists as Excel workbooks: decisions with their lines, nominations, conferences — each opens in
openpyxl with its heading and header row, holds the scope's records only, and costs a fixed number of
queries."""

from __future__ import annotations

import datetime as dt
from typing import Any

import openpyxl
import pytest

from qpdp.awards import exports, services
from qpdp.core.spreadsheets import HEADER_LINE
from qpdp.org.exports import export_scope
from tests.factories.awards import nominate, person, provincial_decision

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 31)


def rows_of(spooled: Any) -> list[tuple[Any, ...]]:
    with spooled:
        workbook = openpyxl.load_workbook(spooled)
        return [tuple(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]


def header(rows: list[tuple[Any, ...]]) -> list[str]:
    return [cell for cell in rows[HEADER_LINE - 1] if cell is not None]


def data(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    return rows[HEADER_LINE:]


def decision_rows(user: Any, year: int) -> list[tuple[Any, ...]]:
    """The rows of the user's list of the decisions of `year`, for his own unit."""
    scope = export_scope(user, None)
    return data(rows_of(exports.decisions_workbook(user=user, scope=scope, year=year, today=TODAY)))


def test_the_decisions_list_holds_each_decision_and_its_recipients(
    tree: Any,
    journey: dict[str, Any],
    commune_officer_a: Any,
    commune_leader_a: Any,
    django_assert_max_num_queries: Any,
) -> None:
    award = journey["decision"].awards.get(recipient_name="Lê Thị Bình")
    services.revoke_award(
        actor=commune_leader_a,
        award=award,
        revoked_on=dt.date(2026, 12, 20),
        reason="Sai",
        revocation_number="9/QĐ-UBND",
    )
    scope = export_scope(commune_officer_a, None)

    with django_assert_max_num_queries(3):
        rows = rows_of(
            exports.decisions_workbook(user=commune_officer_a, scope=scope, year=2026, today=TODAY)
        )

    assert rows[0][0] == "UBND XÃ AN BÌNH"
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in rows[0]
    assert "An Bình, ngày 31 tháng 12 năm 2026" in rows[2]
    assert rows[4][0] == "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG NĂM 2026"
    assert rows[5][0] == "Xã An Bình, Tỉnh Thử Nghiệm"
    assert header(rows) == [name for name, _ in exports.DECISION_COLUMNS]
    body = data(rows)
    assert body[0][0] == "Quyết định số 125/QĐ-UBND ngày 01/12/2026 của UBND xã An Bình: 2 tập thể, 2 cá nhân"
    assert [r[2] for r in body[1:]] == [
        "Thôn 1",
        "Trung đội dân quân cơ động",
        "Nguyễn Văn An",
        "Lê Thị Bình",
        "Phạm Văn Cường",
    ]
    assert body[1][:2] == (1, "tập thể")
    revoked = next(r for r in body if r[2] == "Lê Thị Bình")
    assert revoked[8] == "Đã hủy bỏ ngày 20/12/2026 (QĐ 9/QĐ-UBND)"


def test_the_decisions_list_keeps_to_scope_and_year(
    tree: Any, journey: dict[str, Any], commune_officer_b: Any, province_officer: Any
) -> None:
    provincial_decision(province_officer, tree.province, tree.commune_b, money=2_000_000)

    own = decision_rows(commune_officer_b, 2026)
    province = decision_rows(province_officer, 2026)
    earlier = decision_rows(province_officer, 2025)

    assert own == []  # the province's decision for B's command is the province's, not the commune's
    groups = [r[0] for r in province if isinstance(r[0], str)]
    assert groups == [
        "Quyết định số 125/QĐ-UBND ngày 01/12/2026 của UBND xã An Bình: 2 tập thể, 3 cá nhân",
        "Quyết định số 88/QĐ-BCH ngày 01/12/2026 của Bộ CHQS tỉnh Thử Nghiệm: 1 tập thể",
    ]
    assert province[-1][2] == "Phường Đông Hòa"
    assert province[-1][7] == 2_000_000
    assert earlier == []


def test_the_nominations_list_says_where_each_stands(
    tree: Any, journey: dict[str, Any], commune_officer_a: Any, region_officer: Any
) -> None:
    waiting = nominate(
        commune_officer_a, tree.commune_a, recipient_citizen=person(tree.commune_a, "Đỗ Thị Em")
    )
    scope = export_scope(commune_officer_a, tree.commune_a)

    rows = rows_of(exports.nominations_workbook(user=commune_officer_a, scope=scope, year=2026, today=TODAY))
    proposed = rows_of(
        exports.nominations_workbook(
            user=commune_officer_a, scope=scope, year=2026, today=TODAY, status="proposed"
        )
    )

    assert header(rows) == [name for name, _ in exports.NOMINATION_COLUMNS]
    body = data(rows)
    assert len(body) == 6
    assert body[0][1] == dt.datetime(2026, 11, 20)
    assert {r[10] for r in body} == {"Đã có quyết định", "Đã đề nghị"}
    assert [r[4] for r in data(proposed)] == [waiting.recipient_name]
    assert data(proposed)[0][7] == "Chủ tịch UBND xã"


def test_the_conferences_list_says_who_awarded_how_many(
    tree: Any,
    journey: dict[str, Any],
    commune_officer_a: Any,
    province_officer: Any,
    django_assert_max_num_queries: Any,
) -> None:
    provincial = provincial_decision(
        province_officer, tree.province, tree.commune_a, decided_on=dt.date(2026, 12, 5)
    )
    services.attach_decision_to_conference(
        actor=province_officer, decision=provincial, conference=journey["conference"]
    )
    scope = export_scope(commune_officer_a, None)

    with django_assert_max_num_queries(3):
        rows = rows_of(
            exports.conferences_workbook(user=commune_officer_a, scope=scope, year=2026, today=TODAY)
        )

    assert header(rows) == [name for name, _ in exports.CONFERENCE_COLUMNS]
    [conference] = data(rows)
    assert conference[2] == "Hội nghị tổng kết công tác quân sự, quốc phòng địa phương năm 2026"
    assert conference[8] == (
        "UBND xã An Bình khen thưởng 2 tập thể, 3 cá nhân; Bộ CHQS tỉnh Thử Nghiệm khen thưởng 1 tập thể"
    )
