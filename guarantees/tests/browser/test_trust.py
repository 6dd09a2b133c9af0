"""From the matrix to a cell's evidence: copy its citation, then suggest a correction."""

from django.urls import reverse
from playwright.sync_api import expect

from guarantees.models import Suggestion


def test_open_a_cell_copy_its_citation_and_suggest_a_correction(curated, live_server, browser):
    context = browser.new_context(locale="en-US", permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(live_server.url + reverse("guarantees:compare") + "?j=KZ&j=RU&kind=tool")

    row = page.locator(".matrix tr", has=page.get_by_role("link", name="Domestic observers", exact=True))
    row.locator("a.cell-link").first.click()
    expect(page.locator("h1")).to_have_text("Domestic observers — Kazakhstan")
    expect(page.locator(".evidence").first).to_contain_text("Checked against an official publication")

    citation = page.locator("#cite-cell-en").inner_text()
    page.locator("button[data-copy-target='cite-cell-en']").click()
    expect(page.locator("button[data-copy-target='cite-cell-en']")).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == citation
    assert citation.startswith("‘Domestic observers — Kazakhstan: provided’")

    page.get_by_text("Found a mistake?").click()
    page.get_by_label("What is wrong").fill("Art. 20-1 para. 2 also lets observers photograph.")
    page.get_by_label("Proposed correction").fill("Mention photographing in the commentary.")
    page.get_by_role("button", name="Send the suggestion").click()
    expect(page.locator(".notice-thanks")).to_be_visible()
    suggestion = Suggestion.objects.get()
    assert (suggestion.guarantee.slug, suggestion.jurisdiction.code, suggestion.status) == (
        "domestic-observers",
        "KZ",
        "new",
    )
    context.close()
