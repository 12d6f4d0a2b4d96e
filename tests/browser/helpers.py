"""What browser tests share: logging in through the real form, screenshots, and axe-core."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PHONE = {"width": 390, "height": 844}
BLOCKING_IMPACTS = {"serious", "critical"}


def login(page: Any, base_url: str, email: str, password: str, *, then: str = "/app") -> None:
    """Log in through the login form, and land on `then`."""
    page.goto(f"{base_url}{then}")
    page.get_by_label(re.compile("E-mail", re.I)).fill(email)
    page.get_by_label(re.compile("Adgangskode|Password", re.I)).fill(password)
    page.get_by_role("button", name=re.compile("Log ind|Log in", re.I)).click()
    page.wait_for_load_state()


def screenshot(page: Any, name: str) -> list[Path]:
    """Save the page at desktop and at phone width under test-artifacts/."""
    ARTIFACTS.mkdir(exist_ok=True)
    desktop = page.viewport_size
    saved = [ARTIFACTS / f"{name}-desktop.png", ARTIFACTS / f"{name}-phone.png"]
    page.screenshot(path=str(saved[0]), full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=str(saved[1]), full_page=True)
    page.set_viewport_size(desktop)
    return saved


def assert_accessible(page: Any) -> None:
    """No serious or critical axe-core violation on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    blocking = [
        f"{violation['id']} ({violation['impact']}): {violation['help']} - "
        + ", ".join(str(node["target"]) for node in violation["nodes"][:5])
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]
    assert not blocking, "accessibility violations:\n" + "\n".join(blocking)
