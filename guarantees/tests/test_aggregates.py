"""Counts over the whole content are computed once per content version, with the page cache on or off."""

from django.test import TestCase, override_settings
from django.urls import reverse

from guarantees.choices import AssessmentStatus

from .factories import make_assessment, make_guarantee, make_jurisdiction
from .test_pages import LIST, query_count

HOME = reverse("guarantees:home")
COMPARE = reverse("guarantees:compare")


@override_settings(PAGE_CACHE_SECONDS=0)  # every page rendered: what a first visit or a new filter costs
class AggregateTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.kz = make_jurisdiction(code="KZ")
        make_assessment(jurisdiction=cls.kz, status=AssessmentStatus.PROVIDED)

    def test_a_second_rendering_reads_the_counts_from_the_cache(self):
        for url in [HOME, LIST + "?kind=tool", COMPARE + "?j=KZ", reverse("guarantees:taxonomy")]:
            with self.subTest(url=url):
                first = query_count(self.client, url)
                again = query_count(self.client, url)
                self.assertLess(again, first)

    def test_a_new_page_of_the_same_filters_shares_them(self):
        first = query_count(self.client, LIST + "?kind=tool")
        self.assertLess(query_count(self.client, LIST + "?kind=tool&page=1"), first)

    def test_a_change_to_the_content_is_counted_at_once(self):
        self.assertContains(self.client.get(HOME), "1 guarantee of")
        make_guarantee(name="Second")
        self.assertContains(self.client.get(HOME), "2 guarantees of")

    @override_settings(AGGREGATE_CACHE_SECONDS=0)
    def test_they_can_be_computed_every_time(self):
        self.assertEqual(query_count(self.client, HOME), query_count(self.client, HOME))
