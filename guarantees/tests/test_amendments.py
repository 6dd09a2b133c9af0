import datetime
import shutil
import tempfile
from pathlib import Path

from django.contrib.auth.models import Group, User
from django.test import TestCase

from guarantees.amendments import load_amendments
from guarantees.content import DATA_DIR, ContentError
from guarantees.models import Amendment, Assessment

from .curated import load_curated
from .factories import make_assessment, make_instrument, make_jurisdiction, make_provision

DAY = datetime.date(2026, 7, 1)

ROWS = """amendments:
- key: kz-226347
  number: 305-VIII
  title: Конституционный закон РК № 305-VIII
  in_force_on: '2026-07-01'
  link: https://zan.gov.kz/client/#!/doc/226347/rus
  where_read: kz-versions.tsv (version of 2026-07-01)
"""


class LoaderTests(TestCase):
    def setUp(self):
        self.data_dir = Path(self.enterContext(tempfile.TemporaryDirectory()))
        (self.data_dir / "amendments").mkdir()
        self.kz = make_jurisdiction(code="KZ")
        law = make_instrument(jurisdiction=self.kz, slug="kz-elections-law")
        other = make_instrument(jurisdiction=self.kz, slug="kz-constitution-2026")
        self.brought = make_provision(instrument=law, valid_from=DAY)
        self.earlier = make_provision(instrument=law, number="90")
        self.constitution = make_provision(instrument=other, valid_from=DAY)
        self.opened = make_assessment(jurisdiction=self.kz, valid_from=DAY)
        self.opened.provisions.set([self.brought])
        self.by_constitution = make_assessment(jurisdiction=self.kz, valid_from=DAY)
        self.by_constitution.provisions.set([self.constitution])

    def write(self, text):
        (self.data_dir / "amendments" / "kz.yaml").write_text(text, encoding="utf-8")

    def test_links_only_what_the_register_says_the_act_brought(self):
        self.write(ROWS)
        load_amendments(self.data_dir)
        amendment = Amendment.objects.get(key="kz-226347")
        self.assertEqual(list(amendment.provisions.all()), [self.brought])
        self.assertEqual(list(amendment.assessments.all()), [self.opened])
        self.assertEqual(amendment.in_force_on, DAY)

    def test_loading_twice_changes_nothing(self):
        self.write(ROWS)
        load_amendments(self.data_dir)
        report = load_amendments(self.data_dir)
        self.assertEqual(Amendment.objects.count(), 1)
        self.assertEqual(report.provisions, 1)

    def test_a_row_without_where_it_was_read_loads_nothing(self):
        self.write(ROWS + "- key: kz-x\n  title: No source\n")
        with self.assertRaisesMessage(ContentError, "where_read"):
            load_amendments(self.data_dir)
        self.assertFalse(Amendment.objects.exists())

    def test_the_shipped_registers_load_and_every_act_says_where_it_was_read(self):
        make_jurisdiction(code="RU")
        make_jurisdiction(code="KG")
        shutil.copytree(DATA_DIR / "amendments", self.data_dir / "amendments", dirs_exist_ok=True)
        report = load_amendments(self.data_dir)
        self.assertGreater(report.amendments, 30)
        self.assertFalse(Amendment.objects.filter(where_read="").exists())


class ShippedLinkTests(TestCase):
    """KG and RU acts are linked by their day (in force, else adopted) and the instrument they amend."""

    @classmethod
    def setUpTestData(cls):
        load_curated()
        load_amendments()

    def kg_act(self, number):
        return Amendment.objects.get(jurisdiction__code="KG", number=number)

    def test_kg_periods_opened_and_closed_by_cl_103_113_and_66_are_linked_to_those_acts(self):
        cases = [
            ("103", datetime.date(2021, 8, 27), "kg-elections-law"),  # in force 27 Aug 2021
            ("113", datetime.date(2025, 6, 9), "kg-elections-law"),  # entry into force not read: its date
            ("66", datetime.date(2026, 6, 1), "kg-cec-law"),  # amends the law on the CEC, not CL 68
        ]
        for number, day, instrument in cases:
            with self.subTest(act=number):
                act = self.kg_act(number)
                kg = Assessment.objects.filter(jurisdiction__code="KG", provisions__instrument__slug=instrument)
                opened = set(kg.filter(valid_from=day).distinct())
                closed = set(kg.filter(valid_to=day - datetime.timedelta(days=1)).distinct())
                self.assertTrue(opened, "the shipped data has KG periods opening on the act's day")
                self.assertEqual(set(act.assessments.all()), opened | closed)
                self.assertTrue(all(p.instrument.slug == instrument for p in act.provisions.all()))
                self.assertTrue(all(p.valid_from == day for p in act.provisions.all()))
        self.assertIn(
            "nomination-of-candidates",
            set(self.kg_act("113").assessments.values_list("guarantee__slug", flat=True)),
        )

    def test_an_act_is_tied_only_to_the_instrument_it_amends(self):
        # CL No. 66 amends the CEC law: the periods of 1 June 2026 that cite only CL 68 are not its.
        for assessment in self.kg_act("66").assessments.all():
            self.assertIn("kg-cec-law", set(assessment.provisions.values_list("instrument__slug", flat=True)))
        # The 2021 Constitution opened the periods citing it on 5 May 2021; the Court's interpretation amends nothing.
        constitution = Amendment.objects.get(key="kg-8")
        self.assertTrue(constitution.assessments.exists())
        for assessment in constitution.assessments.all():
            self.assertEqual(assessment.valid_from, datetime.date(2021, 5, 5))
        self.assertFalse(Amendment.objects.get(key="kg-17").assessments.exists())

    def test_ru_acts_with_a_date_link_the_periods_of_the_laws_their_register_row_names(self):
        for act in Amendment.objects.filter(jurisdiction__code="RU", in_force_on__isnull=False):
            for assessment in act.assessments.all():
                with self.subTest(act=act.key, assessment=assessment.pk):
                    ends = assessment.valid_to and assessment.valid_to + datetime.timedelta(days=1)
                    self.assertIn(act.in_force_on, (assessment.valid_from, ends))
        linked = Amendment.objects.filter(jurisdiction__code="RU", assessments__isnull=False).distinct()
        self.assertTrue(linked.exists(), "some RU period opens on the day of an act in the register")


class AdminTests(TestCase):
    def user(self, group):
        user = User.objects.create_user(group, password="x", is_staff=True)
        user.groups.add(Group.objects.get(name=group))
        self.client.force_login(user)

    def test_a_reviewer_edits_amending_acts_and_a_curator_only_reads_them(self):
        self.user("reviewer")
        self.assertEqual(self.client.get("/admin/guarantees/amendment/add/").status_code, 200)
        self.client.logout()
        self.user("curator")
        self.assertEqual(self.client.get("/admin/guarantees/amendment/").status_code, 200)
        self.assertEqual(self.client.get("/admin/guarantees/amendment/add/").status_code, 403)
