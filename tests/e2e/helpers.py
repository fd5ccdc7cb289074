"""Shared steps of the browser journeys: logging in, making citizens, reading the page's layout."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, cast

from playwright.sync_api import Page

from qpdp.org.models import Unit
from qpdp.people.models import Citizen
from tests.factories import CitizenFactory, valid_personal_id

PASSWORD = "mat-khau-thu-2026"  # every persona's password (tests/factories/org.py UserFactory)
LOGIN_PATH = "/dang-nhap/"
# Screenshots are written under each test's tmp_path and copied here for a person to look at.
SHOTS_DIR = Path("/tmp/e2e-shots")


def submit_login(page: Page, base_url: str, username: str, password: str = PASSWORD) -> None:
    """Fill the login form and send it; the caller asserts where it lands."""
    page.goto(base_url + LOGIN_PATH)
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.click("button[type=submit]")


def log_in(page: Page, base_url: str, username: str) -> None:
    """Log in with the right password and check that the login page was left behind."""
    submit_login(page, base_url, username)
    assert LOGIN_PATH not in page.url, f"login as {username} failed: {page.text_content('main')}"


def make_citizen(
    commune: Unit,
    full_name: str,
    *,
    serial: int,
    sex: str = "M",
    born: dt.date = dt.date(2005, 3, 15),
    birth_province: str = "001",
    **fields: Any,
) -> Citizen:
    """A citizen of `commune` with a valid identity number (serial makes it unique); `fields` as stored."""
    citizen = CitizenFactory(
        commune=commune,
        full_name=full_name,
        sex=sex,
        date_of_birth=born,
        personal_id=valid_personal_id(sex=sex, date_of_birth=born, serial=serial, province=birth_province),
        **fields,
    )
    return cast(Citizen, citizen)


def horizontal_overflow(page: Page) -> dict[str, Any]:
    """How wide the body is against the window; scrollWidth > innerWidth means sideways scrolling."""
    return page.evaluate(
        "() => ({scrollWidth: document.body.scrollWidth, innerWidth: window.innerWidth,"
        " documentScrollWidth: document.documentElement.scrollWidth})"
    )


def screenshot(page: Page, folder: Path, name: str) -> Path:
    """A full-page screenshot into `folder` and a copy into SHOTS_DIR; returns the first."""
    path = folder / name
    page.screenshot(path=str(path), full_page=True)
    SHOTS_DIR.mkdir(parents=True, exist_ok=True)
    (SHOTS_DIR / name).write_bytes(path.read_bytes())
    return path
