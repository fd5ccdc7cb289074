"""Journey: an officer searches the register by name, with or without diacritics, and by ID prefix."""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Locator, Page, expect

from qpdp.people.models import Citizen
from tests.e2e.helpers import log_in, make_citizen
from tests.factories.org import Tree

AN = "Nguyễn Văn An"
BINH = "Nguyễn Văn Bình"
ANH = "Trần Thị Ánh"


@pytest.fixture
def register(transactional_db: Any, tree: Tree) -> dict[str, Citizen]:
    """Three citizens of commune A; only An's number starts with Thanh Hóa's code 038."""
    return {
        AN: make_citizen(tree.commune_a, AN, serial=11, birth_province="038"),
        BINH: make_citizen(tree.commune_a, BINH, serial=12),
        ANH: make_citizen(tree.commune_a, ANH, serial=13, sex="F", born=dt.date(1998, 7, 1)),
    }


def names_in(rows: Locator) -> list[str]:
    return sorted(rows.locator("#citizen-table tbody tr td:first-child a").all_text_contents())


def open_register(page: Page, base_url: str, username: str) -> Locator:
    log_in(page, base_url, username)
    page.goto(base_url + "/cong-dan/")
    rows = page.locator("#citizen-rows")
    expect(rows.locator("#citizen-table tbody tr")).to_have_count(3)
    return rows


@pytest.mark.parametrize(
    "typed",
    [
        pytest.param("nguyen van an", id="without-diacritics"),
        pytest.param("Nguyễn Văn An", id="with-diacritics"),
        pytest.param("NGUYEN VAN AN", id="upper-case"),
        # Keyboards set to "Unicode tổ hợp" (e.g. Unikey) send letters and tone marks as separate code points
        pytest.param(unicodedata.normalize("NFD", "Nguyễn Văn An"), id="with-combining-diacritics"),
    ],
)
def test_typing_a_name_filters_the_list_by_htmx(
    transactional_db: Any,
    live_server: Any,
    register: dict[str, Citizen],
    commune_officer_a: Any,
    page: Page,
    typed: str,
) -> None:
    rows = open_register(page, live_server.url, commune_officer_a.username)

    # Typing (no Enter) lets htmx replace the rows after a short pause
    page.fill("#id_q", typed)

    expect(rows).not_to_contain_text(BINH)
    assert names_in(rows) == [AN]
    # and pushes the search into the address bar, so Back and a shared link keep it
    page.wait_for_url(lambda url: "q=" in url)
    assert parse_qs(urlsplit(page.url).query)["q"] == [typed]


def test_enter_searches_without_diacritics_too(
    transactional_db: Any, live_server: Any, register: dict[str, Citizen], commune_officer_a: Any, page: Page
) -> None:
    rows = open_register(page, live_server.url, commune_officer_a.username)

    page.locator("#id_q").press_sequentially("tran thi anh")
    page.locator("#id_q").press("Enter")

    expect(rows).not_to_contain_text(AN)
    assert names_in(rows) == [ANH]


def test_identity_number_prefix_finds_the_citizen(
    transactional_db: Any, live_server: Any, register: dict[str, Citizen], commune_officer_a: Any, page: Page
) -> None:
    rows = open_register(page, live_server.url, commune_officer_a.username)
    prefix = register[AN].personal_id[:6]
    assert prefix == "038205"

    page.fill("#id_q", prefix)

    expect(rows).not_to_contain_text(BINH)
    assert names_in(rows) == [AN]
    expect(rows).to_contain_text(register[AN].personal_id)


def test_search_with_no_match_says_so(
    transactional_db: Any, live_server: Any, register: dict[str, Citizen], commune_officer_a: Any, page: Page
) -> None:
    rows = open_register(page, live_server.url, commune_officer_a.username)

    page.fill("#id_q", "le van khong co")

    expect(rows).to_contain_text("Không có công dân phù hợp.")
    assert names_in(rows) == []
