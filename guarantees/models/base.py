"""Pieces shared by the curated models."""

import re

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class TimeStamped(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class ReferenceEntry(TimeStamped):
    """A small, ordered reference table: rights, stages, principles."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class Validity(models.Model):
    """The dates between which a wording or an assessment held. An open end is unbounded."""

    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        abstract = True

    @classmethod
    def validity_constraint(cls, name: str) -> models.CheckConstraint:
        return models.CheckConstraint(
            condition=Q(valid_from__isnull=True) | Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
            name=name,
            violation_error_message=_("“Valid to” must not be earlier than “valid from”."),
        )

    def holds_on(self, on_date) -> bool:
        """For rows already loaded: what `querysets.in_force_on_filter` asks of the database."""
        return (self.valid_from is None or self.valid_from <= on_date) and (
            self.valid_to is None or self.valid_to >= on_date
        )

    def overlaps(self, other: "Validity") -> bool:
        starts_before_other_ends = (
            other.valid_to is None or self.valid_from is None or self.valid_from <= other.valid_to
        )
        ends_after_other_starts = other.valid_from is None or self.valid_to is None or self.valid_to >= other.valid_from
        return starts_before_other_ends and ends_after_other_starts


def natural_sort_key(number: str) -> str:
    """'20-1' -> '000020-000001', so that article 9 sorts before 10 and 20 before 20-1."""
    return re.sub(r"\d+", lambda match: match.group().zfill(6), number.strip())[:60]
