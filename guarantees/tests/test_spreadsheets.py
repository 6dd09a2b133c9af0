"""No CSV we produce can start a formula in a spreadsheet, whatever the names curators typed (OWASP)."""

import csv
import io
import zipfile

from django.test import TestCase
from django.urls import reverse

from guarantees.importers import template_csv
from guarantees.spreadsheets import FORMULA_START, neutralised

from .factories import make_assessment, make_category, make_guarantee, make_instrument, make_provision

HOSTILE = ['=HYPERLINK("https://example.org","x")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", "\tTAB", "\rCR"]


def cells_of(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]


class SafeSpreadsheetTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        for number, name in enumerate(HOSTILE):
            category = make_category(name=f"{name} category {number}", slug=f"hostile-{number}")
            guarantee = make_guarantee(name=name, slug=f"hostile-guarantee-{number}", category=category)
            instrument = make_instrument(short_title=name, slug=f"hostile-law-{number}")
            make_assessment(guarantee=guarantee, provisions=[make_provision(instrument=instrument)], commentary=name)

    def assert_no_formula(self, cells: list[str], where: str):
        starting = [cell for cell in cells if cell.startswith(FORMULA_START)]
        self.assertEqual(starting, [], where)

    def test_the_compare_csv(self):
        response = self.client.get(reverse("guarantees:compare"), {"format": "csv"})
        cells = cells_of(b"".join(response.streaming_content).decode())
        self.assert_no_formula(cells, "compare CSV")
        for name in HOSTILE:
            self.assertIn("'" + name.replace("\r", "\n"), cells)

    def test_every_csv_of_the_download(self):
        archive = zipfile.ZipFile(io.BytesIO(self.client.get(reverse("guarantees:download-csv")).content))
        for name in archive.namelist():
            if name.endswith(".csv"):
                with self.subTest(file=name):
                    self.assert_no_formula(cells_of(archive.read(name).decode()), name)

    def test_the_import_templates(self):
        for kind in ["provisions", "assessments"]:
            self.assert_no_formula(cells_of(template_csv(kind)), kind)

    def test_plain_values_are_left_alone(self):
        self.assertEqual(
            [neutralised(v) for v in ["art. 20-1", "2026-07-01", 5, None]], ["art. 20-1", "2026-07-01", 5, None]
        )
