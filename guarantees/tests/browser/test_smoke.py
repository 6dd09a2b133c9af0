from django.urls import reverse
from playwright.sync_api import expect

from ..factories import make_assessment, make_category, make_guarantee, make_jurisdiction


def test_home_page_renders_with_its_stylesheet(live_server, page):
    make_assessment(
        guarantee=make_guarantee(category=make_category(kind="tool", name="Public control")),
        jurisdiction=make_jurisdiction(code="KG", name="Kyrgyzstan"),
    )

    page.goto(live_server.url + reverse("guarantees:home"))

    expect(page.locator("h1")).to_have_text("Guarantees of electoral rights, compared")
    expect(page.get_by_role("row", name="Kyrgyzstan")).to_be_visible()
    header_colour = page.locator(".site-header").evaluate("element => getComputedStyle(element).backgroundColor")
    assert header_colour == "rgb(11, 79, 138)", "the stylesheet did not load"


def test_admin_login_accepts_a_curator(live_server, page, django_user_model):
    django_user_model.objects.create_superuser("curator", "curator@example.org", "a-long-password")

    page.goto(live_server.url + reverse("admin:login"))
    page.get_by_label("Username").fill("curator")
    page.get_by_label("Password").fill("a-long-password")
    page.get_by_role("button", name="Log in").click()

    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()
    expect(page.get_by_role("link", name="Guarantees", exact=True)).to_be_visible()
