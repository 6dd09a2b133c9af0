"""Benchmark of the pages rendered afresh (the page cache off) at a fixed synthetic scale.

Builds a database (bench/synthetic.py) of 30 jurisdictions, 1,000 published guarantees in 12 categories and 30,000
assessments (each citing one of 30,000 provisions), then requests each page repeatedly through Django's test
client and prints the query count, the CPU and wall medians, the 95th percentile of wall time, and the bytes
plain and gzipped. CPU time is the process's own, so it holds when the machine is busy with other work;
wall time does not. The counts over the whole content stay cached per content version (`aggregates.py`), as
they do for a reader: the first request of each URL pays for them, the measured ones do not.

    .venv/bin/python bench/compare_bench.py                       # SQLite, bench/out/bench.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/guarantees_bench .venv/bin/python bench/compare_bench.py
    BENCH_REUSE=1 ...   # measure the database the last run built, without building it again
"""

import gzip
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
REPEATS = int(os.environ.get("BENCH_REPEATS", 15 if SCALE == 1 else 1))  # the suite runs one


def measure(client: Client, url: str) -> dict:
    client.get(url)  # warm up
    wall, cpu = [], []
    for _ in range(REPEATS):
        with CaptureQueriesContext(connection) as queries:
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            wall.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    wall.sort()
    return {
        "queries": len(queries),
        "cpu": statistics.median(cpu),
        "wall": statistics.median(wall),
        "p95": wall[min(len(wall) - 1, round(0.95 * (len(wall) - 1)))],
        "bytes": len(body),
        "gzip": len(gzip.compress(body)),
    }


def main() -> None:
    started = time.perf_counter()
    if not os.environ.get("BENCH_REUSE"):
        build(SCALE)
    print(
        f"database: {connection.vendor}; built in {time.perf_counter() - started:.1f}s: "
        f"{Jurisdiction.objects.count()} jurisdictions, {Guarantee.objects.count()} guarantees, "
        f"{Assessment.objects.count()} assessments, {Provision.objects.count()} provisions"
    )
    client = Client()
    three = "j=AA&j=AB&j=AC"
    urls = [
        "/en/",
        "/en/compare/",
        f"/en/compare/?{three}",
        f"/en/compare/?{three}&diff=1",
        f"/en/compare/?{three}&kind=tool&page={2 if SCALE == 1 else 1}",
        f"/en/compare/?{three}&format=csv",
        f"/en/compare/?{three}&format=json",
        f"/api/compare/?{three}",
        "/en/guarantees/",
        "/en/guarantees/?kind=tool&provided_in=AA",
        "/api/guarantees/",
    ]
    print(f"{'url':45} {'queries':>7} {'CPU ms':>8} {'wall ms':>8} {'p95 ms':>8} {'bytes':>9} {'gzip':>7}")
    for url in urls:
        m = measure(client, url)
        timings = f"{m['cpu']:8.1f} {m['wall']:8.1f} {m['p95']:8.1f}"
        print(f"{url:45} {m['queries']:7d} {timings} {m['bytes']:9d} {m['gzip']:7d}")
    print(f"({REPEATS} requests each, after one to warm up)")


if __name__ == "__main__":
    main()
