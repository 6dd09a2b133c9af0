"""Every way out of the system tells the same law on the same date.

The guarantee list (its JSON and the strips of its HTML), the matrix (its JSON and CSV exports), the API's
guarantee list and the API's matrix are asked the same filters and date; each answer is reduced to
{guarantee: {jurisdiction: (status, cited provisions)}} and they must be equal. Dates are drawn on both sides
of every validity boundary in the shipped data. The list's JSON is built from model instances, the others from
tuples (`matrix_cells`, `cell_strips`, `cell_documents`): the test holds the two ways of reading equal.
"""

import csv
import datetime
import io
import json
import re

from django.test import TestCase
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from guarantees.choices import NOT_ASSESSED
from guarantees.models import Assessment, Category, Guarantee, Jurisdiction, Provision

from .curated import load_curated
from .factories import make_assessment, make_instrument, make_provision

STATUS_FILTERS = ["provided_in", "partial_in", "absent_in", "unassessed_in"]
STRIP_ENTRY = r'<span class="code">(\w+)</span> <span class="status status-(\w+)"'


def statuses_by_slug(listed: dict) -> dict:
    return {slug: {code: status for code, (status, _provisions) in cells.items()} for slug, cells in listed.items()}


def boundary_dates() -> list[datetime.date]:
    """The day before and the first day of every period that starts, the last day and the day after every end;
    and a day long before them, and today."""
    days = set()
    for model in (Assessment, Provision):
        for start, end in model.objects.published().values_list("valid_from", "valid_to"):
            if start:
                days |= {start - datetime.timedelta(days=1), start}
            if end:
                days |= {end, end + datetime.timedelta(days=1)}
    return sorted(days | {datetime.date(2020, 1, 1), datetime.date.today()})


def cells_of(document_cells: dict) -> dict:
    return {
        code: (cell["status"], sorted(p["id"] for p in cell["provisions"])) for code, cell in document_cells.items()
    }


class Readers:
    """The five readers, each reduced to {slug: {code: (status, provision ids)}} (CSV: statuses by name)."""

    def __init__(self, client):
        self.client = client

    def get(self, path: str, params: dict):
        response = self.client.get(path, params)
        assert response.status_code == 200, (path, params, response.status_code)
        return response

    def guarantee_list(self, params: dict) -> dict:
        found, page = {}, 1
        while True:
            document = self.get(reverse("guarantees:guarantee-list"), {**params, "format": "json", "page": page}).json()
            found |= {row["guarantee"]: cells_of(row["cells"]) for row in document["guarantees"]}
            if page >= document["pages"] or not document["count"]:
                return found
            page += 1

    def guarantee_list_strips(self, params: dict) -> dict:
        """The statuses the list's HTML shows in each item's strip, every jurisdiction's."""
        found, page = {}, 1
        while True:
            response = self.get(reverse("guarantees:guarantee-list"), {**params, "page": page})
            html = response.content.decode()
            for item in html.split('<li class="guarantee-item">')[1:]:
                slug = re.search(r'<h3><a href="/en/guarantees/([^/"]+)/"', item).group(1)
                strip = re.search(r'<ul class="cell-strip"[^>]*>(.*?)</ul>', item, re.S).group(1)
                found[slug] = dict(re.findall(STRIP_ENTRY, strip))
            if not response.context["page"].has_next():
                return found
            page += 1

    def matrix_json(self, params: dict) -> dict:
        response = self.get(reverse("guarantees:compare"), {**params, "format": "json"})
        document = json.loads(b"".join(response.streaming_content))
        return {row["guarantee"]: cells_of(row["cells"]) for row in document["rows"]}

    def matrix_csv_statuses(self, params: dict) -> dict:
        response = self.get(reverse("guarantees:compare"), {**params, "format": "csv"})
        rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
        codes = list(Jurisdiction.objects.values_list("code", flat=True))
        return {row["guarantee"]: {code: row[code] for code in codes} for row in rows}

    def api_list(self, params: dict) -> dict:
        document = self.get("/api/guarantees/", {**params, "page_size": 500}).json()
        codes = list(Jurisdiction.objects.values_list("code", flat=True))
        found = {}
        for row in document["results"]:
            cells = {cell["jurisdiction"]: cell for cell in row["assessments"]}
            found[row["slug"]] = {
                code: (cells[code]["status"], sorted(p["id"] for p in cells[code]["provisions"]))
                if code in cells
                else (NOT_ASSESSED, [])
                for code in codes
            }
        return found

    def api_matrix(self, params: dict) -> dict:
        document = self.get("/api/compare/", {**params, "page_size": 500}).json()
        return {row["guarantee"]: cells_of(row["cells"]) for row in document["results"]}


class AgreementMixin:
    def assert_readers_agree(self, params: dict):
        readers = Readers(self.client)
        listed = readers.guarantee_list(params)
        self.assertEqual(readers.matrix_json(params), listed, params)
        self.assertEqual(readers.api_list(params), listed, params)
        self.assertEqual(readers.api_matrix(params), listed, params)
        names = dict(Guarantee.objects.values_list("slug", "name_en"))
        statuses = {names[slug]: {code: cell[0] for code, cell in cells.items()} for slug, cells in listed.items()}
        self.assertEqual(readers.matrix_csv_statuses(params), statuses, params)
        self.assertEqual(readers.guarantee_list_strips(params), statuses_by_slug(listed), params)
        return listed


class BoundaryAgreementTests(AgreementMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        load_curated()

    def test_readers_agree_on_both_sides_of_every_shipped_boundary(self):
        dates = boundary_dates()
        self.assertGreaterEqual(len(dates), 2)
        seen = set()
        for day in dates:
            for params in [{"as_of": day.isoformat()}, {"as_of": day.isoformat(), "partial_in": "KZ"}]:
                with self.subTest(**params):
                    listed = self.assert_readers_agree(params)
                    seen.add(json.dumps(listed, sort_keys=True))
        self.assertGreater(len(seen), 2, "the law should differ on the two sides of a boundary")

    def test_the_api_narrows_by_status_on_its_as_of_date(self):
        """The reported bug: the API's as_of never reached its status filters."""
        day = next(d for d in boundary_dates() if Assessment.objects.published().filter(valid_to=d).exists())
        after = (day + datetime.timedelta(days=1)).isoformat()
        for as_of in [day.isoformat(), after]:
            for status_filter in STATUS_FILTERS:
                for code in Jurisdiction.objects.values_list("code", flat=True):
                    params = {"as_of": as_of, status_filter: code}
                    with self.subTest(**params):
                        api = self.client.get("/api/guarantees/", {**params, "page_size": 500}).json()
                        matrix = Readers(self.client).matrix_json(params)
                        self.assertEqual({row["slug"] for row in api["results"]}, set(matrix))


class DrawnAgreementTests(AgreementMixin, HypothesisTestCase):
    @classmethod
    def setUpTestData(cls):
        load_curated()
        cls.dates = boundary_dates()
        cls.codes = list(Jurisdiction.objects.values_list("code", flat=True))
        cls.categories = list(Category.objects.values_list("slug", flat=True))

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(data=st.data())
    def test_readers_agree_on_drawn_filters_and_dates(self, data):
        params = {"as_of": data.draw(st.sampled_from(self.dates)).isoformat()}
        for name in data.draw(st.lists(st.sampled_from(STATUS_FILTERS), max_size=2, unique=True)):
            params[name] = data.draw(st.sampled_from(self.codes))
        if data.draw(st.booleans()):
            params["kind"] = data.draw(st.sampled_from(["condition", "tool"]))
        if data.draw(st.booleans()):
            params["category"] = data.draw(st.sampled_from(self.categories))
        self.assert_readers_agree(params)


class OneDateParserTests(TestCase):
    def test_every_reader_refuses_a_bad_date_with_the_same_message(self):
        law = make_instrument(date_adopted=datetime.date(1995, 9, 28))
        assessment = make_assessment(provisions=[make_provision(instrument=law)])
        cell = reverse("guarantees:cell", args=[assessment.guarantee.slug, assessment.jurisdiction.code])
        urls = [reverse("guarantees:guarantee-list"), reverse("guarantees:compare"), cell, "/api/guarantees/"]
        urls.append("/api/compare/")
        for url in urls:
            for value, message in [("2026-13-01", "YYYY-MM-DD"), ("1800-01-01", "No law in the knowledge base")]:
                with self.subTest(url=url, as_of=value):
                    response = self.client.get(url, {"as_of": value})
                    self.assertEqual(response.status_code, 400)
                    self.assertIn(message, response.content.decode())

    def test_the_list_says_which_date_it_shows(self):
        make_assessment()
        response = self.client.get(reverse("guarantees:guarantee-list"), {"as_of": "2026-01-01"})
        self.assertContains(response, "Statuses as the law stood on 1 January 2026.")
