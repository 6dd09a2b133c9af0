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

    def current(self):
        return self.in_force_on(datetime.date.today())


class InstrumentQuerySet(models.QuerySet):
    def in_force_on(self, on_date: datetime.date):
        starts = Q(in_force_from__isnull=True) | Q(in_force_from__lte=on_date)
        ends = Q(in_force_to__isnull=True) | Q(in_force_to__gte=on_date)
        return self.filter(starts & ends)


class GuaranteeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=PublicationStatus.PUBLISHED)

    def of_kind(self, kind: str):
        return self.filter(category__kind=kind)
