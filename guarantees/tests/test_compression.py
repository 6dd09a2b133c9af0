"""HTML, JSON and CSV are compressed for clients that accept it, with Vary and ETags that still work."""

import gzip

from django.test import TestCase
from django.urls import reverse

from .factories import make_assessment


class CompressionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        for _ in range(30):  # enough rows that every answer is worth compressing
            make_assessment()

    def test_pages_json_and_csv_are_gzipped_when_accepted(self):
        urls = {
            "html": reverse("guarantees:compare"),
            "json": reverse("guarantees:guarantee-list") + "?format=json",
            "api": "/api/guarantees/",
            "csv": reverse("guarantees:compare") + "?format=csv",
        }
        for name, url in urls.items():
            with self.subTest(name=name):
                plain = self.client.get(url)
                squeezed = self.client.get(url, HTTP_ACCEPT_ENCODING="gzip")
                self.assertNotIn("Content-Encoding", plain)
                self.assertEqual(squeezed["Content-Encoding"], "gzip")
                self.assertIn("Accept-Encoding", squeezed["Vary"])
                body = b"".join(squeezed.streaming_content) if squeezed.streaming else squeezed.content
                original = b"".join(plain.streaming_content) if plain.streaming else plain.content
                self.assertEqual(gzip.decompress(body), original)
                if not squeezed.streaming:
                    self.assertLess(len(body), len(original) / 2)

    def test_a_compressed_page_answers_not_modified_to_its_etag(self):
        url = reverse("guarantees:compare")
        first = self.client.get(url, HTTP_ACCEPT_ENCODING="gzip")
        self.assertTrue(first["ETag"].startswith('W/"'))
        again = self.client.get(url, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=first["ETag"])
        self.assertEqual(again.status_code, 304)
