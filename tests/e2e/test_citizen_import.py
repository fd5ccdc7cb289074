"""Journey: an officer uploads a population file: bad rows listed, nothing applied; a good file lands."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from playwright.sync_api import FilePayload, Page, expect

from qpdp.people.imports import COLUMNS
from qpdp.people.models import Citizen
from tests.e2e.helpers import log_in
from tests.factories.org import Tree

HEADER = [column.header for column in COLUMNS]
GOOD_ROWS = [
    {
        "Số định danh cá nhân": "001205000201",
        "Họ và tên": "Hoàng Văn Đức",
        "Giới tính": "Nam",
        "Ngày sinh": "15/03/2005",
        "Mã xã, phường": "90001",
        "Thôn, tổ dân phố": "Thôn 1",
    },
    {
        "Số định danh cá nhân": "001305000202",
        "Họ và tên": "Phạm Thị Lụa",
        "Giới tính": "Nữ",
        "Ngày sinh": "02/09/2005",
        "Mã xã, phường": "90001",
        "Trình độ chuyên môn": "Cao đẳng",
    },
    {
        "Số định danh cá nhân": "038206000203",
        "Họ và tên": "Vũ Quang Ánh",
        "Giới tính": "Nam",
        "Ngày sinh": "31/12/2006",
        "Mã xã, phường": "90001",
        "Trình độ văn hóa": "9/12",
    },
]
# The file's line 1 is the header: the good row is line 2, the two bad ones lines 3 and 4.
BAD_ROWS = [
    GOOD_ROWS[0],
    {**GOOD_ROWS[1], "Ngày sinh": "31/02/2005"},
    {**GOOD_ROWS[2], "Mã xã, phường": "99999"},
]
EXPECTED_PROBLEMS = [
    ["3", "Ngày sinh", "Ngày sinh “31/02/2005” không đúng dạng dd/mm/yyyy."],
    ["4", "Mã xã, phường", "Không tìm thấy xã, phường có mã “99999” trong phạm vi của bạn."],
]


@pytest.fixture(autouse=True)
def jobs_in_background_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run the import job as the server does, in a thread of its own, so the page must poll for the end."""
    monkeypatch.setenv("QPDP_JOB_RUNNER", "thread")


def csv_bytes(rows: list[dict[str, str]]) -> bytes:
    """A CSV file as Excel saves it in UTF-8: BOM, every column of the layout, blanks left empty."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=HEADER)
    writer.writeheader()
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def upload(page: Page, base_url: str, name: str, content: bytes) -> None:
    page.goto(base_url + "/cong-dan/nhap-tep/")
    payload: FilePayload = {"name": name, "mimeType": "text/csv", "buffer": content}
    page.set_input_files("#id_file", files=[payload])
    with page.expect_navigation():
        page.get_by_role("button", name="Kiểm tra và nhập").click()
    assert "/cong-viec/" in page.url


def finished_status(page: Page) -> str:
    """Wait for the job (polled by htmx every second) to finish; return its status."""
    status = page.locator("#job-progress [data-status]")
    expect(status).to_have_attribute("data-status", "done", timeout=15_000)
    return status.get_attribute("data-status") or ""


def test_file_with_bad_rows_lists_errors_by_row_and_column_and_applies_nothing(
    transactional_db: Any, live_server: Any, tree: Tree, commune_officer_a: Any, page: Page
) -> None:
    log_in(page, live_server.url, commune_officer_a.username)

    upload(page, live_server.url, "dan-so-thon-1.csv", csv_bytes(BAD_ROWS))

    assert finished_status(page) == "done"
    errors = page.locator("#import-errors")
    expect(errors).to_be_visible()
    table = [row.locator("td").all_text_contents() for row in errors.locator("tbody tr").all()]
    assert table == EXPECTED_PROBLEMS
    expect(page.locator("#job-progress")).to_contain_text("chưa nhập dòng nào")
    assert Citizen.objects.count() == 0


def test_good_file_is_imported_and_citizens_appear_in_the_list(
    transactional_db: Any, live_server: Any, tree: Tree, commune_officer_a: Any, page: Page
) -> None:
    log_in(page, live_server.url, commune_officer_a.username)

    upload(page, live_server.url, "dan-so-thon-1.csv", csv_bytes(GOOD_ROWS))

    assert finished_status(page) == "done"
    expect(page.locator("#job-progress .alert-success")).to_contain_text("Đã nhập 3/3 dòng.")
    expect(page.locator("#import-errors")).to_have_count(0)
    assert sorted(Citizen.objects.values_list("full_name", flat=True)) == sorted(
        row["Họ và tên"] for row in GOOD_ROWS
    )

    page.get_by_role("link", name="Xem sổ đăng ký").click()
    page.wait_for_url(live_server.url + "/cong-dan/")
    names = page.locator("#citizen-table tbody tr td:first-child a").all_text_contents()
    assert sorted(names) == sorted(row["Họ và tên"] for row in GOOD_ROWS)
