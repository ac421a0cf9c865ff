"""The served website in real headless Chromium (Playwright, the Debian `chromium` package).

Opens the site `policy serve` serves, with JavaScript switched off, checks what a reader sees
(the version in effect, the upcoming banner, the redline, the history), follows the links
between them, and saves screenshots in tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from publishing import SLUG, TODAY, three_releases
from tools import require

try:
    from playwright.sync_api import expect
except ImportError:  # a machine without the test extra: the marker below skips or fails
    expect = None
# Skipped on a developer's machine without them, a failure under CI (tests/tools.py).
pytestmark = pytest.mark.needs("chromium", "playwright")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts" / "publish"


@pytest.fixture
def base_url(tmp_path):
    """`policy serve` on a free port, serving a repository with three releases."""
    repo = three_releases(tmp_path / "repo")
    repo.close()
    root = Path(__file__).resolve().parents[1]
    command = [sys.executable, "-m", "policy.cli", "--repo", str(tmp_path / "repo"), "serve"]
    command += ["--port", "0", "--as-of", TODAY.isoformat()]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=root
    )
    try:
        line = process.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:\d+/policies/", line)
        assert match, line
        yield match.group(0)
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    chromium = require("chromium")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=ARGS)
        yield browser
        browser.close()


def watched_page(browser, width: int, problems: list[str]):
    """A page without JavaScript that records console errors and requests leaving the site."""
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    # A navigation cancels the icon's request (net::ERR_ABORTED): not a problem of the site.
    page.on(
        "requestfailed",
        lambda r: "ERR_ABORTED" in (r.failure or "") or problems.append(f"failed: {r.url}"),
    )
    page.on(
        "request",
        lambda r: r.url.startswith("http://127.0.0.1:") or problems.append(f"external: {r.url}"),
    )
    return page


def shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


def test_a_reader_finds_the_policy_in_effect_what_changes_and_every_version(browser, base_url):
    problems: list[str] = []
    page = watched_page(browser, 1100, problems)
    page.goto(base_url)
    expect(page.locator("h1")).to_have_text("Policies")
    shot(page, "01-index")
    page.get_by_role("link", name="Privacy Policy").click()

    # The version in effect, and the banner announcing the next one.
    assert page.url == f"{base_url}{SLUG}/index.html"
    expect(page).to_have_title("Privacy Policy · Soocas policies")
    expect(page.locator("p.status")).to_have_text(
        "in effect Version 1.1.0, in effect since 1 February 2026."
    )
    banner = page.locator("aside.notice.upcoming")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("Version 2.0.0 of this policy takes effect on 1 March 2099.")
    expect(page.locator("article.policy")).to_contain_text("Your orders and returns.")
    shot(page, "02-in-effect")

    # The table of contents leads to the section.
    page.locator("nav.toc").get_by_role("link", name="3. Contact us").click()
    assert page.url.endswith("#3-contact-us")
    expect(page.locator("[id='3-contact-us']")).to_be_in_viewport()

    # The banner's redline link: the words changed and the categories.
    page.goto(f"{base_url}{SLUG}/index.html")
    banner.get_by_role("link", name="See what changes").click()
    assert page.url == f"{base_url}{SLUG}/v2.0.0/changes.html"
    expect(page.locator("h1")).to_have_text("What changed in version 2.0.0")
    expect(page.locator(".redline del", has_text="Paypal")).to_be_visible()
    expect(page.locator(".redline ins", has_text="Stripe")).to_be_visible()
    # Each piece of evidence shows its words in place under its category.
    expect(page.locator("ul.evidence del", has_text="Paypal")).to_be_visible()
    expect(page.locator("ul.categories > li > strong")).to_have_text(
        [
            "Recipients of sharing, transfer or disclosure",
            "Responsible departments, contacts and complaint channels",
        ]
    )
    shot(page, "03-redline")

    # The history, newest first, and an old version's permanent page.
    page.get_by_role("link", name="All versions").last.click()
    assert page.url == f"{base_url}{SLUG}/changes.html"
    expect(page.locator("ol.history > li h2 a")).to_have_text(
        ["Version 2.0.0", "Version 1.1.0", "Version 1.0.0"]
    )
    shot(page, "04-history")
    page.get_by_role("link", name="Read version 1.0.0").click()
    assert page.url == f"{base_url}{SLUG}/v1.0.0/index.html"
    expect(page.locator("aside.notice.past")).to_contain_text(
        "This version is no longer in effect. It was replaced by version 1.1.0 on 1 February 2026."
    )
    page.get_by_role("link", name="Read the version in effect").click()
    assert page.url == f"{base_url}{SLUG}/index.html"
    assert problems == []

    # (Chrome logs the 404 of a missing page as a console error: expected here.)
    page.goto(f"{base_url}no/such/page")
    expect(page.locator("h1")).to_have_text("Page not found")
    shot(page, "08-not-found")
    page.get_by_role("link", name="Go to the list of policies").click()
    expect(page.locator("h1")).to_have_text("Policies")


def test_on_a_phone_and_on_paper(browser, base_url):
    problems: list[str] = []
    page = watched_page(browser, 390, problems)
    page.goto(f"{base_url}{SLUG}/index.html")
    # Nothing is wider than the screen: no sideways scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "05-phone-in-effect")
    page.goto(f"{base_url}{SLUG}/v1.0.0/index.html")
    shot(page, "06-phone-past-version")
    page.goto(f"{base_url}{SLUG}/index.html")
    page.emulate_media(media="print")
    expect(page.locator("nav.toc")).to_be_hidden()
    expect(page.locator("article.policy")).to_be_visible()
    page.pdf(path=str(ARTIFACTS / "07-print.pdf"))
    assert problems == []
