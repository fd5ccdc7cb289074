"""Journey: an officer adds a citizen; a wrong identity number is explained beside the field and not saved."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from qpdp.people.models import Citizen
from tests.e2e.helpers import log_in
from tests.factories.org import Tree

VALID_ID = "001205000123"  # Hà Nội (001), a man born 2000-2099 (2), in 2005 (05)
ID_ERROR = ".field-error[data-field=personal_id]"


def fill_citizen_form(page: Page, personal_id: str, address: str = "Số 7, đường Lê Lợi") -> None:
    """A young man of Thôn 1, commune A, born 15/03/2005, with the given identity number."""
    page.fill("#id_personal_id", personal_id)
    page.fill("#id_full_name", "Nguyễn Văn Khánh")
    page.select_option("#id_sex", "M")
    page.fill("#id_date_of_birth", "15/03/2005")
    page.select_option("#id_commune_code", "90001")
    page.fill("#id_village", "Thôn 1")
    page.fill("#id_address", address)
    page.fill("#id_education_level", "12")


def residence(page: Page) -> Locator:
    """The "current residence" line of a citizen's page."""
    return page.locator("dt:text-is('Nơi ở hiện tại') + dd")


def save(page: Page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="Lưu").click()


@pytest.mark.parametrize(
    ("personal_id", "message"),
    [
        pytest.param(
            "00120500012", "Số định danh cá nhân phải gồm đúng 12 chữ số.", id="nd137-art13-eleven-digits"
        ),
        pytest.param(
            "001305000123",
            "Chữ số thứ 4 “3” ứng với nữ sinh năm 2000–2099, không khớp giới tính và năm sinh đã khai "
            "(phải là “2”).",
            id="tt07-art7-2-fourth-digit-contradicts-sex",
        ),
        pytest.param(
            "001005000123",
            "Chữ số thứ 4 “0” ứng với nam sinh năm 1900–1999",
            id="tt07-art7-2-fourth-digit-contradicts-century",
        ),
    ],
)
def test_invalid_identity_number_is_explained_beside_the_field_then_corrected(
    transactional_db: Any,
    live_server: Any,
    tree: Tree,
    commune_officer_a: Any,
    page: Page,
    personal_id: str,
    message: str,
) -> None:
    log_in(page, live_server.url, commune_officer_a.username)
    page.goto(live_server.url + "/cong-dan/them/")

    # When the officer saves the form with a wrong number
    fill_citizen_form(page, personal_id)
    save(page)

    # Then the form comes back with the reason beside the field, the rest of the input kept, nothing saved
    assert page.url == live_server.url + "/cong-dan/them/"
    expect(page.locator(ID_ERROR)).to_contain_text(message)
    expect(page.locator("#id_personal_id")).to_have_class(re.compile(r"\bis-invalid\b"))
    expect(page.locator("#form-errors")).to_contain_text("Chưa lưu được")
    expect(page.locator("#id_full_name")).to_have_value("Nguyễn Văn Khánh")
    assert Citizen.objects.count() == 0

    # When the officer corrects the number and saves again
    page.fill("#id_personal_id", VALID_ID)
    save(page)

    # Then the citizen's page opens with the name, and the register has exactly that record
    citizen = Citizen.objects.get()
    assert page.url == f"{live_server.url}/cong-dan/{citizen.pk}/"
    expect(page.get_by_role("heading", level=1)).to_have_text("Nguyễn Văn Khánh")
    expect(page.get_by_role("alert")).to_contain_text("Đã thêm công dân Nguyễn Văn Khánh.")
    expect(page.locator("main")).to_contain_text(VALID_ID)
    expect(residence(page)).to_have_text("Số 7, đường Lê Lợi, Thôn 1, Xã An Bình")
    assert (citizen.personal_id, citizen.commune_id, citizen.village_id) == (
        VALID_ID,
        tree.commune_a.pk,
        tree.village_a1.pk,
    )


def test_valid_citizen_without_street_address_is_saved_and_shown_at_once(
    transactional_db: Any, live_server: Any, tree: Tree, commune_officer_a: Any, page: Page
) -> None:
    log_in(page, live_server.url, commune_officer_a.username)
    page.goto(live_server.url + "/cong-dan/them/")

    fill_citizen_form(page, VALID_ID, address="")
    save(page)

    citizen = Citizen.objects.get()
    assert page.url == f"{live_server.url}/cong-dan/{citizen.pk}/"
    expect(page.get_by_role("heading", level=1)).to_have_text("Nguyễn Văn Khánh")
    expect(page.locator("main")).to_contain_text("15/03/2005")
    expect(residence(page)).to_have_text("Thôn 1, Xã An Bình")
    expect(page.locator("dt:text-is('Nơi thường trú') + dd")).to_have_text("—")
