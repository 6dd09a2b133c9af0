"""The comparison matrix as CSV and JSON: the same rows as the page, every page of them, streamed.

Names are the English ones, as in the API (`representations.py`); statuses are the API's values.
"""

import csv
import json
from collections.abc import Iterator

from django.db.models import QuerySet
from django.http import StreamingHttpResponse

from .compare import CompareRequest, build_rows
from .representations import jurisdiction_summary, row_document
from .spreadsheets import safe_row

CHUNK = 200


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
    yield writer.writerow(safe_row(csv_header(compare)))
    for row in build_rows(rows.iterator(chunk_size=CHUNK), compare.jurisdictions):
        category = row.guarantee.category
        line = [row.guarantee.name_en, category.kind if category else "", category.name_en if category else ""]
        for cell in row.cells:
            line += [cell.status, cell.references]
        yield writer.writerow(safe_row(line))


def csv_response(compare: CompareRequest, rows: QuerySet) -> StreamingHttpResponse:
    response = StreamingHttpResponse(csv_lines(compare, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{export_filename(compare)}.csv"'
    return response


def json_chunks(compare: CompareRequest, rows: QuerySet, url: str) -> Iterator[str]:
    head = {
        "as_of": compare.as_of.isoformat(),
        "jurisdictions": [jurisdiction_summary(j) for j in compare.jurisdictions],
        "differences_only": compare.differences_only,
        "url": url,
    }
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "rows": ['
    for index, row in enumerate(build_rows(rows.iterator(chunk_size=CHUNK), compare.jurisdictions)):
        yield ("," if index else "") + json.dumps(row_document(row), ensure_ascii=False)
    yield "]}"


def json_response(compare: CompareRequest, rows: QuerySet, url: str) -> StreamingHttpResponse:
    return StreamingHttpResponse(json_chunks(compare, rows, url), content_type="application/json; charset=utf-8")


def export_filename(compare: CompareRequest) -> str:
    return f"guarantees-{'-'.join(compare.codes)}-{compare.as_of.isoformat()}"
