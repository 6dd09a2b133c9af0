from django.test import TestCase
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from ..releases import content_releases
from .factories import make_assessment


class AboutPageTests(TestCase):
    def test_about_page_states_the_counts_and_every_release_in_a_constant_number_of_queries(self):
        make_assessment()
        with self.assertNumQueries(4):
            response = self.client.get(reverse("guarantees:about"))

        self.assertContains(response, "<dt>Guarantees</dt><dd>1</dd>", html=False)
        for release in content_releases():
            self.assertContains(response, f'<time datetime="{release.date.isoformat()}">')
            self.assertContains(response, escape(release.summaries["en"].split(";")[0]))

    def test_every_release_has_a_summary_in_each_language(self):
        for release in content_releases():
            self.assertEqual(set(release.summaries), {"en", "ru", "kk"}, release.date)

    def test_the_changelog_is_in_the_pages_language(self):
        release = content_releases()[0]
        with translation.override("ru"):
            response = self.client.get(reverse("guarantees:about"))
        self.assertContains(response, escape(release.summaries["ru"].split(";")[0]))
        self.assertContains(response, "О базе знаний")

    def test_every_page_links_to_about_and_carries_the_favicon(self):
        response = self.client.get(reverse("guarantees:methodology"))
        self.assertContains(response, f'href="{reverse("guarantees:about")}"')
        self.assertContains(response, 'rel="icon" href="/static/img/favicon.svg"')
