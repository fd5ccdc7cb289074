"""Journey: an officer logs in and lands on the unit's dashboard; wrong passwords end in a lockout."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from playwright.sync_api import Page, expect

from tests.e2e.helpers import LOGIN_PATH, log_in, make_citizen, submit_login
from tests.factories.org import Tree

WRONG_PASSWORD_MESSAGE = "Tên đăng nhập hoặc mật khẩu không đúng."
CITIZEN_CARD = '[data-card="Công dân trong sổ đăng ký"]'


def test_officer_logs_in_and_home_shows_own_commune_and_citizen_count(
    transactional_db: Any, live_server: Any, tree: Tree, commune_officer_a: Any, page: Page
) -> None:
    # Given two citizens of commune A and one of commune B (out of A's scope, so not counted)
    make_citizen(tree.commune_a, "Nguyễn Văn An", serial=1)
    make_citizen(tree.commune_a, "Lê Thị Hoa", sex="F", serial=2)
    make_citizen(tree.commune_b, "Trần Văn Bình", serial=3)

    # When the officer of A logs in
    log_in(page, live_server.url, commune_officer_a.username)

    # Then the home page names the commune and counts only its citizens
    assert page.url == live_server.url + "/"
    expect(page.locator("main")).to_contain_text("Xã An Bình")
    expect(page.locator("main")).not_to_contain_text("Phường Đông Hòa")
    expect(page.locator(CITIZEN_CARD)).to_have_text("2")
    expect(page.get_by_role("button", name="Đăng xuất")).to_be_visible()


def test_wrong_password_shows_vietnamese_error_and_stays_on_login(
    transactional_db: Any, live_server: Any, commune_officer_a: Any, page: Page
) -> None:
    submit_login(page, live_server.url, commune_officer_a.username, password="sai-mat-khau")

    assert LOGIN_PATH in page.url
    expect(page.get_by_role("alert")).to_contain_text(WRONG_PASSWORD_MESSAGE)
    expect(page.locator("#lockout")).to_have_count(0)
    expect(page.get_by_role("button", name="Đăng xuất")).to_have_count(0)


def test_repeated_wrong_passwords_lock_the_account_even_for_the_right_password(
    transactional_db: Any, live_server: Any, commune_officer_a: Any, page: Page
) -> None:
    username = commune_officer_a.username
    # Given failures up to one short of the limit: each answered with the ordinary error
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        submit_login(page, live_server.url, username, password="sai-mat-khau")
        expect(page.get_by_role("alert")).to_contain_text(WRONG_PASSWORD_MESSAGE)
        expect(page.locator("#lockout")).to_have_count(0)

    # When the last allowed attempt fails too, the account is locked and the page says so
    submit_login(page, live_server.url, username, password="sai-mat-khau")
    expect(page.locator("#lockout")).to_contain_text("tạm bị khóa")
    expect(page.locator("#lockout")).to_contain_text(f"quá {settings.AXES_FAILURE_LIMIT} lần")

    # Then even the right password is refused with the lockout message
    submit_login(page, live_server.url, username)
    assert LOGIN_PATH in page.url
    expect(page.locator("#lockout")).to_contain_text("tạm bị khóa")
    expect(page.get_by_role("button", name="Đăng xuất")).to_have_count(0)
    # and the dashboard still sends the browser back to the login page
    page.goto(live_server.url + "/")
    assert LOGIN_PATH in page.url
