"""Jurisdictions, the small reference tables, and bibliography sources."""

import re

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..choices import SourceKind
from .base import ReferenceEntry, TimeStamped


class Jurisdiction(TimeStamped):
    code = models.CharField(
        _("code"), max_length=2, unique=True, help_text=_("ISO 3166-1 alpha-2 code, in capitals, e.g. KZ.")
    )
    name = models.CharField(_("name"), max_length=100)
    name_local = models.CharField(_("name in the state language"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("jurisdiction")
        verbose_name_plural = _("jurisdictions")
        constraints = [
            models.CheckConstraint(condition=models.Q(code__regex=r"^[A-Z]{2}$"), name="jurisdiction_code_iso"),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    def get_absolute_url(self):
        return reverse("guarantees:jurisdiction", args=[self.code])


class ElectoralRight(ReferenceEntry):
    class Meta(ReferenceEntry.Meta):
        verbose_name = _("electoral right")
        verbose_name_plural = _("electoral rights")


class Stage(ReferenceEntry):
    """A stage of the electoral process; `order` is its place in the process."""

    class Meta(ReferenceEntry.Meta):
        verbose_name = _("stage")
        verbose_name_plural = _("stages")


class Principle(ReferenceEntry):
    class Meta(ReferenceEntry.Meta):
        verbose_name = _("principle")
        verbose_name_plural = _("principles")


class Source(TimeStamped):
    """A bibliography entry cited by categories, guarantees and assessments."""

    key = models.SlugField(_("key"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=SourceKind.choices, default=SourceKind.BOOK)
    authors = models.CharField(
        _("authors"), max_length=300, blank=True, help_text=_("In the original script, as the work prints them.")
    )
    authors_transliterated = models.CharField(
        _("authors (transliterated)"),
        max_length=300,
        blank=True,
        help_text=_("A Latin transliteration, for works not written in the Latin script."),
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    title = models.TextField(_("title"), help_text=_("In the original script and language."))
    title_transliterated = models.TextField(
        _("title (transliterated)"),
        blank=True,
        help_text=_("A Latin transliteration, for works not written in the Latin script."),
    )
    title_en = models.TextField(_("title in English"), blank=True)
    reference = models.TextField(
        _("reference (GOST R 7.0.5)"),
        blank=True,
        help_text=_("The bibliographic reference in the form of GOST R 7.0.5-2008."),
    )
    known_through = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reported_sources",
        verbose_name=_("known through"),
        help_text=_("The work this one is known from, where it has not been read itself (cited after)."),
    )
    container = models.CharField(
        _("published in"), max_length=300, blank=True, help_text=_("Journal, book, or publisher and city.")
    )
    pages = models.CharField(_("pages"), max_length=50, blank=True)
    url = models.URLField(_("URL"), max_length=500, blank=True)
    note = models.TextField(_("note"), blank=True)
    curator_note = models.TextField(
        _("note for curators"), blank=True, help_text=_("Working notes: shown only in the admin, never to readers.")
    )

    class Meta:
        ordering = ["authors", "year", "title"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self):
        # The first author without the full name in brackets: "Матейкович М. С. (2003)", "Zharbolova A. Zh. et al."
        first = re.sub(r"\s*\(.*?\)", "", self.authors.split(",")[0]).strip() if self.authors else self.title[:40]
        author = f"{first} et al." if self.authors.count(",") >= 2 else first
        return f"{author} ({self.year})" if self.year else author

    def get_absolute_url(self):
        return reverse("guarantees:sources") + f"#source-{self.key}"
