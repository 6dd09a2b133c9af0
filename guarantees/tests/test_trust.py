"""Evidence behind every cell: cell pages, citations, corrections from readers, double coding, freshness."""

import datetime
import json

from django.test import Client, TestCase
from django.urls import reverse

from guarantees.agreement import agreement_by_jurisdiction, cohen_kappa
from guarantees.choices import AssessmentStatus, Verification
from guarantees.citations import cell_citations, guarantee_citations, provision_citations
from guarantees.models import SecondCoding, Suggestion, SuggestionStatus

from .factories import make_assessment, make_guarantee, make_instrument, make_jurisdiction, make_provision
from .test_curation import make_user

ACCESSED = datetime.date(2026, 11, 25)


def cell_url(guarantee, code) -> str:
    return reverse("guarantees:cell", args=[guarantee.slug, code])


class CellPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.kz = make_jurisdiction(code="KZ", name="Kazakhstan")
        cls.guarantee = make_guarantee(name="Domestic observers", slug="domestic-observers")
        cls.law = make_instrument(
            jurisdiction=cls.kz,
            slug="kz-elections-law",
            kind="constitutional_law",
            short_title="CL No. 2464",
            title_original="О выборах в Республике Казахстан",
            title_en="On elections in the Republic of Kazakhstan",
            number="2464",
            date_adopted=datetime.date(1995, 9, 28),
            official_url="https://adilet.zan.kz/rus/docs/Z950002464_",
        )
        cls.article = make_provision(
            instrument=cls.law,
            number="20-1",
            heading_original="Наблюдатели",
            text_original="В качестве наблюдателей допускаются граждане",
            where_read="kazakhstan-law/codes:…@2134fe4b",
            checked_on=datetime.date(2026, 11, 25),
        )

    def test_each_status_and_not_assessed(self):
        for status in AssessmentStatus.values:
            with self.subTest(status=status):
                guarantee = make_guarantee()
                make_assessment(guarantee=guarantee, jurisdiction=self.kz, status=status, provisions=[self.article])
                response = self.client.get(cell_url(guarantee, "KZ"))
                self.assertContains(response, dict(AssessmentStatus.choices)[status])
                self.assertContains(response, "Checked against an official publication")
                self.assertContains(response, "kazakhstan-law/codes:…@2134fe4b")
                self.assertContains(response, 'href="https://adilet.zan.kz/rus/docs/Z950002464_"')
        response = self.client.get(cell_url(make_guarantee(), "KZ"))
        self.assertContains(response, "not yet been assessed")
        self.assertContains(response, "Not yet assessed")

    def test_unverified_provision_is_labelled(self):
        guarantee = make_guarantee()
        secondary = make_provision(instrument=self.law, number="21", verification=Verification.SECONDARY)
        make_assessment(guarantee=guarantee, jurisdiction=self.kz, provisions=[secondary])
        response = self.client.get(cell_url(guarantee, "KZ"))
        self.assertContains(response, "Read in a translation or other secondary copy (unverified)")
        self.assertContains(response, "unverified")

    def test_history_shows_legal_periods_not_write_dates(self):
        make_assessment(
            guarantee=self.guarantee,
            jurisdiction=self.kz,
            status="partial",
            valid_to=datetime.date(2026, 7, 1),
            provisions=[self.article],
        )
        make_assessment(
            guarantee=self.guarantee, jurisdiction=self.kz, status="provided", valid_from=datetime.date(2026, 7, 1)
        )
        response = self.client.get(cell_url(self.guarantee, "KZ"))
        self.assertEqual([period.status for period in response.context["periods"]], ["partial", "provided"])
        self.assertContains(response, '<time datetime="2026-07-01">', count=2)
        self.assertContains(response, self.article.label)

    def test_json_carries_the_same_citation_as_the_page(self):
        make_assessment(guarantee=self.guarantee, jurisdiction=self.kz, provisions=[self.article])
        page = self.client.get(cell_url(self.guarantee, "KZ"))
        document = json.loads(self.client.get(cell_url(self.guarantee, "KZ") + "?format=json").content)
        self.assertEqual(document["citation"], page.context["citations"])
        self.assertContains(page, document["citation"]["ru"])
        self.assertEqual(document["provisions"][0]["verification"], "official")

    def test_cells_link_from_the_matrix_and_the_guarantee_page(self):
        make_assessment(guarantee=self.guarantee, jurisdiction=self.kz, provisions=[self.article])
        for url in [reverse("guarantees:compare"), self.guarantee.get_absolute_url()]:
            with self.subTest(url=url):
                self.assertContains(self.client.get(url), f'href="{cell_url(self.guarantee, "KZ")}')

    def test_bad_codes_and_dates(self):
        self.assertEqual(self.client.get(cell_url(self.guarantee, "XX")).status_code, 404)
        self.assertRedirects(self.client.get(cell_url(self.guarantee, "kz")), cell_url(self.guarantee, "KZ"), 301)
        self.assertEqual(self.client.get(cell_url(self.guarantee, "KZ") + "?as_of=soon").status_code, 400)


class CitationTests(TestCase):
    def test_golden_citations(self):
        kz = make_jurisdiction(code="KZ", name="Kazakhstan")
        ru = make_jurisdiction(code="RU", name="Russia")
        law = make_instrument(
            jurisdiction=kz,
            kind="constitutional_law",
            title_original="О выборах в Республике Казахстан",
            title_en="On elections in the Republic of Kazakhstan",
            number="2464",
            date_adopted=datetime.date(1995, 9, 28),
        )
        constitution = make_instrument(
            jurisdiction=ru,
            kind="constitution",
            title_original="Конституция Российской Федерации",
            title_en="Constitution of the Russian Federation",
            date_adopted=datetime.date(1993, 12, 12),
        )
        code = make_instrument(
            jurisdiction=kz,
            kind="code",
            title_original="Кодекс Республики Казахстан об административных правонарушениях",
            title_en="Code of Administrative Offences of the Republic of Kazakhstan",
            number="235-V",
            date_adopted=datetime.date(2014, 7, 5),
        )
        guarantee = make_guarantee(name="Domestic observers")
        assessment = make_assessment(guarantee=guarantee, jurisdiction=kz, assessed_on=datetime.date(2026, 11, 20))
        url = "https://example.org/guarantees/domestic-observers/KZ/"
        self.assertEqual(
            provision_citations(make_provision(instrument=law, number="20-1")),
            {
                "en": "Constitutional Law (Kazakhstan) No 2464 of 28 September 1995 "
                "‘On elections in the Republic of Kazakhstan’, art 20-1.",
                "ru": "О выборах в Республике Казахстан : конституционный закон Республики Казахстан "
                "от 28.09.1995 № 2464. Ст. 20-1.",
            },
        )
        self.assertEqual(
            provision_citations(make_provision(instrument=constitution, number="32", paragraph="2")),
            {
                "en": "Constitution of the Russian Federation, art 32(2).",
                "ru": "Конституция Российской Федерации (1993). Ст. 32, п. 2.",
            },
        )
        self.assertEqual(
            provision_citations(make_provision(instrument=code, number="126")),
            {
                "en": "Code of Administrative Offences of the Republic of Kazakhstan No 235-V of 5 July 2014, art 126.",
                "ru": "Кодекс Республики Казахстан об административных правонарушениях от 05.07.2014 № 235-V. Ст. 126.",
            },
        )
        self.assertEqual(
            cell_citations(assessment, url, ACCESSED),
            {
                "en": "‘Domestic observers — Kazakhstan: provided’ (Electoral-Rights Guarantees: A Comparative "
                "Knowledge Base, assessed 20 November 2026) <https://example.org/guarantees/domestic-observers/KZ/> "
                "accessed 25 November 2026.",
                "ru": "Domestic observers — Казахстан : предусмотрена // Гарантии избирательных прав : "
                "сравнительная база знаний. URL: https://example.org/guarantees/domestic-observers/KZ/ "
                "(дата обращения: 25.11.2026).",
            },
        )
        self.assertEqual(
            guarantee_citations(guarantee, "https://example.org/g/", ACCESSED)["en"],
            "‘Domestic observers’ (Electoral-Rights Guarantees: A Comparative Knowledge Base) "
            "<https://example.org/g/> accessed 25 November 2026.",
        )


class SuggestionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.kz = make_jurisdiction(code="KZ")
        cls.guarantee = make_guarantee(slug="secret-ballot")

    def post(self, **fields):
        data = {"problem": "Wrong article.", "proposed_fix": "Art. 7, not 8.", "source": "Adilet", "jurisdiction": "KZ"}
        return self.client.post(reverse("guarantees:suggest", args=["secret-ballot"]), {**data, **fields})

    def test_whole_path_from_the_form_to_the_queue_and_acceptance(self):
        response = self.post(email="reader@example.org")
        self.assertRedirects(response, cell_url(self.guarantee, "KZ") + "?suggested=1", fetch_redirect_response=False)
        suggestion = Suggestion.objects.get()
        self.assertEqual(
            (suggestion.status, suggestion.jurisdiction, suggestion.email), ("new", self.kz, "reader@example.org")
        )
        self.assertNotIn("127.0.0.1", suggestion.client_hash)

        reviewer = make_user("reviewer")
        self.client.force_login(reviewer)
        change = reverse("admin:guarantees_suggestion_change", args=[suggestion.pk])
        self.assertContains(self.client.get(reverse("admin:guarantees_dashboard")), str(suggestion.guarantee))
        self.client.post(
            change,
            {"status": "accepted", "reviewer_note": "Fixed.", "led_to": "/admin/guarantees/assessment/1/history/"},
        )
        suggestion.refresh_from_db()
        self.assertEqual(
            (suggestion.status, suggestion.led_to, suggestion.reviewed_by),
            (SuggestionStatus.ACCEPTED, "/admin/guarantees/assessment/1/history/", reviewer),
        )

    def test_suggestion_changes_no_content(self):
        before = self.guarantee.summary
        self.post(proposed_fix="Replace the summary.")
        self.guarantee.refresh_from_db()
        self.assertEqual(self.guarantee.summary, before)

    def test_honeypot_filled_is_thanked_and_discarded(self):
        response = self.post(website="http://spam.example")
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Suggestion.objects.count(), 0)

    def test_rate_limit_per_client(self):
        for _ in range(5):
            self.assertEqual(self.post().status_code, 302)
        response = self.post()
        self.assertEqual(response.status_code, 429)
        self.assertEqual(Suggestion.objects.count(), 5)
        other = self.client.post(
            reverse("guarantees:suggest", args=["secret-ballot"]),
            {"problem": "x", "proposed_fix": "y"},
            REMOTE_ADDR="10.0.0.9",
        )
        self.assertEqual(other.status_code, 302)

    def test_oversized_or_missing_input_gets_form_errors(self):
        for fields, message in [
            ({"problem": "x" * 4001}, "at most 4000 characters"),
            ({"problem": ""}, "This field is required"),
            ({"email": "not-an-address"}, "valid email"),
        ]:
            with self.subTest(fields=list(fields)):
                response = self.post(**fields)
                self.assertContains(response, message, status_code=400)
        self.assertEqual(Suggestion.objects.count(), 0)

    def test_html_is_never_rendered(self):
        self.post(problem="<script>alert(1)</script>")
        self.client.force_login(make_user("reviewer"))
        response = self.client.get(reverse("admin:guarantees_suggestion_changelist"))
        self.assertNotContains(response, "<script>alert(1)</script>")
        self.assertContains(response, "&lt;script&gt;")

    def test_csrf_is_required(self):

        client = Client(enforce_csrf_checks=True)
        response = client.post(
            reverse("guarantees:suggest", args=["secret-ballot"]), {"problem": "x", "proposed_fix": "y"}
        )
        self.assertEqual(response.status_code, 403)

    def test_unknown_guarantee_or_jurisdiction(self):
        self.assertEqual(self.client.post(reverse("guarantees:suggest", args=["nope"]), {}).status_code, 404)
        self.assertEqual(self.post(jurisdiction="XX").status_code, 400)
        self.assertEqual(
            self.client.get(reverse("guarantees:suggest", args=["secret-ballot"]) + "?jurisdiction=XX").status_code, 400
        )
        self.assertEqual(self.client.put(reverse("guarantees:suggest", args=["secret-ballot"])).status_code, 405)


class AgreementTests(TestCase):
    def test_kappa_on_a_hand_checked_table(self):
        # 10 cells. Coder 1: 6 provided, 3 partial, 1 absent; coder 2 agrees on 5 provided, 2 partial, 1 absent.
        pairs = (
            [("provided", "provided")] * 5
            + [("provided", "partial")]
            + [("partial", "partial")] * 2
            + [("partial", "provided")]
            + [("absent", "absent")]
        )
        # observed = 8/10; expected = (6*6 + 3*3 + 1*1) / 100 = 0.46; kappa = (0.8 - 0.46) / 0.54
        self.assertAlmostEqual(cohen_kappa(pairs), 0.34 / 0.54)
        self.assertEqual(cohen_kappa([("provided", "provided")] * 3), None)
        self.assertEqual(cohen_kappa([]), None)
        self.assertAlmostEqual(cohen_kappa([("provided", "absent"), ("absent", "provided")]), -1.0)

    def test_methodology_reports_agreement_per_jurisdiction_from_the_data(self):
        kz = make_jurisdiction(code="KZ", name="Kazakhstan")
        statuses = [("provided", "provided"), ("partial", "partial"), ("absent", "provided"), ("provided", "provided")]
        for first, second in statuses:
            guarantee = make_guarantee()
            make_assessment(guarantee=guarantee, jurisdiction=kz, status=first)
            SecondCoding.objects.create(guarantee=guarantee, jurisdiction=kz, status=second, coded_on=ACCESSED)
        (agreement,) = agreement_by_jurisdiction(ACCESSED)
        self.assertEqual((agreement.double_coded, agreement.agreed, agreement.percent), (4, 3, 75.0))
        response = self.client.get(reverse("guarantees:methodology"))
        self.assertContains(response, "75.0%")
        self.assertContains(response, f"{agreement.kappa:.2f}")

    def test_disagreement_is_flagged_in_the_dashboard(self):
        kz = make_jurisdiction(code="KZ")
        guarantee = make_guarantee(name="Recount of votes")
        make_assessment(guarantee=guarantee, jurisdiction=kz, status="absent")
        SecondCoding.objects.create(guarantee=guarantee, jurisdiction=kz, status="partial", coded_on=ACCESSED)
        self.client.force_login(make_user("reviewer"))
        response = self.client.get(reverse("admin:guarantees_dashboard"))
        self.assertEqual([str(cell.guarantee) for cell in response.context["disagreements"]], ["Recount of votes"])


class FreshnessTests(TestCase):
    def test_newer_wording_marks_the_cell_for_recheck(self):
        kz = make_jurisdiction(code="KZ")
        instrument = make_instrument(jurisdiction=kz)
        old = make_provision(instrument=instrument, number="35", valid_to=datetime.date(2026, 6, 30))
        guarantee = make_guarantee()
        make_assessment(guarantee=guarantee, jurisdiction=kz, provisions=[old], assessed_on=datetime.date(2026, 1, 1))
        url = cell_url(guarantee, "KZ")
        self.assertFalse(self.client.get(url).context["needs_recheck"])

        make_provision(instrument=instrument, number="35", valid_from=datetime.date(2026, 7, 1))

        response = self.client.get(url)
        self.assertTrue(response.context["needs_recheck"])
        self.assertContains(response, "Needs re-check")
        compare = self.client.get(reverse("guarantees:compare") + "?as_of=2026-01-01")
        self.assertContains(compare, "needs re-check")
