"""Browser fixtures for the end-to-end tests: Debian's headless Chromium driven by Playwright.

A test takes pytest-django's ``live_server`` and our ``page`` and walks a user journey. Every test
in this folder is marked ``e2e`` and runs after all other tests: while the browser is open,
Playwright's sync API keeps an asyncio loop running in the test thread, and Django refuses ORM calls
made inside a running loop unless DJANGO_ALLOW_ASYNC_UNSAFE is set — which we allow only once the
browser tests have started, so the other tests keep Django's check.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
# Flags that avoid hangs and refused connections on a closed network (see docs on CI).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT: ViewportSize = {"width": 1366, "height": 768}
LOCALE = "vi-VN"
TIMEZONE = "Asia/Ho_Chi_Minh"
E2E_DIR = Path(__file__).resolve().parent


def _is_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # trylast: after pytest-django's reordering, so the browser tests stay at the very end.
    browser_tests: list[pytest.Item] = []
    other_tests: list[pytest.Item] = []
    for item in items:
        if E2E_DIR in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.e2e)
            browser_tests.append(item)
        else:
            other_tests.append(item)
    items[:] = other_tests + browser_tests


@pytest.fixture(scope="session", autouse=True)
def _allow_async_unsafe_for_e2e() -> Iterator[None]:
    """Lets Django use the ORM from the test thread while Playwright's event loop runs there.

    Autouse in this folder only; session-scoped because the browser lives until the session ends
    (the browser tests run last, so no other test runs with it set).
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture(scope="session")
def browser(_allow_async_unsafe_for_e2e: None) -> Iterator[Browser]:
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: install Debian's chromium package (bash .ci/run does)."
        if _is_ci():
            pytest.fail(f"CI must run the browser tests, but {reason}", pytrace=False)
        pytest.skip(f"browser tests skipped: {reason}")
    with sync_playwright() as playwright:
        # launch() gives the browser a fresh temporary profile of its own.
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=VIEWPORT, locale=LOCALE, timezone_id=TIMEZONE)
    try:
        yield context.new_page()
    finally:
        context.close()
