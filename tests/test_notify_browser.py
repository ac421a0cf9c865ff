"""The notice's HTML part in real headless Chromium, at a phone's width and a desktop's.

Mail clients render HTML without scripts and with little CSS, so the page is loaded with
JavaScript off and nothing fetched from the network: it must fit a 375 px phone without
sideways scrolling, keep a readable column at 1280 px, and show its two links as buttons.
Screenshots go to tests/artifacts/notify/ for a person to look at.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from notifyrepo import SLUG, release_repo
from tools import require

from policy.notifier.message import render_all
from policy.notifier.notice import build_notice, pick_release
from policy.versions.repository import PolicyRepository

# Skipped on a developer's machine without them, a failure under CI (tests/tools.py).
pytestmark = pytest.mark.needs("chromium", "playwright")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts" / "notify"


@pytest.fixture(scope="module")
def emails(tmp_path_factory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("email") / "repo"
    release_repo(root).close()
    repository = PolicyRepository.open(root)
    try:
        notice = build_notice(repository, pick_release(repository, SLUG, "2.0.0"))
        found = render_all(notice, repository.root, "")
    finally:
        repository.close()
    names = {"en": "Ann Example", "fr": "Léa"}
    return {locale: found.by_locale[locale].personalized(names[locale]).html for locale in names}


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    chromium = require("chromium")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=ARGS)
        yield browser
        browser.close()


@pytest.mark.parametrize("locale", ["en", "fr"])
@pytest.mark.parametrize(("width", "device"), [(375, "phone"), (1280, "desktop")])
def test_the_email_reads_well_on_a_phone_and_a_desktop(browser, emails, locale, width, device):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": width, "height": 800}
    )
    page = context.new_page()
    outside: list[str] = []
    page.route("**/*", lambda route: (outside.append(route.request.url), route.abort()))
    page.set_content(emails[locale])
    page.screenshot(path=str(ARTIFACTS / f"{locale}-{device}.png"), full_page=True)

    assert outside == []  # nothing fetched: no images, fonts or trackers
    # Fits the screen: no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    card = page.locator("table[style*='max-width:600px']").bounding_box()
    assert card is not None
    if device == "phone":
        assert card["width"] >= width - 2 * 12 - 2  # the card takes the phone's width
    else:
        assert card["width"] == 600 and abs(card["x"] - (width - 600) / 2) <= 1  # centred
    # Readable type, buttons that are buttons.
    size = page.locator("h1").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 20
    body = page.locator("p").first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert body >= 16
    buttons = page.locator("a[style*='display:inline-block']")
    assert buttons.count() == 2
    for i in range(2):
        box = buttons.nth(i).bounding_box()
        assert box is not None and box["height"] >= 40 and box["x"] + box["width"] <= width
    greeting = {"en": "Hello Ann Example,", "fr": "Bonjour Léa,"}[locale]
    assert page.get_by_text(greeting, exact=True).is_visible()
    context.close()
