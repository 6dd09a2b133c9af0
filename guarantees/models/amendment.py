"""Amending acts: the laws that brought a wording of a provision or opened or closed an assessment's period."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .base import TimeStamped
from .guarantee import Assessment
from .law import Provision
from .reference import Jurisdiction


class Amendment(TimeStamped):
    key = models.SlugField(_("key"), max_length=60, unique=True)
    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="amendments")
    number = models.CharField(_("number"), max_length=60, blank=True)
    title = models.TextField(_("title"))
    adopted_on = models.DateField(_("date adopted"), null=True, blank=True)
    in_force_on = models.DateField(_("date in force"), null=True, blank=True)
    in_force_note = models.TextField(_("in force, as read"), blank=True)
    link = models.URLField(_("link to its text"), max_length=500, blank=True)
    articles_changed = models.TextField(_("articles changed, as read"), blank=True)
    summary = models.TextField(_("what changed"), blank=True)
    where_read = models.TextField(_("where read"))
    confidence = models.CharField(_("how it was read"), max_length=100, blank=True)
    provisions = models.ManyToManyField(
        Provision, blank=True, related_name="amendments", verbose_name=_("wordings it brought")
    )
    assessments = models.ManyToManyField(
        Assessment,
        blank=True,
        related_name="amendments",
        verbose_name=_("assessments whose period it opened or closed"),
    )

    class Meta:
        ordering = ["jurisdiction", models.F("in_force_on").asc(nulls_last=True), "key"]
        verbose_name = _("amending act")
        verbose_name_plural = _("amending acts")

    def __str__(self):
        return f"{self.number or self.key} ({self.in_force_on or '?'})"

    def get_absolute_url(self):
        return reverse("guarantees:jurisdiction-changes", args=[self.jurisdiction.code]) + f"#{self.key}"
