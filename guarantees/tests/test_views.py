from django.test import TestCase
from django.urls import reverse

from guarantees.choices import AssessmentStatus, Kind, PublicationStatus

from .factories import make_assessment, make_category, make_guarantee, make_jurisdiction


def populate(guarantees_per_category: int) -> None:
    jurisdictions = [make_jurisdiction(code=code) for code in ["KZ", "RU", "KG"]]
    for kind in Kind.values:
        category = make_category(kind=kind)
        for _ in range(guarantees_per_category):
            guarantee = make_guarantee(category=category)
            for jurisdiction in jurisdictions:
                make_assessment(guarantee=guarantee, jurisdiction=jurisdiction)


class HomePageTests(TestCase):
    def test_shows_counts_per_kind_and_jurisdiction(self):
        tools = make_category(kind=Kind.TOOL, name="Judicial protection")
        kz = make_jurisdiction(code="KZ", name="Kazakhstan")
        for status in [AssessmentStatus.PROVIDED, AssessmentStatus.PARTIAL]:
            make_assessment(guarantee=make_guarantee(category=tools), jurisdiction=kz, status=status)
        make_guarantee(category=tools, publication_status=PublicationStatus.DRAFT)

        response = self.client.get(reverse("guarantees:home"))

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "2 guarantees of electoral rights")
        self.assertContains(response, "Judicial protection")
        self.assertEqual(response.context["kinds"][1]["count"], 2)
        kazakhstan = response.context["jurisdictions"][0]
        self.assertEqual((kazakhstan.assessed, kazakhstan.provided, kazakhstan.partial), (2, 1, 1))
        self.assertContains(response, 'href="/static/css/site.css"')

    def test_query_count_does_not_grow_with_the_data(self):
        populate(guarantees_per_category=2)
        with self.assertNumQueries(4):  # three for the page, one for the page cache's content version
            self.client.get(reverse("guarantees:home"))
        populate(guarantees_per_category=10)
        with self.assertNumQueries(4):
            self.client.get(reverse("guarantees:home"))

    def test_unknown_page_is_a_404(self):
        self.assertEqual(self.client.get("/no-such-page/").status_code, 404)


class RelatedGuaranteesTests(TestCase):
    def test_a_large_category_shows_a_dozen_and_links_to_the_rest(self):
        category = make_category(slug="crowded")
        guarantees = [make_guarantee(category=category, name=f"Member {number:02d}") for number in range(15)]
        response = self.client.get(guarantees[0].get_absolute_url())
        self.assertEqual(len(response.context["related"]), 12)
        self.assertContains(response, reverse("guarantees:guarantee-list") + "?category=crowded")
        self.assertContains(response, "All the guarantees of this category")

    def test_a_small_category_shows_all_without_a_link(self):
        category = make_category(slug="small")
        first, second = make_guarantee(category=category), make_guarantee(category=category)
        response = self.client.get(first.get_absolute_url())
        self.assertEqual(response.context["related"], [second])
        self.assertNotContains(response, "All the guarantees of this category")
