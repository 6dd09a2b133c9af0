"""import_dataset against crafted directories: each is refused with one clear message and the database unchanged.

Each directory starts as a real `export_dataset` of a small database, then one file is changed.
"""

import json
import shutil
import tempfile
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase

from guarantees.dataset import TABLES, export_dataset
from guarantees.models import Category, Guarantee

from .factories import make_assessment, make_guarantee


def empty_the_database() -> None:
    for model in reversed(TABLES):
        while model.objects.exists():  # categories protect their children: leaves first
            leaves = model.objects.filter(children__isnull=True) if model is Category else model.objects.all()
            leaves.delete()
    get_user_model().objects.all().delete()


def rows(directory: Path, name: str) -> list:
    return json.loads((directory / name).read_text(encoding="utf-8"))


def write_rows(directory: Path, name: str, records) -> None:
    (directory / name).write_text(json.dumps(records, indent=1), encoding="utf-8")


class CraftedDatasetTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        reviewer = get_user_model().objects.create_user("reviewer", email="r@example.org", password="secret")
        guarantee = make_guarantee(slug="secret-ballot", reviewed_by=reviewer)
        make_assessment(guarantee=guarantee)
        cls.exported = Path(tempfile.mkdtemp(prefix="dataset-exported-"))
        export_dataset(cls.exported)
        empty_the_database()

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.exported, ignore_errors=True)
        super().tearDownClass()

    def crafted(self) -> Path:
        directory = Path(tempfile.mkdtemp(prefix="dataset-crafted-"))
        self.addCleanup(shutil.rmtree, directory, True)
        shutil.copytree(self.exported, directory, dirs_exist_ok=True)
        return directory

    def assert_refused(self, directory: Path, message: str) -> None:
        groups = list(Group.objects.values_list("name", "permissions"))
        with self.assertRaisesMessage(CommandError, message) as raised:
            call_command("import_dataset", str(directory))
        self.assertTrue(str(raised.exception).startswith("Nothing was imported: "))
        self.assertFalse(get_user_model().objects.exists())
        self.assertEqual([model for model in TABLES if model.objects.exists()], [])
        self.assertEqual(list(Group.objects.values_list("name", "permissions")), groups)

    def test_the_export_itself_imports_with_accounts_as_names_only(self):
        call_command("import_dataset", str(self.crafted()))
        reviewer = get_user_model().objects.get(username="reviewer")
        self.assertEqual((reviewer.is_staff, reviewer.is_superuser, reviewer.groups.count()), (False, False, 0))
        self.assertEqual(reviewer.user_permissions.count(), 0)
        self.assertEqual(Guarantee.objects.get().reviewed_by, reviewer)

    def test_an_account_cannot_be_given_power_by_the_file(self):
        cases = {
            "is_superuser": ({"is_superuser": True}, "fields the export does not write: is_superuser"),
            "is_staff": ({"is_staff": True}, "a staff account is not restored from a file"),
            "user_permissions": ({"user_permissions": [1, 2]}, "fields the export does not write: user_permissions"),
            "groups": ({"groups": [1]}, "fields the export does not write: groups"),
            "password": ({"password": "md5$x$y"}, "fields the export does not write: password"),
        }
        for name, (fields, message) in cases.items():
            with self.subTest(field=name):
                directory = self.crafted()
                users = rows(directory, "auth.user.json")
                users[0]["fields"].update(fields)
                write_rows(directory, "auth.user.json", users)
                self.assert_refused(directory, message)

    def test_each_file_holds_only_its_own_model_and_the_exported_fields(self):
        def user_in_the_jurisdictions_file(directory):
            superuser = {"model": "auth.user", "pk": 99, "fields": {"username": "x", "is_superuser": True}}
            write_rows(directory, "guarantees.jurisdiction.json", [superuser])

        def unknown_field(directory):
            guarantees = rows(directory, "guarantees.guarantee.json")
            guarantees[0]["fields"]["owner"] = 1
            write_rows(directory, "guarantees.guarantee.json", guarantees)

        def extra_key(directory):
            guarantees = rows(directory, "guarantees.guarantee.json")
            guarantees[0]["natural_key"] = ["x"]
            write_rows(directory, "guarantees.guarantee.json", guarantees)

        def text_pk(directory):
            guarantees = rows(directory, "guarantees.guarantee.json")
            guarantees[0]["pk"] = "1; DROP TABLE x"
            write_rows(directory, "guarantees.guarantee.json", guarantees)

        def duplicated_row(directory):
            guarantees = rows(directory, "guarantees.guarantee.json")
            write_rows(directory, "guarantees.guarantee.json", guarantees * 2)
            manifest = json.loads((directory / "manifest.json").read_text())
            manifest["tables"]["guarantees.guarantee"] = 2
            (directory / "manifest.json").write_text(json.dumps(manifest))

        cases = [
            (user_in_the_jurisdictions_file, "a row of 'auth.user' in the file of guarantees.jurisdiction"),
            (unknown_field, "fields the export does not write: owner"),
            (extra_key, "a row is an object with model, pk and fields only"),
            (text_pk, "is not a new positive whole number"),
            (duplicated_row, "is not a new positive whole number"),
        ]
        for craft, message in cases:
            with self.subTest(craft=craft.__name__):
                directory = self.crafted()
                craft(directory)
                self.assert_refused(directory, message)

    def test_broken_files_and_broken_references_end_in_one_message(self):
        def not_json(directory):
            (directory / "guarantees.assessment.json").write_text("[{", encoding="utf-8")

        def not_a_list(directory):
            write_rows(directory, "guarantees.assessment.json", {"model": "guarantees.assessment"})

        def not_utf8(directory):
            (directory / "guarantees.guarantee.json").write_bytes(b"\xff\xfe[]")

        def manifest_not_an_object(directory):
            (directory / "manifest.json").write_text("[1]", encoding="utf-8")

        def manifest_with_a_bad_count(directory):
            manifest = json.loads((directory / "manifest.json").read_text())
            manifest["tables"]["guarantees.guarantee"] = "many"
            (directory / "manifest.json").write_text(json.dumps(manifest))

        def fewer_rows_than_the_manifest(directory):
            write_rows(directory, "guarantees.assessment.json", [])

        def missing_file(directory):
            (directory / "guarantees.source.json").unlink()

        def category_that_does_not_exist(directory):
            guarantees = rows(directory, "guarantees.guarantee.json")
            guarantees[0]["fields"]["category"] = 987654
            write_rows(directory, "guarantees.guarantee.json", guarantees)

        def reviewer_that_does_not_exist(directory):
            guarantees = rows(directory, "guarantees.guarantee.json")
            guarantees[0]["fields"]["reviewed_by"] = 987654
            write_rows(directory, "guarantees.guarantee.json", guarantees)

        def date_that_is_not_a_date(directory):
            assessments = rows(directory, "guarantees.assessment.json")
            assessments[0]["fields"]["assessed_on"] = "soon"
            write_rows(directory, "guarantees.assessment.json", assessments)

        def huge_number(directory):
            assessments = rows(directory, "guarantees.assessment.json")
            assessments[0]["fields"]["version"] = 10**30
            write_rows(directory, "guarantees.assessment.json", assessments)

        def dates_out_of_order(directory):
            assessments = rows(directory, "guarantees.assessment.json")
            assessments[0]["fields"].update({"valid_from": "2026-01-01", "valid_to": "2020-01-01"})
            write_rows(directory, "guarantees.assessment.json", assessments)

        cases = [
            (not_json, "guarantees.assessment.json is not readable JSON"),
            (not_a_list, "guarantees.assessment.json is not a list of rows"),
            (not_utf8, "guarantees.guarantee.json is not readable JSON"),
            (manifest_not_an_object, "manifest.json is not an object"),
            (manifest_with_a_bad_count, "tables must map each table to its number of rows"),
            (fewer_rows_than_the_manifest, "holds 0 rows, the manifest says 1"),
            (missing_file, "missing files: guarantees.source.json"),
            (category_that_does_not_exist, "the files do not load"),
            (reviewer_that_does_not_exist, "the files do not load"),
            (date_that_is_not_a_date, "the files do not load"),
            (huge_number, "the files do not load"),
            (dates_out_of_order, "the files do not load"),
        ]
        for craft, message in cases:
            with self.subTest(craft=craft.__name__):
                directory = self.crafted()
                craft(directory)
                self.assert_refused(directory, message)
