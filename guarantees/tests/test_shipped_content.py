"""Integrity of the curated content that ships in guarantees/data/, loaded as `make run` loads it."""

import datetime
import itertools
import os
import re
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.db.models import Count, F, Q
from django.test import TestCase

from guarantees.choices import AssessmentStatus, CitationPurpose, Kind, TextKind, Verification
from guarantees.content import ContentLoader
from guarantees.models import (
    Assessment,
    Category,
    Guarantee,
    Instrument,
    Jurisdiction,
    Provision,
    Stage,
    UnassessedCell,
)

SHARED = Path(os.environ.get("SHARED_DIR", settings.BASE_DIR.parent / "shared"))
JURISDICTIONS = ["KZ", "RU", "KG"]
# Kazakhstan's 1995 Constitution ceased to have effect on 1 July 2026: check both sides of that day.
DATES = [datetime.date(2026, 1, 1), datetime.date(2026, 11, 25)]
# Instruments whose official text could not be located from here; each note says what was tried.
# The list is closed: a new instrument without an official URL fails the test.
NO_OFFICIAL_URL_FOUND = {"ru-19-fz", "ru-54-fz", "ru-95-fz", "kg-election-commissions-law", "cis-convention-2002"}
# Constitutional Law No. 305-VIII of 11 June 2026 rewrote Kazakhstan's elections law from this day.
KZ_REFORM = datetime.date(2026, 7, 1)
KZ_BEFORE_REFORM = KZ_REFORM - datetime.timedelta(days=1)
ABOLISHED_CHAMBERS = re.compile(r"Senate|Mazhilis|Parliament|Сенат|Мажилис|Парламент|Мәжіліс")


def normalise(text: str) -> str:
    text = text.replace("\u00a0", " ").replace("ё", "е").replace("«", '"').replace("»", '"')
    return re.sub(r"\s+", " ", text).strip()


def kz_cells_on(on_date: datetime.date) -> dict[str, tuple]:
    """Each published guarantee's Kazakh cell on the day: status, the wordings cited, and the commentary."""
    assessments = (
        Assessment.objects.published()
        .in_force_on(on_date)
        .filter(jurisdiction__code="KZ", guarantee__publication_status="published")
        .select_related("guarantee")
        .prefetch_related("provisions")
    )
    return {
        a.guarantee.slug: (a.status, frozenset(p.pk for p in a.provisions.all()), a.commentary) for a in assessments
    }


class ShippedContentTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.report = ContentLoader().load()

    def test_minimum_counts_are_met(self):
        published = Guarantee.objects.published()
        self.assertGreaterEqual(published.count(), 80)
        # Conditions are the environment law does not fully regulate; a rule written into law is a tool
        # (issue 20 moved 14 legal rules from conditions to tools: see test_doctrine.py, and added the media,
        # association, assembly and party-funding conditions).
        self.assertGreaterEqual(published.of_kind(Kind.CONDITION).count(), 6)
        self.assertGreaterEqual(published.of_kind(Kind.TOOL).count(), 75)

    def test_kazakhstan_assesses_every_guarantee_on_both_sides_of_1_july_2026(self):
        for day in [datetime.date(2026, 6, 30), datetime.date(2026, 7, 1), *DATES]:
            with self.subTest(day=day):
                assessed = Assessment.objects.published().in_force_on(day).filter(jurisdiction__code="KZ")
                self.assertEqual(
                    set(Guarantee.objects.published().values_list("slug", flat=True)),
                    set(assessed.values_list("guarantee__slug", flat=True)),
                )

    def test_every_stage_is_served_by_a_guarantee(self):
        uncovered = Stage.objects.annotate(n=Count("guarantees")).filter(n=0)
        self.assertEqual(list(uncovered), [])

    def test_every_published_guarantee_has_a_category_and_a_classification_source(self):
        unclassified = Guarantee.objects.published().filter(
            Q(category__isnull=True) | ~Q(citations__purpose=CitationPurpose.CLASSIFICATION)
        )
        self.assertEqual(list(unclassified.distinct()), [])
        self.assertFalse(Guarantee.objects.published().exclude(citations__purpose=CitationPurpose.CLASSIFICATION))

    def test_every_category_cites_its_scholar(self):
        self.assertEqual(list(Category.objects.filter(citations__isnull=True)), [])

    def test_every_published_cell_is_assessed_or_says_why_not_on_each_date(self):
        """Each published guarantee in each jurisdiction: one assessment in force, or a reason it is not assessed."""
        explained = set(UnassessedCell.objects.values_list("guarantee__slug", "jurisdiction__code"))
        slugs = set(Guarantee.objects.published().values_list("slug", flat=True))
        for on_date in DATES:
            with self.subTest(on_date=on_date):
                assessed = Counter(
                    Assessment.objects.published()
                    .in_force_on(on_date)
                    .filter(guarantee__publication_status="published", jurisdiction__code__in=JURISDICTIONS)
                    .values_list("guarantee__slug", "jurisdiction__code")
                )
                wrong = {
                    (slug, code)
                    for slug in slugs
                    for code in JURISDICTIONS
                    if not (assessed[(slug, code)] == 1 or (assessed[(slug, code)] == 0 and (slug, code) in explained))
                }
                self.assertEqual(wrong, set())

    def test_a_cell_said_to_be_unassessed_has_no_current_assessment(self):
        for cell in UnassessedCell.objects.select_related("guarantee", "jurisdiction"):
            with self.subTest(cell=str(cell)):
                self.assertTrue(cell.reason.strip())
                current = Assessment.objects.filter(
                    guarantee=cell.guarantee, jurisdiction=cell.jurisdiction, valid_to__isnull=True
                )
                self.assertFalse(current.exists())

    def test_every_provided_or_partial_assessment_cites_a_provision_of_its_jurisdiction(self):
        positive = Assessment.objects.filter(status__in=[AssessmentStatus.PROVIDED, AssessmentStatus.PARTIAL])
        self.assertEqual(list(positive.filter(provisions__isnull=True)), [])
        foreign = positive.exclude(provisions__instrument__jurisdiction=F("jurisdiction")).filter(
            provisions__instrument__jurisdiction__isnull=False
        )
        self.assertEqual(list(foreign.distinct()), [])

    def test_every_provision_says_where_it_was_read(self):
        self.assertEqual(list(Provision.objects.filter(where_read="")), [])

    def test_every_instrument_with_provisions_has_an_official_url(self):
        missing = Instrument.objects.filter(provisions__isnull=False, official_url="").distinct()
        self.assertEqual(sorted(missing.values_list("slug", flat=True)), sorted(NO_OFFICIAL_URL_FOUND))
        for instrument in missing:
            self.assertIn("official", instrument.note.lower(), f"{instrument.slug}'s note must say why it has no URL")

    def test_no_two_wordings_of_an_article_are_in_force_on_the_same_date(self):
        provisions = Provision.objects.order_by("instrument_id", "number", "paragraph")
        for _, wordings in itertools.groupby(provisions, key=lambda p: (p.instrument_id, p.number, p.paragraph)):
            for first, second in itertools.combinations(list(wordings), 2):
                self.assertFalse(first.overlaps(second), f"{first} overlaps {second}")

    def test_assessments_of_a_cell_do_not_overlap(self):
        assessments = Assessment.objects.order_by("guarantee_id", "jurisdiction_id")
        for _, cell in itertools.groupby(assessments, key=lambda a: (a.guarantee_id, a.jurisdiction_id)):
            for first, second in itertools.combinations(list(cell), 2):
                self.assertFalse(first.overlaps(second), f"{first} overlaps {second}")

    def test_verbatim_quotes_from_the_shared_statute_texts_are_exact(self):
        """A quotation said to come from a file in shared/domain/statutes/ must be found in that file.

        Each run of text between omission marks (…) must stand in the source as it does in the quote.
        """
        if not SHARED.exists():
            if os.environ.get("CI"):
                self.fail(f"CI runs with shared/ beside the project; not found at {SHARED}")
            self.skipTest(f"no shared/ folder at {SHARED}")
        checked, misquoted = 0, []
        for provision in Provision.objects.filter(text_kind=TextKind.VERBATIM).exclude(text_original=""):
            # The copy read is a working note for curators (where readers see the publication instead).
            match = re.search(
                r"shared/domain/statutes/(\S+?\.(?:md|txt))", f"{provision.where_read} {provision.curator_note}"
            )
            if not match:
                continue
            source = normalise((SHARED / "domain/statutes" / match.group(1)).read_text(encoding="utf-8"))
            for fragment in re.split(r"\s*(?:…|\.\.\.|\[…\])\s*", normalise(provision.text_original)):
                fragment = fragment.strip(' "')
                if len(fragment) >= 12 and fragment not in source:
                    misquoted.append(f"{provision}: {fragment[:80]}")
            checked += 1
        self.assertGreater(checked, 0)
        self.assertEqual(misquoted, [], "\n".join(misquoted))

    def test_official_verification_is_claimed_only_with_a_source(self):
        self.assertFalse(Provision.objects.filter(verification=Verification.OFFICIAL, where_read=""))

    def test_the_three_jurisdictions_are_present(self):
        self.assertEqual(
            sorted(Jurisdiction.objects.filter(code__in=JURISDICTIONS).values_list("code", flat=True)),
            sorted(JURISDICTIONS),
        )

    def test_every_entry_loads_into_an_empty_database(self):
        self.assertEqual(self.report.kept_curator_edits, [])

    def test_reloading_changes_nothing(self):
        report = ContentLoader().load()
        self.assertFalse(report.created or report.updated or report.kept_curator_edits)

    def test_the_kz_matrix_changes_on_1_july_2026_exactly_where_the_law_did(self):
        """A Kazakh cell differs between 30 June and 2 July 2026 if and only if it, or a wording it cites, has a
        boundary on 1 July 2026."""
        before, after = kz_cells_on(KZ_BEFORE_REFORM), kz_cells_on(KZ_REFORM + datetime.timedelta(days=1))
        changed = {slug for slug in before.keys() | after.keys() if before.get(slug) != after.get(slug)}
        kz = Assessment.objects.filter(jurisdiction__code="KZ", guarantee__publication_status="published")
        split = set(
            kz.filter(Q(valid_from=KZ_REFORM) | Q(valid_to=KZ_BEFORE_REFORM)).values_list("guarantee__slug", flat=True)
        )
        reworded = {
            p.pk
            for p in Provision.objects.filter(instrument__jurisdiction__code="KZ")
            if p.valid_from == KZ_REFORM or p.valid_to == KZ_BEFORE_REFORM
        }
        cites_reworded = {
            slug for cells in (before, after) for slug, (_, provisions, _) in cells.items() if provisions & reworded
        }
        self.assertTrue(changed)
        self.assertEqual(changed, split | cites_reworded)

    def test_kz_assessments_from_1_july_2026_that_cite_the_2026_wordings_name_the_amending_act(self):
        later = Assessment.objects.filter(jurisdiction__code="KZ", valid_from=KZ_REFORM)
        for assessment in later.filter(
            provisions__instrument__slug="kz-elections-law", provisions__valid_from=KZ_REFORM
        ):
            with self.subTest(assessment=str(assessment)):
                self.assertIn("305-VIII", assessment.commentary)

    def test_every_2026_wording_of_the_kz_elections_law_names_the_amending_act(self):
        wordings = Provision.objects.filter(instrument__slug="kz-elections-law", valid_from=KZ_REFORM)
        self.assertTrue(wordings.exists())
        for wording in wordings:
            with self.subTest(wording=str(wording)):
                self.assertIn("305-VIII", wording.edition)
                self.assertTrue(wording.where_read)

    def test_no_kz_commentary_after_june_2026_speaks_of_the_abolished_chambers(self):
        """From 1 July 2026 Kazakhstan has the Kurultai, not a Parliament of a Senate and a Mazhilis."""
        current = Assessment.objects.filter(jurisdiction__code="KZ").in_force_on(KZ_REFORM)
        for assessment in current:
            for language in ("", "_ru", "_kk"):
                with self.subTest(assessment=str(assessment), language=language):
                    self.assertIsNone(ABOLISHED_CHAMBERS.search(getattr(assessment, f"commentary{language}") or ""))

    def test_kz_2026_wordings_quote_the_article_changes_register_exactly(self):
        """A wording quoted from shared/domain/statutes/kz-article-changes.tsv stands there as quoted.

        The register's markdown emphasis (asterisks around excluded paragraphs) is not part of the statute's words.
        """
        if not SHARED.exists():
            if os.environ.get("CI"):
                self.fail(f"CI runs with shared/ beside the project; not found at {SHARED}")
            self.skipTest(f"no shared/ folder at {SHARED}")
        rows = (SHARED / "domain/statutes/kz-article-changes.tsv").read_text(encoding="utf-8").splitlines()[1:]
        texts: dict[str, list[str]] = {}
        for row in rows:
            article, _, version_to, _, text_after, *_ = row.split("\t")
            if version_to == KZ_REFORM.isoformat():
                texts.setdefault(article, []).append(normalise(text_after.replace("*", "")))
        quoted = Provision.objects.filter(text_kind=TextKind.VERBATIM).filter(
            Q(where_read__startswith="register kz-article-changes.tsv")
            | Q(curator_note__startswith="register kz-article-changes.tsv")
        )
        self.assertTrue(quoted.exists())
        for provision in quoted:
            with self.subTest(provision=str(provision)):
                self.assertIn(provision.number, texts)
                for paragraph in provision.text_original.split("\n\n"):
                    self.assertTrue(any(normalise(paragraph) in row for row in texts[provision.number]), paragraph)
