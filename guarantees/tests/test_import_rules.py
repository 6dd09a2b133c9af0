"""CSV import: the rules that span rows hold inside one file, a malformed file is refused whole, and whatever the
database still refuses when the rows are written becomes a line-numbered error with nothing written."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse

from guarantees.choices import PublicationStatus
from guarantees.importers import Importer
from guarantees.models import Assessment, Provision

from .factories import make_guarantee, make_instrument, make_jurisdiction, make_provision
from .test_curation import make_user

IMPORT = reverse("admin:guarantees_import")
PROVISIONS = "jurisdiction,instrument,article,verification,where_read,valid_from,valid_to\n"
ASSESSMENTS = "guarantee,jurisdiction,status,provisions,valid_from,valid_to\n"


def state() -> list:
    return [list(Provision.objects.order_by("pk").values()), list(Assessment.objects.order_by("pk").values())]


class ImportRuleTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.curator = make_user("curator")
        cls.kz = make_jurisdiction(code="KZ")
        cls.instrument = make_instrument(jurisdiction=cls.kz, slug="kz-elections-law")
        make_provision(instrument=cls.instrument, number="20-1")
        cls.guarantee = make_guarantee(slug="domestic-observers")

    def setUp(self):
        self.client.force_login(self.curator)

    def upload(self, kind: str, content: str):
        return self.client.post(
            IMPORT, {"kind": kind, "file": SimpleUploadedFile("data.csv", content.encode(), "text/csv"), "dry_run": ""}
        )

    def test_a_file_breaking_a_rule_between_its_rows_is_refused_with_the_lines_and_nothing_written(self):
        cases = {
            "two open-ended wordings of one article": (
                "provisions",
                PROVISIONS
                + "KZ,kz-elections-law,21,secondary,m,2020-01-01,\nKZ,kz-elections-law,21,secondary,m,2024-01-01,\n",
                "Line 3: Line 2 is an open-ended wording of the same article",
            ),
            "two current assessments of one guarantee in one jurisdiction": (
                "assessments",
                ASSESSMENTS + "domestic-observers,KZ,absent,,2020-01-01,\ndomestic-observers,KZ,absent,,2024-01-01,\n",
                "Line 3: Its validity overlaps the assessment on line 2",
            ),
            "overlapping assessment periods": (
                "assessments",
                ASSESSMENTS + "domestic-observers,KZ,absent,,2020-01-01,2022-12-31\n"
                "domestic-observers,KZ,absent,,2022-06-01,2023-12-31\n",
                "Line 3: Its validity overlaps the assessment on line 2",
            ),
            "a period inside an open one": (
                "assessments",
                ASSESSMENTS + "domestic-observers,KZ,absent,,,\ndomestic-observers,KZ,absent,,2022-06-01,2023-12-31\n",
                "Line 3: Its validity overlaps the assessment on line 2",
            ),
            "an unterminated quote": (
                "provisions",
                PROVISIONS + 'KZ,kz-elections-law,21,secondary,"m,2020-01-01,\nKZ,kz-elections-law,22,secondary,m,,\n',
                "Line 2: Malformed CSV: unexpected end of data",
            ),
            "a stray quote after a quoted cell": (
                "provisions",
                PROVISIONS + 'KZ,kz-elections-law,21,secondary,"m"x,,\n',
                "Malformed CSV",
            ),
            "a column named twice": (
                "provisions",
                PROVISIONS.strip() + ",where_read\nKZ,kz-elections-law,21,secondary,m,,,other\n",
                "Line 1: Columns named twice: where_read",
            ),
        }
        before = state()
        for name, (kind, content, message) in cases.items():
            with self.subTest(case=name):
                response = self.upload(kind, content)
                self.assertContains(response, message, status_code=400)
                self.assertContains(response, "nothing was written", status_code=400)
                self.assertEqual(state(), before)

    def test_an_assessment_overlapping_a_stored_one_is_refused_by_the_models_rule(self):
        Assessment.objects.create(
            guarantee=self.guarantee,
            jurisdiction=self.kz,
            status="absent",
            assessed_on=datetime.date(2026, 1, 1),
            valid_from=datetime.date(2020, 1, 1),
            valid_to=datetime.date(2022, 12, 31),
        )
        response = self.upload("assessments", ASSESSMENTS + "domestic-observers,KZ,absent,,2022-01-01,\n")
        self.assertContains(response, "Line 2: Its validity overlaps another assessment", status_code=400)

    def test_consecutive_periods_and_successive_wordings_are_imported(self):
        response = self.upload(
            "assessments",
            ASSESSMENTS
            + "domestic-observers,KZ,absent,,2020-01-01,2022-12-31\ndomestic-observers,KZ,absent,,2023-01-01,\n",
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(Assessment.objects.count(), 2)
        response = self.upload(
            "provisions",
            PROVISIONS + "KZ,kz-elections-law,21,secondary,m,2020-01-01,2023-12-31\n"
            'KZ,kz-elections-law,21,secondary,"read, with a comma",2024-01-01,\n',
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(Provision.objects.filter(number="21").count(), 2)


class ApplyTimeRefusalTests(TestCase):
    """A row that passed every check can still be refused when written: another curator may have saved a
    conflicting entry in between. The refusal is reported on the row's line and undoes the whole import."""

    @classmethod
    def setUpTestData(cls):
        cls.curator = make_user("curator")
        cls.instrument = make_instrument(jurisdiction=make_jurisdiction(code="KZ"), slug="kz-elections-law")

    def test_a_constraint_violation_when_writing_becomes_a_line_numbered_error_and_nothing_is_written(self):
        instrument = self.instrument

        class RacingImporter(Importer):
            """Plans the file, then lets a concurrent save of an open-ended article 22 land before the write."""

            def apply(self, report):
                make_provision(instrument=instrument, number="22", publication_status=PublicationStatus.DRAFT)
                super().apply(report)

        before = Provision.objects.count()
        content = PROVISIONS + "KZ,kz-elections-law,21,secondary,m,,\nKZ,kz-elections-law,22,secondary,m,2024-01-01,\n"
        report = RacingImporter("provisions", self.curator).run(content.encode(), dry_run=False)

        self.assertFalse(report.applied)
        self.assertEqual(len(report.errors), 1)
        line, message = report.errors[0]
        self.assertEqual(line, 3)
        self.assertIn("The database refused", message)
        self.assertEqual(Provision.objects.count(), before + 1)  # the concurrent save only
        self.assertFalse(Provision.objects.filter(number="21").exists())
