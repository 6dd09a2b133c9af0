"""QuerySet methods named for the questions the pages ask: each question is asked here, once.

"The law as of a date" is one verb: `Assessment.objects.cells_on(date)` are the published assessments in
force on the date, each with the published provisions it cites that were in force on that date, as
`provisions_in_force`; `Guarantee.objects.with_cells_on(date)` attaches them to each guarantee as
`cells_in_force`. Pages, cell pages, the matrix, exports, the API, downloads and freshness flags use them;
`in_force_on_filter` is the one date predicate and is spelt nowhere else (`Validity.holds_on` asks the same
of a row already loaded).
"""

import datetime

from django.db import models
from django.db.models import Exists, OuterRef, Q

from .choices import PublicationStatus

PUBLISHED = PublicationStatus.PUBLISHED
#: What a cell's summary in the matrix does not read of the cell, and what summaries and references do not
#: read of the articles it cites.
CELL_FIELDS_NOT_SUMMARISED = [
    *("commentary", "commentary_en", "commentary_ru", "commentary_kk"),
    *("created_at", "updated_at"),
]
#: What a list item does not show of a guarantee: its description and its review record.
GUARANTEE_FIELDS_NOT_LISTED = [
    *("description", "description_en", "description_ru", "description_kk"),
    *("pending", "reviewed_at", "created_at", "updated_at"),
]
PROVISION_FIELDS_NOT_SUMMARISED = [
    *("text_original", "text_en", "heading_original", "heading_local", "heading_en", "where_read"),
    *("created_at", "updated_at"),
    *("instrument__title_original", "instrument__title_en", "instrument__note"),
]


def in_force_on_filter(on_date: datetime.date, prefix: str = "") -> Q:
    """Rows whose validity interval [valid_from, valid_to] contains the date; open ends are unbounded."""
    starts = Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": on_date})
    ends = Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": on_date})
    return starts & ends


def current_assessment_filter(on_date: datetime.date, prefix: str = "assessments__") -> Q:
    """Through a relation (`prefix`): the published assessments in force on the date, for annotations."""
    return in_force_on_filter(on_date, prefix) & Q(**{f"{prefix}publication_status": PUBLISHED})


class InForceQuerySet(models.QuerySet):
    def in_force_on(self, on_date: datetime.date):
        return self.filter(in_force_on_filter(on_date))


class ReviewableQuerySet(InForceQuerySet):
    def published(self):
        return self.filter(publication_status=PUBLISHED)


class ProvisionQuerySet(ReviewableQuerySet):
    def cited_on(self, on_date: datetime.date, preview: bool = False):
        """The wordings a cell shows on the date: published (all, for a staff preview) and in force then."""
        provisions = self if preview else self.published()
        return provisions.in_force_on(on_date).select_related("instrument__jurisdiction")


class AssessmentQuerySet(ReviewableQuerySet):
    def current_on(self, on_date: datetime.date):
        """Published, in force on the date, of a published guarantee: what readers may see of a cell."""
        return self.published().in_force_on(on_date).filter(guarantee__publication_status=PUBLISHED)

    def cells_on(
        self,
        on_date: datetime.date,
        jurisdictions=None,
        preview: bool = False,
        evidence: bool = True,
        texts: bool = True,
        commentary: bool = True,
    ):
        """The cells in force on the date, with their jurisdiction; with `evidence`, the provisions they cite
        that were in force on the date, as `provisions_in_force`. `preview` (staff only) adds what is unpublished.
        Without `texts`, the provisions' headings and texts stay in the database (summaries and references need
        neither); without `commentary`, the cells' commentary does (the matrix)."""
        from .models import Provision

        cells = (self if preview else self.published()).in_force_on(on_date).select_related("jurisdiction")
        if not commentary:
            cells = cells.defer(*CELL_FIELDS_NOT_SUMMARISED)
        if jurisdictions is not None:
            cells = cells.filter(jurisdiction__in=jurisdictions)
        if evidence:
            provisions = Provision.objects.cited_on(on_date, preview)
            if not texts:
                provisions = provisions.defer(*PROVISION_FIELDS_NOT_SUMMARISED)
            cells = cells.prefetch_related(models.Prefetch("provisions", provisions, to_attr="provisions_in_force"))
        return cells.order_by("jurisdiction__order", "jurisdiction__code")

    def status_counts_on(self, on_date: datetime.date, guarantees):
        """(jurisdiction id, status, count) of the given guarantees' cells on the date: one grouped query."""
        return (
            self.published()
            .in_force_on(on_date)
            .filter(guarantee__in=guarantees)
            .order_by()  # a default ordering would join the GROUP BY and split the counts
            .values_list("jurisdiction", "status")
            # At most one assessment of a guarantee is in force in a jurisdiction on a date: no DISTINCT needed.
            .annotate(count=models.Count("pk"))
        )


class InstrumentQuerySet(models.QuerySet):
    def in_force_on(self, on_date: datetime.date):
        starts = Q(in_force_from__isnull=True) | Q(in_force_from__lte=on_date)
        ends = Q(in_force_to__isnull=True) | Q(in_force_to__gte=on_date)
        return self.filter(starts & ends)


class GuaranteeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(publication_status=PUBLISHED)

    def of_kind(self, kind: str):
        return self.filter(category__kind=kind)

    def as_list_items(self):
        """What an item of the list shows: the guarantee and its category (its cells: `cell_strips.py`)."""
        return self.select_related("category").defer(*GUARANTEE_FIELDS_NOT_LISTED)

    def with_cells_on(
        self,
        on_date: datetime.date,
        jurisdictions=None,
        preview: bool = False,
        evidence: bool = True,
        texts: bool = True,
        commentary: bool = True,
    ):
        """Each guarantee with its cells on the date (`Assessment.objects.cells_on`) as `cells_in_force`."""
        from .models import Assessment

        cells = Assessment.objects.cells_on(on_date, jurisdictions, preview, evidence, texts, commentary)
        return self.select_related("category__parent").prefetch_related(
            models.Prefetch("assessments", cells, to_attr="cells_in_force")
        )

    def with_status_on(self, on_date: datetime.date, jurisdiction, status: str | None):
        """Those with this status in the jurisdiction on the date; `status=None`: those not yet assessed there."""
        from .models import Assessment

        cell = Assessment.objects.published().in_force_on(on_date)
        cell = cell.filter(guarantee=OuterRef("pk"), jurisdiction=jurisdiction)
        if status is None:
            return self.filter(~Exists(cell))
        return self.filter(Exists(cell.filter(status=status)))
