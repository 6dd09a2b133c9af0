"""The read-only API: endpoints, shared filters, errors as JSON, throttling, CORS, the schema."""

import datetime
import json

from django.core.cache import cache
from django.test import TestCase, override_settings
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from guarantees.cell_documents import cell_documents
from guarantees.choices import PublicationStatus
from guarantees.models import Assessment, Guarantee
from guarantees.representations import cell_summary

from .curated import load_curated
from .factories import make_guarantee

TODAY = datetime.date.today()
ENDPOINTS = [
    "/api/jurisdictions/",
    "/api/instruments/",
    "/api/provisions/",
    "/api/categories/",
    "/api/guarantees/",
    "/api/sources/",
    "/api/compare/",
]


class ApiTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_curated()
        make_guarantee(slug="a-draft", name="A draft", publication_status=PublicationStatus.DRAFT)

    def get(self, url: str, status: int = 200) -> dict:
        response = self.client.get(url)
        self.assertEqual(response.status_code, status, (url, response.content[:300]))
        self.assertEqual(response["Content-Type"], "application/json")
        return response.json()

    def test_every_endpoint_lists_and_details_with_stable_identifiers(self):
        cases = [
            ("/api/jurisdictions/", "code", "KZ"),
            ("/api/instruments/", "slug", "kz-elections-law"),
            ("/api/categories/", "slug", "judicial-protection"),
            ("/api/guarantees/", "slug", "domestic-observers"),
            ("/api/sources/", "key", "voevodin-1997"),
        ]
        for url, key, identifier in cases:
            with self.subTest(url=url):
                listing = self.get(url + "?page_size=500")
                self.assertIn(identifier, [item[key] for item in listing["results"]])
                detail = self.get(f"{url}{identifier}/")
                self.assertEqual(detail[key], identifier)
                self.assertTrue(detail["url"].endswith(f"{url}{identifier}/"))

    def test_guarantee_links_its_category_and_carries_its_cells(self):
        # A guarantee with a current cell in all three jurisdictions on the shipped data.
        guarantee = Guarantee.objects.select_related("category").get(slug="judicial-appeal")
        current = Assessment.objects.published().in_force_on(TODAY).filter(guarantee=guarantee)
        self.assertEqual(current.count(), 3)
        detail = self.get("/api/guarantees/judicial-appeal/")
        self.assertTrue(detail["category"].endswith(f"/api/categories/{guarantee.category.slug}/"))
        self.assertEqual(sorted(a["jurisdiction"] for a in detail["assessments"]), ["KG", "KZ", "RU"])
        self.assertTrue(detail["translations"]["ru"]["name"])
        self.assertIn("verification", detail["assessments"][0]["provisions"][0])

    def test_the_cells_read_as_tuples_are_the_cells_the_pages_show(self):
        """`cell_documents` gives what `cell_summary` gives over the cells a page shows, on each side of every
        shipped boundary of the law."""
        ids = list(Guarantee.objects.published().values_list("pk", flat=True))
        for on_date in [datetime.date(2019, 1, 1), datetime.date(2026, 6, 30), datetime.date(2026, 7, 1), TODAY]:
            with self.subTest(on_date=on_date):
                from_instances = {
                    guarantee.pk: [cell_summary(cell.jurisdiction, cell) for cell in guarantee.cells_in_force]
                    for guarantee in Guarantee.objects.published().with_cells_on(on_date, texts=False)
                }
                from_tuples = cell_documents(on_date, ids)
                self.assertTrue(any(from_tuples.values()))
                self.assertEqual({pk: from_tuples.get(pk, []) for pk in ids}, from_instances)

    def test_filters_are_the_pages_filters(self):
        query = "?kind=tool&partial_in=KG&stage=voting"
        page = self.client.get(reverse("guarantees:guarantee-list") + query + "&sort=name")
        api = self.get("/api/guarantees/" + query + "&page_size=500")
        self.assertEqual(
            sorted(item["slug"] for item in api["results"]),
            sorted(g.slug for g in page.context["page"].paginator.object_list),
        )
        self.assertGreater(api["count"], 0)

    def test_compare_matches_the_pages_export(self):
        query = "?j=KZ&j=KG&diff=1&as_of=2026-01-01"
        export = json.loads(
            b"".join(self.client.get(reverse("guarantees:compare") + query + "&format=json").streaming_content)
        )
        api = self.get("/api/compare/" + query + "&page_size=500")
        self.assertEqual(api["results"], export["rows"])
        self.assertEqual(api["as_of"], "2026-01-01")

    def test_drafts_are_not_published(self):
        self.get("/api/guarantees/a-draft/", status=404)
        slugs = [item["slug"] for item in self.get("/api/guarantees/?page_size=500")["results"]]
        self.assertNotIn("a-draft", slugs)

    def test_bad_requests_get_json_errors(self):
        cases = [
            ("/api/guarantees/?colour=red", 400, "unknown_parameters"),
            ("/api/guarantees/?kind=weather", 400, "kind"),
            ("/api/guarantees/?as_of=someday", 400, "as_of"),
            ("/api/guarantees/?page=0", 404, "detail"),
            ("/api/guarantees/?page=abc", 404, "detail"),
            ("/api/provisions/?jurisdiction=XX", 400, "jurisdiction"),
            ("/api/compare/?j=XX", 400, "errors"),
            ("/api/no-such-thing/", 404, "detail"),
            ("/api/guarantees/no-such-slug/", 404, "detail"),
        ]
        for url, status, key in cases:
            with self.subTest(url=url):
                self.assertIn(key, self.get(url, status=status))

    def test_anonymous_clients_are_rate_limited(self):
        # The limit guards the work of answering: four different lists, as a repeated one comes from the page cache.
        cache.clear()
        urls = ["/api/jurisdictions/", "/api/instruments/", "/api/sources/", "/api/categories/"]
        with override_settings(API_ANONYMOUS_RATE="3/minute"):
            statuses = [self.client.get(url).status_code for url in urls]
        cache.clear()
        self.assertEqual(statuses, [200, 200, 200, 429])

    def test_any_origin_may_read(self):
        response = self.client.get("/api/jurisdictions/", HTTP_ORIGIN="https://researcher.example")
        self.assertEqual(response["Access-Control-Allow-Origin"], "*")
        page = self.client.get(reverse("guarantees:home"), HTTP_ORIGIN="https://researcher.example")
        self.assertNotIn("Access-Control-Allow-Origin", page)

    def test_writes_are_refused(self):
        for method in ["post", "put", "delete"]:
            with self.subTest(method=method):
                self.assertEqual(getattr(self.client, method)("/api/guarantees/domestic-observers/").status_code, 405)

    def test_schema_is_valid_openapi_and_docs_render(self):
        schema = SchemaGenerator().get_schema(request=None, public=True)
        validate_schema(schema)
        self.assertIn("/api/guarantees/", schema["paths"])
        self.assertEqual(self.client.get("/api/schema/").status_code, 200)
        self.assertContains(self.client.get("/api/docs/"), "swagger")


class ApiFuzzTests(HypothesisTestCase):
    """Random query strings never make the API fail (5xx)."""

    @classmethod
    def setUpTestData(cls):
        load_curated()

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        endpoint=st.sampled_from(ENDPOINTS + ["/api/guarantees/domestic-observers/", "/api/jurisdictions/KZ/"]),
        params=st.lists(
            st.tuples(
                st.sampled_from(["j", "kind", "category", "stage", "q", "page", "page_size", "as_of", "diff",
                                 "provided_in", "sort", "jurisdiction", "verification", "format", "x"]),
                st.text(max_size=30),
            ),
            max_size=4,
        ),
    )  # fmt: skip
    def test_no_query_string_makes_the_api_fail(self, endpoint, params):
        response = self.client.get(endpoint, params)
        self.assertLess(response.status_code, 500, (endpoint, params))
        if response.status_code >= 400:
            self.assertEqual(response["Content-Type"], "application/json")
