"""Kyrgyzstan's column on the shipped content: the 2011/2015, 2021 and 2025 rules as periods of the law.

Constitutional Law No. 103 of 26 Aug 2021 (in force 27 Aug 2021) brought the mixed system; Constitutional Law
No. 113 of 9 June 2025 replaced it with 30 three-member districts; Constitutional Law No. 66 of 16 May 2026 (in
force 1 June 2026) cut the Central Election Commission to eight members. The registers behind these dates are
../shared/domain/statutes/kg-amendments.tsv, written into data/amendments/kg.yaml.
"""

import datetime
import re

from django.test import TestCase

from guarantees.amendments import load_amendments
from guarantees.choices import AssessmentStatus, Verification
from guarantees.models import Amendment, Assessment, Provision, UnassessedCell

from .curated import load_curated

BEFORE_2021 = datetime.date(2020, 1, 1)
MIXED_SYSTEM = datetime.date(2023, 1, 1)
MIXED_SYSTEM_FROM = datetime.date(2021, 8, 27)
TODAY = datetime.date.today()
# Cells whose subject each reform changed: the electoral system, nomination and deposits, vacancies.
THREE_SYSTEMS = ["direct-suffrage", "nomination-of-candidates", "repeat-elections-and-runoff"]
# Cells whose subject an act of 2020-2026 changed, as the register reports (electoral system, nomination,
# self-nomination and deposits, gender rule, vacancies, remote voting, money, observers under the party
# lists, the commission's size). Their current status may not rest only on a translation of an older text.
REFORMED = {
    "direct-suffrage",
    "nomination-of-candidates",
    "repeat-elections-and-runoff",
    "political-pluralism",
    "voting-away-from-residence",
    "polling-stations-abroad",
    "campaign-finance-through-electoral-funds",
    "domestic-observers",
    "independent-election-commissions",
    "formation-of-districts-and-polling-stations",
}
# Current cells whose basis is the reports of Constitutional Law No. 113 (the CEC quoted in the news), since the
# act itself and the articles that now carry the rule could not be read. The list is closed: a cell that comes to
# cite an official or a reform-dated wording must leave it, and a new one fails the test.
RESTS_ON_REPORTS_OF_THE_ACT = {
    "repeat-elections-and-runoff",
    "voting-away-from-residence",
    "polling-stations-abroad",
    "campaign-finance-through-electoral-funds",
    "formation-of-districts-and-polling-stations",
}
SUPERSEDED = re.compile(r"party lists?|single-member|mixed system|parties nominating lists|120 deputies", re.I)
SUPERSEDED_RU = re.compile(r"партийн\w* спис|одномандатн|смешанн\w* систем|120 депутат", re.I)
SAID_TO_BE_GONE = re.compile(r"abolish|there are no party lists|no longer|before the 2021|until 2\d", re.I)
SAID_TO_BE_GONE_RU = re.compile(r"отмен|упраздн|больше нет|партийных списков нет|до реформы|до 2\d", re.I)
READING_GAP = re.compile(r"not (?:found|located) in the (?:articles|texts?) read|may sit in", re.I)


def kg_cell(slug: str, on_date: datetime.date) -> Assessment | None:
    cells = list(
        Assessment.objects.published().in_force_on(on_date).filter(jurisdiction__code="KG", guarantee__slug=slug)
    )
    assert len(cells) <= 1, cells
    return cells[0] if cells else None


def names_act(text: str, number: str) -> bool:
    return re.search(rf"No\.\s*{re.escape(number)}\b", text) is not None


class KyrgyzPeriodsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_curated()
        load_amendments()
        cls.acts = list(Amendment.objects.filter(jurisdiction__code="KG"))

    def acts_on(self, day: datetime.date) -> list[Amendment]:
        """The register's acts that took effect on the day (the adoption day where entry into force was not read)."""
        return [act for act in self.acts if (act.in_force_on or act.adopted_on) == day]

    def test_the_matrix_shows_each_system_on_its_day(self):
        for slug in THREE_SYSTEMS:
            with self.subTest(slug=slug):
                cells = [kg_cell(slug, day) for day in (BEFORE_2021, MIXED_SYSTEM, TODAY)]
                self.assertTrue(all(cells), cells)
                self.assertEqual(len({cell.pk for cell in cells}), 3)
                self.assertEqual(len({cell.commentary for cell in cells}), 3)
                before, mixed, now = cells
                self.assertFalse(names_act(before.commentary, "103") or names_act(before.commentary, "113"))
                self.assertTrue(names_act(mixed.commentary, "103"), mixed.commentary)
                self.assertTrue(names_act(now.commentary, "113"), now.commentary)

    def test_the_kg_matrix_differs_between_the_three_days(self):
        matrices = []
        for day in (BEFORE_2021, MIXED_SYSTEM, TODAY):
            assessments = Assessment.objects.published().in_force_on(day).filter(jurisdiction__code="KG")
            matrices.append(frozenset(assessments.values_list("guarantee__slug", "pk")))
        self.assertEqual(len(set(matrices)), 3)

    def test_each_period_opens_and_closes_on_the_day_of_an_act_and_names_it(self):
        for assessment in Assessment.objects.filter(jurisdiction__code="KG").select_related("guarantee"):
            for day, side in ((assessment.valid_from, "from"), (assessment.valid_to, "to")):
                if day is None:
                    continue
                opened_on = day if side == "from" else day + datetime.timedelta(days=1)
                with self.subTest(assessment=str(assessment), side=side):
                    acts = self.acts_on(opened_on)
                    self.assertTrue(acts, f"no act of the register on {opened_on}")
                    if side == "from":
                        numbered = [act.number for act in acts if act.number]
                        if numbered:
                            self.assertTrue(
                                any(names_act(assessment.commentary, number) for number in numbered),
                                f"the commentary should name No. {' or '.join(numbered)}",
                            )

    def test_each_dated_wording_starts_or_ends_with_an_act_and_names_it(self):
        for provision in Provision.objects.filter(instrument__jurisdiction__code="KG").exclude(
            valid_from__isnull=True, valid_to__isnull=True
        ):
            with self.subTest(provision=str(provision)):
                if provision.valid_from:
                    acts = self.acts_on(provision.valid_from)
                    self.assertTrue(acts)
                    said = " ".join([provision.text_en, provision.edition, provision.where_read])
                    numbered = [act.number for act in acts if act.number]
                    if numbered:
                        self.assertTrue(any(names_act(said, number) for number in numbered), said)
                if provision.valid_to:
                    self.assertTrue(self.acts_on(provision.valid_to + datetime.timedelta(days=1)))

    def test_no_current_cell_rests_only_on_a_translation_where_the_law_was_changed(self):
        current = (
            Assessment.objects.published()
            .in_force_on(TODAY)
            .filter(jurisdiction__code="KG", guarantee__slug__in=REFORMED)
        )
        on_reports = set()
        for assessment in current.select_related("guarantee").prefetch_related("provisions"):
            provisions = list(assessment.provisions.all())
            read_in_the_law = [
                p
                for p in provisions
                if p.verification in (Verification.OFFICIAL, Verification.CONSOLIDATED)
                or (p.valid_from is not None and p.valid_from >= MIXED_SYSTEM_FROM)
            ]
            if read_in_the_law:
                continue
            slug = assessment.guarantee.slug
            on_reports.add(slug)
            with self.subTest(slug=slug):
                self.assertIn(slug, RESTS_ON_REPORTS_OF_THE_ACT)
                self.assertTrue(names_act(assessment.commentary, "113"), assessment.commentary)
                self.assertRegex(assessment.commentary, r"news|reported")
                self.assertIn("unverified", assessment.commentary)
        self.assertEqual(on_reports, RESTS_ON_REPORTS_OF_THE_ACT)

    def test_every_negative_cell_says_what_was_read(self):
        negative = Assessment.objects.filter(
            jurisdiction__code="KG", status__in=[AssessmentStatus.ABSENT, AssessmentStatus.PARTIAL]
        ).prefetch_related("provisions")
        self.assertTrue(negative.exists())
        for assessment in negative:
            with self.subTest(assessment=str(assessment)):
                numbers = {p.number for p in assessment.provisions.all()}
                self.assertTrue(numbers, "a negative finding cites what was read")
                self.assertTrue(
                    any(re.search(rf"\barts?\. {re.escape(n)}\b", assessment.commentary) for n in numbers),
                    "the commentary names the article read",
                )
                self.assertIsNone(READING_GAP.search(assessment.commentary), "a gap in reading is not a finding")

    def test_every_unassessed_kg_cell_says_what_was_read(self):
        cells = UnassessedCell.objects.filter(jurisdiction__code="KG").select_related("guarantee")
        self.assertGreaterEqual(cells.count(), 15)
        for cell in cells:
            with self.subTest(cell=cell.guarantee.slug):
                self.assertIn("read", cell.reason)

    def test_no_current_kg_cell_describes_a_superseded_system_as_current(self):
        for assessment in Assessment.objects.published().in_force_on(TODAY).filter(jurisdiction__code="KG"):
            for text, superseded, gone in (
                (assessment.commentary_en or "", SUPERSEDED, SAID_TO_BE_GONE),
                (assessment.commentary_ru or "", SUPERSEDED_RU, SAID_TO_BE_GONE_RU),
            ):
                with self.subTest(assessment=str(assessment), text=text[:40]):
                    if superseded.search(text):
                        self.assertRegex(text, gone)
