"""The admin on the shipped content, driven as a browser drives it.

WebTest reads each form from the rendered page (inputs, selects, textareas, inline formsets) and posts
what a browser would: an unchanged form must save and change nothing, for a superuser and for a curator
alike; one edit of one field goes through review where the entry is reviewed, and live where it is not.
"""

import re

from django.contrib import admin
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone
from django_webtest import WebTest

from guarantees import workflow
from guarantees.choices import PublicationStatus, Verification
from guarantees.models import (
    Assessment,
    Category,
    ElectoralRight,
    Guarantee,
    Instrument,
    Jurisdiction,
    Principle,
    Provision,
    Source,
    Stage,
)

from .curated import load_curated
from .test_curation import make_user

SAMPLE = 5
BOOKKEEPING = {"updated_at", "version", "last_login", "password", "date_joined"}  # the admin drops microseconds


def change_url(obj) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def shipped_entries(model) -> list:
    """Every guarantee; an even sample of every other table."""
    if model is Guarantee:
        return list(Guarantee.objects.order_by("pk"))
    entries = list(model._default_manager.order_by("pk"))
    step = max(1, len(entries) // SAMPLE)
    return entries[::step][:SAMPLE]


def snapshot(obj) -> dict:
    """What a save could change: every stored field but the bookkeeping, and every relation."""
    fresh = type(obj)._default_manager.get(pk=obj.pk)
    values = {f.attname: getattr(fresh, f.attname) for f in fresh._meta.concrete_fields if f.name not in BOOKKEEPING}
    values |= {f.name: sorted(getattr(fresh, f.name).values_list("pk", flat=True)) for f in fresh._meta.many_to_many}
    return values


class AdminTestCase(WebTest):
    @classmethod
    def setUpTestData(cls):
        load_curated()
        cls.superuser = User.objects.create_superuser("admin", "admin@example.org", "pw")
        cls.curator = make_user("curator")
        cls.reviewer = make_user("reviewer")

    def open_form(self, obj, user, url: str = ""):
        page = self.app.get(url or change_url(obj), user=user.username)
        return page.forms[1]  # the first is the sign-out form

    def transition(self, obj, user, name: str):
        """Press a workflow button as the change page offers it (the button posts the page's workflow form)."""
        page = self.app.get(change_url(obj), user=user.username)
        offered = [button["value"] for button in page.html.select("button[name=_transition]")]
        self.assertIn(name, offered)
        workflow_form = page.forms["workflow-form"]
        fields = dict(workflow_form.submit_fields())
        return self.app.post(change_url(obj), {**fields, "_transition": name}, user=user.username).follow()

    def public_page(self, url: str) -> str:
        self.renew_app()  # an anonymous reader
        return self.app.get(url).text


class UnchangedSaveTests(AdminTestCase):
    def test_every_shipped_change_form_saves_unchanged(self):
        round_trips = {}
        for model in admin.site._registry:
            for obj in shipped_entries(model):
                for user in (self.superuser, self.curator):
                    if not user.has_perm(f"{obj._meta.app_label}.change_{obj._meta.model_name}"):
                        continue
                    before = snapshot(obj)
                    response = self.open_form(obj, user).submit("_save", expect_errors=True)
                    with self.subTest(model=model.__name__, pk=obj.pk, user=user.username):
                        self.assertEqual(response.status_code, 302, errors_on(response))
                        self.assertEqual(snapshot(obj), before)
                    round_trips[model.__name__] = round_trips.get(model.__name__, 0) + 1
        print("forms round-tripped per model:", round_trips)
        shipped = {model.__name__ for model in admin.site._registry if model._default_manager.exists()}
        self.assertEqual(set(round_trips), shipped)
        self.assertEqual(round_trips["Guarantee"], 2 * Guarantee.objects.count())


def errors_on(response) -> str:
    if response.status_code == 302:
        return ""
    found = re.findall(r'<ul class="errorlist[^"]*">(.*?)</ul>', response.text, flags=re.S)
    return " | ".join(found) or response.text[:2000]


class ReviewedEditTests(AdminTestCase):
    """One edit of one field of each reviewed model, on a shipped published entry."""

    def propose_publish_and_read(self, obj, editor, field: str, new: str, public_url: str, url: str = ""):
        self.assertTrue(obj.is_published)
        old_page = self.public_page(public_url)
        form = self.open_form(obj, editor, url)
        form[field] = new
        response = form.submit("_save")
        self.assertEqual(response.status_code, 302)
        obj.refresh_from_db()
        self.assertTrue(obj.pending, f"{obj} should have a proposal")
        self.assertEqual(obj.publication_status, PublicationStatus.PUBLISHED)
        self.assertNotIn(new, self.public_page(public_url))
        self.assertEqual(old_page.count(new), 0)
        self.transition(obj, self.reviewer, "publish")
        obj.refresh_from_db()
        self.assertEqual(obj.pending, {})
        self.assertIn(new, self.public_page(public_url))

    def test_guarantee_summary(self):
        guarantee = Guarantee.objects.published().order_by("pk").first()
        self.propose_publish_and_read(
            guarantee, self.curator, "summary_en", "A proposed summary.", guarantee.get_absolute_url()
        )

    def test_assessment_commentary(self):
        # The cell page shows the assessment in force today; an earlier period of the cell is not on it.
        current = Assessment.objects.published().in_force_on(timezone.localdate())
        assessment = current.select_related("guarantee", "jurisdiction").first()
        cell = reverse("guarantees:cell", args=[assessment.guarantee.slug, assessment.jurisdiction.code])
        self.propose_publish_and_read(assessment, self.curator, "commentary_en", "A proposed commentary.", cell)

    def test_assessment_commentary_in_the_guarantee_inline(self):
        guarantee = Guarantee.objects.published().order_by("pk")[3]
        current = guarantee.assessments.published().in_force_on(timezone.localdate())
        assessment = current.order_by("jurisdiction__order").first()
        form = self.open_form(guarantee, self.curator)
        index = next(i for i in range(10) if form[f"assessments-{i}-id"].value == str(assessment.pk))
        form[f"assessments-{index}-commentary_en"] = "A proposed commentary, inline."
        self.assertEqual(form.submit("_save").status_code, 302)
        assessment.refresh_from_db()
        self.assertEqual(assessment.pending, {"commentary_en": "A proposed commentary, inline."})
        self.assertNotIn("A proposed commentary, inline.", self.public_page(guarantee.get_absolute_url()))
        admin_page = self.app.get(change_url(guarantee), user=self.curator.username)
        preview_link = admin_page.html.find("a", string="Preview on the site")["href"]
        preview = self.app.get(preview_link, user=self.curator.username)
        self.assertIn("A proposed commentary, inline.", preview.text)
        self.assertIn("1 assessment is shown with its proposed changes.", preview.text)
        self.assertNotIn("Its proposed changes are shown.", preview.text)
        self.transition(assessment, self.reviewer, "publish")
        self.assertIn("A proposed commentary, inline.", self.public_page(guarantee.get_absolute_url()))

    def test_provision_heading(self):
        provision = Provision.objects.published().select_related("instrument").order_by("pk").first()
        self.propose_publish_and_read(
            provision,
            self.curator,
            "heading_original",
            "Предложенный заголовок",
            provision.instrument.get_absolute_url(),
        )

    def test_provision_heading_in_the_instrument_inline(self):
        """The inline under an instrument proposes too: it no longer edits published provisions in place."""
        instrument = Instrument.objects.filter(provisions__publication_status=PublicationStatus.PUBLISHED).first()
        provision = instrument.provisions.order_by("sort_key", "paragraph", "valid_from").first()
        form = self.open_form(instrument, self.reviewer)
        self.assertEqual(form["provisions-0-id"].value, str(provision.pk))
        form["provisions-0-heading_original"] = "Заголовок из строки"
        self.assertEqual(form.submit("_save").status_code, 302)
        provision.refresh_from_db()
        self.assertEqual(provision.pending, {"heading_original": "Заголовок из строки"})
        self.assertNotIn("Заголовок из строки", self.public_page(instrument.get_absolute_url()))
        self.transition(provision, self.reviewer, "publish")
        self.assertIn("Заголовок из строки", self.public_page(instrument.get_absolute_url()))


class ReferenceEditTests(AdminTestCase):
    """Reference tables have no review of their own: only reviewers edit them, and the edit is live at once."""

    def test_curators_read_reference_tables_but_do_not_edit_them(self):
        for model in (Category, Source, Instrument, ElectoralRight, Stage, Principle, Jurisdiction):
            obj = model._default_manager.first()
            with self.subTest(model=model.__name__):
                page = self.app.get(change_url(obj), user=self.curator.username)
                self.assertNotIn("_save", page.text)
                fields = dict(page.forms[f"{obj._meta.model_name}_form"].submit_fields())
                response = self.app.post(change_url(obj), fields, user=self.curator.username, expect_errors=True)
                self.assertEqual(response.status_code, 403)

    def test_a_reviewer_edit_is_live(self):
        cases = [
            (Category.objects.filter(guarantees__isnull=False).first(), "name_en", reverse("guarantees:taxonomy")),
            (Source.objects.filter(guarantees__isnull=False).first(), "title", reverse("guarantees:sources")),
            (Instrument.objects.first(), "short_title", Instrument.objects.first().get_absolute_url()),
            (Jurisdiction.objects.first(), "name_en", reverse("guarantees:home")),
            (Stage.objects.first(), "name_en", reverse("guarantees:guarantee-list")),
        ]
        for obj, field, public_url in cases:
            with self.subTest(model=type(obj).__name__):
                form = self.open_form(obj, self.reviewer)
                form[field] = f"Renamed {type(obj).__name__}"
                self.assertEqual(form.submit("_save").status_code, 302, errors_on(form.submit("_save")))
                self.assertIn(f"Renamed {type(obj).__name__}", self.public_page(public_url))


class NoWayAroundReviewTests(AdminTestCase):
    def test_revert_of_a_withdrawn_entry_keeps_it_withdrawn_and_raises_its_version(self):
        guarantee = Guarantee.objects.published().order_by("pk").first()
        old_summary = guarantee.summary_en
        self.transition(guarantee, self.reviewer, "withdraw")
        form = self.open_form(guarantee, self.curator)
        form["summary_en"] = "Edited while withdrawn."
        form.submit("_save")
        guarantee.refresh_from_db()
        published_copy = guarantee.history.filter(publication_status=PublicationStatus.PUBLISHED).earliest()
        url = reverse("admin:guarantees_guarantee_simple_history", args=[guarantee.pk, published_copy.pk])
        version = guarantee.version
        self.assertEqual(self.open_form(guarantee, self.curator, url).submit("_save").status_code, 302)
        guarantee.refresh_from_db()
        self.assertEqual(guarantee.publication_status, PublicationStatus.WITHDRAWN)
        self.assertEqual(guarantee.summary_en, old_summary)
        self.assertGreater(guarantee.version, version)
        self.renew_app()
        self.assertEqual(self.app.get(guarantee.get_absolute_url(), expect_errors=True).status_code, 404)

    def test_revert_of_a_published_entry_becomes_a_proposal(self):
        guarantee = Guarantee.objects.published().order_by("pk").first()
        old_summary = guarantee.summary_en
        form = self.open_form(guarantee, self.curator)
        form["summary_en"] = "The newer summary."
        form.submit("_save")
        self.transition(guarantee, self.reviewer, "publish")
        first = guarantee.history.earliest()
        url = reverse("admin:guarantees_guarantee_simple_history", args=[guarantee.pk, first.pk])
        self.assertEqual(self.open_form(guarantee, self.curator, url).submit("_save").status_code, 302)
        guarantee.refresh_from_db()
        self.assertEqual(guarantee.summary_en, "The newer summary.")
        self.assertEqual(guarantee.pending.get("summary_en"), old_summary)
        self.assertIn("The newer summary.", self.public_page(guarantee.get_absolute_url()))

    def test_two_curators_saving_one_provision_in_turn(self):
        provision = Provision.objects.published().order_by("pk").first()
        other = make_user("second-curator", group="curator")
        first_form = self.open_form(provision, self.curator)
        second_form = self.open_form(provision, other)
        first_form["heading_en"] = "First curator's heading"
        self.assertEqual(first_form.submit("_save").status_code, 302)
        second_form["heading_en"] = "Second curator's heading"
        refused = second_form.submit("_save")
        self.assertEqual(refused.status_code, 200)
        self.assertIn("Someone else saved this entry", refused.text)
        provision.refresh_from_db()
        self.assertEqual(provision.pending["heading_en"], "First curator's heading")

    def test_a_change_by_another_writer_makes_an_open_form_stale(self):
        """The loader and the importer save through the model, so the version rises there too."""
        provision = Provision.objects.published().order_by("pk").first()
        form = self.open_form(provision, self.curator)
        Provision.objects.get(pk=provision.pk).save()
        form["heading_en"] = "Typed on a stale copy"
        self.assertIn("Someone else saved this entry", form.submit("_save").text)


class VerificationTests(AdminTestCase):
    def test_curators_are_not_offered_the_official_level(self):
        provision = Provision.objects.exclude(verification=Verification.OFFICIAL).first()
        form = self.open_form(provision, self.curator)
        self.assertNotIn(Verification.OFFICIAL, [value for value, *_ in form["verification"].options])
        form["verification"].force_value(Verification.OFFICIAL)
        response = form.submit("_save")
        self.assertEqual(response.status_code, 200)
        provision.refresh_from_db()
        self.assertNotEqual(provision.verification, Verification.OFFICIAL)
        self.assertEqual(provision.pending, {})

    def test_an_official_level_cannot_be_changed_by_a_curator(self):
        provision = Provision.objects.filter(verification=Verification.OFFICIAL).first()
        form = self.open_form(provision, self.curator)
        self.assertIn("disabled", form["verification"].attrs)
        self.assertEqual(form.submit("_save").status_code, 302)
        provision.refresh_from_db()
        self.assertEqual(provision.verification, Verification.OFFICIAL)

    def test_a_reviewer_may_set_it(self):
        provision = Provision.objects.exclude(verification=Verification.OFFICIAL).first()
        form = self.open_form(provision, self.reviewer)
        form["verification"] = Verification.OFFICIAL
        self.assertEqual(form.submit("_save").status_code, 302)
        provision.refresh_from_db()
        self.assertEqual(provision.pending["verification"], Verification.OFFICIAL)

    def test_no_proposal_can_carry_it_from_a_curator(self):
        provision = Provision.objects.exclude(verification=Verification.OFFICIAL).first()
        with self.assertRaises(workflow.PermissionDenied):
            workflow.propose(provision, {"verification": Verification.OFFICIAL}, self.curator)


class FindingArticlesTests(AdminTestCase):
    def autocomplete(self, term: str) -> list[str]:
        response = self.app.get(
            reverse("admin:autocomplete"),
            {"term": term, "app_label": "guarantees", "model_name": "assessment", "field_name": "provisions"},
            user=self.curator.username,
        )
        return [result["text"] for result in response.json["results"]]

    def test_articles_as_curators_type_them(self):
        cases = {
            "KG art. 9": ("KG ", "art. 9"),
            "67-FZ 30": ("RU ", "art. 30"),
            "67-ФЗ ст. 30": ("RU ", "art. 30"),
            "20-1": ("", "art. 20-1"),
            "ст. 75": ("", "art. 75"),
            "статья 75": ("", "art. 75"),
        }
        for term, (prefix, reference) in cases.items():
            with self.subTest(term=term):
                found = self.autocomplete(term)
                self.assertTrue(found, term)
                for text in found:
                    self.assertTrue(text.startswith(prefix), text)
                    self.assertRegex(text, rf"{re.escape(reference)}(\s|$)")

    def test_words_still_search_as_before(self):
        self.assertTrue(self.autocomplete("observers") or self.autocomplete("наблюдател"))


class WorkflowGapTests(AdminTestCase):
    def draft_guarantee_with_assessment(self, classified: bool = False):
        guarantee = Guarantee.objects.published().order_by("pk").first()
        Guarantee.objects.filter(pk=guarantee.pk).update(publication_status=PublicationStatus.DRAFT)
        guarantee.assessments.update(publication_status=PublicationStatus.DRAFT)
        if not classified:
            guarantee.citations.filter(purpose="classification").delete()
        return Guarantee.objects.get(pk=guarantee.pk)

    def test_a_guarantee_is_published_with_its_assessments_in_review(self):
        guarantee = self.draft_guarantee_with_assessment(classified=True)
        self.transition(guarantee, self.curator, "submit_with_assessments")
        page = self.transition(guarantee, self.reviewer, "publish_with_assessments")
        self.assertIn("is now Published", page.text)
        statuses = set(guarantee.assessments.values_list("publication_status", flat=True))
        self.assertEqual(statuses, {PublicationStatus.PUBLISHED})
        self.assertIn(guarantee.name_en, self.public_page(guarantee.get_absolute_url()))

    def test_submit_says_at_once_what_would_block_publication(self):
        guarantee = self.draft_guarantee_with_assessment()
        page = self.transition(guarantee, self.curator, "submit")
        self.assertIn("Before it can be published", page.text)
        self.assertIn("needs a source for its classification", page.text)

    def test_a_guarantee_is_submitted_with_its_draft_assessments(self):
        guarantee = self.draft_guarantee_with_assessment()
        count = guarantee.assessments.count()
        page = self.transition(guarantee, self.curator, "submit_with_assessments")
        self.assertNotIn("Its guarantee is not published yet", page.text)  # they will be published with it
        self.assertEqual(guarantee.assessments.filter(publication_status=PublicationStatus.IN_REVIEW).count(), count)

    def test_an_assessment_waits_for_its_guarantee(self):
        guarantee = self.draft_guarantee_with_assessment()
        assessment = guarantee.assessments.first()
        page = self.transition(assessment, self.reviewer, "publish")
        self.assertIn("Its guarantee is not published yet", page.text)
        assessment.refresh_from_db()
        self.assertEqual(assessment.publication_status, PublicationStatus.DRAFT)
