"""Benchmark of the comparison page at a fixed synthetic scale.

Builds a database (bench/synthetic.py) of 30 jurisdictions, 1,000 published guarantees in 12 categories and 30,000
assessments (each citing one of 30,000 provisions), then requests the compare page repeatedly through
Django's test client and prints the query count, median and 95th percentile for each URL.

    .venv/bin/python bench/compare_bench.py                       # SQLite, bench/out/bench.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/guarantees_bench .venv/bin/python bench/compare_bench.py
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "bench" / "out"
OUT.mkdir(exist_ok=True)
os.environ.setdefault("DATABASE_URL", f"sqlite:///{OUT / 'bench.sqlite3'}")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ["ALLOWED_HOSTS"] = "testserver"
os.environ["PAGE_CACHE_SECONDS"] = "0"  # every request rendered: this bench measures the pages' own work

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.synthetic import build  # noqa: E402
from guarantees.models import Assessment, Guarantee, Jurisdiction, Provision  # noqa: E402

SCALE = float(os.environ.get("BENCH_SCALE", "1"))  # 1 is the stated scale; the test suite runs a sliver
REPEATS = 15 if SCALE == 1 else 1


def measure(client: Client, url: str) -> tuple[int, float, float, int]:
    client.get(url)  # warm up
    timings = []
    for _ in range(REPEATS):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    return len(queries), statistics.median(timings), p95, len(body)


def main() -> None:
    started = time.perf_counter()
    build(SCALE)
    print(
        f"database: {connection.vendor}; built in {time.perf_counter() - started:.1f}s: "
        f"{Jurisdiction.objects.count()} jurisdictions, {Guarantee.objects.count()} guarantees, "
        f"{Assessment.objects.count()} assessments, {Provision.objects.count()} provisions"
    )
    client = Client()
    three = "j=AA&j=AB&j=AC"
    urls = [
        "/en/compare/",
        f"/en/compare/?{three}",
        f"/en/compare/?{three}&diff=1",
        f"/en/compare/?{three}&kind=tool&page={2 if SCALE == 1 else 1}",
        f"/en/compare/?{three}&format=csv",
        "/en/guarantees/",
        "/en/guarantees/?kind=tool&provided_in=AA",
    ]
    print(f"{'url':45} {'queries':>7} {'median ms':>10} {'p95 ms':>8} {'bytes':>10}   ({REPEATS} requests each)")
    for url in urls:
        queries, median, p95, size = measure(client, url)
        print(f"{url:45} {queries:7d} {median:10.1f} {p95:8.1f} {size:10d}")


if __name__ == "__main__":
    main()
