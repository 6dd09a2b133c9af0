"""The compare CSV, written from tuples, says what the page's model path says, on the shipped content."""

import csv
import datetime
import io

from django.db import connection
from django.http import QueryDict
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from guarantees.compare import build_rows, matrix_queryset, parse_compare_request
from guarantees.models import Guarantee

from .curated import load_curated

DATES = ["2019-01-01", "2026-06-30", "2026-07-02", datetime.date.today().isoformat()]


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


class CompareCsvTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_curated()

    def test_the_csv_has_the_statuses_and_articles_the_matrix_shows(self):
        for as_of in DATES:
            for query in [f"as_of={as_of}", f"j=KG&j=KZ&as_of={as_of}&diff=1", f"j=RU&kind=tool&as_of={as_of}"]:
                with self.subTest(query=query):
                    header, *lines = csv_rows(self.client.get(reverse("guarantees:compare") + f"?{query}&format=csv"))
                    compare = parse_compare_request(QueryDict(query), Guarantee.objects.published())
                    rows = build_rows(matrix_queryset(compare), compare.jurisdictions)
                    expected = [
                        [row.guarantee.name_en, row.guarantee.category.kind, row.guarantee.category.name_en]
                        + [value for cell in row.cells for value in (cell.status, cell.references)]
                        for row in rows
                    ]
                    self.assertEqual(lines, expected)
                    self.assertTrue(any(value for line in lines for value in line[4::2]), "some cell cites articles")

    def test_its_queries_grow_with_chunks_of_rows_not_with_rows(self):
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(reverse("guarantees:compare") + "?format=csv")
            lines = csv_rows(response)
        self.assertGreater(len(lines), 50)
        self.assertLessEqual(len(queries), 8)  # the request's own reads, then three for the one chunk of rows
