"""How each concept leaves the system: one shape, used by the pages' JSON, the exports, the API and the downloads.

The rules: identifiers are codes, slugs and keys; names and texts are the English fields, with the project's
translations under `translations`; a cell with no assessment in force has the status `NOT_ASSESSED`; dates
are ISO strings (or null for an open end).
"""

import datetime

from django.conf import settings

from .choices import NOT_ASSESSED
from .models import Assessment, Guarantee, Jurisdiction, Provision

OTHER_LANGUAGES = [code for code, _ in settings.LANGUAGES if code != settings.MODELTRANSLATION_DEFAULT_LANGUAGE]


def iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


def translations(obj, fields: list[str]) -> dict:
    """{"ru": {...}, "kk": {...}}: the project's translations of the named fields, where they exist."""
    return {
        language: {name: getattr(obj, f"{name}_{language}") or None for name in fields} for language in OTHER_LANGUAGES
    }


def provision_reference(provision: Provision) -> str:
    """'CL 2464 art. 20-1': how a cell names an article it cites."""
    return f"{provision.instrument.short_title} {provision.reference}"


def jurisdiction_summary(jurisdiction: Jurisdiction) -> dict:
    return {"code": jurisdiction.code, "name": jurisdiction.name_en}


def provision_summary(provision: Provision) -> dict:
    """A provision as a cell cites it."""
    return {
        "id": provision.pk,
        "instrument": provision.instrument.slug,
        "reference": provision_reference(provision),
        "article": provision.number,
        "paragraph": provision.paragraph,
        "verification": provision.verification,
        "edition_date": iso(provision.edition_date),
        "valid_from": iso(provision.valid_from),
        "valid_to": iso(provision.valid_to),
    }


def cell_summary(jurisdiction: Jurisdiction, assessment: Assessment | None) -> dict:
    """One guarantee in one jurisdiction on a date: the assessment in force then, with the provisions in force
    then (`provisions_in_force`, from `Assessment.objects.cells_on`)."""
    if assessment is None:
        return {"jurisdiction": jurisdiction.code, "status": NOT_ASSESSED, "provisions": []}
    return {
        "jurisdiction": jurisdiction.code,
        "status": assessment.status,
        "commentary": assessment.commentary_en or "",
        "translations": translations(assessment, ["commentary"]),
        "assessed_on": iso(assessment.assessed_on),
        "valid_from": iso(assessment.valid_from),
        "valid_to": iso(assessment.valid_to),
        "provisions": [provision_summary(provision) for provision in assessment.provisions_in_force],
    }


def guarantee_summary(guarantee: Guarantee) -> dict:
    category = guarantee.category
    return {
        "guarantee": guarantee.slug,
        "name": guarantee.name_en,
        "kind": category.kind if category else None,
        "category": category.slug if category else None,
    }


def row_document(row) -> dict:
    """A row of the matrix (`compare.Row`): the guarantee and its cell in each chosen jurisdiction."""
    return {
        **guarantee_summary(row.guarantee),
        "cells": {cell.jurisdiction.code: cell_summary(cell.jurisdiction, cell.assessment) for cell in row.cells},
    }
