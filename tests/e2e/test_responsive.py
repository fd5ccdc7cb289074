"""Journey: the register is usable on a phone (no sideways scrolling, a menu button) and on a 1366 screen."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, ViewportSize, expect

from qpdp.people.models import Citizen
from tests.e2e.helpers import horizontal_overflow, log_in, make_citizen, screenshot
from tests.factories.org import Tree

PHONE: ViewportSize = {"width": 390, "height": 844}
LAPTOP: ViewportSize = {"width": 1366, "height": 768}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def register(transactional_db: Any, tree: Tree) -> Citizen:
    """A few citizens, one with a long name, so the table has something to overflow with; returns An."""
    an = make_citizen(tree.commune_a, "Nguyễn Văn An", serial=31, village=tree.village_a1)
    make_citizen(
        tree.commune_a, "Tôn Nữ Thị Phương Thảo Quỳnh Hương", serial=32, sex="F", born=dt.date(1999, 12, 31)
    )
    make_citizen(tree.commune_a, "Đặng Hữu Nghĩa", serial=33, born=dt.date(2007, 1, 1))
    return an


def test_citizen_list_fits_a_phone_and_offers_the_menu_button(
    transactional_db: Any, live_server: Any, register: Citizen, commune_officer_a: Any, page: Page
) -> None:
    page.set_viewport_size(PHONE)
    log_in(page, live_server.url, commune_officer_a.username)

    page.goto(live_server.url + "/cong-dan/")
    expect(page.locator("#citizen-table tbody tr")).to_have_count(3)

    widths = horizontal_overflow(page)
    assert widths["innerWidth"] == PHONE["width"]
    assert widths["scrollWidth"] <= widths["innerWidth"], widths
    assert widths["documentScrollWidth"] <= widths["innerWidth"], widths
    toggler = page.locator(".navbar-toggler")
    expect(toggler).to_be_visible()
    # The menu is folded away until the button opens it
    expect(page.get_by_role("link", name="Công dân", exact=True)).to_be_hidden()
    toggler.click()
    expect(page.get_by_role("link", name="Công dân", exact=True)).to_be_visible()


@pytest.mark.parametrize(
    "path",
    [
        pytest.param("/", id="home"),
        pytest.param("/cong-dan/{citizen}/", id="citizen-detail"),
        pytest.param("/cong-dan/them/", id="citizen-form"),
        pytest.param("/cong-dan/nhap-tep/", id="citizen-import"),
        pytest.param("/don-vi/", id="unit-list"),
        pytest.param("/don-vi/90001/", id="unit-detail"),
    ],
)
def test_other_pages_fit_a_phone_without_sideways_scrolling(
    transactional_db: Any, live_server: Any, register: Citizen, commune_officer_a: Any, page: Page, path: str
) -> None:
    page.set_viewport_size(PHONE)
    log_in(page, live_server.url, commune_officer_a.username)

    response = page.goto(live_server.url + path.format(citizen=register.pk))

    assert response is not None
    assert response.status == 200
    widths = horizontal_overflow(page)
    assert widths["scrollWidth"] <= widths["innerWidth"], widths
    assert widths["documentScrollWidth"] <= widths["innerWidth"], widths


def test_menu_button_is_hidden_on_a_laptop_screen(
    transactional_db: Any, live_server: Any, register: Citizen, commune_officer_a: Any, page: Page
) -> None:
    page.set_viewport_size(LAPTOP)
    log_in(page, live_server.url, commune_officer_a.username)

    page.goto(live_server.url + "/cong-dan/")

    expect(page.locator(".navbar-toggler")).to_be_hidden()
    expect(page.get_by_role("link", name="Công dân", exact=True)).to_be_visible()
    widths = horizontal_overflow(page)
    assert widths["scrollWidth"] <= widths["innerWidth"], widths


@pytest.mark.parametrize(
    ("viewport", "label"),
    [pytest.param(LAPTOP, "1366x768", id="laptop"), pytest.param(PHONE, "390x844", id="phone")],
)
def test_screenshots_of_main_pages_are_produced(
    transactional_db: Any,
    live_server: Any,
    register: Citizen,
    commune_officer_a: Any,
    page: Page,
    tmp_path: Path,
    viewport: ViewportSize,
    label: str,
) -> None:
    """Not compared with anything: produced for a person to look at (also copied to /tmp/e2e-shots/)."""
    page.set_viewport_size(viewport)
    page.goto(live_server.url + "/dang-nhap/")
    shots = [screenshot(page, tmp_path, f"login-{label}.png")]
    log_in(page, live_server.url, commune_officer_a.username)
    shots.append(screenshot(page, tmp_path, f"home-{label}.png"))
    page.goto(live_server.url + "/cong-dan/")
    shots.append(screenshot(page, tmp_path, f"citizen-list-{label}.png"))
    page.goto(live_server.url + "/cong-dan/them/")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("#form-errors")).to_be_visible()
    shots.append(screenshot(page, tmp_path, f"citizen-form-errors-{label}.png"))

    for shot in shots:
        assert shot.read_bytes().startswith(PNG_SIGNATURE), shot
