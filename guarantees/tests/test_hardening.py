"""Hostile requests answered 4xx, never 5xx: control characters in a correction, every method on every public
URL, ids that cannot be ids in the admin; and the policy headers on every response."""

from django.contrib import admin
from django.contrib.auth.models import User
from django.test import Client, RequestFactory, TestCase
from django.urls import reverse

from guarantees.choices import AssessmentStatus, CitationPurpose
from guarantees.models import Guarantee, GuaranteeCitation, Suggestion

from .factories import make_assessment, make_guarantee, make_instrument, make_jurisdiction, make_provision, make_source
from .test_curation import change_url, form_data

METHODS = ["get", "head", "post", "put", "patch", "delete", "options"]


def make_small_site() -> Guarantee:
    """One published guarantee assessed in KZ from one provision: enough for every public page to have content."""
    kz = make_jurisdiction(code="KZ")
    provision = make_provision(instrument=make_instrument(jurisdiction=kz, slug="kz-elections-law"), number="20-1")
    guarantee = make_guarantee(slug="domestic-observers")
    make_assessment(guarantee=guarantee, jurisdiction=kz, status=AssessmentStatus.PROVIDED, provisions=[provision])
    make_source(key="voevodin-1997")
    return guarantee


class SuggestionControlCharacterTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.guarantee = make_small_site()

    def setUp(self):
        self.client = Client(enforce_csrf_checks=True)
        self.client.get(reverse("guarantees:suggest", args=["domestic-observers"]) + "?jurisdiction=KZ")
        self.token = self.client.cookies["csrftoken"].value

    def suggest(self, **fields):
        data = {"problem": "Wrong article.", "proposed_fix": "Art. 7.", "jurisdiction": "KZ", **fields}
        return self.client.post(
            reverse("guarantees:suggest", args=["domestic-observers"]), {**data, "csrfmiddlewaretoken": self.token}
        )

    def test_nul_or_control_characters_in_any_field_are_refused_and_nothing_is_saved(self):
        for field in ["problem", "proposed_fix", "source", "email", "jurisdiction", "website"]:
            for character in ["\x00", "\x01", "\x08", "\x0b", "\x1b", "\x1f", "\x7f"]:
                with self.subTest(field=field, character=hex(ord(character))):
                    value = "reader@example.org" if field == "email" else "KZ" if field == "jurisdiction" else "a b"
                    response = self.suggest(**{field: value[:1] + character + value[1:]})
                    self.assertEqual(response.status_code, 400)
        self.assertEqual(Suggestion.objects.count(), 0)

    def test_a_control_character_is_named_in_the_form_error(self):
        response = self.suggest(problem="Wrong\x1b[31m article.")
        self.assertContains(response, "control character (U+001B)", status_code=400)
        self.assertEqual(response.context["form"].errors["problem"][0][:28], "The text contains an invisib")

    def test_nul_in_a_posted_field_is_refused_before_the_view(self):
        response = self.suggest(jurisdiction="K\x00Z")
        self.assertContains(response, "NUL character", status_code=400)

    def test_tabs_and_line_breaks_are_ordinary_text(self):
        response = self.suggest(problem="Line one\r\nLine two\n\tindented")
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Suggestion.objects.get().problem, "Line one\r\nLine two\n\tindented")


class EveryMethodTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_small_site()

    def public_urls(self) -> list[str]:
        pages = [
            reverse("guarantees:home"),
            reverse("guarantees:taxonomy"),
            reverse("guarantees:guarantee-list"),
            reverse("guarantees:guarantee", args=["domestic-observers"]),
            reverse("guarantees:cell", args=["domestic-observers", "KZ"]),
            reverse("guarantees:jurisdiction", args=["KZ"]),
            reverse("guarantees:instrument", args=["kz-elections-law"]),
            reverse("guarantees:compare") + "?j=KZ",
            reverse("guarantees:compare-texts", args=["domestic-observers"]),
            reverse("guarantees:sources"),
            reverse("guarantees:methodology"),
            reverse("guarantees:search") + "?q=observers",
            reverse("guarantees:downloads"),
            reverse("guarantees:download-json"),
            reverse("guarantees:download-csv"),
            reverse("guarantees:suggest", args=["domestic-observers"]),
        ]
        api = [
            "/api/",
            "/api/jurisdictions/",
            "/api/jurisdictions/KZ/",
            "/api/instruments/",
            "/api/instruments/kz-elections-law/",
            "/api/provisions/",
            "/api/categories/",
            "/api/guarantees/",
            "/api/guarantees/domestic-observers/",
            "/api/sources/",
            "/api/sources/voevodin-1997/",
            "/api/compare/?j=KZ",
            "/api/schema/",
            "/api/docs/",
        ]
        return pages + api

    def test_every_method_on_every_public_url_answers_without_a_server_error(self):
        client = Client(raise_request_exception=False)
        for url in self.public_urls():
            for method in METHODS:
                with self.subTest(method=method, url=url):
                    response = getattr(client, method)(url)
                    self.assertLess(response.status_code, 500, response.content[:300])
                    if method == "head":
                        self.assertEqual(response.content, b"")
                    if response.status_code == 405:
                        self.assertTrue(response.has_header("Allow"))

    def test_options_on_the_api_docs_answers_with_the_allowed_methods(self):
        response = self.client.options("/api/docs/")
        self.assertIn(response.status_code, [200, 405])
        self.assertIn("GET", response["Allow"])

    def test_a_cors_preflight_to_the_api_is_still_answered(self):
        response = self.client.options(
            "/api/guarantees/", HTTP_ORIGIN="https://example.org", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Access-Control-Allow-Origin"], "*")


class AdminBadIdTests(TestCase):
    """Ids the admin is handed must be ids: a bad one answers 400 (or a form error), whatever the page."""

    @classmethod
    def setUpTestData(cls):
        cls.superuser = User.objects.create_superuser("root", "root@example.org", "pw")
        cls.guarantee = make_small_site()
        GuaranteeCitation.objects.create(
            guarantee=cls.guarantee, source=make_source(), purpose=CitationPurpose.CLASSIFICATION
        )

    def setUp(self):
        self.client = Client(raise_request_exception=False)
        self.client.force_login(self.superuser)

    def test_a_bulk_action_on_a_selection_that_is_not_an_id_answers_400_on_every_changelist(self):
        for model, model_admin in admin.site._registry.items():
            actions = list(model_admin.get_actions(self.admin_request()))
            url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
            for action in actions:
                for selection in ["abc", "1,2", "9" * 30]:
                    with self.subTest(model=model._meta.label, action=action, selection=selection):
                        response = self.client.post(url, {"action": action, "_selected_action": [selection]})
                        self.assertEqual(response.status_code, 400)
                        self.assertIn("_selected_action", response.content.decode())

    def test_a_good_selection_still_reaches_the_action(self):
        url = reverse("admin:guarantees_guarantee_changelist")
        response = self.client.post(url, {"action": "delete_selected", "_selected_action": [self.guarantee.pk]})
        self.assertContains(response, "Are you sure you want to delete the selected guarantee?")

    def test_a_relation_that_is_not_an_id_answers_400_on_change_and_add_forms(self):
        citation = self.guarantee.citations.get()
        cases = {
            "category on the change form": (change_url(self.guarantee), form_data(self.guarantee, category="abc")),
            "many-to-many on the change form": (change_url(self.guarantee), form_data(self.guarantee, rights=["x"])),
            "inline source": (
                change_url(self.guarantee),
                form_data(self.guarantee, **{"citations-0-source": "abc", "citations-0-id": citation.pk}),
            ),
            "category on the add form": (
                reverse("admin:guarantees_guarantee_add"),
                form_data(self.guarantee, slug="another", category="abc"),
            ),
            "provisions on the assessment add form": (
                reverse("admin:guarantees_assessment_add"),
                {"guarantee": self.guarantee.pk, "jurisdiction": "KZ", "provisions": "1x", "status": "absent"},
            ),
        }
        for name, (url, data) in cases.items():
            with self.subTest(case=name):
                response = self.client.post(url, data)
                self.assertEqual(response.status_code, 400, response.content[:300])
        self.guarantee.refresh_from_db()
        self.assertIsNotNone(self.guarantee.category)

    def test_an_add_form_prefilled_from_the_address_with_a_bad_id_answers_400(self):
        response = self.client.get(reverse("admin:guarantees_guarantee_add") + "?category=abc")
        self.assertEqual(response.status_code, 400)

    def test_good_ids_still_save(self):
        response = self.client.post(change_url(self.guarantee), form_data(self.guarantee, name_en="Renamed"))
        self.assertEqual(response.status_code, 302)

    def admin_request(self):
        request = RequestFactory().get(reverse("admin:index"))
        request.user = self.superuser
        return request


class PolicyHeaderTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_small_site()

    def test_every_response_denies_browser_features_and_cross_origin_embedding(self):
        for url in [
            reverse("guarantees:home"),
            reverse("guarantees:download-json"),
            "/en/guarantees/no-such-guarantee/",
            reverse("guarantees:search") + "?q=a%00b",
            reverse("admin:login"),
        ]:
            with self.subTest(url=url):
                response = self.client.get(url)
                policy = response["Permissions-Policy"]
                for feature in ["camera", "microphone", "geolocation", "payment", "usb", "interest-cohort",
                                "browsing-topics"]:  # fmt: skip
                    self.assertIn(f"{feature}=()", policy)
                self.assertEqual(response["Cross-Origin-Resource-Policy"], "same-origin")

    def test_the_api_which_any_origin_may_read_may_be_loaded_cross_origin(self):
        for url in ["/api/guarantees/", "/api/no-such-endpoint/", "/api/schema/"]:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertIn("camera=()", response["Permissions-Policy"])
                self.assertEqual(response["Cross-Origin-Resource-Policy"], "cross-origin")
