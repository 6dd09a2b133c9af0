"""The query plans behind the benchmarked pages: each page's slowest queries, with PostgreSQL's EXPLAIN ANALYZE.

Renders every page bench/load_bench.py measures once, without the page cache, against the database the load
bench last built (synthetic or curated), times each query it ran, and prints the plans of the slowest ones:
where an index is missing, a plan shows it as a sequential scan under a filter.

    .venv/bin/python bench/explain.py                  # the three slowest queries of every page
    .venv/bin/python bench/explain.py --top 1 --page search
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["PAGE_CACHE_SECONDS"] = "0"  # every page rendered, so that its queries run

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.load_bench import LOADED_MARK, pages  # noqa: E402  (sets Django up on the load bench's database)


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
    parser.add_argument("--page", action="append", help="only the pages whose name contains this")
    args = parser.parse_args()
    if not LOADED_MARK.exists():
        sys.exit("explain: no load bench database yet; run bench/load_bench.py first")
    client = Client(HTTP_HOST="127.0.0.1")
    for page in pages(json.loads(LOADED_MARK.read_text())["data"]):
        if args.page and not any(wanted in page.name for wanted in args.page):
            continue
        with CaptureQueriesContext(connection) as captured:
            response = client.get(page.path)
        assert response.status_code == 200, (page.path, response.status_code)
        queries = sorted(((timed(query["sql"]), query["sql"]) for query in captured), reverse=True)
        total = sum(milliseconds for milliseconds, _ in queries)
        print(f"\n=== {page.name}: {page.path} — {len(queries)} queries, {total:.1f} ms in the database")
        for milliseconds, sql in queries[: args.top]:
            print(f"\n--- {milliseconds:.1f} ms: {sql[:300]}{'…' if len(sql) > 300 else ''}\n{plan(sql)}")


if __name__ == "__main__":
    main()
