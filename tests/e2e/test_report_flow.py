"""Journey: a commune's annual review report, from the draft to the chairman's approval.

Commune A's officer creates the 2026 report for the working unit, writes every section (the
shortcomings among them) with the in-place forms, names the signer and submits; the commune
chairman approves it; the PDF carries the written text with its Vietnamese diacritics; the approved
report shows no edit control any more, and a direct POST to change it is refused.
"""

from __future__ import annotations

import subprocess
import unicodedata
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect

from qpdp.reports.choices import ReportStatus, Section
from qpdp.reports.models import Report
from tests.e2e.helpers import log_in, screenshot
from tests.factories.org import Tree
from tests.factories.reports import call_up_history

BASE = "/bao-cao/"
PERIOD = "2026"
SHORTCOMINGS = (
    "Tồn tại, hạn chế: công tác tuyên truyền ở thôn 2 chưa thường xuyên; "
    "một số thanh niên chưa đăng ký đúng hạn."
)
TEXTS = {
    Section.SITUATION: "Tình hình chính trị, kinh tế - xã hội trên địa bàn xã ổn định.",
    Section.CONTEXT_FIGURES: "",
    Section.RESULTS: "Các mặt công tác quân sự, quốc phòng địa phương đạt yêu cầu đề ra.",
    Section.SHORTCOMINGS: SHORTCOMINGS,
    Section.CAUSES: "Lực lượng cán bộ mỏng, kiêm nhiệm nhiều việc.",
    Section.LESSONS: "Phát huy sức mạnh tổng hợp của cả hệ thống chính trị ở cơ sở.",
    Section.DIRECTIONS: "Tập trung tuyển chọn và gọi công dân nhập ngũ năm 2027 đạt 100% chỉ tiêu.",
    Section.PROPOSALS: "Đề nghị cấp trên hỗ trợ kinh phí huấn luyện dân quân.",
}


def _logout(page: Page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="Đăng xuất").click()


def _save_section(page: Page, code: str, text: str) -> None:
    section = page.locator(f'section[data-section="{code}"]')
    section.locator("textarea").fill(text)
    section.get_by_role("button", name="Lưu phần này").click()
    # htmx swaps the section for the saved one.
    expect(page.locator(f'section[data-section="{code}"] .saved-mark')).to_have_text("Đã lưu.")


def test_a_commune_writes_submits_and_its_chairman_approves_the_annual_report(
    live_server: Any, page: Page, tree: Tree, commune_officer_a: Any, commune_leader_a: Any, tmp_path: Path
) -> None:
    call_up_history(tree)
    base = live_server.url + BASE

    # The commune officer creates the 2026 annual report of the working unit.
    log_in(page, live_server.url, "xa_a")
    page.goto(base)
    expect(page.get_by_role("link", name="Báo cáo", exact=True)).to_be_visible()
    page.get_by_role("link", name="Lập báo cáo").click()
    page.get_by_label("Kỳ báo cáo").fill(PERIOD)
    screenshot(page, tmp_path, "report-create.png")
    with page.expect_navigation():
        page.get_by_role("button", name="Lập dự thảo").click()
    report = Report.objects.get(unit=tree.commune_a, period_code=PERIOD)
    expect(page.locator("#report-status")).to_have_text("Dự thảo")
    expect(page.locator("#linh-vuc-conscription table")).to_contain_text("Hoàn thành chỉ tiêu giao quân")
    expect(page.locator("#linh-vuc-education")).to_contain_text("Chưa có số liệu")

    # Every section written in place, the shortcomings among them; then the signer.
    for code, text in TEXTS.items():
        _save_section(page, code, text)
    screenshot(page, tmp_path, "report-draft.png")
    page.get_by_role("link", name="Tiêu đề, người ký, chỉ tiêu kỳ tới").click()
    page.get_by_label("Số, ký hiệu").fill("15/BC-UBND")
    page.get_by_label("Họ tên người ký").fill("Trần Văn Bình")
    page.get_by_label("Chức vụ người ký").fill("Chủ tịch")
    with page.expect_navigation():
        page.get_by_role("button", name="Lưu").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Trình duyệt").click()
    expect(page.locator("#report-status")).to_have_text("Chờ duyệt")
    report.refresh_from_db()
    assert report.status == ReportStatus.REVIEW
    assert report.sections["shortcomings"] == SHORTCOMINGS
    _logout(page)

    # The commune chairman approves it.
    log_in(page, live_server.url, "chutich_a")
    page.goto(f"{base}{report.pk}/")
    with page.expect_navigation():
        page.get_by_role("button", name="Phê duyệt").click()
    expect(page.locator("#report-status")).to_have_text("Đã phê duyệt")
    screenshot(page, tmp_path, "report-approved.png")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, tmp_path, "report-approved-phone.png")
    page.set_viewport_size({"width": 1366, "height": 768})

    # The PDF carries the text as written, diacritics included.
    with page.expect_download() as download:
        page.locator("#download-pdf").click()
    pdf = tmp_path / "bao-cao.pdf"
    download.value.save_as(pdf)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True, timeout=60
    ).stdout.decode("utf-8")
    squeezed = unicodedata.normalize("NFC", " ".join(text.split()))
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số: 15/BC-UBND",
        "1. Hạn chế, khuyết điểm",
        SHORTCOMINGS,
        "Xã An Bình hoàn thành 100% chỉ tiêu giao quân",
        "TM. ỦY BAN NHÂN DÂN",
        "Trần Văn Bình",
    ):
        assert expected in squeezed
    assert "DỰ THẢO" not in squeezed
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "pdf")], check=True
    )
    _logout(page)

    # The approved report offers no edit control, and a direct POST changes nothing.
    log_in(page, live_server.url, "xa_a")
    page.goto(f"{base}{report.pk}/")
    expect(page.locator("#locked-note")).to_be_visible()
    expect(page.locator("textarea")).to_have_count(0)
    expect(page.locator("#submit-report")).to_have_count(0)
    token = page.locator("input[name=csrfmiddlewaretoken]").first.get_attribute("value") or ""
    refused = page.request.post(
        f"{base}{report.pk}/phan/",
        form={"code": "shortcomings", "text": "Sửa sau khi đã duyệt."},
        headers={"X-CSRFToken": token},
    )
    assert refused.ok
    assert "Báo cáo đã được phê duyệt" in refused.text()
    report.refresh_from_db()
    assert report.sections["shortcomings"] == SHORTCOMINGS
