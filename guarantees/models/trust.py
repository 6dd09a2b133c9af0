"""Readers' corrections and the second, independent coding of cells."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import AssessmentStatus
from .base import TimeStamped
from .guarantee import Guarantee
from .reference import Jurisdiction


class SuggestionStatus(models.TextChoices):
    NEW = "new", _("New")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class Suggestion(models.Model):
    """A reader's proposed correction. It changes nothing by itself; a curator acts on it."""

    guarantee = models.ForeignKey(Guarantee, on_delete=models.CASCADE, related_name="suggestions")
    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.CASCADE, null=True, blank=True, related_name="suggestions"
    )
    problem = models.TextField(_("what is wrong"), max_length=4000)
    proposed_fix = models.TextField(_("proposed correction"), max_length=4000)
    source = models.TextField(_("source"), max_length=1000, blank=True)
    email = models.EmailField(_("e-mail (optional)"), blank=True)
    client_hash = models.CharField(max_length=64, editable=False, db_index=True)
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True, db_index=True)
    status = models.CharField(
        _("status"), max_length=20, choices=SuggestionStatus.choices, default=SuggestionStatus.NEW, db_index=True
    )
    reviewer_note = models.TextField(_("reviewer's note"), blank=True)
    led_to = models.CharField(
        _("the edit it led to"),
        max_length=300,
        blank=True,
        help_text=_("The admin address of the entry or history record the correction changed."),
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("suggested correction")
        verbose_name_plural = _("suggested corrections")

    def __str__(self):
        where = f" — {self.jurisdiction.code}" if self.jurisdiction_id else ""
        return f"{self.guarantee}{where} ({self.get_status_display()})"


class SecondCoding(TimeStamped):
    """An independent second assessment of a cell, made without seeing the first."""

    guarantee = models.ForeignKey(Guarantee, on_delete=models.CASCADE, related_name="second_codings")
    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.CASCADE, related_name="second_codings")
    status = models.CharField(_("status"), max_length=20, choices=AssessmentStatus.choices)
    coder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    coder_name = models.CharField(_("coder"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)
    coded_on = models.DateField(_("coded on"))

    class Meta:
        ordering = ["guarantee", "jurisdiction"]
        verbose_name = _("second coding")
        verbose_name_plural = _("second codings")
        constraints = [
            models.UniqueConstraint(fields=["guarantee", "jurisdiction"], name="second_coding_one_per_cell"),
        ]

    def __str__(self):
        return f"{self.guarantee} — {self.jurisdiction.code}: {self.get_status_display()} (second coding)"


class UnassessedCell(TimeStamped):
    """A guarantee not yet assessed in a jurisdiction, and why: what was read, and why it does not let us say.

    It is not an assessment: the cell stays "not yet assessed" everywhere; readers of the cell see the reason.
    """

    guarantee = models.ForeignKey(Guarantee, on_delete=models.CASCADE, related_name="unassessed_cells")
    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.CASCADE, related_name="unassessed_cells")
    reason = models.TextField(_("why it is not yet assessed"))
    noted_on = models.DateField(_("noted on"))

    class Meta:
        ordering = ["guarantee", "jurisdiction__order"]
        verbose_name = _("cell not yet assessed")
        verbose_name_plural = _("cells not yet assessed")
        constraints = [
            models.UniqueConstraint(fields=["guarantee", "jurisdiction"], name="unassessed_cell_unique"),
        ]

    def __str__(self):
        return f"{self.guarantee} — {self.jurisdiction.code}: {_('not yet assessed')}"

    def clean(self):
        from django.core.exceptions import ValidationError

        from .guarantee import Assessment

        current = Assessment.objects.filter(
            guarantee_id=self.guarantee_id, jurisdiction_id=self.jurisdiction_id, valid_to__isnull=True
        )
        if self.guarantee_id and self.jurisdiction_id and current.exists():
            raise ValidationError(_("This cell has a current assessment: end it before saying it is not assessed."))
