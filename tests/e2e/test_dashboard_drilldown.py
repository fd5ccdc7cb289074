"""Journey: from the province's completion on the year dashboard to a commune, then to its named citizens.

The provincial officer opens the dashboard of the year, goes from the province's completion of the
call-up quota to the communes ranked by it, opens commune A's dashboard and the citizens behind its
figure; the same dashboard fits a phone.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from qpdp.conscription.models import CallUp
from tests.e2e.helpers import horizontal_overflow, log_in, screenshot
from tests.factories.conscription import man
from tests.factories.org import Tree
from tests.factories.reports import call_up_history, enlist, quota_of

DASHBOARD = "/bao-cao/bang-dieu-khien/"
YEAR = 2026


@pytest.fixture
def call_up_years(tree: Tree) -> list[str]:
    """Three intakes (2024 and 2025 in the old communes, 2026 in the new ones) and a background population;
    2026: commune A 4 of 4, B 2 of 3, C 1 of 3 — the province 7 of 10."""
    for index in range(12):
        man(tree.commune_b if index % 2 else tree.commune_c, born=dt.date(2001 + index % 6, 1 + index, 5))
    intakes = call_up_history(tree)
    quota_of(intakes[str(YEAR)], tree.commune_c, 3)
    enlist(intakes[str(YEAR)], tree.commune_c, 1)
    enlisted = CallUp.objects.filter(intake=intakes[str(YEAR)], commune=tree.commune_a).select_related(
        "citizen"
    )
    return sorted(c.citizen.full_name for c in enlisted)


def test_province_completion_drills_down_to_a_commune_and_its_named_citizens(
    live_server: Any, page: Page, tree: Tree, province_officer: Any, call_up_years: list[str], tmp_path: Path
) -> None:
    # The province's year dashboard: its completion of the call-up quota.
    log_in(page, live_server.url, "tinh")
    page.goto(f"{live_server.url}{DASHBOARD}?period={YEAR}")
    expect(page.locator("h1")).to_contain_text("Tỉnh Thử Nghiệm")
    completion = page.locator(".qpdp-figure[data-code='conscription.completion']")
    expect(completion.locator(".figure-value")).to_have_text("70,0%")
    expect(page.locator("html")).to_have_attribute("data-charts", "drawn")
    screenshot(page, tmp_path, "dashboard-province-1366.png")

    # From the province's completion to its communes, ranked; commune A leads.
    completion.get_by_role("link", name="Theo đơn vị trực thuộc ›").click()
    rows = page.locator("#ranking-table tbody tr")
    expect(rows.first).to_contain_text("Xã An Bình")
    expect(rows.first.locator("td").first).to_have_text("1")
    with page.expect_navigation():
        rows.first.get_by_role("link", name="Xã An Bình").click()

    # Commune A's dashboard, then the citizens behind its completion figure.
    expect(page.locator("h1")).to_contain_text("Xã An Bình")
    commune_completion = page.locator(".qpdp-figure[data-code='conscription.completion'] .figure-value")
    expect(commune_completion).to_have_text("100,0%")
    with page.expect_navigation():
        commune_completion.click()
    expect(page.locator("#indicator-value")).to_have_text("100,0%")
    names = page.locator("table.indicator-records").first.locator("tbody tr td:nth-child(2)")
    expect(names).to_have_count(4)
    assert sorted(names.all_inner_texts()) == call_up_years
    screenshot(page, tmp_path, "dashboard-records-1366.png")


def test_the_dashboard_fits_a_phone(
    live_server: Any, page: Page, tree: Tree, province_officer: Any, call_up_years: list[str], tmp_path: Path
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server.url, "tinh")
    page.goto(f"{live_server.url}{DASHBOARD}?period={YEAR}")

    expect(page.locator("html")).to_have_attribute("data-charts", "drawn")
    size = horizontal_overflow(page)
    assert size["documentScrollWidth"] <= size["innerWidth"], size
    screenshot(page, tmp_path, "dashboard-province-390.png")
