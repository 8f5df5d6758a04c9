"""The app in a real browser (Debian's chromium through Playwright): sign in, label an offer,
create a case and find its duplicate, switch to Arabic (right to left), open a network.
Screenshots are kept in test-artifacts/screenshots/ for people to look at."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from websupport import PASSWORD, Site

CHROMIUM = "/usr/bin/chromium"
SHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


def _need_chromium() -> None:
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} not installed (apt-get install chromium)"
        if os.environ.get("RECRUITWATCH_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def live(site: Site) -> Iterator[str]:
    _need_chromium()
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(site.app, host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(100):
        if server.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def test_the_main_journey_in_a_browser(live: str, site: Site) -> None:
    from playwright.sync_api import expect, sync_playwright

    shots = SHOTS / site.engine.dialect.name
    shots.mkdir(parents=True, exist_ok=True)
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="en-GB")
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)

        page.goto(live + "/login")
        page.fill("input[name=name]", "caseworker")
        page.fill("input[name=password]", PASSWORD)
        page.click("#sign-in")
        page.wait_for_url(live + "/")
        page.screenshot(path=shots / "1-dashboard.png", full_page=True)

        page.goto(f"{live}/offers/{site.ids['document']}")
        page.click("#label-deceptive")  # HTMX swaps the decisions list in place
        expect(page.locator("#labels .label-value").first).to_have_text("Deceptive")
        assert page.url.endswith(f"/offers/{site.ids['document']}")
        page.screenshot(path=shots / "2-offer-labelled.png", full_page=True)

        page.goto(live + "/cases/new")
        page.fill("textarea[name=names_latin]", "Hayder Kadhim Al-Saadi")
        page.fill("input[name=age]", "24")
        page.select_option("select[name=province]", "IQ-BA")
        page.check("input[name=channels][value=Telegram]")
        page.click("#save-case")
        page.wait_for_url("**/cases/*")
        expect(page.locator(".duplicate-row").first).to_be_visible()
        assert page.locator(".duplicate-row").count() >= 1
        page.screenshot(path=shots / "3-case-duplicates.png", full_page=True)

        page.click("#switch-lang")
        page.wait_for_load_state()
        assert page.evaluate("document.documentElement.dir") == "rtl"
        assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
        brand = page.locator(".brand").bounding_box()
        assert brand is not None and brand["x"] > 1280 / 2  # the header starts on the right
        expect(page.locator("h2").first).to_have_text("الشخص")
        page.screenshot(path=shots / "4-case-arabic.png", full_page=True)

        page.goto(f"{live}/networks/{site.ids['network']}")
        page.wait_for_selector("#network-graph[data-drawn]")
        drawn = int(page.get_attribute("#network-graph", "data-drawn") or 0)
        assert drawn > 1 and page.locator("#network-graph circle").count() == drawn
        page.screenshot(path=shots / "5-network-arabic.png", full_page=True)

        page.goto(live + "/review")  # the queue, then the model's reasons on an offer
        expect(page.locator("#review-queue tbody tr").first).to_be_visible()
        page.screenshot(path=shots / "6-review-arabic.png", full_page=True)
        page.locator("#review-queue tbody a").first.click()
        page.wait_for_url("**/offers/*")
        expect(page.locator("#model-part")).to_be_visible()
        page.screenshot(path=shots / "7-offer-model-arabic.png", full_page=True)
        browser.close()
    assert errors == []
