"""Journey: a commune's nominations, the region's review, the chairman's decision, the conference."""

# Commune A's officer nominates 2 collectives (a village of the tree and "Ban CHQS xã An Bình" by name)
# and 3 individuals of the register for the commune chairman's giấy khen; the regional command's
# officer agrees to all five at once; the chairman of the commune People's Committee signs the
# decision and downloads it as a PDF whose text holds the five recipients with their diacritics; the
# officer records the year's review conference and attaches the decision, and the conference page
# then states "UBND xã An Bình khen thưởng 2 tập thể, 3 cá nhân".

from __future__ import annotations

import datetime as dt
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from qpdp.awards.choices import DecisionStatus, NominationStatus
from qpdp.awards.models import AwardDecision, Conference, Nomination
from qpdp.people.models import Citizen
from tests.e2e.helpers import log_in, make_citizen, screenshot
from tests.factories.org import Tree

BASE = "/thi-dua-khen-thuong/"
PEOPLE = (
    ("Nguyễn Văn Ấn", "nguyen van an"),
    ("Lê Thị Bích Ngọc", "le thi bich"),
    ("Phạm Đức Thắng", "pham duc"),
)
COLLECTIVE_BY_NAME = "Ban CHQS xã An Bình"
ACHIEVEMENT = "Hoàn thành xuất sắc nhiệm vụ quân sự, quốc phòng địa phương năm {year}"
NUMBER = "125/QĐ-UBND"


def _logout(page: Page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="Đăng xuất").click()


def _save(page: Page, button: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()
    expect(page.locator(".alert-danger")).to_have_count(0)


@pytest.fixture
def register(tree: Tree, commune_officer_a: Any, region_officer: Any, commune_leader_a: Any) -> list[Citizen]:
    """Three people of commune A's register (and the three personas of the journey)."""
    return [
        make_citizen(tree.commune_a, name, serial=940_001 + i, born=dt.date(1990 + i, 3, 15))
        for i, (name, _) in enumerate(PEOPLE)
    ]


def test_a_commune_nominates_the_region_reviews_the_chairman_decides_and_the_conference_states_it(
    live_server: Any, page: Page, tree: Tree, register: list[Citizen], tmp_path: Path
) -> None:
    url = live_server.url + BASE
    year = dt.date.today().year
    achievement = ACHIEVEMENT.format(year=year)

    # 1. The commune officer nominates two collectives and three individuals for the chairman's giấy khen.
    log_in(page, live_server.url, "xa_a")
    page.goto(url + "de-nghi/them/")
    page.get_by_label("Tập thể", exact=True).check()
    page.get_by_label("Tập thể trong danh sách đơn vị").select_option(label="Thôn 1")
    expect(page.get_by_label("Cấp khen thưởng được đề nghị")).to_have_value("commune_chairman")
    page.get_by_label("Hình thức, danh hiệu").select_option("giay_khen")
    page.get_by_label("Thành tích", exact=True).fill(achievement)
    screenshot(page, tmp_path, "awards-nomination-form.png")
    _save(page, "Lưu và lập đề nghị tiếp")

    expect(page.get_by_label("Tập thể", exact=True)).to_be_checked()
    page.get_by_label("Hoặc ghi tên").fill(COLLECTIVE_BY_NAME)
    page.get_by_label("Thành tích", exact=True).fill(achievement)
    _save(page, "Lưu và lập đề nghị tiếp")

    for citizen, (_, typed) in zip(register, PEOPLE, strict=True):
        page.get_by_label("Cá nhân", exact=True).check()
        page.get_by_label("Tìm công dân theo tên hoặc số định danh").fill(typed)
        picker = page.locator("#id_recipient_citizen")
        expect(picker.locator(f"option[value='{citizen.pk}']")).to_have_count(1)
        picker.select_option(str(citizen.pk))
        page.get_by_label("Chức vụ, đơn vị, địa chỉ").fill("Chiến sĩ dân quân thường trực")
        expect(page.get_by_label("Hình thức, danh hiệu")).to_have_value("giay_khen")
        page.get_by_label("Thành tích", exact=True).fill(achievement)
        _save(page, "Lưu và lập đề nghị tiếp")
    proposed = Nomination.objects.filter(unit=tree.commune_a, status=NominationStatus.PROPOSED)
    assert (
        sorted(proposed.values_list("recipient_kind", flat=True)) == ["collective"] * 2 + ["individual"] * 3
    )
    _logout(page)

    # 2. The regional command's officer agrees to all five at once.
    log_in(page, live_server.url, "khuvuc")
    page.goto(url + "de-nghi/xet/")
    expect(page.locator("#review-table tbody tr")).to_have_count(5)
    page.get_by_label("Chọn tất cả").check()
    page.get_by_label("Nhất trí đề nghị khen thưởng").check()
    page.get_by_label("Ý kiến của hội đồng").fill("Nhất trí đề nghị Chủ tịch UBND xã khen thưởng.")
    screenshot(page, tmp_path, "awards-review.png")
    _save(page, "Ghi kết quả xét")
    expect(page.locator("main")).to_contain_text("Đã xét 5 đề nghị")
    assert Nomination.objects.filter(status=NominationStatus.REVIEWED).count() == 5
    _logout(page)

    # 3. The chairman of the commune People's Committee signs the decision on the five.
    log_in(page, live_server.url, "chutich_a")
    page.goto(url + "quyet-dinh/them/")
    expect(page.locator("#decide-table input[name=nominations]:checked")).to_have_count(5)
    expect(page.get_by_label("Chức vụ người ký")).to_have_value("CHỦ TỊCH")
    page.get_by_label("Số quyết định").fill(NUMBER)
    page.get_by_label("Họ tên người ký").fill("Trần Văn Bình")
    screenshot(page, tmp_path, "awards-decide.png")
    _save(page, "Ký quyết định khen thưởng")
    decision = AwardDecision.objects.get(number=NUMBER)
    assert (decision.status, decision.issuing_body, decision.awards.count()) == (
        DecisionStatus.SIGNED,
        "UBND xã An Bình",
        5,
    )
    expect(page.locator("#decision-summary")).to_contain_text(
        "UBND xã An Bình khen thưởng 2 tập thể, 3 cá nhân"
    )

    # 4. Its official document downloads; the PDF's text holds the five recipients, diacritics intact.
    with page.expect_download() as caught:
        page.locator("#download-pdf").click()
    pdf = tmp_path / "quyet-dinh.pdf"
    caught.value.save_as(pdf)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    # A name may wrap inside its table cell: compare with the line breaks as spaces.
    flat = " ".join(text.split())
    assert unicodedata.is_normalized("NFC", flat)
    for name in ("Thôn 1", COLLECTIVE_BY_NAME, *(c.full_name for c in register)):
        assert name in flat, name
    assert f"Số: {NUMBER}" in flat
    screenshot(page, tmp_path, "awards-decision.png")
    _logout(page)

    # 5. The officer records the year's review conference and attaches the decision presented there.
    log_in(page, live_server.url, "xa_a")
    page.goto(url + "hoi-nghi/them/")
    page.get_by_label("Loại hội nghị").select_option("tong_ket")
    expect(page.get_by_label("Kỳ sơ kết, tổng kết")).to_have_value(str(year))
    page.get_by_label("Địa điểm").fill("Hội trường UBND xã An Bình")
    page.get_by_label("Người chủ trì", exact=True).fill("Trần Văn Bình")
    page.get_by_label("Chức vụ người chủ trì").fill("Chủ tịch UBND xã")
    page.get_by_label("Kết luận của người chủ trì").fill("Năm nay hoàn thành toàn diện các chỉ tiêu.")
    page.get_by_label("Phương hướng, nhiệm vụ").fill("Tập trung tuyển quân năm sau.")
    _save(page, "Ghi hội nghị")
    held = Conference.objects.get(unit=tree.commune_a)
    page.get_by_label("Quyết định khen thưởng trao tại hội nghị").select_option(str(decision.pk))
    _save(page, "Gắn quyết định")

    # 6. The conference page states who awarded how many.
    assert page.url.endswith(f"{BASE}hoi-nghi/{held.pk}/")
    expect(page.locator("#award-summary")).to_contain_text("UBND xã An Bình khen thưởng 2 tập thể, 3 cá nhân")
    for citizen in register:
        expect(page.locator("main")).to_contain_text(citizen.full_name)
    screenshot(page, tmp_path, "awards-conference.png")
