"""Journey: one commune through a whole call-up cycle on demo data, registration to completion figure.

Commune A's officer registers this year's 17-year-olds, enters a health result, records a deferment
and posts the list; the province gives a quota and decides the list; the commune selects, issues
and prints the orders and delivers them; the province records the handover; the commune's home
page then shows 100 % completion and the province's shows the rolled-up figure.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from qpdp.conscription import rules, services
from qpdp.conscription.choices import CallUpStatus, ExamStage
from qpdp.conscription.demo_data import generate_demo_cycle
from qpdp.conscription.models import CallUp, HealthExam, Posting, Registration, Relief
from qpdp.people.models import Citizen
from tests.e2e.helpers import log_in, make_citizen, screenshot
from tests.factories.conscription import man
from tests.factories.org import Tree

BASE = "/nghia-vu-quan-su/"
TODAY = dt.date.today()
# The intake being prepared: the next one once the examination period (from 1 November) has begun.
YEAR = TODAY.year + 1 if TODAY.month >= 11 else TODAY.year
EXAMINED_ON = min(TODAY, dt.date(YEAR - 1, 11, 10)) if TODAY.year == YEAR - 1 else dt.date(YEAR - 1, 11, 10)
REPORT_ON = rules.default_handover(YEAR)[0]  # the intake's first national handover day


def _d(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def _logout(page: Page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="Đăng xuất").click()


def _fit_man(actor: Any, tree: Tree, name: str, serial: int, born: dt.date) -> Citizen:
    """A registered man examined fit for this intake, as the demo's examination rounds leave them."""
    citizen = make_citizen(tree.commune_a, name, serial=serial, born=born, education_level=12)
    services.register_first(actor=actor, citizen=citizen, registered_on=dt.date(born.year + 17, 4, 10))
    services.record_health(
        actor=actor,
        data=services.HealthInput(
            citizen=citizen,
            intake_year=YEAR,
            stage=ExamStage.EXAMINATION,
            examined_on=EXAMINED_ON,
            health_type=2,
            height_cm=Decimal("168"),
            weight_kg=Decimal("60"),
        ),
    )
    return citizen


@pytest.fixture
def cycle_data(tree: Tree, commune_officer_a: Any, province_officer: Any) -> dict[str, Any]:
    # Demo history: a background population and the demo generator's last and current intakes.
    for index in range(40):
        man(
            tree.commune_b if index % 3 else tree.commune_a, born=dt.date(2000 + index % 8, 1 + index % 12, 5)
        )
    generate_demo_cycle(tree.province, seed=11, today=TODAY)
    cohort = [
        make_citizen(tree.commune_a, name, serial=880_001 + i, born=dt.date(YEAR - 18, 2 + i, 12))
        for i, name in enumerate(["Hà Văn Lộc", "Lò Văn Thắng"])
    ]
    to_examine = make_citizen(
        tree.commune_a, "Đinh Công Tráng", serial=880_011, born=dt.date(YEAR - 21, 6, 1)
    )
    services.register_first(
        actor=commune_officer_a, citizen=to_examine, registered_on=dt.date(YEAR - 4, 4, 10)
    )
    student = _fit_man(commune_officer_a, tree, "Nguyễn Đức Huy", 880_021, dt.date(YEAR - 20, 9, 9))
    chosen = [
        _fit_man(commune_officer_a, tree, "Trần Quốc Toản", 880_031, dt.date(YEAR - 21, 3, 3)),
        _fit_man(commune_officer_a, tree, "Phạm Ngũ Lão", 880_032, dt.date(YEAR - 22, 5, 5)),
    ]
    return {"cohort": cohort, "to_examine": to_examine, "student": student, "chosen": chosen}


def test_one_commune_through_the_whole_cycle(
    live_server: Any, page: Page, tree: Tree, cycle_data: dict[str, Any], tmp_path: Path
) -> None:
    url = live_server.url + BASE
    cohort, chosen = cycle_data["cohort"], cycle_data["chosen"]

    # 1. The yearly registration run: this year's 17-year-olds, registered at once.
    log_in(page, live_server.url, "xa_a")
    page.goto(f"{url}dang-ky/?year={YEAR - 1}")
    for citizen in cohort:
        page.get_by_label(f"Chọn {citizen.full_name}").check()
    page.locator("#run-form").get_by_label("Ngày đăng ký").fill(_d(TODAY))
    with page.expect_navigation():
        page.get_by_role("button", name="Đăng ký những người đã chọn").click()
    assert Registration.objects.filter(citizen__in=cohort, kind="first").count() == 2

    # 2. A health result entered by hand: the type is computed and shown.
    page.goto(f"{url}suc-khoe/nhap/?year={YEAR}")
    page.get_by_label("Công dân", exact=True).select_option(str(cycle_data["to_examine"].pk))
    page.get_by_label("Ngày khám").fill(_d(EXAMINED_ON))
    page.get_by_label("Phân loại sức khỏe").select_option("3")
    page.get_by_label("Chiều cao (cm)").fill("165")
    page.get_by_label("Cân nặng (kg)").fill("55")
    with page.expect_navigation():
        page.get_by_role("button", name="Ghi kết quả").click()
    exam = HealthExam.objects.get(citizen=cycle_data["to_examine"], intake_year=YEAR)
    assert (exam.health_type, exam.fit) == (3, True)

    # 3. A study deferment, then the public posting of the commune's list.
    page.goto(f"{url}tam-hoan-mien/them/?year={YEAR}")
    page.get_by_label("Công dân", exact=True).select_option(str(cycle_data["student"].pk))
    page.get_by_label("Căn cứ (điểm, khoản Điều 41)").select_option("41.1.g")
    page.get_by_label("Đến ngày").fill(_d(dt.date(YEAR + 2, 6, 30)))
    page.get_by_label("Số quyết định").fill("25/QĐ-UBND")
    page.get_by_label("Ngày quyết định").fill(_d(TODAY))
    with page.expect_navigation():
        page.get_by_role("button", name="Ghi quyết định").click()
    assert Relief.objects.filter(citizen=cycle_data["student"], ground="41.1.g").exists()
    page.goto(f"{url}niem-yet/?year={YEAR}")
    page.get_by_label("Số quyết định được niêm yết").fill("25/QĐ-UBND")
    page.get_by_label("Ngày ký quyết định").fill(_d(TODAY))
    with page.expect_navigation():
        page.get_by_role("button", name="Lập niêm yết").click()
    posting = Posting.objects.get(intake_year=YEAR, unit_path=tree.commune_a.path)
    assert posting.posted_until == TODAY + dt.timedelta(days=19)
    expect(page.locator("main")).to_contain_text(_d(posting.posted_until))
    _logout(page)

    # 4. The province gives its quota and commune A's share.
    log_in(page, live_server.url, "tinh")
    page.goto(f"{url}chi-tieu/?year={YEAR}")
    page.get_by_text("Nhập chỉ tiêu của tỉnh").click()
    page.get_by_label("Chỉ tiêu nhập ngũ Quân đội").fill("2")
    page.get_by_label("Chỉ tiêu thực hiện nghĩa vụ CAND").fill("0")
    page.locator("form", has=page.get_by_role("button", name="Lưu chỉ tiêu của tỉnh")).get_by_label(
        "Ngày quyết định"
    ).fill(_d(TODAY))
    with page.expect_navigation():
        page.get_by_role("button", name="Lưu chỉ tiêu của tỉnh").click()
    page.locator(f"input[name=army_{tree.commune_a.code}]").fill("2")
    page.locator("#allocation-form").get_by_label("Ngày quyết định").fill(_d(TODAY))
    with page.expect_navigation():
        page.get_by_role("button", name="Lưu phân bổ chỉ tiêu").click()
    _logout(page)

    # 5. The commune council selects two eligible men.
    log_in(page, live_server.url, "xa_a")
    page.goto(f"{url}chon/?year={YEAR}")
    for citizen in chosen:
        page.get_by_label(f"Chọn {citizen.full_name}", exact=True).check()
    page.get_by_label("Ngày Hội đồng NVQS xã chọn").fill(_d(TODAY))
    with page.expect_navigation():
        page.get_by_role("button", name="Chọn những công dân đã đánh dấu").click()
    assert CallUp.objects.filter(citizen__in=chosen, status=CallUpStatus.SELECTED).count() == 2
    _logout(page)

    # 6. The provincial chairman's decision on the list.
    log_in(page, live_server.url, "tinh")
    page.goto(f"{url}goi-nhap-ngu/?year={YEAR}&unit={tree.commune_a.code}")
    for citizen in chosen:
        page.get_by_label(f"Chọn {citizen.full_name}", exact=True).check()
    page.get_by_label("Số quyết định").fill("310/QĐ-UBND")
    page.locator("#id_decided_on").fill(_d(TODAY))
    with page.expect_navigation():
        page.get_by_role("button", name="Ghi quyết định").click()
    assert CallUp.objects.filter(citizen__in=chosen, status=CallUpStatus.DECIDED).count() == 2
    _logout(page)

    # 7. The commune chairman's orders, printed, and delivered 15 days or more ahead.
    log_in(page, live_server.url, "xa_a")
    page.goto(f"{url}goi-nhap-ngu/?year={YEAR}")
    for citizen in chosen:
        page.get_by_label(f"Chọn {citizen.full_name}", exact=True).check()
    page.get_by_label("Ngày ký lệnh").fill(_d(TODAY))
    page.get_by_label("Ngày có mặt").fill(_d(REPORT_ON))
    page.get_by_label("Nơi có mặt").fill("Sân vận động xã An Bình")
    with page.expect_navigation():
        page.get_by_role("button", name="Cấp lệnh").click()
    ordered = list(CallUp.objects.filter(citizen__in=chosen, status=CallUpStatus.ORDERED))
    assert len(ordered) == 2
    response = page.request.get(f"{url}goi-nhap-ngu/lenh/?year={YEAR}&format=pdf")
    assert response.status == 200
    pdf = tmp_path / "lenh.pdf"
    pdf.write_bytes(response.body())
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert all(c.full_name in text for c in chosen)
    assert "CHỦ TỊCH" in text
    for callup in ordered:
        page.goto(f"{url}goi-nhap-ngu/{callup.pk}/")
        page.get_by_label("Ngày giao lệnh cho công dân").fill(_d(TODAY))
        with page.expect_navigation():
            page.get_by_role("button", name="Lưu").click()
    assert CallUp.objects.filter(citizen__in=chosen, delivered_on=TODAY).count() == 2
    _logout(page)

    # 8. The handover, organised by the province: both men enlisted.
    log_in(page, live_server.url, "tinh")
    page.goto(f"{url}giao-quan/?year={YEAR}")
    page.get_by_label("Ngày giao quân").fill(_d(REPORT_ON))
    page.get_by_label("Địa điểm").fill("Ban CHPTKV 1 – An Bình")
    page.get_by_label("Đơn vị nhận quân").fill("Sư đoàn 312")
    with page.expect_navigation():
        page.get_by_role("button", name="Tạo lễ giao nhận quân").click()
    for _ in chosen:
        with page.expect_navigation():
            page.get_by_role("button", name="Lưu").first.click()
    assert CallUp.objects.filter(citizen__in=chosen, status=CallUpStatus.ENLISTED).count() == 2

    # 9. The province's home page shows the rolled-up completion of the intake.
    page.goto(f"{url}?year={YEAR}")
    figures = page.locator("#headline-figures")
    expect(figures).to_contain_text("Hoàn thành chỉ tiêu giao quân")
    expect(figures).to_contain_text("100")
    screenshot(page, tmp_path, "nvqs-province-home.png")
    _logout(page)

    # 10. And the commune's own dashboard the same for its share.
    log_in(page, live_server.url, "xa_a")
    page.goto(f"{url}?year={YEAR}")
    completion = page.locator("#headline-figures .card", has_text="Hoàn thành chỉ tiêu giao quân")
    expect(completion).to_contain_text("100")
    screenshot(page, tmp_path, "nvqs-commune-home.png")
