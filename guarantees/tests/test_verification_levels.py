"""The four evidence levels: each is shown to readers distinctly; a consolidated text carries its edition."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import TestCase
from django.urls import reverse

from guarantees.choices import Verification
from guarantees.models import Provision

from .factories import make_assessment, make_instrument, make_provision


class VerificationLevelTests(TestCase):
    def cell_page(self, **provision):
        assessment = make_assessment(provisions=[make_provision(**provision)])
        return self.client.get(reverse("guarantees:cell", args=[assessment.guarantee.slug, "KZ"]))

    def test_each_level_has_its_own_badge(self):
        badges = {
            Verification.OFFICIAL: "official text",
            Verification.CONSOLIDATED: "consolidated text, ed. ",
            Verification.SECONDARY: "unverified copy",
            Verification.UNCHECKED: "unchecked",
        }
        for level, badge in badges.items():
            with self.subTest(level=level):
                edition = datetime.date(2024, 5, 15) if level == Verification.CONSOLIDATED else None
                response = self.cell_page(verification=level, edition_date=edition)
                self.assertContains(response, badge)
                self.assertContains(response, Verification(level).label)

    def test_a_consolidated_text_states_its_edition_date(self):
        response = self.cell_page(verification=Verification.CONSOLIDATED, edition_date=datetime.date(2024, 5, 15))
        self.assertContains(response, "consolidated text, ed. 15 May 2024")
        provision = Provision(
            instrument=make_instrument(), number="77", verification=Verification.CONSOLIDATED, where_read="a copy"
        )
        with self.assertRaises(ValidationError):
            provision.full_clean()
        with self.assertRaises(IntegrityError), transaction.atomic():
            provision.save()

    def test_the_methodology_page_explains_the_four_levels(self):
        response = self.client.get(reverse("guarantees:methodology"))
        for term in [
            "Official publication",
            "Consolidated text, with its edition",
            "Translation or other",
            "Unchecked",
        ]:
            self.assertContains(response, term)

    def test_the_api_filters_and_carries_the_level(self):
        make_provision(number="5", verification=Verification.CONSOLIDATED, edition_date=datetime.date(2024, 5, 15))
        make_provision(number="6", verification=Verification.SECONDARY)
        response = self.client.get("/api/provisions/", {"verification": "consolidated"})
        self.assertEqual(response.status_code, 200)
        (row,) = response.json()["results"]
        self.assertEqual((row["number"], row["verification"], row["edition_date"]), ("5", "consolidated", "2024-05-15"))


class ConsolidatedInTheAdminTests(TestCase):
    def test_choosing_consolidated_without_an_edition_date_is_a_form_error(self):
        from django.contrib.auth.models import User

        provision = make_provision(verification=Verification.SECONDARY)
        admin = User.objects.create_superuser("admin", "admin@example.org", "pw")
        self.client.force_login(admin)
        url = reverse("admin:guarantees_instrument_change", args=[provision.instrument.pk])
        page = self.client.get(url)
        self.assertContains(page, 'name="provisions-0-edition_date"')
        response = self.client.post(url, self.instrument_form(provision, verification="consolidated"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "A consolidated text is cited with the date of its edition.")

    @staticmethod
    def instrument_form(provision, **changes) -> dict:
        instrument = provision.instrument
        row = {
            "id": provision.pk,
            "instrument": instrument.pk,
            "number": provision.number,
            "paragraph": "",
            "heading_original": provision.heading_original,
            "verification": provision.verification,
            "edition_date": "",
            "valid_from": "",
            "valid_to": "",
            "version_seen": provision.version,
            **changes,
        }
        return {
            "slug": instrument.slug,
            "jurisdiction": instrument.jurisdiction_id,
            "kind": instrument.kind,
            "short_title": instrument.short_title,
            "title_original": instrument.title_original,
            "title_en": instrument.title_en,
            "status": instrument.status,
            "language": instrument.language,
            "official_url": instrument.official_url,
            "provisions-TOTAL_FORMS": 1,
            "provisions-INITIAL_FORMS": 1,
            **{f"provisions-0-{name}": value for name, value in row.items()},
        }


class LevelsInEveryLanguageTests(TestCase):
    def test_the_levels_are_explained_in_russian_and_kazakh(self):
        for language, term in [("ru", "Консолидированный текст с указанием редакции"), ("kk", "Ресми жарияланым")]:
            with self.subTest(language=language):
                response = self.client.get(f"/{language}/methodology/")
                self.assertContains(response, term)
                self.assertNotContains(response, "Consolidated text, with its edition")
