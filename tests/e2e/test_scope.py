"""Journey: an officer of commune B meets none of commune A's records — not by URL, list or unit picker."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page, expect

from tests.e2e.helpers import log_in, make_citizen
from tests.factories.org import Tree

PICKER = ".qpdp-picker input[name=q]"
PICKER_RESULTS = "#unit-picker-results"


def picker_entries(page: Page) -> list[str]:
    """The unit names the picker lists (the parent's name after the dash is left out)."""
    buttons = page.locator(f"{PICKER_RESULTS} button")
    return [text.split(" — ")[0].strip() for text in buttons.all_text_contents()]


def test_officer_of_b_gets_404_page_for_a_citizen_of_a(
    transactional_db: Any, live_server: Any, tree: Tree, commune_officer_b: Any, page: Page
) -> None:
    citizen_of_a = make_citizen(tree.commune_a, "Nguyễn Văn An", serial=21)
    log_in(page, live_server.url, commune_officer_b.username)

    response = page.goto(f"{live_server.url}/cong-dan/{citizen_of_a.pk}/")

    assert response is not None
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Không tìm thấy")
    expect(page.locator("main")).not_to_contain_text("Nguyễn Văn An")
    # The edit page of the same record is just as absent
    response = page.goto(f"{live_server.url}/cong-dan/{citizen_of_a.pk}/sua/")
    assert response is not None
    assert response.status == 404


def test_list_of_b_shows_only_b_citizens_even_when_searching_for_a_name_of_a(
    transactional_db: Any, live_server: Any, tree: Tree, commune_officer_b: Any, page: Page
) -> None:
    make_citizen(tree.commune_a, "Nguyễn Văn An", serial=21)
    make_citizen(tree.commune_b, "Nguyễn Văn Bảo", serial=22)
    log_in(page, live_server.url, commune_officer_b.username)

    page.goto(live_server.url + "/cong-dan/")
    names = page.locator("#citizen-table tbody tr td:first-child a")
    assert names.all_text_contents() == ["Nguyễn Văn Bảo"]

    page.fill("#id_q", "nguyen van an")
    expect(page.locator("#citizen-rows")).to_contain_text("Không có công dân phù hợp.")
    assert names.all_text_contents() == []


def test_unit_picker_lists_only_units_in_scope(
    transactional_db: Any, live_server: Any, tree: Tree, commune_officer_b: Any, page: Page
) -> None:
    log_in(page, live_server.url, commune_officer_b.username)

    # Focusing the navbar box lists what B may switch to: B alone
    page.click(PICKER)
    expect(page.locator(f"{PICKER_RESULTS} button").first).to_be_visible()
    listed = picker_entries(page)
    assert "Phường Đông Hòa" in listed
    assert not {"Xã An Bình", "Xã Yên Lạc", "Tỉnh Thử Nghiệm", "Xã Bên Cạnh"} & set(listed)

    # Typing the name of A (without diacritics) finds nothing in B's scope
    page.fill(PICKER, "an binh")
    expect(page.locator(PICKER_RESULTS)).to_contain_text("Không có đơn vị phù hợp trong phạm vi của bạn.")
    assert picker_entries(page) == []

    # Picking B makes it the working unit shown on every page
    page.fill(PICKER, "dong hoa")
    expect(page.locator(f"{PICKER_RESULTS} button", has_text="Phường Đông Hòa")).to_be_visible()
    with page.expect_navigation():
        page.locator(f"{PICKER_RESULTS} button", has_text="Phường Đông Hòa").first.click()
    expect(page.locator("main")).to_contain_text("Đơn vị đang làm việc: Phường Đông Hòa")


def test_province_officer_picker_lists_the_province_communes_but_not_the_neighbour_province(
    transactional_db: Any, live_server: Any, tree: Tree, province_officer: Any, page: Page
) -> None:
    log_in(page, live_server.url, province_officer.username)

    page.click(PICKER)
    page.fill(PICKER, "xa")
    expect(page.locator(f"{PICKER_RESULTS} button", has_text="Xã Yên Lạc")).to_be_visible()

    listed = set(picker_entries(page))
    assert {"Xã An Bình", "Xã Yên Lạc"} <= listed
    assert "Xã Bên Cạnh" not in listed
