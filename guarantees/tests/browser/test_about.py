from playwright.sync_api import expect

from ...releases import content_releases


def test_a_russian_reader_finds_the_about_page_from_the_footer(curated, live_server, page):
    page.goto(live_server.url + "/ru/")
    page.locator(".site-footer").get_by_role("link", name="О проекте").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("О базе знаний")
    expect(page.locator(".changelog li")).to_have_count(len(content_releases()))
    expect(page.locator(".about-counts dd").first).not_to_have_text("0")
    favicon = page.locator("link[rel=icon]").get_attribute("href")
    response = page.request.get(live_server.url + favicon)
    assert response.ok and response.headers["content-type"].startswith("image/svg+xml")
