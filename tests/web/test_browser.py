"""The pages in a real headless Chromium (Debian's, driven by Playwright; Playwright's own browser download is
never used): open an incident and see its map drawn over the country outlines, see a claim highlighted on a
document page, log in, change the grade, and see the change in the audit log. No script in a report runs.

Screenshots go to ``$TOLLWATCH_SCREENSHOTS`` when set, else ``test-artifacts/browser/`` at the repository
root (ignored by git). Without /usr/bin/chromium the test skips, except under CI, where it fails.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ANALYST, FILLER_TOWNS, PASSWORD, LiveServer
from playwright.sync_api import Browser, Dialog, Page, Route, expect, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def screenshots() -> Path:
    default = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
    folder = Path(os.environ.get("TOLLWATCH_SCREENSHOTS") or default)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: apt-get install chromium (scripts/test.sh does)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield chromium
        chromium.close()


def _shot(page: Page, folder: Path, name: str) -> Path:
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 0
    return path


def test_browser_incident_map_claim_login_grade_audit(live_server: LiveServer, browser: Browser,
                                                      screenshots: Path) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    dialogs: list[str] = []
    errors: list[str] = []
    outside: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    def outside_request(route: Route) -> None:
        outside.append(route.request.url)
        route.abort()

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda e: errors.append(str(e)))
    # The pages must work with no internet: any request off the server's own address fails the test.
    page.route(re.compile(r"^(?!" + re.escape(live_server.url) + ").*"), outside_request)
    shots = []

    # The incident list: a map with the outline basemap and one circle per mapped incident. The filter picks
    # an incident no other test reviews: not the newest in its town.
    town = FILLER_TOWNS[2]
    page.goto(f"{live_server.url}/?q={town}&until=2020-06-30")
    expect(page.locator("#incident-points-map path.tw-outline").first).to_be_attached()
    expect(page.locator("#incident-points-map path.tw-incident").first).to_be_visible()
    shots.append(_shot(page, screenshots, "1-incident-list"))

    # An incident: its map (outlines drawn, the place marked), estimate bars and sources.
    page.locator("tr[data-incident] a").first.click()
    expect(page.locator("h1")).to_contain_text(town)
    place_map = page.locator("#place-point-map")
    expect(place_map).to_have_attribute("data-outline-drawn", "yes")
    assert page.locator("#place-point-map path.tw-outline").count() > 100  # countries of the world
    expect(place_map.locator("path.tw-incident")).to_have_count(1)
    expect(page.locator(".bars .range").first).to_be_visible()
    incident_url = page.url
    shots.append(_shot(page, screenshots, "2-incident"))

    # A claim's source link opens the document with the claim highlighted and its fields shown.
    page.locator("table.sources a").first.click()
    mark = page.locator("mark.active").first
    expect(mark).to_be_visible()
    expect(page.locator("details[open] dl")).to_be_visible()
    shots.append(_shot(page, screenshots, "3-document"))

    # The report that carries a <script>: shown as text, never run.
    page.goto(f"{live_server.url}/documents/{live_server.script_doc}")
    expect(page.locator("#text")).to_contain_text("<script>alert(1)</script>")
    expect(page.locator("mark").first).to_be_visible()
    page.locator("mark").first.click()
    expect(page.locator("details[open]")).to_have_count(1)
    shots.append(_shot(page, screenshots, "4-script-report"))

    # Log in, change the grade, and see it with its reason in the audit log.
    page.goto(incident_url)
    page.get_by_role("link", name="Log in").first.click()
    page.fill("input[name=name]", ANALYST)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("header")).to_contain_text(ANALYST)
    page.goto(incident_url)
    form = page.locator("#review-grade")
    form.locator("select[name=grade]").select_option("contested")
    form.locator("input[name=reason]").fill("the ministry disputes who fired")
    form.get_by_role("button", name="Set grade").click()
    expect(page.locator("#grade")).to_have_text("contested")
    expect(page.locator(".flash")).to_be_visible()
    row = page.locator("#audit tbody tr.live").last
    expect(row).to_contain_text("grade: contested")
    expect(row).to_contain_text(ANALYST)
    expect(row).to_contain_text("the ministry disputes who fired")
    shots.append(_shot(page, screenshots, "5-graded"))

    context.close()
    assert dialogs == [] and errors == [] and outside == []
    assert all(p.exists() and p.stat().st_size > 0 for p in shots)
