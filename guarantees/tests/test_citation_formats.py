"""Citations for reference managers: CSL-JSON, BibTeX and RIS of a guarantee, a cell and an article.

The CSL-JSON is validated with jsonschema against the CSL-data schema's rules for what we write. No copy of the
schema is in the local package index, so CSL_DATA below restates by hand, from the CSL schema's
`schemas/input/csl-data.json` (as read in the citation-style-language/schema repository): an array of objects,
`type` (one of the CSL types, `legislation` and `webpage` among them) and `id` required, no property outside the
schema's list, strings where it says string, "string or number" for `number` and `locator`, and dates as
`date-parts` (1 or 2 arrays of 1 to 3 parts).
"""

import datetime
import json

import jsonschema
from django.test import TestCase
from django.urls import reverse

from guarantees.citations import bibtex, csl_provision, ris

from .factories import make_assessment, make_guarantee, make_instrument, make_jurisdiction, make_provision

DATE = {
    "type": "object",
    "properties": {
        "date-parts": {
            "type": "array",
            "items": {"type": "array", "items": {"type": ["string", "number"]}, "minItems": 1, "maxItems": 3},
            "minItems": 1,
            "maxItems": 2,
        },
        "literal": {"type": "string"},
        "raw": {"type": "string"},
    },
    "additionalProperties": False,
}
STRING = {"type": "string"}
STRING_OR_NUMBER = {"type": ["string", "number"]}
CSL_TYPES = [
    "article",
    "bill",
    "book",
    "chapter",
    "dataset",
    "entry",
    "legal_case",
    "legislation",
    "regulation",
    "report",
    "treaty",
    "webpage",
]  # fmt: skip  (a part of the schema's list: all this project writes)
CSL_DATA = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {
            "type": {"type": "string", "enum": CSL_TYPES},
            "id": STRING_OR_NUMBER,
            "title": STRING,
            "title-short": STRING,
            "translated-title": STRING,
            "container-title": STRING,
            "language": STRING,
            "jurisdiction": STRING,
            "authority": STRING,
            "section": STRING,
            "version": STRING,
            "URL": STRING,
            "number": STRING_OR_NUMBER,
            "locator": STRING_OR_NUMBER,
            "issued": DATE,
            "accessed": DATE,
        },
        "required": ["type", "id"],
        "additionalProperties": False,
    },
}


class CitationFormatTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.kz = make_jurisdiction(code="KZ", name="Kazakhstan")
        cls.law = make_instrument(
            jurisdiction=cls.kz,
            slug="kz-elections-law",
            short_title="CL No. 2464",
            short_title_original="Конституционный закон № 2464 «О выборах в Республике Казахстан»",
            title_original="О выборах в Республике Казахстан",
            title_en="On elections in the Republic of Kazakhstan",
            number="2464",
            date_adopted=datetime.date(1995, 9, 28),
        )
        cls.article = make_provision(instrument=cls.law, number="20-1")
        cls.guarantee = make_guarantee(name="Domestic observers", slug="domestic-observers")
        cls.assessment = make_assessment(guarantee=cls.guarantee, jurisdiction=cls.kz, provisions=[cls.article])

    def urls(self, fmt):
        return {
            "guarantee": reverse("guarantees:cite-guarantee", args=[self.guarantee.slug, fmt]),
            "cell": reverse("guarantees:cite-cell", args=[self.guarantee.slug, "KZ", fmt]),
            "article": reverse("guarantees:cite-provision", args=[self.law.slug, self.article.pk, fmt]),
        }

    def test_csl_json_of_each_entry_validates_against_the_csl_data_schema(self):
        for kind, url in self.urls("csl.json").items():
            with self.subTest(kind=kind):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                self.assertTrue(response["Content-Type"].startswith("application/vnd.citationstyles.csl+json"))
                items = json.loads(response.content)
                jsonschema.validate(items, CSL_DATA)
                self.assertEqual(len(items), 1)

    def test_an_article_is_legislation_with_the_article_as_locator(self):
        item = csl_provision(self.article, "https://example.org/")
        self.assertEqual(item["type"], "legislation")
        self.assertEqual(item["locator"], "20-1")
        self.assertEqual(item["number"], "2464")
        self.assertEqual(item["issued"], {"date-parts": [[1995, 9, 28]]})
        self.assertEqual(item["title"], "О выборах в Республике Казахстан")

    def test_the_schema_check_refuses_what_the_schema_refuses(self):
        item = csl_provision(self.article, "https://example.org/")
        for broken in ({**item, "type": "statute"}, {**item, "article": "20-1"}, {"type": "legislation"}):
            with self.subTest(broken=broken), self.assertRaises(jsonschema.ValidationError):
                jsonschema.validate([broken], CSL_DATA)

    def test_bibtex_and_ris_carry_the_same_entry(self):
        item = csl_provision(self.article, "https://example.org/")
        entry = bibtex(item)
        self.assertTrue(entry.startswith("@misc{kz_elections_law_art_20_1,"))
        self.assertIn("number = {2464}", entry)
        self.assertIn("note = {Ст. 20-1}", entry)
        self.assertEqual(entry.count("{"), entry.count("}"))
        record = ris(item).split("\r\n")
        self.assertEqual(record[0], "TY  - STAT")
        self.assertIn("SE  - Ст. 20-1", record)
        self.assertIn("DA  - 1995/09/28/", record)
        self.assertEqual(record[-2], "ER  - ")
        for kind, url in self.urls("ris").items():
            with self.subTest(kind=kind):
                self.assertTrue(self.client.get(url).content.decode().startswith("TY  - "))
        for kind, url in self.urls("bib").items():
            with self.subTest(kind=kind):
                self.assertTrue(self.client.get(url).content.decode().startswith("@misc{"))

    def test_an_unknown_format_is_not_found(self):
        self.assertEqual(self.client.get(self.urls("docx")["article"]).status_code, 404)

    def test_the_pages_link_the_three_formats_beside_the_two_styles(self):
        for page in (self.guarantee.get_absolute_url(), reverse("guarantees:cell", args=[self.guarantee.slug, "KZ"])):
            with self.subTest(page=page):
                response = self.client.get(page)
                for fmt in ("csl.json", "bib", "ris"):
                    self.assertContains(response, f"/cite.{fmt}")
