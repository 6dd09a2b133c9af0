"""How each concept leaves the system: one shape, used by the pages' JSON, the exports, the API and the downloads.

The rules: identifiers are codes, slugs and keys; names and texts are the English fields, with the project's
translations under `translations`; a cell with no assessment in force has the status `NOT_ASSESSED`; dates
are ISO strings (or null for an open end).
"""

import datetime

from django.conf import settings

from .choices import NOT_ASSESSED
from .models import Assessment, Guarantee, Jurisdiction, Provision
from .models.law import article_reference

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
    return cited_reference(provision.instrument.short_title, provision.number, provision.paragraph)


def cited_reference(short_title: str, number: str, paragraph: str) -> str:
    """`provision_reference` from the values: the instrument's short title, the article and its paragraph."""
    return f"{short_title} {article_reference(number, paragraph)}"


def jurisdiction_summary(jurisdiction: Jurisdiction) -> dict:
    return {"code": jurisdiction.code, "name": jurisdiction.name_en}


def provision_summary(provision: Provision) -> dict:
    """A provision as a cell cites it."""
    instrument = provision.instrument
    return provision_document(
        provision.pk,
        instrument.slug,
        instrument.short_title,
        provision.number,
        provision.paragraph,
        provision.verification,
        provision.edition_date,
        provision.valid_from,
        provision.valid_to,
    )


def provision_document(
    pk, instrument, short_title, number, paragraph, verification, edition_date, valid_from, valid_to
) -> dict:
    """A provision as a cell cites it, from its values (a model instance's, or a row's: `cell_documents`)."""
    return {
        "id": pk,
        "instrument": instrument,
        "reference": cited_reference(short_title, number, paragraph),
        "article": number,
        "paragraph": paragraph,
        "verification": verification,
        "edition_date": iso(edition_date),
        "valid_from": iso(valid_from),
        "valid_to": iso(valid_to),
    }


def cell_summary(jurisdiction: Jurisdiction, assessment: Assessment | None) -> dict:
    """One guarantee in one jurisdiction on a date: the assessment in force then, with the provisions in force
    then (`provisions_in_force`, from `Assessment.objects.cells_on`)."""
    if assessment is None:
        return {"jurisdiction": jurisdiction.code, "status": NOT_ASSESSED, "provisions": []}
    return assessed_cell_document(
        jurisdiction.code,
        assessment.status,
        assessment.commentary_en,
        [getattr(assessment, f"commentary_{language}") for language in OTHER_LANGUAGES],
        assessment.assessed_on,
        assessment.valid_from,
        assessment.valid_to,
        [provision_summary(provision) for provision in assessment.provisions_in_force],
    )


def assessed_cell_document(
    code, status, commentary, translated: list, assessed_on, valid_from, valid_to, provisions: list[dict]
) -> dict:
    """An assessed cell from its values; `translated` holds the commentary in `OTHER_LANGUAGES`, in order."""
    return {
        "jurisdiction": code,
        "status": status,
        "commentary": commentary or "",
        "translations": {
            language: {"commentary": text or None} for language, text in zip(OTHER_LANGUAGES, translated, strict=True)
        },
        "assessed_on": iso(assessed_on),
        "valid_from": iso(valid_from),
        "valid_to": iso(valid_to),
        "provisions": provisions,
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
    cells = {cell.jurisdiction.code: cell_summary(cell.jurisdiction, cell.assessment) for cell in row.cells}
    return guarantee_row_document(row.guarantee, cells)


def guarantee_row_document(guarantee: Guarantee, cells: dict[str, dict]) -> dict:
    """A row of the matrix from its guarantee and its cells' documents by jurisdiction code, in column order
    (`row_document`, and `cell_documents.row_documents` from tuples)."""
    return {**guarantee_summary(guarantee), "cells": cells}
