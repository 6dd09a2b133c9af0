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
