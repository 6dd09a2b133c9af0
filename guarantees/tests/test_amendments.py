import datetime
import shutil
import tempfile
from pathlib import Path

from django.contrib.auth.models import Group, User
from django.test import TestCase

from guarantees.amendments import load_amendments
from guarantees.content import DATA_DIR, ContentError
from guarantees.models import Amendment

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
