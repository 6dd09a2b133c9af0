"""The query plans behind the benchmarked pages: each page's slowest queries, with PostgreSQL's EXPLAIN ANALYZE.

Renders every page once without the page cache against the load bench's database (built by
bench/load_bench.py), times each query it ran, and prints the plans of the slowest ones: where an index
is missing, a plan shows it as a sequential scan under a filter.

    .venv/bin/python bench/explain.py                 # the three slowest queries of every page
    .venv/bin/python bench/explain.py --top 1 --page list
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/guarantees_loadbench")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")
os.environ["PAGE_CACHE_SECONDS"] = "0"

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

PAGES = {
    "home": "/en/",
    "list": "/en/guarantees/?kind=tool&provided_in=AA",
    "detail": "/en/guarantees/guarantee-1/",
    "compare": "/en/compare/?j=AA&j=AB&j=AC",
    "search": "/en/search/?q=guarantee",
    "api": "/api/guarantees/",
}


def timed(sql: str) -> float:
    with connection.cursor() as cursor:
        start = time.perf_counter()
        cursor.execute(sql)
        cursor.fetchall()
        return (time.perf_counter() - start) * 1000


def plan(sql: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=3, help="plans per page (default 3)")
    parser.add_argument("--page", choices=PAGES, action="append", help="only these pages")
    args = parser.parse_args()
    client = Client(HTTP_HOST="127.0.0.1")
    for name in args.page or PAGES:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(PAGES[name])
        assert response.status_code == 200, (name, response.status_code)
        queries = sorted(((timed(query["sql"]), query["sql"]) for query in captured), reverse=True)
        total = sum(milliseconds for milliseconds, _ in queries)
        print(f"\n=== {name}: {PAGES[name]} — {len(queries)} queries, {total:.1f} ms in the database")
        for milliseconds, sql in queries[: args.top]:
            print(f"\n--- {milliseconds:.1f} ms: {sql[:300]}{'…' if len(sql) > 300 else ''}\n{plan(sql)}")


if __name__ == "__main__":
    main()
