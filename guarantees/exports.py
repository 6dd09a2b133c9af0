"""The comparison matrix as CSV and JSON: the same rows as the page, every page of them, streamed."""

import csv
import json
from collections.abc import Iterator

from django.db.models import QuerySet
from django.http import StreamingHttpResponse

from .compare import CompareRequest, build_rows

CHUNK = 200
NOT_ASSESSED = "not assessed"


class Echo:
    """A file-like object whose write() returns what it is given, for streaming csv.writer output."""

    def write(self, value: str) -> str:
        return value


def csv_header(compare: CompareRequest) -> list[str]:
    header = ["guarantee", "kind", "category"]
    for code in compare.codes:
        header += [code, f"{code} provisions"]
    return header


def csv_lines(compare: CompareRequest, rows: QuerySet) -> Iterator[str]:
    writer = csv.writer(Echo(), lineterminator="\n")
    yield writer.writerow(csv_header(compare))
    for row in build_rows(rows.iterator(chunk_size=CHUNK), compare.jurisdictions):
        category = row.guarantee.category
        line = [row.guarantee.name, category.kind if category else "", category.name if category else ""]
        for cell in row.cells:
            line += [cell.assessment.status if cell.assessment else NOT_ASSESSED, cell.references]
        yield writer.writerow(line)


def csv_response(compare: CompareRequest, rows: QuerySet) -> StreamingHttpResponse:
    response = StreamingHttpResponse(csv_lines(compare, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{export_filename(compare)}.csv"'
    return response


def json_chunks(compare: CompareRequest, rows: QuerySet, url: str) -> Iterator[str]:
    head = {
        "as_of": compare.as_of.isoformat(),
        "jurisdictions": [{"code": j.code, "name": j.name} for j in compare.jurisdictions],
        "differences_only": compare.differences_only,
        "url": url,
    }
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "rows": ['
    for index, row in enumerate(build_rows(rows.iterator(chunk_size=CHUNK), compare.jurisdictions)):
        yield ("," if index else "") + json.dumps(row_document(row), ensure_ascii=False)
    yield "]}"


def row_document(row) -> dict:
    category = row.guarantee.category
    return {
        "guarantee": row.guarantee.slug,
        "name": row.guarantee.name,
        "kind": category.kind if category else None,
        "category": category.slug if category else None,
        "cells": {
            cell.jurisdiction.code: {
                "status": cell.assessment.status if cell.assessment else NOT_ASSESSED,
                "commentary": cell.assessment.commentary if cell.assessment else "",
                "provisions": [
                    {
                        "instrument": provision.instrument.slug,
                        "reference": f"{provision.instrument.short_title} {provision.reference}",
                        "article": provision.number,
                        "paragraph": provision.paragraph,
                        "verification": provision.verification,
                    }
                    for provision in cell.provisions
                ],
            }
            for cell in row.cells
        },
    }


def json_response(compare: CompareRequest, rows: QuerySet, url: str) -> StreamingHttpResponse:
    return StreamingHttpResponse(json_chunks(compare, rows, url), content_type="application/json; charset=utf-8")


def export_filename(compare: CompareRequest) -> str:
    return f"guarantees-{'-'.join(compare.codes)}-{compare.as_of.isoformat()}"
