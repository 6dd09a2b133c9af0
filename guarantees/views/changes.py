"""What changed: a jurisdiction's amending acts in time, and the cells whose law changed between two dates."""

import csv
import datetime
import io
import json

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from ..changes import (
    CSV_HEADER,
    CellChange,
    ChangeRequest,
    ChangeRequestError,
    change_csv_row,
    change_document,
    changed_cells,
    changes_head,
    parse_change_request,
    timeline,
)
from ..models import Jurisdiction
from ..spreadsheets import safe_row
from .errors import bad_request


def changes_csv(request: ChangeRequest, changes: list[CellChange]) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(safe_row(CSV_HEADER))
    for change in changes:
        writer.writerow(safe_row(change_csv_row(change)))
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    name = f"changes-{'-'.join(request.codes)}-{request.since.isoformat()}-{request.as_of.isoformat()}"
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


def compare_changes(request):
    """Only the cells whose status or cited wording changed between `since` and `as_of`, old and new side by side,
    each with the act behind it; `format=csv` or `json` for the same list."""
    try:
        changes_request = parse_change_request(request.GET)
    except ChangeRequestError as error:
        return bad_request(request, error.problems)
    changes = changed_cells(changes_request.since, changes_request.as_of, changes_request.jurisdictions)
    if changes_request.export_format == "csv":
        return changes_csv(changes_request, changes)
    if changes_request.export_format == "json":
        document = changes_head(changes_request, request.build_absolute_uri())
        document["changes"] = [change_document(change) for change in changes]
        return HttpResponse(json.dumps(document, ensure_ascii=False), content_type="application/json; charset=utf-8")
    query = request.GET.copy()
    query.pop("format", None)
    context = {
        "window": changes_request,
        "changes": changes,
        "all_jurisdictions": Jurisdiction.objects.order_by("order", "code"),
        "export_query": query.urlencode(),
    }
    return render(request, "guarantees/compare_changes.html", context)


def jurisdiction_changes(request, code):
    """A jurisdiction's amending acts, newest first, each with the wordings it brought and the cells it changed."""
    if code != code.upper():
        return redirect("guarantees:jurisdiction-changes", code=code.upper(), permanent=True)
    jurisdiction = get_object_or_404(Jurisdiction, code=code)
    amendments = timeline(jurisdiction)
    for amendment in amendments:
        if amendment.in_force_on:
            amendment.day_before = amendment.in_force_on - datetime.timedelta(days=1)
    context = {"jurisdiction": jurisdiction, "amendments": amendments}
    return render(request, "guarantees/jurisdiction_changes.html", context)
