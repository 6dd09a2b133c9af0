"""Instruments (constitutions, laws, codes, treaties) and their provisions (articles)."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from ..choices import InstrumentKind, InstrumentStatus, TextKind, Verification
from ..querysets import InstrumentQuerySet, ProvisionQuerySet
from .base import TimeStamped, Validity, natural_sort_key
from .reference import Jurisdiction
from .review import Reviewable

#: An article number as the acts write it: 20, 20-1, 141.1, 5.16, 7а.
ARTICLE_NUMBER = re.compile(r"^\d+[a-zа-я]?(?:[-.]\d+[a-zа-я]?)*$")


def validate_article_number(number: str) -> None:
    """The one rule for an article number, run by every writer through the model field."""
    if number.strip().lower().startswith(("art", "ст")):
        raise ValidationError(_("Write the number only, without “art.” or “ст.”: 20-1, 141.1."), code="prefixed")
    if not ARTICLE_NUMBER.match(number):
        raise ValidationError(
            _("An article number is digits, parts joined by “-” or “.”: 20, 20-1, 141.1, 5.16."), code="format"
        )


#: How the kinds of act that open the instruments' Russian titles decline: «ст. 51 Федерального закона …».
RUSSIAN_GENITIVE_HEADS = [
    ("Федеральный конституционный закон", "Федерального конституционного закона"),
    ("Федеральный закон", "Федерального закона"),
    ("Конституционный закон", "Конституционного закона"),
    ("Уголовный кодекс", "Уголовного кодекса"),
    ("Конституция", "Конституции"),
    ("Конвенция", "Конвенции"),
    ("Кодекс", "Кодекса"),
    ("Закон", "Закона"),
]


def russian_genitive(title: str) -> str | None:
    """The title with its head noun in the genitive (what follows it already is), or None if the head is unknown."""
    for nominative, genitive in RUSSIAN_GENITIVE_HEADS:
        if title.startswith(nominative + " "):
            return genitive + title[len(nominative) :]
    return None


def article_reference(number: str, paragraph: str) -> str:
    """'art. 20-1' or 'art. 2 para. 3-4'."""
    if paragraph:
        return f"art. {number} para. {paragraph}"
    return f"art. {number}"


#: the levels read in the original language's official or consolidated text
READ_IN_ORIGINAL = {Verification.OFFICIAL, Verification.CONSOLIDATED}


def article_citation(number: str, paragraph: str) -> str:
    """The article in the page's language, as lawyers write it: "art. 20-1 para. 3", «ст. 20-1 п. 3»,
    «20-1-бап 3-тармақ»."""
    if paragraph:
        return gettext("art. %(number)s para. %(paragraph)s") % {"number": number, "paragraph": paragraph}
    return gettext("art. %(number)s") % {"number": number}


def instrument_name(short_title: str, short_title_original: str) -> str:
    """An instrument as a reader of the page's language names it: the original-language short title on pages
    not in English (where one is stored), the English short title otherwise."""
    if get_language() != settings.LANGUAGE_CODE and short_title_original:
        return short_title_original
    return short_title


class Instrument(TimeStamped):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    jurisdiction = models.ForeignKey(
        Jurisdiction,
        on_delete=models.PROTECT,
        related_name="instruments",
        null=True,
        blank=True,
        help_text=_("Empty for an international treaty."),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=InstrumentKind.choices)
    short_title = models.CharField(_("short title"), max_length=200)
    short_title_original = models.CharField(
        _("short title in the original language"),
        max_length=300,
        blank=True,
        help_text=_(
            "How a reader of the original names it, e.g. «Федеральный закон № 67-ФЗ»; shown on pages not in English."
        ),
    )
    title_original = models.TextField(_("title in the original language"))
    title_en = models.TextField(_("title in English"))
    number = models.CharField(_("number"), max_length=50, blank=True)
    date_adopted = models.DateField(_("date adopted"), null=True, blank=True)
    in_force_from = models.DateField(_("in force from"), null=True, blank=True)
    in_force_to = models.DateField(_("in force until"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=InstrumentStatus.choices, default=InstrumentStatus.IN_FORCE
    )
    replaced_by = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="replaces", verbose_name=_("replaced by")
    )
    official_url = models.URLField(_("official URL"), max_length=500, blank=True)
    language = models.CharField(_("language of the original"), max_length=10, default="ru")
    note = models.TextField(_("note"), blank=True, help_text=_("For readers: what was read, and its limits."))
    curator_note = models.TextField(
        _("note for curators"), blank=True, help_text=_("Working notes: shown only in the admin, never to readers.")
    )

    objects = InstrumentQuerySet.as_manager()

    class Meta:
        ordering = ["jurisdiction__order", "kind", "date_adopted"]
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")
        constraints = [
            models.CheckConstraint(
                condition=Q(in_force_from__isnull=True)
                | Q(in_force_to__isnull=True)
                | Q(in_force_to__gte=models.F("in_force_from")),
                name="instrument_in_force_dates_in_order",
                violation_error_message=_("“In force until” must not be earlier than “in force from”."),
            ),
        ]

    def __str__(self):
        code = self.jurisdiction.code if self.jurisdiction_id else "INT"
        return f"{code} {self.short_title}"

    def get_absolute_url(self):
        return reverse("guarantees:instrument", args=[self.slug])

    @property
    def name(self) -> str:
        """The instrument as a reader of the page's language names it (`instrument_name`)."""
        return instrument_name(self.short_title, self.short_title_original)


class Provision(TimeStamped, Validity, Reviewable):
    """An article (optionally one paragraph of it) of an instrument, in the wording of a period."""

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="provisions")
    number = models.CharField(
        _("article"),
        max_length=30,
        validators=[validate_article_number],
        help_text=_("As the act writes it, without “art.”: 20-1, 141.1, 5.16."),
    )
    paragraph = models.CharField(_("paragraph"), max_length=30, blank=True, help_text=_("Empty for the whole article."))
    sort_key = models.CharField(max_length=60, editable=False, blank=True, db_index=True)
    heading_original = models.TextField(_("heading (original)"), blank=True)
    heading_local = models.TextField(_("heading in the state language"), blank=True)
    heading_en = models.TextField(_("heading in English"), blank=True)
    text_original = models.TextField(_("text (original language)"), blank=True)
    text_kind = models.CharField(
        _("what the text is"), max_length=20, choices=TextKind.choices, default=TextKind.VERBATIM
    )
    text_en = models.TextField(_("English rendering"), blank=True)
    text_en_kind = models.CharField(
        _("what the English rendering is"), max_length=20, choices=TextKind.choices, default=TextKind.TRANSLATION
    )
    verification = models.CharField(
        _("verification"), max_length=20, choices=Verification.choices, default=Verification.UNCHECKED
    )
    where_read = models.TextField(
        _("where read"),
        help_text=_(
            "For readers: the publication or database the number, heading and text were read in, with its edition "
            "and a link. Never a repository path, a commit or a working note: those go in the note for curators."
        ),
    )
    curator_note = models.TextField(
        _("note for curators"),
        blank=True,
        help_text=_("Working notes (the copy read, its path and commit, what was checked): shown only in the admin."),
    )
    edition = models.CharField(_("edition seen"), max_length=200, blank=True)
    edition_date = models.DateField(
        _("date of the edition"),
        null=True,
        blank=True,
        help_text=_("The date the consolidated or official text states for its edition (“ред. от …”)."),
    )
    checked_on = models.DateField(_("checked on"), null=True, blank=True)

    objects = ProvisionQuerySet.as_manager()

    class Meta:
        ordering = ["instrument", "sort_key", "paragraph", F("valid_from").asc(nulls_first=True)]
        permissions = [
            ("publish_provision", "Can publish and withdraw provisions"),
            ("verify_provision", "Can mark provisions verified against an official text"),
        ]
        verbose_name = _("provision")
        verbose_name_plural = _("provisions")
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "number", "paragraph", "valid_from"],
                name="provision_unique_wording_start",
            ),
            models.UniqueConstraint(
                fields=["instrument", "number", "paragraph"],
                condition=Q(valid_to__isnull=True),
                name="provision_one_open_ended_wording",
            ),
            models.UniqueConstraint(
                fields=["instrument", "number", "paragraph"],
                condition=Q(valid_from__isnull=True),
                name="provision_one_wording_from_the_start",
            ),
            Validity.validity_constraint("provision_valid_to_after_valid_from"),
            models.CheckConstraint(
                condition=~Q(verification="consolidated") | Q(edition_date__isnull=False),
                name="provision_consolidated_has_edition_date",
                violation_error_message=_("A consolidated text is cited with the date of its edition."),
            ),
        ]
        indexes = [models.Index(fields=["verification"], name="provision_verification_idx")]

    def __str__(self):
        return f"{self.instrument} {self.reference}"

    def get_absolute_url(self):
        return reverse("guarantees:instrument", args=[self.instrument.slug]) + f"#{self.anchor}"

    @property
    def history_url(self) -> str:
        """The page of every wording of this article, with the differences between them."""
        url = reverse("guarantees:article", args=[self.instrument.slug, self.number])
        return url + (f"?para={self.paragraph}" if self.paragraph else "")

    @property
    def anchor(self) -> str:
        parts = [self.number, self.paragraph, self.valid_from.isoformat() if self.valid_from else ""]
        return "art-" + "-".join(part for part in parts if part)

    @property
    def reference(self) -> str:
        return article_reference(self.number, self.paragraph)

    @property
    def citation(self) -> str:
        """The article in the page's language, as lawyers write it (`article_citation`)."""
        return article_citation(self.number, self.paragraph)

    @property
    def label(self) -> str:
        """The instrument and the article, in the page's language, as its lawyers write it: "Federal Law
        No. 67-FZ, art. 51"; «ст. 51 Федерального закона № 67-ФЗ»."""
        name = self.instrument.name
        if get_language() == "ru" and (genitive := russian_genitive(name)):
            return f"{self.citation} {genitive}"
        return f"{name}, {self.citation}"

    @property
    def is_verified(self) -> bool:
        return self.verification == Verification.OFFICIAL

    @property
    def is_read_in_original(self) -> bool:
        """Read in the original language's official or consolidated text, not a translation or copy."""
        return self.verification in READ_IN_ORIGINAL

    def save(self, *args, **kwargs):
        self.sort_key = natural_sort_key(self.number)
        super().save(*args, **kwargs)
