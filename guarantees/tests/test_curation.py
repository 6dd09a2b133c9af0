"""Curation through real admin requests: roles, workflow, proposals, preview, history, stale edits."""

from django.contrib.auth.models import Group, User
from django.test import TestCase
from django.urls import reverse

from guarantees.choices import CitationPurpose, PublicationStatus, Verification
from guarantees.models import Guarantee, GuaranteeCitation

from .factories import make_assessment, make_category, make_guarantee, make_jurisdiction, make_provision, make_source

DRAFT, IN_REVIEW, PUBLISHED, WITHDRAWN = (
    PublicationStatus.DRAFT,
    PublicationStatus.IN_REVIEW,
    PublicationStatus.PUBLISHED,
    PublicationStatus.WITHDRAWN,
)


def make_user(role: str, group: str = "") -> User:
    user = User.objects.create_user(role, f"{role}@example.org", "pw", is_staff=True)
    user.groups.add(Group.objects.get(name=group or role))
    return user


def change_url(obj) -> str:
    return reverse(f"admin:guarantees_{obj._meta.model_name}_change", args=[obj.pk])


def form_data(guarantee: Guarantee, **changes) -> dict:
    """The guarantee's change form as the admin renders it, with some fields changed."""
    data = {
        "slug": guarantee.slug,
        "name_en": guarantee.name_en,
        "summary_en": guarantee.summary_en,
        "description_en": guarantee.description_en or "",
        "category": guarantee.category_id or "",
        "version_seen": guarantee.version,
        "citations-TOTAL_FORMS": 0,
        "citations-INITIAL_FORMS": 0,
        "assessments-TOTAL_FORMS": 0,
        "assessments-INITIAL_FORMS": 0,
    }
    for index, citation in enumerate(guarantee.citations.all()):
        data.update(
            {
                f"citations-{index}-id": citation.pk,
                f"citations-{index}-guarantee": guarantee.pk,
                f"citations-{index}-source": citation.source_id,
                f"citations-{index}-pages": citation.pages,
                f"citations-{index}-note": citation.note,
                f"citations-{index}-purpose": citation.purpose,
            }
        )
        data["citations-TOTAL_FORMS"] = data["citations-INITIAL_FORMS"] = index + 1
    return {**data, **changes}


def classified_guarantee(**kwargs) -> Guarantee:
    guarantee = make_guarantee(**kwargs)
    GuaranteeCitation.objects.create(guarantee=guarantee, source=make_source(), purpose=CitationPurpose.CLASSIFICATION)
    return guarantee


class RoleTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.curator = make_user("curator")
        cls.reviewer = make_user("reviewer")

    def transition(self, user, obj, name):
        self.client.force_login(user)
        return self.client.post(change_url(obj), {"_transition": name}, follow=True)

    def test_curator_submits_but_cannot_publish_even_with_a_crafted_post(self):
        guarantee = classified_guarantee(publication_status=DRAFT)
        self.transition(self.curator, guarantee, "submit")
        guarantee.refresh_from_db()
        self.assertEqual(guarantee.publication_status, IN_REVIEW)

        response = self.transition(self.curator, guarantee, "publish")
        guarantee.refresh_from_db()
        self.assertEqual(guarantee.publication_status, IN_REVIEW)
        self.assertContains(response, "Only a reviewer may publish")

    def test_curator_cannot_set_the_status_through_the_form(self):
        guarantee = classified_guarantee(publication_status=DRAFT)
        self.client.force_login(self.curator)
        self.client.post(change_url(guarantee), form_data(guarantee, publication_status=PUBLISHED))
        guarantee.refresh_from_db()
        self.assertEqual(guarantee.publication_status, DRAFT)

    def test_curator_cannot_publish_through_the_bulk_action(self):
        guarantee = classified_guarantee(publication_status=IN_REVIEW)
        self.client.force_login(self.curator)
        self.client.post(
            reverse("admin:guarantees_guarantee_changelist"),
            {"action": "publish", "_selected_action": [guarantee.pk]},
        )
        guarantee.refresh_from_db()
        self.assertEqual(guarantee.publication_status, IN_REVIEW)

    def test_reviewer_publishes_withdraws_and_sends_back(self):
        guarantee = classified_guarantee(publication_status=IN_REVIEW)
        for name, expected in [("publish", PUBLISHED), ("withdraw", WITHDRAWN), ("send_back", DRAFT)]:
            with self.subTest(transition=name):
                self.transition(self.reviewer, guarantee, name)
                guarantee.refresh_from_db()
                self.assertEqual(guarantee.publication_status, expected)
        self.assertEqual(guarantee.reviewed_by, self.reviewer)

    def test_publishing_needs_a_category_and_a_classification_source(self):
        unsourced = make_guarantee(publication_status=IN_REVIEW)
        response = self.transition(self.reviewer, unsourced, "publish")
        unsourced.refresh_from_db()
        self.assertEqual(unsourced.publication_status, IN_REVIEW)
        self.assertContains(response, "needs a source for its classification")

    def test_provided_assessment_needs_a_provision_of_its_jurisdiction_to_be_published(self):
        assessment = make_assessment(publication_status=IN_REVIEW)
        self.transition(self.reviewer, assessment, "publish")
        assessment.refresh_from_db()
        self.assertEqual(assessment.publication_status, IN_REVIEW)

    def test_only_reviewers_mark_provisions_verified(self):
        provision = make_provision(verification=Verification.SECONDARY)
        changelist = reverse("admin:guarantees_provision_changelist")
        for user, expected in [(self.curator, Verification.SECONDARY), (self.reviewer, Verification.OFFICIAL)]:
            with self.subTest(user=user.username):
                self.client.force_login(user)
                self.client.post(changelist, {"action": "mark_verified", "_selected_action": [provision.pk]})
                provision.refresh_from_db()
                self.assertEqual(provision.verification, expected)

    def test_curator_cannot_delete(self):
        guarantee = classified_guarantee()
        self.client.force_login(self.curator)
        url = reverse("admin:guarantees_guarantee_delete", args=[guarantee.pk])
        self.assertEqual(self.client.post(url, {"post": "yes"}).status_code, 403)
        self.assertTrue(Guarantee.objects.filter(pk=guarantee.pk).exists())

    def test_anonymous_transition_goes_to_login(self):
        guarantee = classified_guarantee(publication_status=DRAFT)
        response = self.client.post(change_url(guarantee), {"_transition": "publish"})
        self.assertEqual(response.status_code, 302)
        guarantee.refresh_from_db()
        self.assertEqual(guarantee.publication_status, DRAFT)


class ProposalTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.curator = make_user("curator")
        cls.reviewer = make_user("reviewer")

    def test_edit_to_a_published_guarantee_waits_for_review_while_readers_see_the_old(self):
        guarantee = classified_guarantee(name="Secret ballot", summary="Old summary.")
        self.client.force_login(self.curator)
        response = self.client.post(change_url(guarantee), form_data(guarantee, summary_en="New summary."), follow=True)
        self.assertContains(response, "Your changes await review")

        guarantee.refresh_from_db()
        self.assertEqual(guarantee.summary, "Old summary.")
        self.assertEqual(guarantee.pending, {"summary_en": "New summary."})
        self.client.logout()
        self.assertContains(self.client.get(guarantee.get_absolute_url()), "Old summary.")

        self.client.force_login(self.curator)
        preview = self.client.get(guarantee.get_absolute_url() + "?preview=1")
        self.assertContains(preview, "New summary.")
        self.assertContains(preview, "Preview")

        self.client.force_login(self.reviewer)
        self.client.post(change_url(guarantee), {"_transition": "publish"})
        self.client.logout()
        public = self.client.get(guarantee.get_absolute_url())
        self.assertContains(public, "New summary.")
        self.assertContains(public, "Last reviewed")

    def test_reviewer_can_discard_a_proposal(self):
        guarantee = classified_guarantee(summary="Kept.")
        self.client.force_login(self.curator)
        self.client.post(change_url(guarantee), form_data(guarantee, summary_en="Rejected."))
        self.client.force_login(self.reviewer)
        self.client.post(change_url(guarantee), {"_transition": "send_back"})
        guarantee.refresh_from_db()
        self.assertEqual((guarantee.summary, guarantee.pending, guarantee.publication_status), ("Kept.", {}, PUBLISHED))

    def test_drafts_are_previewed_by_staff_only(self):
        draft = classified_guarantee(publication_status=DRAFT, name="Draft entry")
        self.assertEqual(self.client.get(draft.get_absolute_url() + "?preview=1").status_code, 404)
        self.client.force_login(self.curator)
        self.assertContains(self.client.get(draft.get_absolute_url() + "?preview=1"), "Draft entry")

    def test_curator_cannot_change_the_citations_of_a_published_guarantee(self):
        guarantee = classified_guarantee()
        self.client.force_login(self.curator)
        data = form_data(guarantee)
        data["citations-0-DELETE"] = "on"
        self.client.post(change_url(guarantee), data)
        self.assertEqual(guarantee.citations.count(), 1)


class StaleEditTests(TestCase):
    def test_second_save_on_a_stale_copy_is_refused_with_what_changed(self):
        first, second = make_user("curator"), User.objects.create_user("second", is_staff=True)
        second.groups.add(Group.objects.get(name="curator"))
        guarantee = classified_guarantee(publication_status=DRAFT, summary="Original.")
        stale = form_data(guarantee)

        self.client.force_login(first)
        self.client.post(change_url(guarantee), form_data(guarantee, summary_en="First edit."))
        self.client.force_login(second)
        response = self.client.post(change_url(guarantee), {**stale, "name_en": "Second edit."})

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Someone else saved this entry while you were editing it")
        self.assertContains(response, "curator")
        self.assertContains(response, "summary")
        guarantee.refresh_from_db()
        self.assertEqual((guarantee.summary, guarantee.name), ("First edit.", stale["name_en"]))


class HistoryTests(TestCase):
    def test_every_change_is_recorded_and_can_be_reverted(self):
        reviewer = make_user("reviewer")
        guarantee = classified_guarantee(publication_status=DRAFT, summary="First.")
        self.client.force_login(reviewer)
        self.client.post(change_url(guarantee), form_data(guarantee, summary_en="Second."))
        guarantee.refresh_from_db()
        self.assertEqual(guarantee.summary, "Second.")
        self.assertEqual(guarantee.history.count(), 2)
        self.assertEqual(guarantee.history.latest().history_user, reviewer)

        history = reverse("admin:guarantees_guarantee_history", args=[guarantee.pk])
        self.assertEqual(self.client.get(history).status_code, 200)
        first = guarantee.history.earliest()
        revert = reverse("admin:guarantees_guarantee_simple_history", args=[guarantee.pk, first.history_id])
        self.client.post(revert, form_data(first.instance, version_seen=first.version))
        guarantee.refresh_from_db()
        self.assertEqual(guarantee.summary, "First.")


class DashboardTests(TestCase):
    def test_dashboard_lists_what_awaits_review_and_what_is_unassessed(self):
        curator = make_user("curator")
        kz = make_jurisdiction(code="KZ")
        in_review = classified_guarantee(name="Waiting entry", publication_status=IN_REVIEW)
        assessed = classified_guarantee(name="Assessed everywhere")
        make_assessment(guarantee=assessed, jurisdiction=kz)
        classified_guarantee(name="Never assessed", category=make_category())
        self.client.force_login(curator)
        response = self.client.get(reverse("admin:guarantees_dashboard"))
        self.assertContains(response, "Waiting entry")
        self.assertEqual([(g.name, j.code) for g, j in response.context["unassessed"]], [("Never assessed", "KZ")])
        self.assertNotIn(in_review, [g for g, _ in response.context["unassessed"]])
        self.assertContains(self.client.get(reverse("admin:index")), reverse("admin:guarantees_dashboard"))
