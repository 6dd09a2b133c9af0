"""The CSV download is a Frictionless Data Package: `datapackage.json` validated by the `frictionless` library
(requirements-dev.txt), on the shipped content, schemas, primary and foreign keys included."""

import io
import json
import tempfile
import zipfile
from pathlib import Path

from django.test import TestCase
from frictionless import Package, validate

from guarantees.dataset import published_csv_zip

from .curated import load_curated


class DataPackageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_curated()

    def setUp(self):
        self.folder = Path(tempfile.mkdtemp(prefix="datapackage-"))
        self.addCleanup(__import__("shutil").rmtree, self.folder, ignore_errors=True)
        with zipfile.ZipFile(io.BytesIO(published_csv_zip())) as archive:
            archive.extractall(self.folder)
        self.descriptor = json.loads((self.folder / "datapackage.json").read_text(encoding="utf-8"))

    def test_the_package_validates_with_frictionless(self):
        report = validate(str(self.folder / "datapackage.json"))
        errors = [error.message for task in report.tasks for error in task.errors] + [
            error.message for error in report.errors
        ]
        self.assertTrue(report.valid, errors[:10])

    def test_a_value_that_breaks_its_schema_fails_the_validation(self):
        path = self.folder / "provisions.csv"
        lines = path.read_text(encoding="utf-8").split("\n")
        header = lines[0].split(",")
        self.assertEqual(header[0], "id")
        lines[1] = "not-a-number" + lines[1][lines[1].index(",") :]
        path.write_text("\n".join(lines), encoding="utf-8")
        self.assertFalse(validate(str(self.folder / "datapackage.json")).valid)

    def test_the_package_states_licence_version_sources_and_a_schema_per_csv(self):
        self.assertEqual(self.descriptor["licenses"][0]["name"], "CC-BY-4.0")
        self.assertTrue(self.descriptor["version"].startswith("1."))
        self.assertTrue(self.descriptor["sources"])
        csv_files = sorted(path.name for path in self.folder.glob("*.csv"))
        resources = self.descriptor["resources"]
        self.assertEqual(sorted(resource["path"] for resource in resources), csv_files)
        for resource in resources:
            with self.subTest(resource=resource["name"]):
                self.assertTrue(resource["schema"]["fields"])
        package = Package(str(self.folder / "datapackage.json"))
        self.assertEqual(package.get_resource("provisions").schema.get_field("valid_from").type, "date")
