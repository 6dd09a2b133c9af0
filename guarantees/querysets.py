"""QuerySet methods named for the questions the pages ask."""

import datetime

from django.db import models
from django.db.models import Q

from .choices import PublicationStatus


def in_force_on_filter(on_date: datetime.date, prefix: str = "") -> Q:
    """Rows whose validity interval [valid_from, valid_to] contains the date; open ends are unbounded."""
    starts = Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": on_date})
    ends = Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": on_date})
    return starts & ends


class InForceQuerySet(models.QuerySet):
    def in_force_on(self, on_date: datetime.date):
        return self.filter(in_force_on_filter(on_date))


class ReviewableQuerySet(InForceQuerySet):
    def published(self):
        return self.filter(publication_status=PublicationStatus.PUBLISHED)


class InstrumentQuerySet(models.QuerySet):
    def in_force_on(self, on_date: datetime.date):
        starts = Q(in_force_from__isnull=True) | Q(in_force_from__lte=on_date)
        ends = Q(in_force_to__isnull=True) | Q(in_force_to__gte=on_date)
        return self.filter(starts & ends)


class GuaranteeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(publication_status=PublicationStatus.PUBLISHED)

    def of_kind(self, kind: str):
        return self.filter(category__kind=kind)

    def with_assessments_on(self, on_date: datetime.date, preview: bool = False, evidence: bool = True):
        """With each guarantee's assessments in force on the date, as `current_assessments`.

        `preview` (for staff only) includes the assessments and provisions not yet published; without
        `evidence` (for lists, which show statuses only), the provisions each assessment cites are not fetched.
        """
        assessments = published_assessments_on(on_date, preview, evidence)
        return self.select_related("category__parent").prefetch_related(
            models.Prefetch("assessments", assessments, to_attr="current_assessments")
        )


def published_assessments_on(on_date: datetime.date, preview: bool = False, evidence: bool = True):
    """Published assessments in force on a date, with their jurisdiction and (`evidence`) their published provisions."""
    from .models import Assessment, Provision

    assessments = Assessment.objects.all() if preview else Assessment.objects.published()
    assessments = assessments.in_force_on(on_date).select_related("jurisdiction")
    if evidence:
        provisions = Provision.objects.all() if preview else Provision.objects.published()
        assessments = assessments.prefetch_related(
            models.Prefetch("provisions", provisions.select_related("instrument__jurisdiction"))
        )
    return assessments.order_by("jurisdiction__order", "jurisdiction__code")
