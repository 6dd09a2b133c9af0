"""Guarantees, and their assessment in each jurisdiction (the comparison cell)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..choices import AssessmentStatus, CitationPurpose
from ..querysets import AssessmentQuerySet, GuaranteeQuerySet
from .base import TimeStamped, Validity
from .law import Provision
from .reference import ElectoralRight, Jurisdiction, Principle, Source, Stage
from .review import Reviewable
from .taxonomy import Category, Citation


class Guarantee(TimeStamped, Reviewable):
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=300)
    summary = models.TextField(_("summary"))
    description = models.TextField(_("description"), blank=True)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="guarantees", null=True, blank=True, verbose_name=_("category")
    )
    rights = models.ManyToManyField(
        ElectoralRight, related_name="guarantees", blank=True, verbose_name=_("rights protected")
    )
    stages = models.ManyToManyField(Stage, related_name="guarantees", blank=True, verbose_name=_("stages"))
    principles = models.ManyToManyField(Principle, related_name="guarantees", blank=True, verbose_name=_("principles"))
    sources = models.ManyToManyField(Source, through="GuaranteeCitation", related_name="guarantees", blank=True)

    objects = GuaranteeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("guarantee")
        verbose_name_plural = _("guarantees")
        indexes = [models.Index(fields=["publication_status", "category"], name="guarantee_status_category_idx")]
        permissions = [("publish_guarantee", "Can publish and withdraw guarantees")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("guarantees:guarantee", args=[self.slug])


class GuaranteeCitation(Citation):
    guarantee = models.ForeignKey(Guarantee, on_delete=models.CASCADE, related_name="citations")
    purpose = models.CharField(
        _("supports"), max_length=20, choices=CitationPurpose.choices, default=CitationPurpose.CONTENT
    )

    class Meta:
        verbose_name = _("guarantee citation")
        verbose_name_plural = _("guarantee citations")
        constraints = [
            models.UniqueConstraint(
                fields=["guarantee", "source", "pages", "purpose"], name="guarantee_citation_unique"
            ),
        ]


POSITIVE = {AssessmentStatus.PROVIDED, AssessmentStatus.PARTIAL}


class Assessment(TimeStamped, Validity, Reviewable):
    """One guarantee in one jurisdiction. No row means “not yet assessed”, which is not “absent”."""

    guarantee = models.ForeignKey(Guarantee, on_delete=models.CASCADE, related_name="assessments")
    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="assessments")
    status = models.CharField(_("status"), max_length=20, choices=AssessmentStatus.choices)
    provisions = models.ManyToManyField(
        Provision, related_name="assessments", blank=True, verbose_name=_("provisions that carry it")
    )
    commentary = models.TextField(_("commentary"), blank=True)
    assessed_on = models.DateField(_("assessed on"))
    sources = models.ManyToManyField(Source, through="AssessmentCitation", related_name="assessments", blank=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["guarantee", "jurisdiction__order", F("valid_from").asc(nulls_first=True)]
        permissions = [("publish_assessment", "Can publish and withdraw assessments")]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.UniqueConstraint(fields=["guarantee", "jurisdiction", "valid_from"], name="assessment_unique_start"),
            models.UniqueConstraint(
                fields=["guarantee", "jurisdiction"],
                condition=Q(valid_to__isnull=True),
                name="assessment_one_current_per_jurisdiction",
                violation_error_message=_("This guarantee already has a current assessment in this jurisdiction."),
            ),
            models.UniqueConstraint(
                fields=["guarantee", "jurisdiction"],
                condition=Q(valid_from__isnull=True),
                name="assessment_one_open_start_per_jurisdiction",
            ),
            Validity.validity_constraint("assessment_valid_to_after_valid_from"),
        ]
        indexes = [
            models.Index(fields=["jurisdiction", "status"], name="assessment_jurisdiction_idx"),
            models.Index(fields=["valid_from", "valid_to"], name="assessment_validity_idx"),
        ]

    def __str__(self):
        return f"{self.guarantee} — {self.jurisdiction.code}: {self.get_status_display()}"

    def provision_problems(self, provisions=None) -> list[str]:
        """What is wrong with the provisions it cites (its own, or `provisions` about to be set): the one rule.

        Every provision is of its own jurisdiction or an international treaty; a provided or partial
        assessment cites at least one provision of its own jurisdiction.
        """
        if provisions is None:
            provisions = self.provisions.select_related("instrument")
        jurisdictions = [provision.instrument.jurisdiction_id for provision in provisions]
        foreign = [
            str(p) for p, j in zip(provisions, jurisdictions, strict=True) if j not in (self.jurisdiction_id, None)
        ]
        if foreign:
            return [str(_("These provisions belong to another jurisdiction: %(list)s.")) % {"list": ", ".join(foreign)}]
        if self.status in POSITIVE and self.jurisdiction_id not in jurisdictions:
            return [str(_("A provided or partial assessment must cite a provision of its own jurisdiction."))]
        return []

    def clean(self):
        if not (self.guarantee_id and self.jurisdiction_id):
            return
        siblings = Assessment.objects.filter(guarantee_id=self.guarantee_id, jurisdiction_id=self.jurisdiction_id)
        for other in siblings.exclude(pk=self.pk):
            if self.overlaps(other):
                raise ValidationError(
                    _("Its validity overlaps another assessment of this guarantee in this jurisdiction: %(other)s.")
                    % {"other": other}
                )


class AssessmentCitation(Citation):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="citations")

    class Meta:
        verbose_name = _("assessment citation")
        verbose_name_plural = _("assessment citations")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "source", "pages"], name="assessment_citation_unique"),
        ]
