import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import TestCase

from guarantees.choices import Kind, PublicationStatus
from guarantees.models import Assessment, Guarantee, Jurisdiction, Provision
from guarantees.models.base import natural_sort_key

from .factories import (
    make_assessment,
    make_category,
    make_guarantee,
    make_instrument,
    make_jurisdiction,
    make_provision,
)

JAN_2026 = datetime.date(2026, 1, 1)
JUL_2026 = datetime.date(2026, 7, 1)


class ProvisionConstraintTests(TestCase):
    def test_two_open_ended_wordings_of_one_article_are_refused(self):
        instrument = make_instrument()
        make_provision(instrument=instrument, number="20-1")
        with self.assertRaises(IntegrityError):
            make_provision(instrument=instrument, number="20-1", valid_from=JUL_2026)

    def test_successive_wordings_of_one_article_are_allowed(self):
        instrument = make_instrument()
        make_provision(instrument=instrument, number="33", valid_to=datetime.date(2026, 6, 30))
        make_provision(instrument=instrument, number="33", valid_from=JUL_2026)
        self.assertEqual(Provision.objects.filter(number="33").count(), 2)

    def test_valid_to_before_valid_from_is_refused(self):
        with self.assertRaises(IntegrityError):
            make_provision(valid_from=JUL_2026, valid_to=JAN_2026)

    def test_same_number_in_another_instrument_is_allowed(self):
        make_provision(number="1")
        make_provision(number="1")
        self.assertEqual(Provision.objects.filter(number="1").count(), 2)

    def test_articles_sort_in_natural_order(self):
        instrument = make_instrument()
        for number in ["20-1", "9", "141.1", "20", "100"]:
            make_provision(instrument=instrument, number=number)
        self.assertEqual(
            list(instrument.provisions.values_list("number", flat=True)), ["9", "20", "20-1", "100", "141.1"]
        )

    def test_reference_and_str_name_the_instrument_and_article(self):
        provision = make_provision(
            instrument=make_instrument(short_title="67-FZ", jurisdiction=make_jurisdiction(code="RU")),
            number="30",
            paragraph="1",
        )
        self.assertEqual(str(provision), "RU 67-FZ art. 30 para. 1")


class AssessmentConstraintTests(TestCase):
    def test_second_current_assessment_of_a_pair_is_refused(self):
        assessment = make_assessment()
        with self.assertRaises(IntegrityError):
            make_assessment(guarantee=assessment.guarantee, jurisdiction=assessment.jurisdiction, valid_from=JUL_2026)

    def test_same_guarantee_in_another_jurisdiction_is_allowed(self):
        assessment = make_assessment()
        make_assessment(guarantee=assessment.guarantee, jurisdiction=make_jurisdiction(code="RU"))
        self.assertEqual(Assessment.objects.count(), 2)

    def test_overlapping_validity_fails_validation(self):
        earlier = make_assessment(valid_to=datetime.date(2026, 6, 30))
        overlapping = Assessment(
            guarantee=earlier.guarantee,
            jurisdiction=earlier.jurisdiction,
            status="absent",
            assessed_on=JAN_2026,
            valid_from=datetime.date(2026, 6, 1),
        )
        with self.assertRaisesMessage(ValidationError, "overlaps"):
            overlapping.full_clean()

    def test_adjacent_validity_passes_validation(self):
        earlier = make_assessment(valid_to=datetime.date(2026, 6, 30))
        later = Assessment(
            guarantee=earlier.guarantee,
            jurisdiction=earlier.jurisdiction,
            status="absent",
            assessed_on=JAN_2026,
            valid_from=JUL_2026,
        )
        later.full_clean()

    def test_valid_to_before_valid_from_is_refused(self):
        with self.assertRaises(IntegrityError):
            make_assessment(valid_from=JUL_2026, valid_to=JAN_2026)


class OtherConstraintTests(TestCase):
    def test_jurisdiction_code_must_be_two_capitals(self):
        for code in ["kz", "K", "K1"]:
            with self.subTest(code=code), self.assertRaises(IntegrityError), transaction.atomic():
                Jurisdiction.objects.create(code=code, name="Bad")

    def test_guarantee_slugs_are_unique(self):
        make_guarantee(slug="secret-ballot")
        with self.assertRaises(IntegrityError):
            make_guarantee(slug="secret-ballot")

    def test_instrument_in_force_dates_must_be_in_order(self):
        with self.assertRaises(IntegrityError):
            make_instrument(in_force_from=JUL_2026, in_force_to=JAN_2026)

    def test_category_parent_of_another_kind_fails_validation(self):
        conditions = make_category(kind=Kind.CONDITION)
        child = make_category(kind=Kind.TOOL)
        child.parent = conditions
        with self.assertRaisesMessage(ValidationError, "same kind"):
            child.full_clean()

    def test_category_cannot_be_its_own_ancestor(self):
        root = make_category()
        child = make_category(parent=root)
        root.parent = child
        with self.assertRaisesMessage(ValidationError, "ancestor"):
            root.full_clean()


class QuerySetTests(TestCase):
    def test_published_leaves_out_every_other_status(self):
        for status in PublicationStatus.values:
            make_guarantee(publication_status=status)
        self.assertEqual(
            list(Guarantee.objects.published().values_list("publication_status", flat=True)),
            [PublicationStatus.PUBLISHED],
        )

    def test_in_force_on_respects_both_ends_of_validity(self):
        guarantee = make_guarantee()
        jurisdiction = make_jurisdiction()
        old = make_assessment(guarantee=guarantee, jurisdiction=jurisdiction, valid_to=datetime.date(2026, 6, 30))
        new = make_assessment(guarantee=guarantee, jurisdiction=jurisdiction, valid_from=JUL_2026)
        cases = [
            (datetime.date(2020, 1, 1), [old]),
            (datetime.date(2026, 6, 30), [old]),
            (JUL_2026, [new]),
            (datetime.date(2030, 1, 1), [new]),
        ]
        for on_date, expected in cases:
            with self.subTest(on_date=on_date):
                self.assertEqual(list(Assessment.objects.in_force_on(on_date)), expected)

    def test_of_kind_follows_the_category(self):
        condition = make_guarantee(category=make_category(kind=Kind.CONDITION))
        make_guarantee(category=make_category(kind=Kind.TOOL))
        self.assertEqual(list(Guarantee.objects.of_kind(Kind.CONDITION)), [condition])


def test_natural_sort_key_pads_each_number():
    assert natural_sort_key("20-1") == "000020-000001"
    assert natural_sort_key("5.16") < natural_sort_key("5.52")
