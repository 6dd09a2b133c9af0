"""The comparison matrix: columns, dates, differences, exports, errors and query budgets."""

import csv
import datetime
import html
import io
import json
import re

from django.test import TestCase
from django.urls import reverse

from guarantees.choices import AssessmentStatus, Kind, PublicationStatus, Verification

from .factories import (
    make_assessment,
    make_category,
    make_guarantee,
    make_instrument,
    make_jurisdiction,
    make_provision,
)
from .test_pages import populate, query_count

COMPARE = reverse("guarantees:compare")
BEFORE = datetime.date(2026, 6, 30)
AFTER = datetime.date(2026, 7, 1)


class CompareFixture(TestCase):
    """Two guarantees in three jurisdictions, one of which changed its constitution on 1 July 2026."""

    @classmethod
    def setUpTestData(cls):
        cls.kz = make_jurisdiction(code="KZ", name="Kazakhstan", order=1)
        cls.ru = make_jurisdiction(code="RU", name="Russia", order=2)
        cls.kg = make_jurisdiction(code="KG", name="Kyrgyzstan", order=3)
        observation = make_category(kind=Kind.TOOL, name="Public control", slug="public-control")
        political = make_category(kind=Kind.CONDITION, name="Political", slug="political")
        cls.observers = make_guarantee(name="Domestic observers", slug="domestic-observers", category=observation)
        cls.pluralism = make_guarantee(name="Political pluralism", slug="political-pluralism", category=political)
        make_guarantee(name="Unpublished", category=political, publication_status=PublicationStatus.DRAFT)

        old = make_instrument(
            jurisdiction=cls.kz, short_title="Constitution 1995", date_adopted=datetime.date(1995, 8, 30)
        )
        new = make_instrument(jurisdiction=cls.kz, short_title="Constitution 2026")
        elections = make_instrument(jurisdiction=cls.kz, short_title="CL 2464")
        law_67 = make_instrument(jurisdiction=cls.ru, short_title="67-FZ")
        make_assessment(
            guarantee=cls.pluralism,
            jurisdiction=cls.kz,
            status=AssessmentStatus.PARTIAL,
            valid_to=BEFORE,
            provisions=[make_provision(instrument=old, number="5", valid_to=BEFORE)],
        )
        make_assessment(
            guarantee=cls.pluralism,
            jurisdiction=cls.kz,
            valid_from=AFTER,
            provisions=[
                make_provision(instrument=new, number="6", valid_from=AFTER, verification=Verification.SECONDARY)
            ],
        )
        make_assessment(
            guarantee=cls.pluralism, jurisdiction=cls.ru, provisions=[make_provision(instrument=law_67, number="3")]
        )
        make_assessment(
            guarantee=cls.observers,
            jurisdiction=cls.kz,
            provisions=[make_provision(instrument=elections, number="20-1")],
        )
        make_assessment(
            guarantee=cls.observers,
            jurisdiction=cls.ru,
            commentary="Observers may receive copies.",
            provisions=[make_provision(instrument=law_67, number="30")],
        )

    def rows(self, query: str) -> list[tuple[str, list[str]]]:
        response = self.client.get(COMPARE + query)
        self.assertEqual(response.status_code, 200, query)
        return [
            (row.guarantee.name, [cell.status for cell in row.cells])
            for group in response.context["groups"]
            for row in group.rows
        ]


class MatrixTests(CompareFixture):
    def test_every_published_guarantee_with_a_cell_per_jurisdiction(self):
        self.assertEqual(
            self.rows("?as_of=2026-11-25"),
            [
                ("Political pluralism", ["provided", "provided", "unassessed"]),
                ("Domestic observers", ["provided", "provided", "unassessed"]),
            ],
        )

    def test_columns_follow_the_order_asked(self):
        self.assertEqual(
            self.rows("?j=KG&j=KZ&as_of=2026-11-25")[0], ("Political pluralism", ["unassessed", "provided"])
        )

    def test_as_of_shows_the_law_as_it_stood(self):
        before = self.client.get(COMPARE + "?j=KZ&as_of=2026-06-30&kind=condition")
        after = self.client.get(COMPARE + "?j=KZ&as_of=2026-07-01&kind=condition")
        for response, status, article in [(before, "partial", "5"), (after, "provided", "6")]:
            (cell,) = response.context["groups"][0].rows[0].cells
            with self.subTest(as_of=response.context["compare"].as_of):
                self.assertEqual(cell.status, status)
                self.assertEqual([cited.citation for cited in cell.provisions], [f"art. {article}"])
        self.assertContains(before, "2026-06-30")

    def test_differences_only_keeps_the_rows_where_jurisdictions_disagree(self):
        self.assertEqual(
            self.rows("?j=KZ&j=RU&as_of=2026-01-01&diff=1"), [("Political pluralism", ["partial", "provided"])]
        )
        self.assertEqual(self.rows("?j=KZ&j=RU&as_of=2026-11-25&diff=1"), [])
        self.assertEqual(
            [name for name, _ in self.rows("?j=RU&j=KG&diff=1")], ["Political pluralism", "Domestic observers"]
        )

    def test_filters_narrow_the_rows(self):
        self.assertEqual([name for name, _ in self.rows("?kind=tool")], ["Domestic observers"])
        self.assertEqual([name for name, _ in self.rows("?q=PLURALISM")], ["Political pluralism"])

    def test_cell_shows_references_and_fetches_its_commentary_when_opened(self):
        response = self.client.get(COMPARE + "?j=RU&kind=tool")
        self.assertContains(response, "67-FZ: art. 30")
        self.assertNotContains(response, "Observers may receive copies.")  # not in the matrix itself
        self.assertContains(response, 'data-details-label="Details"')  # the script adds a disclosure per cell
        links = re.findall(
            r'<td class="cell[^"]*" data-details><a class="cell-link" href="([^"]+)"',
            response.content.decode(),
        )
        self.assertTrue(links, "assessed cells are marked for their details")
        fragments = [self.client.get(html.unescape(link), {"format": "fragment"}) for link in links]
        self.assertTrue(all(fragment.status_code == 200 for fragment in fragments))
        opened = next(fragment for fragment in fragments if b"art. 30" in fragment.content)
        self.assertContains(opened, "Observers may receive copies.")
        self.assertNotContains(opened, "<html")

    def test_coverage_counts_every_matching_row(self):
        response = self.client.get(COMPARE + "?as_of=2026-01-01")
        coverage = {jurisdiction.code: tally for jurisdiction, tally in response.context["coverage"]}
        self.assertEqual((coverage["KZ"].provided, coverage["KZ"].partial, coverage["KZ"].unassessed), (1, 1, 0))
        self.assertEqual(coverage["KG"].unassessed, 2)

    def test_heatmap_cells_link_into_the_filtered_matrix(self):
        response = self.client.get(COMPARE + "?as_of=2026-11-25")
        cells = {cell.url: cell.label for row in response.context["heatmap"].rows for cell in row.cells}
        self.assertEqual(cells["?j=RU&category=public-control&as_of=2026-11-25"], "100%")
        self.assertEqual(cells["?j=KG&category=political&as_of=2026-11-25"], "0%")
        self.assertContains(response, "<svg")

    def test_texts_side_by_side(self):
        url = reverse("guarantees:compare-texts", args=["political-pluralism"]) + "?j=KZ&j=RU&as_of=2026-01-01"
        response = self.client.get(url)
        self.assertEqual([cell.jurisdiction.code for cell in response.context["row"].cells], ["KZ", "RU"])
        self.assertContains(response, "Constitution 1995, art. 5")
        self.assertNotContains(response, "Constitution 2026, art. 6")
        self.assertEqual(self.client.get(reverse("guarantees:compare-texts", args=["nope"])).status_code, 404)


class CompareErrorTests(CompareFixture):
    def test_bad_parameters_answer_400_with_the_reason(self):
        cases = [
            ("?j=XX", "Unknown jurisdiction"),
            ("?as_of=2026-13-01", "YYYY-MM-DD"),
            ("?as_of=yesterday", "YYYY-MM-DD"),
            ("?as_of=1990-01-01", "adopted before 1995-08-30"),
            ("?format=xml", "Unknown format"),
            ("?diff=yes", "differences only"),
            ("?kind=weather", "weather"),
            ("?page=0", "no page 0"),
        ]
        for query, reason in cases:
            with self.subTest(query=query):
                response = self.client.get(COMPARE + query)
                self.assertContains(response, reason, status_code=400)

    def test_equivalent_urls_redirect_to_one_canonical_form(self):
        for query in ["?j=kz&j=RU&j=KZ", "?j=KZ&j=RU&kind=&stage=&q="]:
            with self.subTest(query=query):
                response = self.client.get(COMPARE + query)
                self.assertRedirects(response, COMPARE + "?j=KZ&j=RU", fetch_redirect_response=False)


class ExportTests(CompareFixture):
    def test_csv_is_exactly_the_matrix(self):
        response = self.client.get(COMPARE + "?j=KZ&j=KG&as_of=2026-01-01&format=csv")
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        self.assertIn('filename="guarantees-KZ-KG-2026-01-01.csv"', response["Content-Disposition"])
        self.assertEqual(
            b"".join(response.streaming_content).decode(),
            "guarantee,kind,category,KZ,KZ provisions,KG,KG provisions\n"
            "Political pluralism,condition,Political,partial,Constitution 1995 art. 5,unassessed,\n"
            "Domestic observers,tool,Public control,provided,CL 2464 art. 20-1,unassessed,\n",
        )

    def test_csv_rows_match_the_page_rows(self):
        page_rows = self.rows("?j=RU&j=KZ&diff=1&as_of=2026-01-01")
        response = self.client.get(COMPARE + "?j=RU&j=KZ&diff=1&as_of=2026-01-01&format=csv")
        lines = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
        self.assertEqual([(line[0], [line[3], line[5]]) for line in lines[1:]], page_rows)

    def test_json_carries_cells_with_their_provisions(self):
        response = self.client.get(COMPARE + "?j=KZ&as_of=2026-07-01&kind=condition&format=json")
        document = json.loads(b"".join(response.streaming_content))
        self.assertEqual(document["as_of"], "2026-07-01")
        self.assertEqual(document["jurisdictions"], [{"code": "KZ", "name": "Kazakhstan"}])
        (row,) = document["rows"]
        self.assertEqual(row["guarantee"], "political-pluralism")
        self.assertEqual(row["cells"]["KZ"]["status"], "provided")
        self.assertEqual(
            row["cells"]["KZ"]["provisions"],
            [
                {
                    "id": row["cells"]["KZ"]["provisions"][0]["id"],
                    "instrument": row["cells"]["KZ"]["provisions"][0]["instrument"],
                    "reference": "Constitution 2026 art. 6",
                    "article": "6",
                    "paragraph": "",
                    "verification": "secondary",
                    "edition_date": None,
                    "valid_from": "2026-07-01",
                    "valid_to": None,
                }
            ],
        )


class CompareQueryBudgetTests(TestCase):
    def test_query_count_does_not_grow_with_guarantees_or_jurisdictions(self):
        populate(guarantees_per_category=2, prefix="small ")
        urls = [
            COMPARE,
            COMPARE + "?j=KZ&j=RU&diff=1",
            COMPARE + "?kind=tool&stage=voting&as_of=2026-01-01",
        ]
        small = [query_count(self.client, url) for url in urls]
        populate(guarantees_per_category=15, prefix="large ")
        for code in ["AM", "BY", "TJ", "UZ"]:
            make_assessment(guarantee=make_guarantee(), jurisdiction=make_jurisdiction(code=code))
        large = [query_count(self.client, url) for url in urls]
        self.assertEqual(small, large)
        # The second has no row (none differs), so nothing is prefetched; the others check freshness too.
        self.assertEqual(large, [15, 10, 17])  # each with the page cache's version read
