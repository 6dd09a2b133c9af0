"""Every CSV we write is safe to open in a spreadsheet: no cell can start a formula (OWASP, CSV injection).

A cell beginning with `=`, `+`, `-`, `@`, a tab or a line break is prefixed with `'`, which spreadsheets show
as text; a carriage return inside a cell becomes a line feed (the writer quotes those, not a bare CR). The data
itself is unchanged elsewhere (JSON, the API, the pages).
"""

import csv

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralised(value):
    if not isinstance(value, str):
        return value
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    return "'" + text if text.startswith(FORMULA_START) else text


def safe_row(values) -> list:
    return [neutralised(value) for value in values]


def write_table(file, rows: list[dict]) -> None:
    """A header and the rows, every cell neutralised."""
    if not rows:
        return
    writer = csv.writer(file, lineterminator="\n")
    writer.writerow(safe_row(rows[0]))
    for row in rows:
        writer.writerow(safe_row(row.values()))
