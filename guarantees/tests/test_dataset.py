"""The dataset: a lossless export/import round trip, and the public downloads."""

import csv
import io
import json
import shutil
import tempfile
import zipfile
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase
from django.urls import reverse

from guarantees.choices import PublicationStatus
from guarantees.dataset import TABLES, export_dataset
from guarantees.models import Assessment, Category, Guarantee, Source, Suggestion, UnassessedCell

from .curated import load_curated
from .factories import make_guarantee


def files(directory) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(directory.iterdir())}


class RoundTripTests(TestCase):
    def test_export_import_export_gives_identical_files(self):
        load_curated()
        reviewer = get_user_model().objects.create_user("reviewer", email="r@example.org", password="secret")
        draft = make_guarantee(slug="draft-entry", publication_status=PublicationStatus.DRAFT)
        Guarantee.objects.filter(pk=draft.pk).update(pending={"summary_en": "Proposed."}, reviewed_by=reviewer)
        Suggestion.objects.create(guarantee=draft, problem="x", proposed_fix="y", client_hash="h")
        first, second = self.directory("first"), self.directory("second")
        export_dataset(first)

        for model in reversed(TABLES):
            while model.objects.exists():  # categories protect their children: leaves first
                leaves = model.objects.filter(children__isnull=True) if model is Category else model.objects.all()
                leaves.delete()
        get_user_model().objects.all().delete()
        call_command("import_dataset", str(first))
        export_dataset(second)

        self.assertEqual(files(first), files(second))
        restored = Guarantee.objects.get(slug="draft-entry")
        self.assertEqual((restored.publication_status, restored.pending), ("draft", {"summary_en": "Proposed."}))
        self.assertEqual(restored.reviewed_by.username, "reviewer")
        self.assertFalse(restored.reviewed_by.has_usable_password() and restored.reviewed_by.check_password("secret"))
        self.assertTrue(Guarantee.objects.get(slug="domestic-observers").name_kk)
        self.assertNotIn(b"pbkdf2", b"".join(files(first).values()))

    def test_import_refuses_a_database_that_is_not_empty(self):
        load_curated()
        directory = self.directory("full")
        export_dataset(directory)
        with pytest.raises(CommandError, match="not empty"):
            call_command("import_dataset", str(directory))

    def test_import_refuses_a_directory_that_is_not_a_dataset(self):
        with pytest.raises(CommandError, match="no manifest.json"):
            call_command("import_dataset", str(self.directory("empty")))

    def directory(self, name: str) -> Path:
        path = Path(tempfile.mkdtemp(prefix=f"dataset-{name}-"))
        self.addCleanup(shutil.rmtree, path, True)
        return path


class DownloadTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_curated()
        make_guarantee(slug="hidden-draft", publication_status=PublicationStatus.DRAFT)

    def test_downloads_page_states_version_licence_and_citation(self):
        response = self.client.get(reverse("guarantees:downloads"))
        self.assertContains(response, "CC BY 4.0")
        self.assertContains(response, "dataset version 1.")
        self.assertContains(response, reverse("guarantees:download-csv"))

    def test_json_holds_the_published_dataset_only(self):
        document = json.loads(self.client.get(reverse("guarantees:download-json")).content)
        slugs = {row["slug"] for row in document["tables"]["guarantees"]}
        self.assertEqual(len(slugs), Guarantee.objects.published().count())
        self.assertNotIn("hidden-draft", slugs)
        published = Assessment.objects.published().filter(guarantee__publication_status="published")
        self.assertEqual(len(document["tables"]["assessments"]), published.count())
        self.assertIn("CC BY 4.0", document["licence"])

    def test_csv_zip_has_one_file_per_table(self):
        archive = zipfile.ZipFile(io.BytesIO(self.client.get(reverse("guarantees:download-csv")).content))
        self.assertEqual(
            sorted(archive.namelist()),
            sorted(["README.txt", "datapackage.json"] + [f"{t}.csv" for t in [
                "jurisdictions", "categories", "guarantees", "instruments", "provisions", "assessments", "amendments",
                "not_yet_assessed", "sources"]]),
        )  # fmt: skip
        rows = list(csv.DictReader(io.StringIO(archive.read("assessments.csv").decode())))
        self.assertEqual(set(rows[0]), {"guarantee", "jurisdiction", "status", "provisions", "commentary",
                                        "assessed_on", "valid_from", "valid_to"})  # fmt: skip
        # The bibliography as scholars cite it, and the cells not yet assessed with the reason: as the pages show them.
        sources = {row["key"]: row for row in csv.DictReader(io.StringIO(archive.read("sources.csv").decode()))}
        self.assertTrue(all(row["reference"] for row in sources.values()))
        self.assertEqual(
            sources["voevodin-1997"]["known_through"], Source.objects.get(key="voevodin-1997").known_through.key
        )
        unassessed = list(csv.DictReader(io.StringIO(archive.read("not_yet_assessed.csv").decode())))
        self.assertEqual(len(unassessed), UnassessedCell.objects.count())
        self.assertTrue(all(row["reason"] for row in unassessed))
