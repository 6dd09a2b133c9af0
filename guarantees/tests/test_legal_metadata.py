"""schema.org Legislation / LegislationObject JSON-LD on the instrument page (where its articles are).

No schema.org vocabulary is in the local package index, and a JSON-LD processor would fetch the context from
the network; so the test parses the block as JSON and checks it by hand against schema.org: the context, the
types, each property one that schema.org defines for the type (lists below, from schema.org's Legislation,
LegislationObject and CreativeWork/Thing terms), and the enumeration members of LegalForceStatus and
LegalValueLevel.
"""

import datetime
import json
import re

from django.test import TestCase

from guarantees.choices import Verification

from .factories import make_instrument, make_jurisdiction, make_provision

THING = {"@id", "@type", "url", "name", "alternateName", "sameAs", "inLanguage", "expires", "workExample", "hasPart"}
LEGISLATION = THING | {
    "@context",
    "legislationIdentifier",
    "legislationJurisdiction",
    "legislationType",
    "legislationDate",
    "legislationDateVersion",
    "legislationLegalForce",
}
LEGISLATION_OBJECT = LEGISLATION | {"legislationLegalValue"}
LEGAL_FORCE = {"https://schema.org/InForce", "https://schema.org/NotInForce", "https://schema.org/PartiallyInForce"}
LEGAL_VALUE = {
    "https://schema.org/OfficialLegalValue",
    "https://schema.org/UnofficialLegalValue",
    "https://schema.org/AuthoritativeLegalValue",
    "https://schema.org/DefinitiveLegalValue",
}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def json_ld_of(html: str) -> dict:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1, len(blocks)
    return json.loads(blocks[0])


class LegalMetadataTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        kz = make_jurisdiction(code="KZ", name="Kazakhstan")
        cls.law = make_instrument(
            jurisdiction=kz,
            slug="kz-elections-law",
            short_title="CL No. 2464",
            short_title_original="Конституционный закон № 2464 «О выборах в Республике Казахстан»",
            title_original="О выборах в Республике Казахстан",
            number="2464",
            date_adopted=datetime.date(1995, 9, 28),
        )
        make_provision(
            instrument=cls.law,
            number="20-1",
            valid_to=datetime.date(2026, 7, 1),
            verification=Verification.SECONDARY,
            text_original="В качестве наблюдателей </script><script>alert(1)</script>",
        )
        make_provision(instrument=cls.law, number="20-1", valid_from=datetime.date(2026, 7, 1))

    def check(self, node: dict, allowed: set[str]):
        self.assertLessEqual(set(node), allowed, set(node) - allowed)
        for key in ("legislationDate", "legislationDateVersion", "expires"):
            if key in node:
                self.assertRegex(node[key], DATE)
        if "legislationLegalForce" in node:
            self.assertIn(node["legislationLegalForce"], LEGAL_FORCE)

    def test_the_instrument_page_carries_legislation_with_its_articles(self):
        response = self.client.get("/ru/instruments/kz-elections-law/")
        document = json_ld_of(response.content.decode())
        self.assertEqual(document["@context"], "https://schema.org")
        self.assertEqual(document["@type"], "Legislation")
        self.check(document, LEGISLATION)
        self.assertEqual(document["legislationIdentifier"], "2464")
        self.assertEqual(document["legislationJurisdiction"], "KZ")
        self.assertEqual(document["legislationDate"], "1995-09-28")
        self.assertEqual(document["legislationLegalForce"], "https://schema.org/InForce")
        parts = document["hasPart"]
        self.assertEqual(len(parts), 2)
        for part in parts:
            self.assertEqual(part["@type"], "Legislation")
            self.check(part, LEGISLATION)
            self.assertEqual(part["workExample"]["@type"], "LegislationObject")
            self.check(part["workExample"], LEGISLATION_OBJECT)
            self.assertIn(part["workExample"]["legislationLegalValue"], LEGAL_VALUE)
        forces = {part.get("expires"): part["legislationLegalForce"] for part in parts}
        self.assertEqual(forces, {"2026-07-01": "https://schema.org/NotInForce", None: "https://schema.org/InForce"})
        values = sorted(part["workExample"]["legislationLegalValue"] for part in parts)
        self.assertEqual(values, ["https://schema.org/OfficialLegalValue", "https://schema.org/UnofficialLegalValue"])
        self.assertEqual(parts[0]["name"], "ст. 20-1 Конституционного закона № 2464 «О выборах в Республике Казахстан»")

    def test_no_text_can_close_the_script_element(self):
        self.law.title_original = "</script><script>alert(1)</script>"
        self.law.save()
        html = self.client.get("/en/instruments/kz-elections-law/").content.decode()
        self.assertNotIn("<script>alert(1)", html)
        self.assertEqual(json_ld_of(html)["name"], "</script><script>alert(1)</script>")
