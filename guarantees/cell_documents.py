"""The cells of many guarantees as documents, read as tuples: the API and the JSON exports without model instances.

`cell_documents` gives, for a page of guarantees, the same documents as `representations.cell_summary` over
`Guarantee.objects.with_cells_on`: the same cells, articles, order and fields, from two queries whose rows
are tuples, so that a page of 100 guarantees × 30 jurisdictions does not build ten thousand model instances.
`row_documents` puts them in the matrix's rows: a guarantee and its cell in each chosen jurisdiction.
"""

import datetime
from collections import defaultdict

from django.db.models import F

from .models import Assessment
from .querysets import PUBLISHED, in_force_on_filter
from .representations import (
    OTHER_LANGUAGES,
    assessed_cell_document,
    cell_summary,
    guarantee_row_document,
    provision_document,
)

#: The order of a cell's articles, `Provision.Meta.ordering` through the citation (an instrument sorts by its own).
CITED_ORDER = [
    "provision__instrument",
    "provision__sort_key",
    "provision__paragraph",
    F("provision__valid_from").asc(nulls_first=True),
]
#: the translations of a cell's commentary, in `OTHER_LANGUAGES` order
COMMENTARIES = [f"commentary_{language}" for language in OTHER_LANGUAGES]
#: a cited provision's values, in `representations.provision_document`'s order
PROVISION_FIELDS = [
    "provision_id",
    "provision__instrument__slug",
    "provision__instrument__short_title",
    "provision__number",
    "provision__paragraph",
    "provision__verification",
    "provision__edition_date",
    "provision__valid_from",
    "provision__valid_to",
]


def row_documents(guarantees, jurisdictions, on_date: datetime.date) -> list[dict]:
    """The matrix's rows as documents: each guarantee, and its cell in each of the jurisdictions, in their order
    (not assessed where none is in force)."""
    guarantees = list(guarantees)
    cells = cell_documents(on_date, [guarantee.pk for guarantee in guarantees], jurisdictions)
    rows = []
    for guarantee in guarantees:
        by_code = {document["jurisdiction"]: document for document in cells[guarantee.pk]}
        row = {j.code: by_code.get(j.code) or cell_summary(j, None) for j in jurisdictions}
        rows.append(guarantee_row_document(guarantee, row))
    return rows


def cell_documents(on_date: datetime.date, guarantee_ids: list[int], jurisdictions=None) -> dict[int, list[dict]]:
    """guarantee id -> the documents of its published cells in force on the date, in jurisdiction order; only
    those of the given jurisdictions, if any are given."""
    cells = Assessment.objects.published().in_force_on(on_date).filter(guarantee_id__in=guarantee_ids)
    if jurisdictions is not None:
        cells = cells.filter(jurisdiction__in=jurisdictions)
    cells = cells.order_by("jurisdiction__order", "jurisdiction__code").values_list(
        "pk",
        "guarantee_id",
        "jurisdiction__code",
        "status",
        "commentary_en",
        *COMMENTARIES,
        "assessed_on",
        "valid_from",
        "valid_to",
    )
    documents, by_assessment = defaultdict(list), {}
    for pk, guarantee, code, status, commentary, *rest in cells:
        translated, (assessed_on, valid_from, valid_to) = rest[: len(COMMENTARIES)], rest[len(COMMENTARIES) :]
        document = assessed_cell_document(code, status, commentary, translated, assessed_on, valid_from, valid_to, [])
        documents[guarantee].append(document)
        by_assessment[pk] = document
    for assessment, *values in citations_in_force(on_date, list(by_assessment), *PROVISION_FIELDS):
        by_assessment[assessment]["provisions"].append(provision_document(*values))
    return documents


def citations_in_force(on_date: datetime.date, assessment_ids: list[int], *fields: str):
    """(assessment id, *fields) of the published articles the assessments cite that are in force on the date,
    in citation order: the articles a cell shows."""
    return (
        Assessment.provisions.through.objects.filter(assessment_id__in=assessment_ids)
        .filter(in_force_on_filter(on_date, "provision__"), provision__publication_status=PUBLISHED)
        .order_by(*CITED_ORDER)
        .values_list("assessment_id", *fields)
    )
