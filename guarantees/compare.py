"""The comparison matrix: guarantees as rows, chosen jurisdictions as columns, as the law stood on a date.

The page, its CSV and JSON exports and the heatmap all start from `CompareRequest` and `matrix_queryset`,
so what is exported is what is shown.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.http import QueryDict
from django.utils.translation import gettext as _

from .choices import NOT_ASSESSED
from .filters import GuaranteeFilterSet, without_empty_values
from .models import Assessment, Category, Guarantee, Jurisdiction, Provision
from .querysets import current_assessment_filter
from .representations import provision_reference

EXPORT_FORMATS = {"html", "csv", "json"}


class CompareError(Exception):
    """The request cannot be answered; each message says what is wrong."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class CompareRequest:
    jurisdictions: list[Jurisdiction]
    as_of: datetime.date
    differences_only: bool
    export_format: str
    filterset: GuaranteeFilterSet
    canonical_query: str

    @property
    def codes(self) -> list[str]:
        return [jurisdiction.code for jurisdiction in self.jurisdictions]


def parse_compare_request(params: QueryDict, base: QuerySet) -> CompareRequest:
    """Validate the query string; raise CompareError listing every problem."""
    problems = []
    jurisdictions = choose_jurisdictions(params.getlist("j"), problems)
    export_format = params.get("format", "html")
    if export_format not in EXPORT_FORMATS:
        problems.append(_("Unknown format “%(format)s”: use csv or json.") % {"format": export_format[:20]})
    differences = params.get("diff", "")
    if differences not in {"", "0", "1"}:
        problems.append(_("“diff” is 1 (differences only) or 0."))
    filterset = GuaranteeFilterSet(params, queryset=base)
    if not filterset.is_valid():
        problems += filterset.error_messages()
    if problems:
        raise CompareError(problems)
    return CompareRequest(
        jurisdictions=jurisdictions,
        as_of=filterset.on_date,
        differences_only=differences == "1",
        export_format=export_format,
        filterset=filterset,
        canonical_query=canonical_query(params, jurisdictions),
    )


def choose_jurisdictions(requested: list[str], problems: list[str]) -> list[Jurisdiction]:
    """The requested jurisdictions in the order asked (all, in their own order, when none is asked)."""
    known = {jurisdiction.code: jurisdiction for jurisdiction in Jurisdiction.objects.all()}
    if not requested:
        return list(known.values())
    chosen = []
    for code in requested:
        jurisdiction = known.get(code.strip().upper())
        if jurisdiction is None:
            problems.append(
                _("Unknown jurisdiction “%(code)s”. Known: %(known)s.") % {"code": code[:10], "known": ", ".join(known)}
            )
        elif jurisdiction not in chosen:
            chosen.append(jurisdiction)
    return chosen


def canonical_query(params: QueryDict, jurisdictions: list[Jurisdiction]) -> str:
    """The query string with codes in capitals, each jurisdiction once, and no empty values."""
    canonical = without_empty_values(params)
    if "j" in canonical:
        canonical.setlist("j", [jurisdiction.code for jurisdiction in jurisdictions])
    return canonical.urlencode()


def matrix_rows(compare: CompareRequest) -> QuerySet:
    """The rows: filtered published guarantees, grouped by kind and category (nothing prefetched)."""
    rows = compare.filterset.qs
    if compare.differences_only:
        rows = with_disagreement(rows, compare)
    return rows.order_by("category__kind", "category__parent__order", "category__order", "category__name", "name")


def matrix_queryset(compare: CompareRequest, texts: bool = True, commentary: bool = True) -> QuerySet:
    """The rows with their cells prefetched (`GuaranteeQuerySet.with_cells_on`)."""
    return matrix_rows(compare).with_cells_on(compare.as_of, compare.jurisdictions, texts=texts, commentary=commentary)


def with_disagreement(rows: QuerySet, compare: CompareRequest) -> QuerySet:
    """Keep the rows where the chosen jurisdictions do not all say the same (not assessed counts as a say)."""
    here = Q(assessments__jurisdiction__in=compare.jurisdictions) & current_assessment_filter(compare.as_of)
    rows = rows.annotate(
        assessed_here=Count("assessments", filter=here, distinct=True),
        statuses_here=Count("assessments__status", filter=here, distinct=True),
    )
    return rows.filter(Q(statuses_here__gt=1) | Q(assessed_here__gt=0, assessed_here__lt=len(compare.jurisdictions)))


@dataclass
class Cell:
    jurisdiction: Jurisdiction
    assessment: Assessment | None
    needs_recheck: bool = False
    differs: bool = False

    @property
    def status(self) -> str:
        return self.assessment.status if self.assessment else NOT_ASSESSED

    @property
    def provisions(self) -> list[Provision]:
        return self.assessment.provisions_in_force if self.assessment else []

    @property
    def references(self) -> str:
        return "; ".join(provision_reference(provision) for provision in self.provisions)


@dataclass
class Row:
    guarantee: Guarantee
    cells: list[Cell]


@dataclass
class Group:
    kind: str
    category: Category | None
    rows: list[Row] = field(default_factory=list)


def build_rows(guarantees, jurisdictions: list[Jurisdiction]) -> list[Row]:
    rows = []
    for guarantee in guarantees:
        by_jurisdiction = {assessment.jurisdiction_id: assessment for assessment in guarantee.cells_in_force}
        cells = [Cell(jurisdiction, by_jurisdiction.get(jurisdiction.pk)) for jurisdiction in jurisdictions]
        rows.append(Row(guarantee=guarantee, cells=cells))
    return rows


def mark_differences(rows: list[Row]) -> None:
    """In each row, mark the cells whose status is not the row's usual one (the first column's, on a tie)."""
    for row in rows:
        counts = Counter(cell.status for cell in row.cells)
        usual = max(counts, key=lambda status: (counts[status], status == row.cells[0].status))
        for cell in row.cells:
            cell.differs = cell.status != usual


def group_rows(rows: list[Row]) -> list[Group]:
    groups: list[Group] = []
    for row in rows:
        category = row.guarantee.category
        if not groups or groups[-1].category != category:
            groups.append(Group(kind=category.kind if category else "", category=category))
        groups[-1].rows.append(row)
    return groups


@dataclass
class Coverage:
    provided: int = 0
    partial: int = 0
    absent: int = 0
    total: int = 0

    @property
    def unassessed(self) -> int:
        return self.total - self.provided - self.partial - self.absent

    @property
    def share_covered(self) -> float:
        """Provided counts as one, partial as half."""
        return (self.provided + self.partial / 2) / self.total if self.total else 0.0


def coverage(compare: CompareRequest, rows: QuerySet) -> tuple[dict[str, Coverage], dict[tuple[int, str], Coverage]]:
    """Coverage of the filtered rows per jurisdiction, and per (category, jurisdiction): two queries."""
    row_ids = rows.order_by().values("pk")
    totals = dict(
        Category.objects.filter(guarantees__in=row_ids)
        .order_by()
        .values("pk")
        .annotate(n=Count("guarantees"))
        .values_list("pk", "n")
    )
    counts = (
        Assessment.objects.published()
        .in_force_on(compare.as_of)
        .filter(guarantee__in=row_ids, jurisdiction__in=compare.jurisdictions)
        .order_by()  # a default ordering would join the GROUP BY and split the counts
        .values("guarantee__category", "jurisdiction__code", "status")
        .annotate(n=Count("pk"))
    )
    total_rows = sum(totals.values())
    by_jurisdiction = {code: Coverage(total=total_rows) for code in compare.codes}
    by_category = {
        (category, code): Coverage(total=count) for category, count in totals.items() for code in compare.codes
    }
    for row in counts:
        code, status = row["jurisdiction__code"], row["status"]
        for tally in [by_jurisdiction[code], by_category[(row["guarantee__category"], code)]]:
            setattr(tally, status, getattr(tally, status) + row["n"])
    return by_jurisdiction, by_category
