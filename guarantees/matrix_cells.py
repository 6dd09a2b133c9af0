"""The comparison page's cells as light records read from tuples: what the matrix shows, and no more.

A page of the matrix shows up to 600 cells with their status and the articles they cite. Read as model
instances (assessment, jurisdiction, provision, instrument each) that is thousands of objects a request; read
as two queries of tuples it is a few hundred small records. The cell page and its fragment show the rest.
"""

import datetime
from dataclasses import dataclass, field
from itertools import groupby

from .cell_documents import citations_in_force
from .choices import AssessmentStatus
from .compare import Cell, CompareRequest, Row
from .models import Assessment
from .models.law import READ_IN_ORIGINAL, article_citation, instrument_name


@dataclass(frozen=True)
class CitedArticle:
    """An article as a matrix cell names it: `Provision.citation` under `Instrument.name`, in the page's language."""

    instrument: int
    instrument_name: str
    citation: str
    is_read_in_original: bool


@dataclass
class MatrixAssessment:
    """What the matrix needs of an assessment: its id (for the re-check flag), its status and its articles."""

    pk: int
    status: str
    provisions_in_force: list[CitedArticle] = field(default_factory=list)

    def get_status_display(self) -> str:
        return AssessmentStatus(self.status).label

    def by_instrument(self):
        """(instrument name, its articles) in citation order."""
        for (_, name), articles in groupby(self.provisions_in_force, key=lambda a: (a.instrument, a.instrument_name)):
            yield name, list(articles)


def matrix_page_rows(guarantees, compare: CompareRequest) -> list[Row]:
    """The page's rows, each cell holding a `MatrixAssessment` (or None where nothing is in force)."""
    guarantees = list(guarantees)
    records = matrix_assessments(compare.as_of, [guarantee.pk for guarantee in guarantees], compare.jurisdictions)
    return [
        Row(
            guarantee,
            [
                Cell(jurisdiction, records.get((guarantee.pk, jurisdiction.pk)))
                for jurisdiction in compare.jurisdictions
            ],
        )
        for guarantee in guarantees
    ]


def matrix_assessments(
    on_date: datetime.date, guarantee_ids: list[int], jurisdictions
) -> dict[tuple[int, int], MatrixAssessment]:
    """(guarantee id, jurisdiction id) -> the published cell in force on the date, with the articles it cites."""
    cells = (
        Assessment.objects.published()
        .in_force_on(on_date)
        .filter(guarantee_id__in=guarantee_ids, jurisdiction__in=jurisdictions)
        .values_list("pk", "guarantee_id", "jurisdiction_id", "status")
    )
    by_pk, by_key = {}, {}
    for pk, guarantee, jurisdiction, status in cells:
        by_pk[pk] = by_key[guarantee, jurisdiction] = MatrixAssessment(pk, status)
    citations = citations_in_force(
        on_date,
        list(by_pk),
        "provision__instrument_id",
        "provision__instrument__short_title",
        "provision__instrument__short_title_original",
        "provision__number",
        "provision__paragraph",
        "provision__verification",
    )
    for assessment, instrument, short_title, original_title, number, paragraph, verification in citations:
        name = instrument_name(short_title, original_title)
        cited = CitedArticle(instrument, name, article_citation(number, paragraph), verification in READ_IN_ORIGINAL)
        by_pk[assessment].provisions_in_force.append(cited)
    return by_key
