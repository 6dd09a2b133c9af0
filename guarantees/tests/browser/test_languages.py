"""A walk of /ru/ and /kk/ in a real browser: no English interface string on the pages a reader goes through.

The check (tests/english.py) looks for the English msgids of the .po files, as whole text nodes or attributes,
and for citations written in English ("art. 51", "No. 67-FZ"), in the page as the browser has it.
"""

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from ...models import Assessment, Guarantee, Instrument
from ..english import english_on


def walk(live_server, language):
    """The list with facets, a sorted list, the matrix, a guarantee, a cell, the texts compared, an instrument,
    an article's history, what changed on 1 July 2026, Kazakhstan's amending acts, the downloads and the about
    page, in the language."""
    guarantee = Guarantee.objects.published().filter(assessments__isnull=False).first()
    cell = Assessment.objects.filter(guarantee=guarantee).select_related("jurisdiction").first()
    instrument = Instrument.objects.filter(slug="kz-elections-law").first()
    with translation.override(language):
        paths = [
            reverse("guarantees:guarantee-list"),
            reverse("guarantees:guarantee-list") + "?sort=name",
            reverse("guarantees:compare"),
            reverse("guarantees:guarantee", args=[guarantee.slug]),
            reverse("guarantees:cell", args=[guarantee.slug, cell.jurisdiction.code]),
            reverse("guarantees:compare-texts", args=[guarantee.slug]),
            reverse("guarantees:instrument", args=[instrument.slug]),
            reverse("guarantees:article", args=[instrument.slug, "44"]),
            reverse("guarantees:compare-changes") + "?since=2026-06-30&as_of=2026-07-01&j=KZ",
            reverse("guarantees:jurisdiction-changes", args=["KZ"]),
            reverse("guarantees:downloads"),
            reverse("guarantees:about"),
            "/" + language + "/no-such-page/",
        ]
    return [live_server.url + path for path in paths]


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_a_reader_of_the_language_meets_no_english_interface_string(curated, live_server, page, language):
    found = {}
    for url in walk(live_server, language):
        page.goto(url)
        english = english_on(page.content())
        if english:
            found[url.removeprefix(live_server.url)] = english
    assert not found, found


def test_articles_and_instruments_are_named_as_a_russian_lawyer_names_them(curated, live_server, page):
    page.goto(live_server.url + "/ru/instruments/kz-elections-law/")
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Конституционный закон № 2464 «О выборах в Республике Казахстан»"
    )
    assert page.get_by_text("ст. 20-1 Конституционного закона № 2464 «О выборах в Республике Казахстан»").count()


def test_the_copy_button_says_copied_in_the_language_and_comes_back(curated, live_server, browser):
    context = browser.new_context(locale="ru-RU", permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(live_server.url + "/ru/guarantees/domestic-observers/")
    button = page.locator("button[data-copy-target='cite-guarantee-ru']")
    button.click()
    expect(button).to_have_text("Скопировано")
    button.click()
    expect(button).to_have_text("Копировать", timeout=5000)
    context.close()
