"""Links to an entry's citation in the formats reference managers read (CSL-JSON, BibTeX, RIS)."""

from django import template
from django.urls import reverse

from ..citations import FORMATS
from ..models import Assessment, Guarantee, Provision

register = template.Library()


@register.simple_tag
def citation_formats(obj) -> list[dict]:
    """[{label, url, fmt}] for a guarantee, a cell (its assessment) or an article; [] for anything else."""
    if isinstance(obj, Guarantee):
        name, args = "guarantees:cite-guarantee", [obj.slug]
    elif isinstance(obj, Assessment):
        name, args = "guarantees:cite-cell", [obj.guarantee.slug, obj.jurisdiction.code]
    elif isinstance(obj, Provision):
        name, args = "guarantees:cite-provision", [obj.instrument.slug, obj.pk]
    else:
        return []
    return [
        {"label": label, "url": reverse(name, args=[*args, fmt]), "fmt": fmt} for fmt, (_type, label) in FORMATS.items()
    ]
