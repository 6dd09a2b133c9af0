"""The Russian column as shipped: how far it was read in Russian, and the law as it changed (issue 18).

These tests hold rules on the content in guarantees/data/ (loaded as `load_content` loads it), not on code.
Where the column does not yet meet the issue's targets, the gap is written down here as a closed list that may
only shrink: a cell that gains a Russian reading must leave the list, and no new cell may join it.
"""

import datetime
import os
import re
import unittest
from pathlib import Path

from django.conf import settings
from django.db.models import F
from django.test import TestCase

from guarantees.amendments import load_amendments
from guarantees.choices import AssessmentStatus, TextKind, Verification
from guarantees.content import ContentLoader
from guarantees.models import Amendment, Assessment, Provision, UnassessedCell

SHARED = Path(os.environ.get("SHARED_DIR", settings.BASE_DIR.parent / "shared"))
READ_IN_RUSSIAN = {Verification.OFFICIAL, Verification.CONSOLIDATED}
BEFORE = datetime.date(2019, 1, 1)
TODAY = datetime.date(2026, 12, 2)

# Provided/partial RU periods whose every cited provision was read only in a translation or in a Russian copy
# that shows no edition. The list was closed at 14 periods (ru-read, December 2026) and is now empty:
# publication-of-results gained a Russian reading (67-FZ art. 72(1), Garant's consolidated text), and the other 13
# periods became "not yet assessed", their reasons keeping what the translations say (ru-strict, 2026-12-03). It may
# not grow again.
NOT_YET_READ_IN_RUSSIAN = set()
# The cells that left the list by becoming "not yet assessed": each must say what was read and that no status is given.
UNASSESSED_FOR_WANT_OF_A_RUSSIAN_TEXT = {
    "state-funded-campaign-opportunities",
    "candidate-employment-protection",
    "voter-information-by-commissions",
    "multi-party-composition-of-commissions",
    "polling-stations-abroad",
    "equal-status-of-candidates",
    "judicial-invalidation-of-results",
    "expedited-electoral-disputes",
    "complaint-to-higher-commission",
    "recount-of-votes",
    "international-observers",
    "openness-of-commissions",
    # Not on the closed list (each cited a Russian heading), but the Russian text read does not carry the rule.
    "equal-size-of-districts",
    "audit-of-electoral-funds",
}

# The cells re-periodised because an amending act changed what the guarantee provides: the period that opens,
# and the act (its key in the amendments register) with how the commentary names it (its number, or its date
# where the number was not read).
NEW_PERIODS = {
    ("nomination-of-candidates", datetime.date(2021, 6, 4)): ("ru-3", "No. 157-ФЗ"),
    ("nomination-of-candidates", datetime.date(2024, 5, 15)): ("ru-9", "No. 99-ФЗ"),
    ("advisory-members-of-commissions", datetime.date(2022, 3, 14)): ("ru-4", "No. 60-ФЗ"),
    ("domestic-observers", datetime.date(2018, 6, 4)): ("ru-12", "No. 150-ФЗ"),
    ("domestic-observers", datetime.date(2024, 5, 15)): ("ru-9", "No. 99-ФЗ"),
    ("multi-day-voting", datetime.date(2020, 7, 31)): ("ru-2", "31.07.2020"),
    ("limits-on-restricting-the-right-to-stand", datetime.date(2021, 6, 4)): ("ru-3", "No. 157-ФЗ"),
    ("limits-on-restricting-the-right-to-stand", datetime.date(2024, 5, 15)): ("ru-9", "No. 99-ФЗ"),
    ("electoral-deposits", datetime.date(2009, 2, 9)): ("ru-deposit-2009", "09.02.2009"),
}
# New periods with no assessed period before them: the law before the act was not read.
FIRST_ASSESSED_PERIOD = {("electoral-deposits", datetime.date(2009, 2, 9))}
# Of those, the cells whose status on 2019-01-01 differs from today's.
STATUS_CHANGED_SINCE_2019 = {"advisory-members-of-commissions", "multi-day-voting"}

# Distinct provisions the RU assessments cite, by level: measured on the shipped content (issue 18 closing note).
# Before this pass: 86 cited, 12 official, 14 consolidated, 58 secondary, 2 unchecked.
# Before the ru-read pass (2026-12-03): 93 cited, 17 official, 17 consolidated, 57 secondary, 2 unchecked
# (34 in Russian). After it and the 31 new guarantees: 108 cited, 21 official, 26 consolidated, 58 secondary,
# 3 unchecked (47 in Russian). After the ru-strict pass (2026-12-03: one Russian reading added, 13 periods resting
# only on translations withdrawn): 100 cited, 21 official, 27 consolidated, 49 secondary, 3 unchecked (48 in
# Russian: below two thirds).
MEASURED = {"official": 21, "consolidated": 27, "secondary": 49, "unchecked": 3}

# A repository path or a commit hash is a working note, not a readable "where read".
WORKING_NOTE = re.compile(r"\b[0-9a-f]{40}\b|@[0-9a-f]{7,}\b|shared/domain|\.tsv\b|github\.com/")


class RussianColumnTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        ContentLoader().load()
        load_amendments()

    def ru_assessments(self):
        return (
            Assessment.objects.filter(jurisdiction__code="RU")
            .select_related("guarantee")
            .prefetch_related("provisions")
        )

    def cited(self):
        return Provision.objects.filter(assessments__jurisdiction__code="RU").distinct()

    def test_counts_by_verification_level_of_the_cited_provisions(self):
        counts = {level: self.cited().filter(verification=level).count() for level in MEASURED}
        self.assertEqual(counts, MEASURED)

    @unittest.expectedFailure
    def test_two_thirds_of_the_cited_provisions_are_read_in_russian(self):
        # Issue 18's target, not met: see the closing note. When it is met, remove the expectedFailure.
        cited = self.cited()
        in_russian = cited.filter(verification__in=READ_IN_RUSSIAN).count()
        self.assertGreaterEqual(3 * in_russian, 2 * cited.count())

    def test_no_provided_or_partial_cell_rests_only_on_a_translation_or_an_undated_copy(self):
        resting = set()
        for assessment in self.ru_assessments().filter(
            status__in=[AssessmentStatus.PROVIDED, AssessmentStatus.PARTIAL]
        ):
            if not any(p.verification in READ_IN_RUSSIAN for p in assessment.provisions.all()):
                resting.add((assessment.guarantee.slug, assessment.valid_from))
        self.assertEqual(
            resting - NOT_YET_READ_IN_RUSSIAN, set(), "cells resting only on translations or undated copies"
        )
        self.assertEqual(NOT_YET_READ_IN_RUSSIAN, set())

    def test_cells_unassessed_for_want_of_a_russian_text_say_what_was_read(self):
        for slug in UNASSESSED_FOR_WANT_OF_A_RUSSIAN_TEXT:
            with self.subTest(slug=slug):
                self.assertFalse(self.ru_assessments().filter(guarantee__slug=slug).exists())
                reason = UnassessedCell.objects.get(jurisdiction__code="RU", guarantee__slug=slug).reason
                self.assertRegex(reason, r"[Rr]ead")
                self.assertIn("no status is given", reason)

    def test_consolidated_provisions_state_their_edition(self):
        for provision in Provision.objects.filter(
            instrument__jurisdiction__code="RU", verification=Verification.CONSOLIDATED
        ):
            with self.subTest(provision=str(provision)):
                self.assertIsNotNone(provision.edition_date)
                self.assertTrue(provision.edition)

    def test_where_read_is_readable_words_not_a_working_note(self):
        for provision in Provision.objects.filter(instrument__jurisdiction__code="RU"):
            with self.subTest(provision=str(provision)):
                self.assertTrue(provision.where_read)
                self.assertNotRegex(provision.where_read, WORKING_NOTE)

    def test_the_matrix_of_2019_and_of_today_differ_exactly_in_the_re_periodised_cells(self):
        def cells(on_date):
            return {
                a.guarantee.slug: (a.status, a.valid_from)
                for a in Assessment.objects.published().in_force_on(on_date).filter(jurisdiction__code="RU")
            }

        then, now = cells(BEFORE), cells(TODAY)
        self.assertEqual(set(then), set(now), "a cell assessed on one day only")
        changed = {slug for slug in now if then[slug] != now[slug]}
        self.assertEqual(changed, {slug for slug, day in NEW_PERIODS if BEFORE < day <= TODAY})
        status_changed = {slug for slug in now if then[slug][0] != now[slug][0]}
        self.assertEqual(status_changed, STATUS_CHANGED_SINCE_2019)

    def test_every_new_period_names_its_amending_act_and_the_act_is_in_the_register(self):
        opened = {(a.guarantee.slug, a.valid_from) for a in self.ru_assessments().filter(valid_from__isnull=False)}
        self.assertEqual(opened, set(NEW_PERIODS))
        for (slug, valid_from), (key, named) in NEW_PERIODS.items():
            assessment = self.ru_assessments().get(guarantee__slug=slug, valid_from=valid_from)
            with self.subTest(slug=slug, valid_from=valid_from):
                self.assertIn(named, assessment.commentary)
                self.assertTrue(Amendment.objects.filter(jurisdiction__code="RU", key=key).exists())
                self.assertIn(assessment, Amendment.objects.get(key=key).assessments.all())
                # The period before it ends the day before: nothing is overwritten.
                if (slug, valid_from) not in FIRST_ASSESSED_PERIOD:
                    self.assertTrue(
                        self.ru_assessments()
                        .filter(guarantee__slug=slug, valid_to=valid_from - datetime.timedelta(days=1))
                        .exists()
                    )

    def test_the_2018_wording_of_duma_observers_is_a_new_wording_with_dates(self):
        wordings = Provision.objects.filter(instrument__slug="ru-20-fz", number="33", paragraph="").order_by(
            F("valid_from").asc(nulls_first=True)
        )
        self.assertEqual(
            [(w.valid_from, w.valid_to) for w in wordings],
            [
                (None, datetime.date(2018, 6, 3)),
                (datetime.date(2018, 6, 4), datetime.date(2024, 5, 14)),
                (datetime.date(2024, 5, 15), None),
            ],
        )
        new = wordings[1]
        self.assertEqual(new.text_kind, TextKind.VERBATIM)
        self.assertIn("субъекты общественного контроля", new.text_original)
        self.assertIn("150-ФЗ", new.edition)
        # 99-ФЗ changed part 2 (who may be an observer) from 15 May 2024: a third wording, read in Garant's text.
        latest = wordings.last()
        self.assertIn("сенаторы Российской Федерации", latest.text_original)
        self.assertIn("99-ФЗ", latest.edition)

    def test_a_cell_whose_text_read_does_not_carry_the_rule_is_not_yet_assessed(self):
        self.assertFalse(self.ru_assessments().filter(guarantee__slug="opinion-poll-rules").exists())
        reason = UnassessedCell.objects.get(jurisdiction__code="RU", guarantee__slug="opinion-poll-rules").reason
        self.assertIn("headings", reason)

    def test_commentary_says_where_the_law_restricts_the_right(self):
        restricted = {
            ("nomination-of-candidates", datetime.date(2024, 5, 15)): "foreign agent",
            ("domestic-observers", datetime.date(2024, 5, 15)): "foreign agents",
        }
        for (slug, valid_from), words in restricted.items():
            with self.subTest(slug=slug):
                commentary = self.ru_assessments().get(guarantee__slug=slug, valid_from=valid_from).commentary
                self.assertIn(words, commentary)
        # The media restrictions of 2023, known only from secondary sources, stay in the reason of the unassessed cell.
        reason = UnassessedCell.objects.get(jurisdiction__code="RU", guarantee__slug="openness-of-commissions").reason
        self.assertIn("labour contract", reason)
        self.assertIn("530-ФЗ", reason)


@unittest.skipUnless((SHARED / "domain/statutes/ru/constitution.rus.txt").exists(), "the shared statute texts")
class RussianQuotationsTests(TestCase):
    """Every verbatim quotation of the Constitution and the Criminal Code is in the official text."""

    @classmethod
    def setUpTestData(cls):
        ContentLoader().load()

    @staticmethod
    def normalise(text):
        text = text.replace("\u00a0", " ").replace("ё", "е").replace("«", '"').replace("»", '"')
        return re.sub(r"\s+", " ", text).strip()

    def test_quotations_are_in_the_official_texts(self):
        texts = {
            "ru-constitution": SHARED / "domain/statutes/ru/constitution.rus.txt",
            "ru-criminal-code": SHARED / "domain/statutes/ru/criminal-code-ch19.rus.txt",
        }
        for slug, path in texts.items():
            official = self.normalise(path.read_text(encoding="utf-8"))
            for provision in Provision.objects.filter(instrument__slug=slug, text_kind=TextKind.VERBATIM):
                for line in provision.text_original.splitlines():
                    with self.subTest(provision=str(provision), line=line[:40]):
                        self.assertIn(self.normalise(line), official)
