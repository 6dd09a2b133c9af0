"""Change over time in a real browser: the timeline of amending acts, an article's difference, the change view."""

from django.urls import reverse
from playwright.sync_api import expect


def test_from_the_kz_timeline_to_what_changed_on_1_july_2026(curated, live_server, page):
    page.goto(live_server.url + reverse("guarantees:jurisdiction-changes", args=["KZ"]))
    act = page.locator("li.amendment#kz-226347")
    expect(act.locator("h2")).to_contain_text("305-VIII")
    expect(act.locator(".cells")).to_contain_text("Secret ballot")
    act.get_by_role("link", name="What changed that day").click()
    expect(page.locator("h1")).to_have_text("What changed between 30 June 2026 and 1 July 2026")
    rows = page.locator("tr.change")
    assert rows.count() >= 30
    equal = page.locator("tr.change[data-guarantee='equal-suffrage']")
    expect(equal.locator(".before")).to_contain_text("Partial")
    expect(equal.locator(".after")).to_contain_text("Provided")
    expect(equal.locator(".acts")).to_contain_text("305-VIII")


def test_an_articles_difference_between_its_wordings(curated, live_server, page):
    page.goto(live_server.url + reverse("guarantees:instrument", args=["kz-elections-law"]))
    page.locator("#art-20-1-2026-07-01").locator("xpath=..").get_by_role(
        "link", name="History of this article: every wording, with differences"
    ).click()
    expect(page.locator("h1")).to_contain_text("art. 20-1")
    expect(page.locator(".wording-current .wording-act")).to_contain_text("305-VIII")
    inserted = page.locator(".wording-diff[open] .diff ins").first
    expect(inserted).to_contain_text("достигшие восемнадцатилетнего возраста")
    page.get_by_label("Older").select_option("2026-07-01")
    page.get_by_label("Newer").select_option("origin")
    page.get_by_role("button", name="Show the difference").click()
    expect(page.locator(".diff-chosen del").first).to_contain_text("достигшие восемнадцатилетнего возраста")


def test_the_compare_page_asks_for_the_change_view(curated, live_server, page):
    page.goto(live_server.url + reverse("guarantees:compare") + "?j=KZ&as_of=2026-07-02")
    page.locator("form.changes-link input[name='since']").fill("2026-06-30")
    page.get_by_role("button", name="Show only the changed cells").click()
    expect(page.locator("h1")).to_have_text("What changed between 30 June 2026 and 2 July 2026")
    expect(page.locator(".lead")).to_contain_text("cells changed")
    expect(page.locator("tr.change[data-guarantee='secret-ballot'] .acts")).to_contain_text("305-VIII")
    expect(page.locator("tr.change[data-jurisdiction='RU']")).to_have_count(0)
