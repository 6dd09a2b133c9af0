"""Search on the shipped content: the forms of a Russian word, and article references as people type them.

On SQLite, Snowball stems; on PostgreSQL, the russian text-search configuration and containment of the same
stems; so the forms test holds on both databases.
"""

import html

from django.test import TestCase

from guarantees.models import Provision
from guarantees.search import search_all, searchable_fields, snippet, stem_of

from .curated import load_curated


def found(query: str, group: str) -> set[int]:
    return {hit.obj.pk for hit in search_all(query).hits(group)}


class RussianFormsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_curated()

    def test_the_forms_of_a_word_find_the_same_entries(self):
        for forms in [
            ("наблюдатель", "наблюдатели", "наблюдателей"),
            ("избиратель", "избиратели", "избирателей"),
            ("кандидат", "кандидаты", "кандидатов"),
        ]:
            for group in ("provision", "guarantee"):
                with self.subTest(forms=forms, group=group):
                    results = [found(form, group) for form in forms]
                    self.assertTrue(results[0], f"{forms[0]} finds no {group}")
                    self.assertEqual(results[0], results[1])
                    self.assertEqual(results[0], results[2])

    def test_kazakh_words_are_matched_by_their_start(self):
        self.assertEqual(stem_of("сайлаушылар"), "сайлаушылар")
        self.assertEqual(stem_of("бақылаушы"), "бақылаушы")

    def test_an_article_reference_as_people_type_it_finds_the_article(self):
        article = Provision.objects.published().get(instrument__slug="kz-elections-law", number="20-1", valid_to=None)
        for query in ("ст. 20-1", "статья 20-1", "art. 20-1", "KZ ст. 20-1", "20-1"):
            with self.subTest(query=query):
                self.assertIn(article.pk, found(query, "provision"))

    def test_an_instrument_and_article_number_in_cyrillic_find_that_article_only(self):
        hits = search_all("67-ФЗ ст. 30").hits("provision")
        self.assertTrue(hits)
        self.assertEqual({(hit.obj.instrument.number, hit.obj.number) for hit in hits}, {("67-ФЗ", "30")})

    def test_snippets_start_at_a_word_boundary(self):
        for provision in Provision.objects.published().exclude(text_original="")[:40]:
            words = provision.text_original.split()
            if len(words) < 80:
                continue
            query = words[60].strip('.,;:()«»"')
            if not query.isalpha():
                continue
            text = strip_tags(str(snippet(provision, searchable_fields(Provision), query)))
            with self.subTest(provision=str(provision), query=query):
                self.assertTrue(text.startswith("…"), text[:60])
                opening = html.unescape(text.removeprefix("…")).split()[0]
                self.assertIn(opening, words)


def strip_tags(text: str) -> str:
    return text.replace("<mark>", "").replace("</mark>", "")
