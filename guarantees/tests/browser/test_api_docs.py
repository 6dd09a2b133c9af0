"""/api/docs/ in a real browser: Swagger UI renders under the site's Content-Security-Policy, with no CSP error
in the console, and links back to the site."""

from playwright.sync_api import expect


def test_the_api_docs_render_without_csp_errors_and_lead_back_to_the_site(curated, live_server, page):
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto(live_server.url + "/api/docs/")
    expect(page.locator(".swagger-ui .information-container")).to_be_visible(timeout=15000)
    expect(page.locator(".opblock").first).to_be_visible()
    violations = [text for text in messages if "Content Security Policy" in text or "Refused to" in text]
    assert not violations, violations
    page.get_by_role("link", name="← Electoral-rights guarantees").click()
    expect(page).to_have_url(live_server.url + "/en/")


def test_the_instrument_page_json_ld_raises_no_csp_error(curated, live_server, page):
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto(live_server.url + "/ru/instruments/kz-elections-law/")
    assert page.locator('script[type="application/ld+json"]').count() == 1
    assert not [text for text in messages if "Content Security Policy" in text or "Refused to" in text], messages
