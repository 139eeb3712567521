"""Shared set-up of the browser tests: headless Chromium, a page that records problems, login."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import require

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(autouse=True)
def allow_orm_beside_playwright(monkeypatch: pytest.MonkeyPatch) -> None:
    """Playwright's sync API runs an event loop in the test thread, which Django's ORM would refuse.

    Set per test (not at import) so the flag never leaks into other tests' subprocesses.
    """
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def browser() -> Iterator[Any]:
    require(CHROMIUM.exists(), "chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"],
        )
        try:
            yield browser
        finally:
            browser.close()


class Watched:
    """A page that records console errors, uncaught exceptions and failed requests (CSP included)."""

    def __init__(self, context: Any) -> None:
        self.page = context.new_page()
        self.problems: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda exc: self.problems.append(f"page error: {exc}"))
        self.page.on("response", self._response)

    def _console(self, message: Any) -> None:
        # A failed load is reported (with its URL) by _response; everything else is a problem.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.problems.append(f"console: {message.text}")

    def _response(self, response: Any) -> None:
        # base.html declares no icon, so the browser's own /favicon.ico probe 404s: not ours.
        if response.status >= 400 and not response.url.endswith("/favicon.ico"):
            self.problems.append(f"{response.status} {response.url}")


def login(watched: Watched, base: str, username: str) -> None:
    """Sign in through the login form (users from tests/conftest.py have password pw-<name>-test)."""
    page = watched.page
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", f"pw-{username}-test")
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")
