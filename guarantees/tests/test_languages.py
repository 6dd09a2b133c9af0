"""The site in English, Russian and Kazakh: catalogs, URLs, the switcher, content and its fallback."""

import re
from pathlib import Path

from django.conf import settings
from django.test import TestCase
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from guarantees.content_version import bump_version
from guarantees.models import Category, Guarantee, Instrument, UnassessedCell
from guarantees.models.law import russian_genitive

from .curated import load_curated
from .english import english_on
from .factories import make_instrument, make_provision

LANGUAGES = [code for code, _ in settings.LANGUAGES]
CATALOGS = sorted(Path(settings.BASE_DIR, "locale").glob("*/LC_MESSAGES/django.po"))


def test_every_catalog_entry_is_translated():
    assert {path.parts[-3] for path in CATALOGS} == {"ru", "kk"}
    for path in CATALOGS:
        text = path.read_text(encoding="utf-8")
        entries = text.split("\n\n")[1:]  # the first block is the header
        # An empty translation is `msgstr ""` with no continuation line ("...") after it.
        empty = [
            entry for entry in entries if "msgid" in entry and re.search(r'^msgstr(\[\d\])? ""$(?!\n")', entry, re.M)
        ]
        fuzzy = [entry for entry in entries if "#, fuzzy" in entry]
        assert not empty, f"{path}: {len(empty)} untranslated, first: {empty[0][:200]}"
        assert not fuzzy, f"{path}: {len(fuzzy)} fuzzy entries"


class LanguageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_curated()

    def url(self, language: str, name: str, *args) -> str:
        with translation.override(language):
            return reverse(name, args=args)

    def test_every_page_renders_in_each_language_with_its_interface(self):
        pages = [
            ("guarantees:home", []),
            ("guarantees:taxonomy", []),
            ("guarantees:guarantee-list", []),
            ("guarantees:guarantee", ["domestic-observers"]),
            ("guarantees:cell", ["domestic-observers", "KZ"]),
            ("guarantees:compare", []),
            ("guarantees:jurisdiction", ["KG"]),
            ("guarantees:instrument", ["kz-elections-law"]),
            ("guarantees:sources", []),
            ("guarantees:methodology", []),
            ("guarantees:article", ["kz-elections-law", "44"]),
            ("guarantees:compare-changes", []),
            ("guarantees:jurisdiction-changes", ["KZ"]),
        ]
        expected_nav = {"en": "Guarantees", "ru": "Гарантии"}
        for language in LANGUAGES:
            for name, args in pages:
                url = self.url(language, name, *args)
                with self.subTest(url=url):
                    self.assertTrue(url.startswith(f"/{language}/"))
                    response = self.client.get(url)
                    self.assertEqual(response.status_code, 200)
                    self.assertContains(response, f'<html lang="{language}">')
                    if language in expected_nav:
                        self.assertContains(response, f">{expected_nav[language]}</a>")
        kazakh = self.client.get(self.url("kk", "guarantees:home"))
        self.assertNotContains(kazakh, ">Guarantees</a>")

    def test_content_appears_in_the_page_language(self):
        guarantee = Guarantee.objects.get(slug="domestic-observers")
        for language in LANGUAGES:
            with self.subTest(language=language):
                response = self.client.get(self.url(language, "guarantees:guarantee", "domestic-observers"))
                self.assertContains(response, getattr(guarantee, f"name_{language}"))
                self.assertNotContains(response, 'class="fallback-mark"')

    def test_missing_translation_falls_back_to_english_and_says_so(self):
        Guarantee.objects.filter(slug="secret-ballot").update(summary_kk="")
        response = self.client.get(self.url("kk", "guarantees:guarantee", "secret-ballot"))
        english = Guarantee.objects.get(slug="secret-ballot").summary_en
        self.assertContains(response, f'<span lang="en">{english}</span>')
        self.assertContains(response, 'class="fallback-mark"')

    def test_the_list_names_its_filters_in_the_page_language(self):
        judicial = Category.objects.get(slug="judicial-protection")
        self.assertEqual(self.facet_option_label("ru", judicial.slug), judicial.name_ru)
        Category.objects.filter(pk=judicial.pk).update(name_ru="")
        bump_version()  # an update() sends no signal
        label = self.facet_option_label("ru", judicial.slug)
        self.assertEqual(label, f'<span lang="en">{judicial.name_en}</span> <span class="fallback-mark"')

    def facet_option_label(self, language: str, category: str) -> str:
        """What the list's category facet shows for the category, up to the end of its name."""
        page = self.client.get(self.url(language, "guarantees:guarantee-list")).content.decode()
        option = re.search(rf'<a href="\?category={category}" class="facet-option[^>]*>(.*?)</a>', page, re.S).group(1)
        label = option.split("</span>", 1)[1].strip()  # after the check box
        return label.split(' title="')[0]

    def test_texts_kept_in_english_are_marked_as_english_on_the_other_pages(self):
        unassessed = UnassessedCell.objects.select_related("guarantee", "jurisdiction").first()
        args = [unassessed.guarantee.slug, unassessed.jurisdiction.code]
        first_line = escape(unassessed.reason.splitlines()[0])
        english = self.client.get(self.url("en", "guarantees:cell", *args))
        self.assertContains(english, f"<p>{first_line}")
        for language in ("ru", "kk"):
            with self.subTest(language=language):
                page = self.client.get(self.url(language, "guarantees:cell", *args))
                self.assertContains(page, f'<p><span lang="en">{first_line}')
                sources = self.client.get(self.url(language, "guarantees:sources"))
                self.assertContains(sources, '<p class="note"><span lang="en">')

    def test_switcher_keeps_the_page_and_its_query_string(self):
        response = self.client.get(self.url("ru", "guarantees:compare") + "?j=KZ&j=RU&kind=tool")
        self.assertContains(response, 'href="/kk/compare/?j=KZ&amp;j=RU&amp;kind=tool"')
        self.assertContains(response, 'href="/en/compare/?j=KZ&amp;j=RU&amp;kind=tool"')

    def test_unprefixed_address_redirects_to_a_language(self):
        response = self.client.get("/compare/?j=KZ", HTTP_ACCEPT_LANGUAGE="ru")
        self.assertRedirects(response, "/ru/compare/?j=KZ", fetch_redirect_response=False)

    def test_search_finds_content_in_every_language(self):
        for language, query in [("ru", "наблюдатели"), ("kk", "байқаушы"), ("en", "observers")]:
            with self.subTest(query=query):
                response = self.client.get(self.url(language, "guarantees:search"), {"q": query})
                names = [hit.obj.slug for hit in response.context["results"].hits("guarantee")]
                self.assertIn("domestic-observers", names)

    def test_dates_follow_the_language(self):
        """One format per language (config/formats): 25.11.2026 in Russian and Kazakh, 25 November 2026 in English;
        never an ISO date or another language's month in the text."""
        for language, expected, unexpected in [
            ("ru", r"\b\d\d\.\d\d\.20\d\d\b", ["ноября", "Nov", "г.."]),
            ("kk", r"\b\d\d\.\d\d\.20\d\d\b", ["Жел.", "Nov", "қараша"]),
            (
                "en",
                r"\b\d{1,2} [A-Z][a-z]+ 20\d\d\b",
                ["ноября"],
            ),
        ]:
            with self.subTest(language=language):
                response = self.client.get(self.url(language, "guarantees:guarantee", "domestic-observers"))
                text = response.content.decode()
                self.assertRegex(text, expected)
                for word in unexpected:
                    self.assertNotIn(word, text)

    def test_the_change_over_time_pages_cite_and_date_in_the_language(self):
        changes = self.client.get(
            self.url("ru", "guarantees:compare-changes"), {"since": "2026-06-30", "as_of": "2026-07-01", "j": "KZ"}
        )
        self.assertContains(changes, "30.06.2026")
        self.assertContains(changes, "Конституционного закона № 2464")
        history = self.client.get(self.url("ru", "guarantees:article", "kz-elections-law", "44"))
        self.assertContains(
            history, "<h1>ст. 44 Конституционного закона № 2464 «О выборах в Республике Казахстан»</h1>", html=True
        )
        acts = self.client.get(self.url("kk", "guarantees:jurisdiction-changes", "KZ"))
        # The comparison's own link to its change view names its date as the page's language writes it.
        compare = self.client.get(
            self.url("ru", "guarantees:compare"), {"as_of": "2026-07-01", "j": ["KZ", "RU", "KG"]}
        )
        self.assertContains(compare, "Что изменилось к 01.07.2026, начиная с")
        for page in (changes, history, acts):
            with self.subTest(url=page.request["PATH_INFO"]):
                self.assertEqual(english_on(page.content.decode()), [])


class RussianArticleLabelTests(TestCase):
    """On /ru/ an article is cited as Russian lawyers write it: the article, then the act in the genitive."""

    def test_every_shipped_instrument_title_declines(self):
        load_curated()
        for title in Instrument.objects.exclude(short_title_original="").values_list("short_title_original", flat=True):
            with self.subTest(title=title):
                self.assertIsNotNone(russian_genitive(title))

    def test_the_label_reads_article_then_act(self):
        instrument = make_instrument(short_title_original="Федеральный закон № 67-ФЗ")
        provision = make_provision(number="51", instrument=instrument)
        with translation.override("ru"):
            self.assertEqual(provision.label, "ст. 51 Федерального закона № 67-ФЗ")
        with translation.override("en"):
            self.assertTrue(provision.label.endswith(", art. 51"))
