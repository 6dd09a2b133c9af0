"""Public pages answer only the parameters they read; any other is dropped by a redirect (bounded variants)."""

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.test import TestCase
from django.urls import reverse

from .factories import make_assessment


def stored_pages() -> int:
    """How many entries the page cache holds, in Redis or in local memory: what each variant would cost."""
    pages = caches["pages"]
    if isinstance(pages, RedisCache):
        return len(pages._cache.get_client().keys(pages.make_key("*")))
    return len(pages._cache)


class CanonicalQueryStringTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.assessment = make_assessment()

    def test_unknown_parameters_are_dropped_and_known_ones_kept(self):
        guarantee = self.assessment.guarantee
        cases = [
            (reverse("guarantees:home"), "utm_source=x", ""),
            (reverse("guarantees:guarantee-list"), "kind=tool&zzz=1&page=1", "kind=tool&page=1"),
            (guarantee.get_absolute_url(), "format=json&fbclid=abc", "format=json"),
            (guarantee.get_absolute_url(), "suggested=1&ref=mail", "suggested=1"),
            (reverse("guarantees:cell", args=[guarantee.slug, "KZ"]), "as_of=2026-01-01&x=1", "as_of=2026-01-01"),
            (reverse("guarantees:compare"), "j=KZ&nonsense=1&nonsense=2", "j=KZ"),
            (reverse("guarantees:search"), "q=vote&cachebuster=1", "q=vote"),
        ]
        for path, query, kept in cases:
            with self.subTest(path=path, query=query):
                response = self.client.get(f"{path}?{query}")
                self.assertEqual(response.status_code, 302)
                self.assertEqual(response["Location"], path + (f"?{kept}" if kept else ""))

    def test_pages_with_known_parameters_are_served(self):
        response = self.client.get(reverse("guarantees:guarantee-list") + "?kind=tool&stage=&sort=name")
        self.assertEqual(response.status_code, 200)

    def test_unique_unknown_parameters_add_nothing_to_the_page_cache(self):
        self.client.get(reverse("guarantees:home"))
        before = stored_pages()
        self.assertGreater(before, 0, "the home page should be in the page cache")
        for number in range(50):
            self.assertEqual(self.client.get(reverse("guarantees:home"), {f"p{number}": "1"}).status_code, 302)
        self.assertEqual(stored_pages(), before)

    def test_the_api_keeps_refusing_unknown_parameters(self):
        self.assertEqual(self.client.get("/api/guarantees/", {"zzz": "1"}).status_code, 400)
