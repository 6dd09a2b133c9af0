"""The classification tree: two kinds at the root, categories below them."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..choices import Kind
from .base import TimeStamped
from .reference import Source


class Category(TimeStamped):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, db_index=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("parent")
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    sources = models.ManyToManyField(Source, through="CategoryCitation", related_name="categories", blank=True)

    class Meta:
        ordering = ["kind", "order", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.name}"

    def get_absolute_url(self):
        return reverse("guarantees:taxonomy") + f"#category-{self.slug}"

    def clean(self):
        if self.parent_id is None:
            return
        if self.parent.kind != self.kind:
            raise ValidationError({"parent": _("A category must be of the same kind as its parent.")})
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk:
                raise ValidationError({"parent": _("A category cannot be its own ancestor.")})
            ancestor = ancestor.parent


class Citation(models.Model):
    """A source cited with the pages that support the claim."""

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="%(class)ss", verbose_name=_("source"))
    pages = models.CharField(_("pages"), max_length=50, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.source}, p. {self.pages}" if self.pages else str(self.source)


class CategoryCitation(Citation):
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="citations")

    class Meta:
        verbose_name = _("category citation")
        verbose_name_plural = _("category citations")
        constraints = [
            models.UniqueConstraint(fields=["category", "source", "pages"], name="category_citation_unique"),
        ]
