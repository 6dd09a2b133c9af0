"""The public pages through the test client: content, filters, errors and query budgets."""

import datetime

import pytest
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from guarantees.choices import AssessmentStatus, CitationPurpose, Kind, PublicationStatus, Verification
from guarantees.content_version import bump_version
from guarantees.models import CategoryCitation, ElectoralRight, GuaranteeCitation, Principle, Provision, Stage

from .factories import (
    make_assessment,
    make_category,
    make_guarantee,
    make_instrument,
    make_jurisdiction,
    make_provision,
    make_source,
)

LIST = reverse("guarantees:guarantee-list")


def populate(guarantees_per_category: int, prefix: str = "") -> None:
    """A small world: three jurisdictions, a category tree, guarantees assessed with cited provisions."""
    jurisdictions = [make_jurisdiction(code=code) for code in ["KZ", "RU", "KG"]]
    source = make_source()
    stage, _ = Stage.objects.get_or_create(slug="voting", defaults={"name": "Voting"})
    right, _ = ElectoralRight.objects.get_or_create(slug="vote", defaults={"name": "To vote"})
    principle, _ = Principle.objects.get_or_create(slug="secret", defaults={"name": "Secret ballot"})
    for kind in Kind.values:
        root = make_category(kind=kind)
        category = make_category(kind=kind, parent=root)
        CategoryCitation.objects.create(category=category, source=source, pages="229")
        for number in range(guarantees_per_category):
            guarantee = make_guarantee(category=category, name=f"{prefix}{kind} guarantee {number}")
            guarantee.stages.add(stage)
            guarantee.rights.add(right)
            guarantee.principles.add(principle)
            GuaranteeCitation.objects.create(guarantee=guarantee, source=source, purpose=CitationPurpose.CLASSIFICATION)
            for jurisdiction in jurisdictions:
                instrument = make_instrument(jurisdiction=jurisdiction)
                make_assessment(
                    guarantee=guarantee,
                    jurisdiction=jurisdiction,
                    provisions=[make_provision(instrument=instrument), make_provision(instrument=instrument)],
                )


def query_count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)


class QueryBudgetTests(TestCase):
    """Every page runs the same number of queries whatever the size of the data."""

    def test_query_counts_do_not_grow_with_the_data(self):
        populate(guarantees_per_category=2, prefix="small ")
        guarantee = make_guarantee(category=make_category(), name="Probe")
        instrument = make_instrument(jurisdiction=make_jurisdiction(code="KZ"), slug="probe-law")
        make_assessment(
            guarantee=guarantee,
            jurisdiction=make_jurisdiction(code="KZ"),
            provisions=[make_provision(instrument=instrument)],
        )
        urls = {
            "home": reverse("guarantees:home"),
            "taxonomy": reverse("guarantees:taxonomy"),
            "list": LIST,
            "list with facets": LIST + "?kind=tool&stage=voting&provided_in=KZ&q=guarantee&sort=-name",
            "list as JSON": LIST + "?as_of=2026-01-01&format=json",
            "guarantee": guarantee.get_absolute_url(),
            "jurisdiction": reverse("guarantees:jurisdiction", args=["KZ"]),
            "instrument": instrument.get_absolute_url(),
            "sources": reverse("guarantees:sources"),
            "search": reverse("guarantees:search") + "?q=guarantee",
            "cell": reverse("guarantees:cell", args=[guarantee.slug, "KZ"]),
            "methodology": reverse("guarantees:methodology"),
            "api list": "/api/guarantees/",
        }
        small = {name: query_count(self.client, url) for name, url in urls.items()}
        populate(guarantees_per_category=12, prefix="large ")
        for _ in range(5):
            make_provision(instrument=instrument)
        large = {name: query_count(self.client, url) for name, url in urls.items()}
        self.assertEqual(small, large)
        # The budgets themselves, so that a page that starts asking more is noticed; each includes the read
        # of the content version that keys the page cache. The cell's include its legal history: the periods,
        # their articles and their amending acts.
        budgets = {"home": 4, "taxonomy": 3, "list": 13, "guarantee": 10, "jurisdiction": 6, "instrument": 6}
        budgets |= {"list with facets": 15, "sources": 5, "search": 7, "cell": 9, "methodology": 6, "api list": 9}
        budgets |= {"list as JSON": 7}
        for name, budget in budgets.items():
            with self.subTest(page=name):
                self.assertLessEqual(large[name], budget)
        # Asked again with nothing changed, every page comes from the cache: the version read alone.
        again = {name: query_count(self.client, url) for name, url in urls.items()}
        self.assertEqual(again, dict.fromkeys(urls, 1))


class GuaranteeListTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.kz, cls.ru, cls.kg = (make_jurisdiction(code=code) for code in ["KZ", "RU", "KG"])
        tools = make_category(kind=Kind.TOOL, slug="tools")
        cls.judicial = make_category(kind=Kind.TOOL, parent=tools, slug="judicial")
        conditions = make_category(kind=Kind.CONDITION, slug="conditions")
        cls.appeal = make_guarantee(category=cls.judicial, name="Appeal to a court", summary="Жалоба в суд.")
        cls.observers = make_guarantee(category=tools, name="Domestic observers", summary="Наблюдатели.")
        cls.funding = make_guarantee(category=conditions, name="State funding", summary="Budget.")
        make_guarantee(category=tools, name="Draft only", publication_status=PublicationStatus.DRAFT)
        make_assessment(guarantee=cls.appeal, jurisdiction=cls.kg, status=AssessmentStatus.PROVIDED)
        make_assessment(guarantee=cls.appeal, jurisdiction=cls.kz, status=AssessmentStatus.ABSENT)
        make_assessment(guarantee=cls.observers, jurisdiction=cls.kg, status=AssessmentStatus.PROVIDED)
        make_assessment(guarantee=cls.observers, jurisdiction=cls.kz, status=AssessmentStatus.PROVIDED)
        voting = Stage.objects.create(slug="voting", name="Voting")
        cls.observers.stages.add(voting)
        cls.appeal.stages.add(voting)

    def names(self, query: str) -> list[str]:
        response = self.client.get(LIST + query)
        self.assertEqual(response.status_code, 200, query)
        return [guarantee.name for guarantee in response.context["page"].object_list]

    def test_filters_narrow_the_published_guarantees(self):
        cases = [
            ("", ["Appeal to a court", "Domestic observers", "State funding"]),
            ("?kind=condition", ["State funding"]),
            ("?category=judicial", ["Appeal to a court"]),
            ("?category=tools", ["Appeal to a court", "Domestic observers"]),
            ("?stage=voting&kind=tool", ["Appeal to a court", "Domestic observers"]),
            ("?provided_in=KG&absent_in=KZ", ["Appeal to a court"]),
            ("?provided_in=KG&provided_in=KZ", ["Domestic observers"]),
            ("?unassessed_in=RU&kind=condition", ["State funding"]),
            ("?unassessed_in=KG", ["State funding"]),
            ("?q=ЖАЛОБА", ["Appeal to a court"]),
            ("?q=наблюдатели", ["Domestic observers"]),
            ("?q=court+appeal", ["Appeal to a court"]),
            ("?sort=-name", ["State funding", "Domestic observers", "Appeal to a court"]),
            ("?stage=&category=&kind=condition", ["State funding"]),
        ]
        for query, expected in cases:
            with self.subTest(query=query):
                self.assertEqual(self.names(query), expected)

    def test_facet_counts_ignore_their_own_selection(self):
        response = self.client.get(LIST + "?kind=condition")
        kind = next(facet for facet in response.context["facets"] if facet.name == "kind")
        counts = {option.value: (option.count, option.selected) for option in kind.options}
        self.assertEqual(counts, {"condition": (1, True), "tool": (2, False)})
        tool = next(option for option in kind.options if option.value == "tool")
        self.assertEqual(tool.url, "?kind=condition&kind=tool")

    def test_status_grid_counts_and_toggles(self):
        response = self.client.get(LIST + "?provided_in=KG")
        grid = {jurisdiction.code: cells for jurisdiction, cells in response.context["status_grid"]}
        self.assertEqual([cell.count for cell in grid["KZ"]], [1, 0, 1, 1])
        self.assertEqual([cell.count for cell in grid["KG"]], [2, 0, 0, 1])
        self.assertTrue(grid["KG"][0].selected)
        self.assertEqual(grid["KG"][0].url, "?")

    def test_unknown_or_malformed_values_answer_400_with_the_reason(self):
        cases = [
            ("?kind=weather", "Kind"),
            ("?stage=no-such-stage", "Stage"),
            ("?provided_in=XX", "Provided in"),
            ("?sort=password", "Sort by"),
            ("?page=abc", "whole number"),
            ("?page=99", "no page 99"),
            ("?q=" + "x" * 201, "Text"),
        ]
        for query, reason in cases:
            with self.subTest(query=query):
                response = self.client.get(LIST + query)
                self.assertEqual(response.status_code, 400)
                self.assertContains(response, reason, status_code=400)

    def test_empty_result_says_so_and_offers_to_clear(self):
        response = self.client.get(LIST + "?kind=condition&stage=voting")
        self.assertContains(response, "No guarantee matches all of these filters.")
        self.assertContains(response, f'href="{LIST}"')

    def test_drafts_never_appear(self):
        self.assertNotIn("Draft only", self.names("?q=draft"))


class GuaranteePageTests(TestCase):
    def test_shows_jurisdictions_side_by_side_with_their_evidence(self):
        kz, ru = make_jurisdiction(code="KZ", name="Kazakhstan"), make_jurisdiction(code="RU", name="Russia")
        make_jurisdiction(code="KG", name="Kyrgyzstan")
        guarantee = make_guarantee(name="Domestic observers")
        official = make_provision(
            instrument=make_instrument(
                jurisdiction=kz, short_title="CL No. 2464", official_url="https://adilet.zan.kz/x"
            ),
            number="20-1",
            heading_original="Наблюдатели",
            text_original="В качестве наблюдателей допускаются граждане",
        )
        secondary = make_provision(
            instrument=make_instrument(jurisdiction=ru, short_title="67-FZ"),
            number="30",
            verification=Verification.SECONDARY,
            text_original="(gist)",
            text_kind="summary",
        )
        make_assessment(guarantee=guarantee, jurisdiction=kz, provisions=[official], commentary="Observers admitted.")
        make_assessment(guarantee=guarantee, jurisdiction=ru, status=AssessmentStatus.PARTIAL, provisions=[secondary])

        response = self.client.get(guarantee.get_absolute_url())

        self.assertContains(response, "CL No. 2464, art. 20-1")
        self.assertContains(response, "В качестве наблюдателей допускаются граждане")
        self.assertContains(response, "Observers admitted.")
        self.assertContains(response, 'href="https://adilet.zan.kz/x"')
        self.assertContains(response, "verified")
        self.assertContains(response, "unverified")
        self.assertContains(response, "Summary")
        self.assertContains(response, "Not yet assessed")
        self.assertEqual([jurisdiction.code for jurisdiction, _ in response.context["columns"]], ["KG", "KZ", "RU"])

    def test_assessment_out_of_force_is_not_shown_as_current(self):
        guarantee = make_guarantee()
        make_assessment(guarantee=guarantee, valid_to=datetime.date(2020, 1, 1))
        response = self.client.get(guarantee.get_absolute_url())
        self.assertEqual([assessment for _, assessment in response.context["columns"]], [None])

    def test_unpublished_guarantee_is_a_404(self):
        for status in [PublicationStatus.DRAFT, PublicationStatus.IN_REVIEW, PublicationStatus.WITHDRAWN]:
            with self.subTest(status=status):
                self.assertEqual(
                    self.client.get(make_guarantee(publication_status=status).get_absolute_url()).status_code, 404
                )

    def test_curator_html_is_escaped(self):
        guarantee = make_guarantee(name="<script>alert(1)</script>", summary="<b>bold</b>")
        response = self.client.get(guarantee.get_absolute_url())
        self.assertNotContains(response, "<script>alert(1)</script>")
        self.assertContains(response, "&lt;b&gt;bold&lt;/b&gt;")


class JurisdictionAndInstrumentPageTests(TestCase):
    def test_jurisdiction_page_lists_shortfalls_and_unassessed(self):
        kz = make_jurisdiction(code="KZ", name="Kazakhstan")
        make_assessment(guarantee=make_guarantee(name="Early voting"), jurisdiction=kz, status=AssessmentStatus.ABSENT)
        make_assessment(guarantee=make_guarantee(name="Secret ballot"), jurisdiction=kz)
        make_guarantee(name="Recount")
        response = self.client.get(reverse("guarantees:jurisdiction", args=["KZ"]))
        self.assertEqual([a.guarantee.name for a in response.context["shortfalls"]], ["Early voting"])
        self.assertEqual([g.name for g in response.context["unassessed"]], ["Recount"])

    def test_lower_case_code_redirects_and_unknown_code_is_404(self):
        make_jurisdiction(code="KZ")
        response = self.client.get(reverse("guarantees:jurisdiction", args=["kz"]))
        self.assertRedirects(response, reverse("guarantees:jurisdiction", args=["KZ"]), status_code=301)
        self.assertEqual(self.client.get(reverse("guarantees:jurisdiction", args=["XX"])).status_code, 404)

    def test_instrument_page_lists_articles_in_order_with_what_they_carry(self):
        instrument = make_instrument()
        for number in ["20-1", "9", "20"]:
            make_provision(instrument=instrument, number=number)
        carried = make_guarantee(name="Domestic observers")
        make_assessment(guarantee=carried, provisions=[instrument.provisions.get(number="20-1")])
        response = self.client.get(instrument.get_absolute_url())
        self.assertEqual([p.number for p in response.context["provisions"]], ["9", "20", "20-1"])
        self.assertContains(response, 'id="art-20-1"')
        self.assertContains(response, "Domestic observers")


class SourcesAndSearchTests(TestCase):
    def test_sources_page_shows_what_cites_each_source(self):
        source = make_source(title="Юридический статус личности")
        guarantee = make_guarantee(name="Secret ballot")
        GuaranteeCitation.objects.create(guarantee=guarantee, source=source, pages="229", purpose="classification")
        response = self.client.get(reverse("guarantees:sources"))
        self.assertContains(response, f'id="source-{source.key}"')
        self.assertContains(response, "Secret ballot")

    def test_search_finds_cyrillic_in_any_case_and_highlights_escaped(self):
        make_guarantee(name="Observers <i>", summary="Наблюдатели присутствуют при подсчёте")
        make_provision(number="20-1", heading_original="Наблюдатели политических партий")
        for query in ["НАБЛЮДАТЕЛИ", "наблюдатели", "20-1"]:
            with self.subTest(query=query):
                response = self.client.get(reverse("guarantees:search"), {"q": query})
                self.assertGreaterEqual(response.context["results"].total, 1)
        response = self.client.get(reverse("guarantees:search"), {"q": "наблюдатели"})
        self.assertContains(response, "<mark>Наблюдатели</mark>")
        self.assertContains(response, "Observers &lt;i&gt;")

    def test_search_refuses_oversized_and_nul_queries(self):
        for query in ["x" * 201, "a\x00b"]:
            with self.subTest(length=len(query)):
                self.assertEqual(self.client.get(reverse("guarantees:search"), {"q": query}).status_code, 400)

    def test_search_leaves_out_drafts(self):
        make_guarantee(name="Hidden draft", publication_status=PublicationStatus.DRAFT)
        response = self.client.get(reverse("guarantees:search"), {"q": "Hidden"})
        self.assertEqual(response.context["results"].total, 0)
        self.assertContains(response, "Nothing matches")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text stemming runs on PostgreSQL only")
class PostgresSearchTests(TestCase):
    def test_database_folds_cyrillic_case(self):
        with connection.cursor() as cursor:
            cursor.execute("SELECT lower('ИЗБИРАТЕЛЬНОЕ'), current_setting('lc_ctype')")
            lowered, _ = cursor.fetchone()
        self.assertEqual(lowered, "избирательное")

    def test_russian_query_finds_inflected_forms(self):
        make_guarantee(name="Guarantee of rights", summary="Избирательное право гражданина защищается судом.")
        response = self.client.get(reverse("guarantees:search"), {"q": "избирательных прав"})
        self.assertEqual(
            [hit.obj.name for hit in response.context["results"].hits("guarantee")], ["Guarantee of rights"]
        )

    def test_provision_documents_follow_every_write_even_without_the_orm(self):
        instrument = make_instrument(jurisdiction=make_jurisdiction(code="KZ"))
        saved = make_provision(instrument=instrument, text_original="Наблюдатели вправе присутствовать.")
        Provision.objects.bulk_create(
            [
                Provision(
                    instrument=instrument,
                    number="77",
                    text_original="Жалобы на решения.",
                    publication_status=PublicationStatus.PUBLISHED,
                )
            ]
        )

        def found(query: str) -> list[str]:
            response = self.client.get(reverse("guarantees:search"), {"q": query})
            return [hit.obj.number for hit in response.context["results"].hits("provision")]

        # Each query is an inflected form that no text contains: only the stored, stemmed document finds it.
        self.assertEqual(found("наблюдателей"), [saved.number])
        self.assertEqual(found("жалобам"), ["77"])
        Provision.objects.filter(number="77").update(text_original="Отзыв депутата.")
        bump_version()  # an update() sends no signal to the page cache
        self.assertEqual(found("жалобам"), [])
        self.assertEqual(found("депутатов"), ["77"])
        self.assertEqual(found("наблюд"), [saved.number])  # the start of a word in a text


class ErrorPageTests(TestCase):
    def test_missing_page_is_a_friendly_404_in_the_site_layout(self):
        response = self.client.get("/no-such-page/")
        self.assertContains(response, "Page not found", status_code=404)
        self.assertContains(response, reverse("guarantees:guarantee-list"), status_code=404)
