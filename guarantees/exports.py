"""The comparison matrix as CSV and JSON: the same rows as the page, every page of them, streamed.

Names are the English ones, as in the API (`representations.py`); statuses are the API's values.
"""

import csv
import json
from collections import defaultdict
from collections.abc import Iterator
from itertools import islice

from django.db.models import QuerySet
from django.http import StreamingHttpResponse

from .cell_documents import citations_in_force, row_documents
from .choices import NOT_ASSESSED
from .compare import CompareRequest
from .models import Assessment
from .representations import cited_reference, jurisdiction_summary
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
    """The CSV from tuples, a chunk of rows at a time: three queries per chunk, no model instances."""
    writer = csv.writer(Echo(), lineterminator="\n")
    yield writer.writerow(safe_row(csv_header(compare)))
    guarantees = rows.values_list("pk", "name_en", "category__kind", "category__name_en").iterator(chunk_size=CHUNK)
    for chunk in chunks(guarantees, CHUNK):
        cells = cell_tuples(compare, [pk for pk, *_ in chunk])
        for pk, name, kind, category in chunk:
            line = [name, kind or "", category or ""]
            for jurisdiction in compare.jurisdictions:
                line += cells.get((pk, jurisdiction.pk), (NOT_ASSESSED, ""))
            yield writer.writerow(safe_row(line))


def cell_tuples(compare: CompareRequest, guarantee_ids: list[int]) -> dict[tuple[int, int], tuple[str, str]]:
    """(guarantee, jurisdiction) -> (status, the cited articles in force) on the comparison's date.

    The same cells, articles and order as `Assessment.objects.cells_on` gives the page."""
    cells = (
        Assessment.objects.published()
        .in_force_on(compare.as_of)
        .filter(guarantee_id__in=guarantee_ids, jurisdiction__in=compare.jurisdictions)
        .values_list("pk", "guarantee_id", "jurisdiction_id", "status")
    )
    key_of = {pk: (guarantee, jurisdiction) for pk, guarantee, jurisdiction, _ in cells}
    status_of = {pk: status for pk, _, _, status in cells}
    citations = citations_in_force(
        compare.as_of, list(key_of), "provision__instrument__short_title", "provision__number", "provision__paragraph"
    )
    references = defaultdict(list)
    for assessment, short_title, number, paragraph in citations:
        references[assessment].append(cited_reference(short_title, number, paragraph))
    return {key: (status_of[pk], "; ".join(references[pk])) for pk, key in key_of.items()}


def chunks(items: Iterator, size: int) -> Iterator[list]:
    while chunk := list(islice(items, size)):
        yield chunk


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
    separator = ""
    for chunk in chunks(rows.select_related("category").iterator(chunk_size=CHUNK), CHUNK):
        for document in row_documents(chunk, compare.jurisdictions, compare.as_of):
            yield separator + json.dumps(document, ensure_ascii=False)
            separator = ","
    yield "]}"


def json_response(compare: CompareRequest, rows: QuerySet, url: str) -> StreamingHttpResponse:
    return StreamingHttpResponse(json_chunks(compare, rows, url), content_type="application/json; charset=utf-8")


def export_filename(compare: CompareRequest) -> str:
    return f"guarantees-{'-'.join(compare.codes)}-{compare.as_of.isoformat()}"
