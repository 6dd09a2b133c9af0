"""A curator drafts a guarantee in the admin, a reviewer publishes it, and readers then see it."""

import datetime
import importlib

from django.apps import apps
from django.contrib.auth.models import Group, User
from django.urls import reverse
from playwright.sync_api import expect

from guarantees.models import Guarantee

from ..factories import make_category, make_source


def log_in(page, live_server, username):
    page.goto(live_server.url + reverse("admin:login"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("a-long-password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()


def choose(page, container_id, text):
    """Pick an option in one of the admin's autocomplete (select2) widgets."""
    page.locator(f"[aria-labelledby='{container_id}']").click()
    page.locator(".select2-search__field").last.fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def test_curator_drafts_reviewer_publishes_reader_sees(live_server, page, transactional_db):
    # Transactional tests flush the tables, the groups that the migration created among them.
    importlib.import_module("guarantees.migrations.0004_roles").create_roles(apps, None)
    for role in ["curator", "reviewer"]:
        user = User.objects.create_user(role, password="a-long-password", is_staff=True)
        user.groups.add(Group.objects.get(name=role))
    make_category(name="Public control and observation", kind="tool")
    make_source(authors="Mateikovich, M. S.", year=2003, title="Защита избирательных прав граждан")
    public_url = live_server.url + "/guarantees/video-observation/"

    log_in(page, live_server, "curator")
    page.goto(live_server.url + reverse("admin:guarantees_guarantee_add"))
    page.locator("#id_name_en").press_sequentially("Video observation")
    expect(page.locator("#id_slug")).to_have_value("video-observation")  # the admin's script ran under our CSP
    page.locator("#id_summary_en").fill("Polling stations are filmed and the video is kept.")
    choose(page, "select2-id_category-container", "Public control")
    page.get_by_text("Add another Guarantee citation").click()
    choose(page, "select2-id_citations-0-source-container", "Mateikovich")
    page.locator("#id_citations-0-purpose").select_option("classification")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".messagelist")).to_contain_text("In review")
    expect(page.get_by_role("button", name="Publish")).to_have_count(0)

    assert page.request.get(public_url).status == 404  # the curator's session: still not public

    page.context.clear_cookies()
    log_in(page, live_server, "reviewer")
    page.goto(live_server.url + reverse("admin:guarantees_dashboard"))
    page.get_by_role("link", name="Video observation").first.click()
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".messagelist")).to_contain_text("Published")

    page.context.clear_cookies()
    page.goto(public_url)
    expect(page.locator("h1")).to_have_text("Video observation")
    expect(page.locator(".citation").first).to_contain_text("Mateikovich")


def test_shipped_guarantee_edited_in_its_inline_assessment_end_to_end(live_server, page, curated):
    """A curator changes a shipped assessment from its guarantee's page, a reviewer publishes, a reader reads."""
    importlib.import_module("guarantees.migrations.0004_roles").create_roles(apps, None)
    importlib.import_module("guarantees.migrations.0014_reference_tables_by_reviewers").for_reviewers_only(apps, None)
    for role in ["curator", "reviewer"]:
        user = User.objects.create_user(role, password="a-long-password", is_staff=True)
        user.groups.add(Group.objects.get(name=role))
    guarantee = Guarantee.objects.published().order_by("pk").first()
    # The guarantee's page shows the cells in force today: edit one of those, not an earlier period.
    assessment = guarantee.assessments.current_on(datetime.date.today()).order_by("jurisdiction__order").first()
    public_url = live_server.url + guarantee.get_absolute_url()
    new_commentary = "Checked again in the browser test."

    log_in(page, live_server, "curator")
    page.goto(live_server.url + reverse("admin:guarantees_guarantee_change", args=[guarantee.pk]))
    page.get_by_role("button", name="Save and continue editing").click()  # unchanged: saves, proposes nothing
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    expect(page.locator(".messagelist")).not_to_contain_text("await review")
    index = page.locator(f"input[name$='-id'][value='{assessment.pk}']").get_attribute("name").split("-")[1]
    page.locator(f"#id_assessments-{index}-commentary_en").fill(new_commentary)
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("Your changes await review")
    assert new_commentary not in page.request.get(public_url, headers={"Cookie": ""}).text()

    page.context.clear_cookies()
    log_in(page, live_server, "reviewer")
    page.goto(live_server.url + reverse("admin:guarantees_assessment_change", args=[assessment.pk]))
    expect(page.locator(".field-pending_summary")).to_contain_text(new_commentary)
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".messagelist")).to_contain_text("Published")

    page.context.clear_cookies()
    page.goto(public_url)
    expect(page.locator(".guarantee")).to_contain_text(new_commentary)
