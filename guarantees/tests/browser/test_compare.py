"""The comparison page in a real browser, over the curated content."""

import csv
import io
import re

from django.urls import reverse
from playwright.sync_api import expect


def test_compare_two_jurisdictions_differences_texts_and_csv(curated, live_server, page):
    page.goto(live_server.url + reverse("guarantees:home"))
    page.get_by_role("link", name="Compare the jurisdictions side by side").click()

    page.get_by_role("checkbox", name="Russia").uncheck()
    page.get_by_label("Differences only").check()
    page.get_by_role("button", name="Compare", exact=True).click()

    expect(page).to_have_url(re.compile(r"diff=1"))
    expect(page.locator(".matrix thead th")).to_have_count(3)
    expect(page.locator(".matrix thead")).to_contain_text("Kazakhstan")
    expect(page.locator(".matrix thead")).not_to_contain_text("Russia")
    rows = page.locator(".matrix tbody tr:not(.group-heading)")
    assert rows.count() > 0
    for index in range(rows.count()):
        statuses = rows.nth(index).locator("td .status").all_inner_texts()
        assert len(set(statuses)) == 2, f"row {index} does not differ: {statuses}"

    first_cell = rows.first.locator("td").first
    first_cell.get_by_text("Details").click()
    expect(first_cell.locator(".cell-details .cell-provision").first).to_be_visible()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download CSV").click()
    content = download_info.value.path().read_text(encoding="utf-8")
    header, *lines = list(csv.reader(io.StringIO(content)))
    assert header == ["guarantee", "kind", "category", "KZ", "KZ provisions", "KG", "KG provisions"]
    assert len(lines) == rows.count()

    name = rows.first.locator("th a").first.inner_text()
    rows.first.get_by_role("link", name="texts side by side").click()
    expect(page.locator("h1")).to_have_text(name)
    expect(page.locator(".jurisdiction-column h2")).to_have_count(2)


def test_switching_language_keeps_the_comparison(curated, live_server, page):
    page.goto(live_server.url + reverse("guarantees:compare") + "?j=KG&j=KZ&kind=tool&diff=1")
    rows = page.locator(".matrix tbody tr:not(.group-heading)").count()

    page.get_by_role("link", name="Русский").click()

    expect(page).to_have_url(re.compile(r"/ru/compare/\?j=KG&j=KZ&kind=tool&diff=1$"))
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.locator("h1")).to_have_text("Сравнение юрисдикций")
    expect(page.locator(".matrix thead")).to_contain_text("Кыргызстан")
    assert page.locator(".matrix tbody tr:not(.group-heading)").count() == rows
    page.get_by_role("link", name="Қазақша").click()
    expect(page.locator("html")).to_have_attribute("lang", "kk")


def test_the_heatmap_comes_first_and_the_matrix_keeps_its_headings_in_view(curated, live_server, page):
    page.goto(live_server.url + reverse("guarantees:compare") + "?j=KZ&j=RU&j=KG&diff=1")
    heatmap, matrix = page.locator(".heatmap").bounding_box(), page.locator(".matrix").bounding_box()
    assert heatmap["y"] < matrix["y"], "the coverage heatmap sits above the matrix"

    rows = page.locator(".matrix tbody tr:not(.group-heading)")
    for index in range(rows.count()):  # differences only: in every row, some cell is marked as differing
        assert rows.nth(index).locator("td.cell-differs").count() > 0, f"row {index} marks no difference"
    expect(rows.first.locator(".differs-mark").first).to_be_visible()

    box = page.locator(".matrix-scroll")
    heading = page.locator(".matrix thead th").nth(1)
    top = heading.bounding_box()["y"]
    box.evaluate("element => { element.scrollTop = 400; }")
    assert box.evaluate("element => element.scrollTop") > 0, "the matrix scrolls in its own box"
    assert abs(heading.bounding_box()["y"] - top) < 2, "the header row stays in view"


def test_at_375_pixels_the_guarantee_column_stays_while_jurisdictions_scroll(curated, live_server, browser):
    context = browser.new_context(viewport={"width": 375, "height": 800}, locale="en-US")
    page = context.new_page()
    page.goto(live_server.url + reverse("guarantees:compare"))
    box = page.locator(".matrix-scroll")
    guarantee = page.locator(".matrix tbody .row-heading").first
    left = guarantee.bounding_box()["x"]
    box.evaluate("element => { element.scrollLeft = 300; }")
    assert box.evaluate("element => element.scrollLeft") > 0, "the jurisdictions scroll sideways"
    assert abs(guarantee.bounding_box()["x"] - left) < 2, "the guarantee column stays in view"
    assert page.evaluate("document.documentElement.scrollWidth") <= 375 + 1, "the page itself does not scroll"
    context.close()
