"""What changed: the timeline of amending acts, the change view between two dates (page, CSV, JSON, API), the
Atom feeds, and the amending acts in the API and the download."""

import csv
import datetime
import io
import json
import re
import xml.etree.ElementTree as ET

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from guarantees.changes import changed_cells
from guarantees.choices import AssessmentStatus
from guarantees.dataset import published_tables
from guarantees.models import Amendment, Assessment, Jurisdiction

from .curated import load_curated
from .factories import make_assessment, make_guarantee, make_instrument, make_jurisdiction, make_provision

ATOM = "{http://www.w3.org/2005/Atom}"
BEFORE, DAY, AFTER = datetime.date(2026, 6, 30), datetime.date(2026, 7, 1), datetime.date(2026, 7, 2)


def changes_url(**params) -> str:
    query = "&".join(f"{name}={value}" for name, value in params.items())
    return reverse("guarantees:compare-changes") + (f"?{query}" if query else "")


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)


class ChangedCellsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.kz = make_jurisdiction(code="KZ")
        law = make_instrument(jurisdiction=cls.kz, slug="probe-law")
        cls.old = make_provision(instrument=law, number="20", text_original="Наблюдатели от партий.", valid_to=BEFORE)
        cls.new = make_provision(
            instrument=law, number="20", text_original="Наблюдатели от партий и НКО.", valid_from=DAY
        )
        cls.same_old = make_provision(
            instrument=law, number="10", text_original="Комиссии «избираются».", valid_to=BEFORE
        )
        cls.same_new = make_provision(
            instrument=law, number="10", text_original='Комиссии "избираются"', valid_from=DAY
        )
        cls.act = Amendment.objects.create(
            key="kz-226347", jurisdiction=cls.kz, number="305-VIII", title="КЗ № 305-VIII", in_force_on=DAY,
            link="https://zan.gov.kz/client/#!/doc/226347/rus", where_read="kz-versions.tsv (version of 2026-07-01)",
        )  # fmt: skip
        cls.act.provisions.add(cls.new, cls.same_new)
        # Reworded: the same status, a new wording with new words.
        cls.reworded = make_guarantee(name="Observers")
        make_assessment(guarantee=cls.reworded, jurisdiction=cls.kz, valid_to=BEFORE, provisions=[cls.old])
        opened = make_assessment(guarantee=cls.reworded, jurisdiction=cls.kz, valid_from=DAY, provisions=[cls.new])
        cls.act.assessments.add(opened)
        # Re-rated: the status changed on the day, the same article.
        cls.rerated = make_guarantee(name="Equal suffrage")
        make_assessment(
            guarantee=cls.rerated, jurisdiction=cls.kz, status=AssessmentStatus.PARTIAL, valid_to=BEFORE,
            provisions=[cls.old],
        )  # fmt: skip
        make_assessment(guarantee=cls.rerated, jurisdiction=cls.kz, valid_from=DAY, provisions=[cls.new])
        # Not a change: a new wording row with the same words, the same status.
        cls.unchanged = make_guarantee(name="Commissions")
        make_assessment(guarantee=cls.unchanged, jurisdiction=cls.kz, valid_to=BEFORE, provisions=[cls.same_old])
        make_assessment(guarantee=cls.unchanged, jurisdiction=cls.kz, valid_from=DAY, provisions=[cls.same_new])

    def test_only_cells_whose_status_or_words_changed_each_with_the_act(self):
        changes = changed_cells(BEFORE, AFTER, [self.kz])
        self.assertEqual([c.guarantee for c in changes], [self.rerated, self.reworded])
        rerated, reworded = changes
        self.assertTrue(rerated.status_changed)
        self.assertEqual((rerated.status_before, rerated.status_after), ("partial", "provided"))
        self.assertFalse(reworded.status_changed)
        (rewording,) = reworded.rewordings
        self.assertEqual((rewording.before, rewording.after), (self.old, self.new))
        self.assertIn("<ins>и НКО.</ins>", rewording.difference.html)
        for change in changes:
            self.assertEqual([act.label for act in change.acts], ["305-VIII"])

    def test_dates_on_the_same_side_of_the_act_show_no_change(self):
        self.assertEqual(changed_cells(DAY, AFTER, [self.kz]), [])
        self.assertEqual(changed_cells(datetime.date(2020, 1, 1), BEFORE, [self.kz]), [])
        self.assertEqual(len(changed_cells(datetime.date(2020, 1, 1), AFTER, [self.kz])), 2)

    def test_the_page_shows_old_and_new_side_by_side(self):
        response = self.client.get(changes_url(since=BEFORE, as_of=AFTER, j="KZ"))
        self.assertContains(response, "2 cells changed")
        self.assertContains(response, f'data-guarantee="{self.reworded.slug}"')
        self.assertNotContains(response, f'data-guarantee="{self.unchanged.slug}"')
        self.assertContains(response, "<ins>и НКО.</ins>", html=False)
        self.assertContains(response, "305-VIII")
        self.assertContains(response, 'type="application/atom+xml"')

    def test_the_same_list_as_csv_and_json(self):
        response = self.client.get(changes_url(since=BEFORE, as_of=AFTER, j="KZ", format="csv"))
        rows = list(csv.DictReader(io.StringIO(response.content.decode())))
        self.assertEqual([row["guarantee"] for row in rows], [self.rerated.slug, self.reworded.slug])
        self.assertEqual(rows[0]["status_before"], "partial")
        self.assertEqual(rows[1]["acts"], "305-VIII (2026-07-01)")
        document = json.loads(self.client.get(changes_url(since=BEFORE, as_of=AFTER, j="KZ", format="json")).content)
        self.assertEqual((document["since"], document["as_of"]), ("2026-06-30", "2026-07-02"))
        self.assertEqual([c["guarantee"] for c in document["changes"]], [self.rerated.slug, self.reworded.slug])
        self.assertEqual(document["changes"][1]["acts"][0]["key"], "kz-226347")
        self.assertEqual(document["changes"][1]["rewordings"][0]["after"]["text"], "Наблюдатели от партий и НКО.")

    def test_the_api_gives_the_same_list_and_the_acts(self):
        document = self.client.get(f"/api/changes/?since={BEFORE}&as_of={AFTER}&j=KZ").json()
        self.assertEqual([c["guarantee"] for c in document["changes"]], [self.rerated.slug, self.reworded.slug])
        self.assertEqual(self.client.get("/api/changes/?since=2026-07-02&as_of=2026-06-30").status_code, 400)
        acts = self.client.get("/api/amendments/?jurisdiction=KZ").json()["results"]
        self.assertEqual([a["key"] for a in acts], ["kz-226347"])
        self.assertEqual(sorted(acts[0]["provisions"]), sorted([self.new.pk, self.same_new.pk]))
        self.assertEqual(acts[0]["cells"][0]["guarantee"], self.reworded.slug)
        self.assertEqual(self.client.get("/api/amendments/kz-226347/").json()["number"], "305-VIII")

    def test_the_download_has_the_amending_acts(self):
        (row,) = published_tables()["amendments"]
        self.assertEqual((row["key"], row["number"], row["in_force_on"]), ("kz-226347", "305-VIII", DAY))
        self.assertIn(str(self.new.pk), row["provisions"].split())

    def test_bad_dates_are_explained(self):
        response = self.client.get(changes_url(since=AFTER, as_of=BEFORE))
        self.assertContains(response, "“since” must be earlier than “as_of”", status_code=400)
        response = self.client.get(changes_url(since="30.06.2026"))
        self.assertContains(response, "“since” must be a date", status_code=400)
        self.assertEqual(self.client.get(changes_url(format="xls")).status_code, 400)

    def test_the_timeline_names_the_wordings_and_cells_each_act_changed(self):
        response = self.client.get(reverse("guarantees:jurisdiction-changes", args=["KZ"]))
        self.assertContains(response, "305-VIII")
        self.assertContains(response, self.new.history_url)
        self.assertContains(response, reverse("guarantees:cell", args=[self.reworded.slug, "KZ"]) + "?as_of=2026-07-01")
        self.assertContains(response, changes_url(since="2026-06-30", as_of="2026-07-01", j="KZ").replace("&", "&amp;"))

    def test_the_compare_page_and_the_jurisdiction_page_link_here(self):
        response = self.client.get(reverse("guarantees:compare") + "?j=KZ")
        self.assertContains(response, f'action="{reverse("guarantees:compare-changes")}"')
        response = self.client.get(reverse("guarantees:jurisdiction", args=["KZ"]))
        self.assertContains(response, reverse("guarantees:jurisdiction-changes", args=["KZ"]))
        self.assertContains(response, reverse("guarantees:feed-cells", args=["KZ"]))

    def test_query_counts_do_not_grow_with_the_changes(self):
        urls = [
            changes_url(since=BEFORE, as_of=AFTER),
            changes_url(since=BEFORE, as_of=AFTER, format="csv"),
            reverse("guarantees:jurisdiction-changes", args=["KZ"]),
            reverse("guarantees:feed-amendments", args=["KZ"]),
            reverse("guarantees:feed-cells", args=["KZ"]),
        ]
        small = [count_queries(self.client, url) for url in urls]
        law = make_instrument(jurisdiction=self.kz, slug="probe-law-2")
        for number in range(5):
            old = make_provision(instrument=law, number=str(number + 1), text_original="Старый текст", valid_to=BEFORE)
            new = make_provision(instrument=law, number=str(number + 1), text_original="Новый текст", valid_from=DAY)
            guarantee = make_guarantee()
            make_assessment(guarantee=guarantee, jurisdiction=self.kz, valid_to=BEFORE, provisions=[old])
            self.act.assessments.add(
                make_assessment(guarantee=guarantee, jurisdiction=self.kz, valid_from=DAY, provisions=[new])
            )
            self.act.provisions.add(new)
        self.assertEqual(len(changed_cells(BEFORE, AFTER, [self.kz])), 7)
        self.assertEqual([count_queries(self.client, url) for url in urls], small)
        # change view: the two dates' checks, the jurisdictions (twice: chosen, and for the form), the cells of
        # each day (cells, wordings, their acts, the cells' acts), the content version
        self.assertEqual(small, [13, 12, 5, 6, 4])


class FeedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.kz = make_jurisdiction(code="KZ")
        cls.guarantee = make_guarantee(name="Secret ballot")
        provision = make_provision(instrument=make_instrument(jurisdiction=cls.kz), valid_from=DAY)
        make_assessment(guarantee=cls.guarantee, jurisdiction=cls.kz, valid_to=BEFORE)
        opened = make_assessment(guarantee=cls.guarantee, jurisdiction=cls.kz, valid_from=DAY, provisions=[provision])
        act = Amendment.objects.create(
            key="kz-226347", jurisdiction=cls.kz, number="305-VIII", title="КЗ № 305-VIII", in_force_on=DAY,
            where_read="kz-versions.tsv",
        )  # fmt: skip
        act.assessments.add(opened)
        act.provisions.add(provision)

    def parse(self, url: str) -> ET.Element:
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response["Content-Type"].startswith("application/atom+xml"))
        feed = ET.fromstring(response.content)
        self.assertEqual(feed.tag, f"{ATOM}feed")
        for required in ("id", "title", "updated"):
            self.assertTrue(feed.findtext(f"{ATOM}{required}"), required)
        entries = feed.findall(f"{ATOM}entry")
        self.assertTrue(entries)
        for entry in entries:
            for required in ("id", "title", "updated"):
                self.assertTrue(entry.findtext(f"{ATOM}{required}"), required)
            self.assertTrue(entry.find(f"{ATOM}link").get("href"))
        return feed

    def test_every_feed_is_atom_with_the_required_elements(self):
        for name, argument in [
            ("feed-amendments", "KZ"),
            ("feed-cells", "KZ"),
            ("feed-guarantee-amendments", self.guarantee.slug),
            ("feed-guarantee-cells", self.guarantee.slug),
        ]:
            with self.subTest(feed=name):
                self.parse(reverse(f"guarantees:{name}", args=[argument]))

    def test_entries_are_dated_by_the_law_and_link_to_that_day(self):
        feed = self.parse(reverse("guarantees:feed-cells", args=["KZ"]))
        (entry,) = feed.findall(f"{ATOM}entry")
        self.assertEqual(entry.findtext(f"{ATOM}updated"), "2026-07-01T00:00:00+00:00")
        self.assertTrue(entry.find(f"{ATOM}link").get("href").endswith("/KZ/?as_of=2026-07-01"))
        self.assertIn("305-VIII", entry.findtext(f"{ATOM}summary"))
        feed = self.parse(reverse("guarantees:feed-amendments", args=["KZ"]))
        self.assertIn("305-VIII", feed.find(f"{ATOM}entry").findtext(f"{ATOM}title"))

    def test_pages_link_their_feeds(self):
        for url, feed in [
            (reverse("guarantees:jurisdiction", args=["KZ"]), reverse("guarantees:feed-amendments", args=["KZ"])),
            (self.guarantee.get_absolute_url(), reverse("guarantees:feed-guarantee-cells", args=[self.guarantee.slug])),
            (
                reverse("guarantees:cell", args=[self.guarantee.slug, "KZ"]),
                reverse("guarantees:feed-amendments", args=["KZ"]),
            ),
            (reverse("guarantees:jurisdiction-changes", args=["KZ"]), reverse("guarantees:feed-cells", args=["KZ"])),
        ]:  # fmt: skip
            with self.subTest(page=url):
                self.assertRegex(
                    self.client.get(url).content.decode(),
                    rf'<link rel="alternate" type="application/atom\+xml" title="[^"]*" href="{re.escape(feed)}">',
                )

    def test_an_unknown_jurisdiction_or_guarantee_has_no_feed(self):
        self.assertEqual(self.client.get(reverse("guarantees:feed-cells", args=["XX"])).status_code, 404)
        self.assertEqual(self.client.get(reverse("guarantees:feed-guarantee-cells", args=["nothing"])).status_code, 404)


def words(text: str) -> list[str]:
    """The test's own normalisation: the words, without punctuation, case or ё."""
    return [w for w in (re.sub(r"[\W_]+", "", t.casefold().replace("ё", "е")) for t in text.split()) if w]


class ShippedChangesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_curated()

    def cells(self, on_date):
        cells = Assessment.objects.current_on(on_date).filter(jurisdiction__code="KZ").prefetch_related("provisions")
        result = {}
        for cell in cells.select_related("guarantee"):
            cited = {
                (p.instrument_id, p.number, p.paragraph): tuple(words(p.text_original))
                for p in cell.provisions.all()
                if (p.valid_from is None or p.valid_from <= on_date)
                and (p.valid_to is None or p.valid_to >= on_date)
                and p.publication_status == "published"
            }
            result[cell.guarantee.slug] = (cell.status, cited)
        return result

    def test_30_june_to_2_july_2026_lists_exactly_the_kz_cells_whose_law_changed_each_with_the_act(self):
        before, after = self.cells(BEFORE), self.cells(AFTER)
        expected = {slug for slug in before.keys() | after.keys() if before.get(slug) != after.get(slug)}
        self.assertGreaterEqual(len(expected), 30)
        response = self.client.get(changes_url(since=BEFORE, as_of=AFTER, j="KZ", format="json"))
        changes = response.json()["changes"]
        self.assertEqual({change["guarantee"] for change in changes}, expected)
        self.assertEqual(len(changes), len(expected))
        for change in changes:
            with self.subTest(cell=change["guarantee"]):
                self.assertEqual(change["jurisdiction"], "KZ")
                labels = {act["label"] for act in change["acts"]}
                self.assertTrue(labels, "every change names its act")
                self.assertTrue(
                    labels <= {"305-VIII", "Constitution of 2026", 'Constitutional Law No. 297-VIII "On the Kurultai"'}
                )
        page = self.client.get(changes_url(since=BEFORE, as_of=AFTER, j="KZ"))
        self.assertContains(page, f"{len(expected)} cells changed")
        self.assertNotContains(page, "no act recorded")

    def test_no_cell_of_russia_or_kyrgyzstan_changed_on_1_july_2026(self):
        others = Jurisdiction.objects.exclude(code="KZ")
        self.assertEqual(changed_cells(BEFORE, AFTER, others), [])

    def test_the_kz_timeline_names_law_305_viii_with_its_cells(self):
        response = self.client.get(reverse("guarantees:jurisdiction-changes", args=["KZ"]))
        self.assertContains(response, "305-VIII")
        self.assertContains(response, "Cells whose period it opened or closed")
        self.assertGreater(Amendment.objects.get(number="305-VIII").assessments.count(), 30)


class LawSearchTests(TestCase):
    """Search finds instruments and amending acts by their names, numbers and years."""

    @classmethod
    def setUpTestData(cls):
        load_curated()

    def found(self, query: str, key: str) -> list[str]:
        from guarantees.search import search_all

        return [hit.obj.slug if key == "instrument" else hit.obj.key for hit in search_all(query).hits(key)]

    def test_constitution_of_2026(self):
        self.assertEqual(self.found("Constitution of 2026", "instrument")[0], "kz-constitution-2026")
        self.assertNotIn("kz-constitution-1995", self.found("Constitution of 2026", "instrument"))
        self.assertIn("kz-constitution-2026", self.found("Конституция 2026", "instrument"))

    def test_an_act_number_alone(self):
        self.assertEqual(self.found("2464", "instrument"), ["kz-elections-law"])
        self.assertEqual(self.found("305-VIII", "amendment"), ["kz-226347"])
        self.assertEqual(self.found("296-VI", "amendment"), ["kz-137854"])  # the register writes a Cyrillic І

    def test_a_law_and_a_year_finds_the_law_and_its_acts_of_that_year(self):
        for query in ("67-ФЗ 2020", "67-FZ 2020"):
            with self.subTest(query=query):
                self.assertEqual(self.found(query, "instrument"), ["ru-67-fz"])
                acts = Amendment.objects.filter(key__in=self.found(query, "amendment"))
                self.assertTrue(acts)
                for act in acts:
                    self.assertEqual((act.jurisdiction.code, (act.adopted_on or act.in_force_on).year), ("RU", 2020))

    def test_the_search_page_links_the_act_to_its_timeline(self):
        response = self.client.get(reverse("guarantees:search") + "?q=305-VIII")
        self.assertContains(response, reverse("guarantees:jurisdiction-changes", args=["KZ"]) + "#kz-226347")
        response = self.client.get(reverse("guarantees:search") + "?q=Constitution+of+2026")
        self.assertContains(response, reverse("guarantees:instrument", args=["kz-constitution-2026"]))


class PinnedCitationTests(TestCase):
    def test_a_cell_cited_as_of_a_date_keeps_the_date_in_its_url_and_text(self):
        kz = make_jurisdiction(code="KZ")
        guarantee = make_guarantee(name="Observers")
        make_assessment(guarantee=guarantee, jurisdiction=kz)
        url = reverse("guarantees:cell", args=[guarantee.slug, "KZ"])
        document = self.client.get(url + "?as_of=2026-06-30&format=json").json()
        self.assertTrue(document["url"].endswith(f"{url}?as_of=2026-06-30"))
        self.assertIn(f"{url}?as_of=2026-06-30>", document["citation"]["en"])
        self.assertIn("the law as of 30 June 2026", document["citation"]["en"])
        self.assertIn("по состоянию на 30.06.2026", document["citation"]["ru"])
        unpinned = self.client.get(url + "?format=json").json()
        self.assertNotIn("as_of", unpinned["citation"]["en"])
        self.assertNotIn("as of", unpinned["citation"]["en"])
