"""An article's history: wordings in legal time, the act behind each, and normalised word-level differences."""

import datetime

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from guarantees.history import article_wordings, same_wording, word_diff
from guarantees.models import Amendment, Instrument

from .curated import load_curated
from .factories import make_instrument, make_jurisdiction, make_provision
from .test_shipped_content import SHARED

DAY = datetime.date(2026, 7, 1)


class WordDiffTests(TestCase):
    def test_whitespace_quotes_dashes_punctuation_and_case_are_not_reported(self):
        old = "Закон «О выборах» —  гарантирует\u00a0право; Граждане вправе."
        new = 'закон "О выборах" - гарантирует право,\nграждане вправе'
        self.assertTrue(same_wording(old, new))
        self.assertFalse(word_diff(old, new).changed)
        self.assertNotIn("<ins>", word_diff(old, new).html)

    def test_a_yo_spelling_is_not_an_amendment(self):
        self.assertTrue(same_wording("учёт голосов", "учет голосов"))

    def test_inserted_and_deleted_words_are_marked(self):
        difference = word_diff("граждане от партий", "граждане, достигшие 18 лет, от объединений")
        self.assertEqual(
            str(difference.html), "граждане, <ins>достигшие 18 лет,</ins> от <del>партий</del> <ins>объединений</ins>"
        )
        self.assertEqual((difference.inserted, difference.deleted), (4, 1))

    def test_the_texts_are_escaped(self):
        difference = word_diff("a <b>", "a <script>alert(1)</script>")
        self.assertNotIn("<script>", difference.html)
        self.assertIn("&lt;script&gt;", difference.html)


class ArticlePageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        kz = make_jurisdiction(code="KZ")
        cls.law = make_instrument(jurisdiction=kz, slug="probe-law", in_force_from=datetime.date(1995, 9, 28))
        cls.old = make_provision(
            instrument=cls.law,
            number="20-1",
            text_original="Наблюдатели от партий.",
            valid_to=DAY - datetime.timedelta(1),
        )
        cls.new = make_provision(
            instrument=cls.law, number="20-1", text_original="Наблюдатели от «партий» и объединений.", valid_from=DAY
        )
        cls.act = Amendment.objects.create(
            key="kz-226347", jurisdiction=kz, number="305-VIII", title="КЗ № 305-VIII", in_force_on=DAY,
            link="https://zan.gov.kz/client/#!/doc/226347/rus", where_read="kz-versions.tsv",
        )  # fmt: skip
        cls.act.provisions.add(cls.new)
        cls.url = reverse("guarantees:article", args=["probe-law", "20-1"])

    def test_every_wording_with_its_act_and_the_difference(self):
        response = self.client.get(self.url)
        self.assertContains(response, "2 wordings in the record")
        self.assertContains(response, "305-VIII")
        self.assertContains(response, "<ins>и объединений.</ins>", html=False)
        self.assertNotContains(response, "<del>")  # the quotes around «партий» are not an amendment

    def test_the_instrument_page_and_the_cell_link_to_it(self):
        response = self.client.get(self.law.get_absolute_url())
        self.assertContains(response, f'href="{self.url}"')
        self.assertContains(response, "every wording, with differences")

    def test_two_wordings_chosen_by_their_start(self):
        response = self.client.get(self.url + "?a=2026-07-01&b=origin")
        self.assertContains(response, "<del>и объединений.</del>", html=False)

    def test_an_unknown_wording_is_a_bad_request(self):
        response = self.client.get(self.url + "?a=2020-01-01")
        self.assertContains(response, "origin, 2026-07-01", status_code=400)

    def test_an_article_with_no_published_wording_is_not_found(self):
        self.assertEqual(self.client.get(reverse("guarantees:article", args=["probe-law", "99"])).status_code, 404)

    def test_pinned_as_of_marks_that_wording_and_keeps_the_date_in_the_citation(self):
        response = self.client.get(self.url + "?as_of=2026-06-01")
        self.assertContains(response, "in force on 1 June 2026")
        self.assertContains(response, "as in force on 1 June 2026")
        self.assertContains(response, "articles/20-1/?as_of=2026-06-01")

    def test_the_query_count_does_not_grow_with_the_wordings(self):
        def count():
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.client.get(self.url).status_code, 200)
            return len(queries)

        small = count()
        self.new.valid_to = datetime.date(2026, 12, 31)
        self.new.save()
        for year in (2027, 2028, 2029):
            make_provision(
                instrument=self.law, number="20-1", text_original=f"Текст {year}.",
                valid_from=datetime.date(year, 1, 1), valid_to=None if year == 2029 else datetime.date(year, 12, 31),
            )  # fmt: skip
        self.assertEqual(count(), small)
        self.assertLessEqual(small, 5)


class ShippedHistoryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_curated()

    def test_kz_articles_with_more_than_one_wording_show_their_history_with_differences(self):
        """Every KZ article the register kz-article-changes.tsv says changed on 1 July 2026, and of which the
        knowledge base holds both wordings, shows both with a difference and the act; an article whose cited
        words did not change says so instead of inventing a difference."""
        register = SHARED / "domain/statutes/kz-article-changes.tsv"
        if not register.exists():
            self.skipTest(f"no register at {register}")
        rows = register.read_text(encoding="utf-8").splitlines()[1:]
        changed = {row.split("\t")[0] for row in rows if row.split("\t")[2] == "2026-07-01"}
        law = Instrument.objects.get(slug="kz-elections-law")
        numbers = law.provisions.published().values_list("number", flat=True).distinct()
        with_differences = same_words = 0
        for number in sorted(set(numbers)):
            wordings = article_wordings(law, number)
            if len(wordings) < 2:
                continue
            with self.subTest(article=number):
                response = self.client.get(wordings[0].provision.history_url)
                self.assertContains(response, f"{len(wordings)} wordings in the record")
                self.assertContains(response, "305-VIII")  # the act that brought the 2026 wording
                if number in changed:
                    self.assertTrue(wordings[-1].difference.changed)
                    self.assertContains(response, "<ins>", html=False)
                    with_differences += 1
                elif not wordings[-1].difference.changed:
                    self.assertContains(response, "Same words as the wording before")
                    same_words += 1
        self.assertGreaterEqual(with_differences, 20)
