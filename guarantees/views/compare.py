"""The comparison matrix, its exports and heatmap, and one guarantee's texts side by side."""

import datetime
from urllib.parse import urlencode

from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render

from ..aggregates import kept_until_content_changes
from ..compare import (
    CompareError,
    build_rows,
    coverage,
    group_rows,
    mark_differences,
    matrix_queryset,
    matrix_rows,
    parse_compare_request,
)
from ..exports import csv_response, json_response
from ..freshness import cells_needing_recheck
from ..heatmap import build_heatmap
from ..matrix_cells import matrix_page_rows
from ..models import Category, Guarantee
from .errors import BadPage, bad_request, page_of

# A page holds about this many cells: 100 rows for three jurisdictions, fewer when many are compared.
CELLS_PER_PAGE = 600
MIN_ROWS_PER_PAGE, MAX_ROWS_PER_PAGE = 20, 100


def rows_per_page(jurisdiction_count: int) -> int:
    return max(MIN_ROWS_PER_PAGE, min(MAX_ROWS_PER_PAGE, CELLS_PER_PAGE // max(jurisdiction_count, 1)))


def compare(request):
    try:
        compare = parse_compare_request(request.GET, Guarantee.objects.published())
    except CompareError as error:
        return bad_request(request, error.problems)
    if compare.canonical_query != request.GET.urlencode():
        return HttpResponseRedirect(f"{request.path}?{compare.canonical_query}")
    if compare.export_format == "csv":
        return csv_response(compare, matrix_rows(compare))
    if compare.export_format == "json":
        return json_response(compare, matrix_rows(compare), request.build_absolute_uri())
    rows = matrix_rows(compare).select_related("category__parent")  # the cells are read per page, as tuples
    try:
        page = page_of(request, rows, rows_per_page(len(compare.jurisdictions)))
    except BadPage as error:
        return bad_request(request, [str(error)])
    by_jurisdiction, by_category = kept_until_content_changes(
        "compare-coverage", compare.canonical_query, lambda: coverage(compare, rows)
    )
    categories = Category.objects.filter(pk__in={key[0] for key in by_category}).order_by("kind", "order", "name")

    def link(category, code):
        return "?" + urlencode({"j": code, "category": category.slug, "as_of": compare.as_of.isoformat()})

    rows_on_page = matrix_page_rows(page.object_list, compare)
    mark_rechecks(rows_on_page)
    if compare.differences_only:
        mark_differences(rows_on_page)
    context = {
        "compare": compare,
        "today": datetime.date.today(),
        "page": page,
        "groups": group_rows(rows_on_page),
        "coverage": [(jurisdiction, by_jurisdiction[jurisdiction.code]) for jurisdiction in compare.jurisdictions],
        "heatmap": build_heatmap(categories, compare.codes, by_category, link),
        "filterset": compare.filterset,
        "export_query": request.GET.copy(),
    }
    return render(request, "guarantees/compare.html", context)


def mark_rechecks(rows) -> None:
    cells = [cell for row in rows for cell in row.cells if cell.assessment]
    flagged = cells_needing_recheck(cell.assessment for cell in cells)
    for cell in cells:
        cell.needs_recheck = cell.assessment.pk in flagged


def compare_texts(request, slug):
    """One guarantee: the chosen jurisdictions' provisions in parallel columns, original and English."""
    try:
        compare = parse_compare_request(request.GET, Guarantee.objects.published().filter(slug=slug))
    except CompareError as error:
        return bad_request(request, error.problems)
    guarantee = get_object_or_404(matrix_queryset(compare))
    (row,) = build_rows([guarantee], compare.jurisdictions)
    return render(request, "guarantees/compare_texts.html", {"compare": compare, "guarantee": guarantee, "row": row})
