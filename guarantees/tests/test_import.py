"""CSV import through the admin: dry run, all-or-nothing, and every way a file can be wrong."""

from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse

from guarantees.choices import PublicationStatus
from guarantees.importers import FORMATS, template_csv
from guarantees.models import Assessment, Provision

from .factories import make_guarantee, make_instrument, make_jurisdiction, make_provision
from .test_curation import make_user

IMPORT = reverse("admin:guarantees_import")
PROVISIONS_HEADER = "jurisdiction,instrument,article,verification,where_read,heading_original\n"


def state() -> list:
    return [list(Provision.objects.order_by("pk").values()), list(Assessment.objects.order_by("pk").values())]


class ImportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.curator = make_user("curator")
        cls.kz = make_jurisdiction(code="KZ")
        cls.instrument = make_instrument(jurisdiction=cls.kz, slug="kz-elections-law", short_title="CL 2464")
        cls.published = make_provision(instrument=cls.instrument, number="20-1", heading_original="Old heading")
        cls.guarantee = make_guarantee(slug="domestic-observers")

    def setUp(self):
        self.client.force_login(self.curator)

    def upload(self, kind: str, content: bytes | str, dry_run: bool = False):
        data = content.encode() if isinstance(content, str) else content
        return self.client.post(
            IMPORT,
            {
                "kind": kind,
                "file": SimpleUploadedFile("data.csv", data, "text/csv"),
                "dry_run": "on" if dry_run else "",
            },
        )

    def test_dry_run_reports_and_writes_nothing(self):
        before = state()
        response = self.upload(
            "provisions",
            PROVISIONS_HEADER + "KZ,kz-elections-law,21,secondary,mirror@abc,Избирательные округа\n"
            "KZ,kz-elections-law,20-1,secondary,mirror@abc,New heading\n",
            dry_run=True,
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            [(p.line, p.action) for p in response.context["report"].planned], [(2, "create"), (3, "propose")]
        )
        self.assertEqual(state(), before)

    def test_real_run_creates_drafts_and_proposes_changes_to_published_entries(self):
        response = self.upload(
            "provisions",
            PROVISIONS_HEADER + "KZ,kz-elections-law,21,secondary,mirror@abc,Избирательные округа\n"
            "KZ,kz-elections-law,20-1,secondary,mirror@abc,New heading\n",
        )
        self.assertTrue(response.context["report"].applied)
        created = Provision.objects.get(number="21")
        self.assertEqual(
            (created.publication_status, created.heading_original), (PublicationStatus.DRAFT, "Избирательные округа")
        )
        self.published.refresh_from_db()
        self.assertEqual(self.published.heading_original, "Old heading")
        self.assertEqual(self.published.pending["heading_original"], "New heading")

    def test_assessments_import_with_their_provisions(self):
        response = self.upload(
            "assessments",
            "guarantee,jurisdiction,status,provisions,commentary\n"
            "domestic-observers,KZ,provided,kz-elections-law:20-1,Observers admitted.\n",
        )
        self.assertTrue(response.context["report"].applied)
        assessment = Assessment.objects.get()
        self.assertEqual([p.number for p in assessment.provisions.all()], ["20-1"])
        self.assertEqual(assessment.publication_status, PublicationStatus.DRAFT)

    def test_every_failure_mode_leaves_the_database_unchanged(self):
        good = "KZ,kz-elections-law,22,secondary,mirror@abc,Good row\n"
        cases = {
            "wrong encoding": (
                "provisions",
                (PROVISIONS_HEADER + good + "KZ,kz-elections-law,23,secondary,м,x\n").encode("cp1251"),
                "not UTF-8",
            ),
            "missing column": (
                "provisions",
                "jurisdiction,instrument,article\nKZ,kz-elections-law,22\n",
                "Missing required columns: verification, where_read",
            ),
            "unknown column": (
                "provisions",
                PROVISIONS_HEADER.strip() + ",colour\n" + good.strip() + ",red\n",
                "Unknown columns: colour",
            ),
            "unknown jurisdiction": (
                "provisions",
                PROVISIONS_HEADER + good + "XX,kz-elections-law,23,secondary,m,x\n",
                "Line 3: Unknown jurisdiction “XX”",
            ),
            "bad article number": (
                "provisions",
                PROVISIONS_HEADER + good + "KZ,kz-elections-law,ст. 23,secondary,m,x\n",
                "Line 3: article “ст. 23”: Write the number only",
            ),
            "bad verification": (
                "provisions",
                PROVISIONS_HEADER + good + "KZ,kz-elections-law,23,maybe,m,x\n",
                "Line 3: verification must be one of",
            ),
            "no where_read": (
                "provisions",
                PROVISIONS_HEADER + good + "KZ,kz-elections-law,23,secondary,,x\n",
                "Line 3: where_read is required",
            ),
            "duplicate row": (
                "provisions",
                PROVISIONS_HEADER + good + good,
                "Line 3: The same entry is already on line 2",
            ),
            "empty file": ("provisions", PROVISIONS_HEADER, "no rows"),
            "ragged row": (
                "provisions",
                PROVISIONS_HEADER + good + "KZ,kz-elections-law,23,secondary,m,x,extra\n",
                "more cells than the header",
            ),
            "unknown provision": (
                "assessments",
                "guarantee,jurisdiction,status,provisions\ndomestic-observers,KZ,provided,kz-elections-law:99\n",
                "does not exist",
            ),
            "provided without provision": (
                "assessments",
                "guarantee,jurisdiction,status,provisions\ndomestic-observers,KZ,partial,\n",
                "must cite a provision of its own jurisdiction",
            ),
            "bad date": (
                "assessments",
                "guarantee,jurisdiction,status,provisions,valid_from\ndomestic-observers,KZ,absent,,2026-02-30\n",
                "valid_from must be a date",
            ),
            "dates out of order": (
                "assessments",
                "guarantee,jurisdiction,status,provisions,valid_from,valid_to\ndomestic-observers,KZ,absent,,2026-07-01,2026-01-01\n",
                "must not be earlier",
            ),
        }
        before = state()
        for name, (kind, content, message) in cases.items():
            with self.subTest(case=name):
                response = self.upload(kind, content)
                self.assertEqual(response.status_code, 400)
                self.assertContains(response, message, status_code=400)
                self.assertContains(response, "nothing was written", status_code=400)
                self.assertEqual(state(), before)

    def test_templates_download_with_the_documented_columns(self):
        for kind, fmt in FORMATS.items():
            with self.subTest(kind=kind):
                response = self.client.get(reverse("admin:guarantees_import_template", args=[kind]))
                self.assertEqual(response.content.decode().splitlines()[0], ",".join(fmt.columns))
                self.assertEqual(len(template_csv(kind).splitlines()[1].split(",")), len(fmt.columns))

    def test_import_needs_the_right_to_add(self):
        bystander = User.objects.create_user("bystander", is_staff=True)
        self.client.force_login(bystander)
        self.assertEqual(self.client.get(IMPORT).status_code, 403)
        self.client.logout()
        self.assertEqual(self.client.get(IMPORT).status_code, 302)
