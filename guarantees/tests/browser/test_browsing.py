"""A reader's paths through the curated content, in a real browser."""

import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

AXE = Path(settings.BASE_DIR) / "node_modules/axe-core/axe.min.js"
MAIN_PAGES = [
    reverse("guarantees:home"),
    reverse("guarantees:taxonomy"),
    reverse("guarantees:guarantee-list"),
    reverse("guarantees:guarantee-list") + "?kind=tool&provided_in=KZ",
    reverse("guarantees:guarantee", args=["domestic-observers"]),
    reverse("guarantees:jurisdiction", args=["KG"]),
    reverse("guarantees:instrument", args=["kz-elections-law"]),
    reverse("guarantees:sources"),
    reverse("guarantees:search") + "?q=наблюдатели",
    reverse("guarantees:compare") + "?j=KZ&j=RU&j=KG",
    reverse("guarantees:cell", args=["domestic-observers", "KZ"]),
    reverse("guarantees:methodology"),
]


def test_filter_by_two_facets_and_open_a_result(curated, live_server, page):
    page.goto(live_server.url + reverse("guarantees:guarantee-list"))
    page.get_by_role("link", name="Tool", exact=False).first.click()
    expect(page).to_have_url(re.compile(r"kind=tool"))
    page.get_by_label("Kyrgyzstan: Partial").click()  # the status grid: partial in KG
    expect(page).to_have_url(re.compile(r"kind=tool&partial_in=KG"))

    count = page.locator(".results-count").inner_text()
    first = page.locator(".guarantee-item h3 a").first
    name = first.inner_text()
    first.click()

    expect(page.locator("h1")).to_have_text(name)
    expect(page.locator("#column-KG")).to_contain_text("Kyrgyzstan")
    expect(page.locator(".jurisdiction-column").nth(2)).to_contain_text("Partial")
    assert count.split()[0].isdigit()


def test_from_home_to_the_official_text_of_a_provision(curated, live_server, page):
    page.goto(live_server.url + reverse("guarantees:home"))
    page.get_by_role("link", name="Browse all guarantees").click()
    page.get_by_role("link", name="Domestic observers").click()
    kazakhstan = page.locator(".jurisdiction-column", has=page.locator("#column-KZ"))
    kazakhstan.get_by_text("Where this was read").first.click()
    official = kazakhstan.locator("a.official-link").first
    expect(official).to_be_visible()
    assert official.get_attribute("href").startswith("https://adilet.zan.kz/")


@pytest.mark.parametrize("path", MAIN_PAGES)
def test_no_horizontal_scroll_on_a_phone(curated, live_server, browser, path):
    context = browser.new_context(viewport={"width": 375, "height": 800}, locale="en-US")
    phone = context.new_page()
    phone.goto(live_server.url + path)
    overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    context.close()
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 375px"


def test_main_pages_have_no_serious_accessibility_violations(curated, live_server, browser):
    if not AXE.exists():
        message = f"axe-core not installed at {AXE} (make test installs it with npm)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    # axe is injected as an inline script, which our own CSP rightly forbids.
    context = browser.new_context(bypass_csp=True, locale="en-US")
    page = context.new_page()
    problems = []
    for path in MAIN_PAGES:
        page.goto(live_server.url + path)
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate("async () => (await axe.run(document)).violations")
        for violation in violations:
            if violation["impact"] in {"serious", "critical"}:
                targets = [node["target"] for node in violation["nodes"][:3]]
                problems.append(f"{path}: {violation['id']} ({violation['impact']}) {targets}")
    context.close()
    assert problems == []
