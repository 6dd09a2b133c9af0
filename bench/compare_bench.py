"""Benchmark of the comparison page at a fixed synthetic scale.

Builds a database of 30 jurisdictions, 1,000 published guarantees in 12 categories and 30,000
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

import django  # noqa: E402

django.setup()

import datetime  # noqa: E402

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from guarantees.models import Assessment, Category, Guarantee, Instrument, Jurisdiction, Provision  # noqa: E402

SCALE = float(os.environ.get("BENCH_SCALE", "1"))  # 1 is the stated scale; the test suite runs a sliver
JURISDICTIONS = max(3, round(30 * SCALE))
GUARANTEES = max(12, round(1000 * SCALE))
CATEGORIES = 12
REPEATS = 15 if SCALE == 1 else 1
STATUSES = ["provided", "partial", "absent"]
CODES = [a + b for a in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" for b in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]


def build() -> None:
    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    jurisdictions = Jurisdiction.objects.bulk_create(
        Jurisdiction(code=code, name_en=f"Jurisdiction {code}", order=index)
        for index, code in enumerate(CODES[:JURISDICTIONS])
    )
    instruments = Instrument.objects.bulk_create(
        Instrument(
            slug=f"law-{j.code.lower()}",
            jurisdiction=j,
            kind="law",
            short_title=f"Law {j.code}",
            title_original="Закон",
            title_en="Law",
            official_url="https://example.org",
        )
        for j in jurisdictions
    )
    roots = Category.objects.bulk_create(
        [
            Category(slug="conditions", kind="condition", name_en="Conditions"),
            Category(slug="tools", kind="tool", name_en="Tools"),
        ]
    )
    categories = Category.objects.bulk_create(
        Category(slug=f"category-{n}", kind=roots[n % 2].kind, parent=roots[n % 2], name_en=f"Category {n}", order=n)
        for n in range(CATEGORIES)
    )
    guarantees = Guarantee.objects.bulk_create(
        Guarantee(
            slug=f"guarantee-{n}",
            name_en=f"Guarantee {n:04d}",
            summary_en="Synthetic.",
            publication_status="published",
            category=categories[n % CATEGORIES],
        )
        for n in range(GUARANTEES)
    )
    provisions = Provision.objects.bulk_create(
        Provision(
            instrument=instrument,
            number=str(n + 1),
            sort_key=f"{n + 1:06d}",
            heading_original="Статья",
            text_original="Текст статьи. " * 20,
            verification="official",
            where_read="synthetic",
            publication_status="published",
        )
        for instrument in instruments
        for n in range(GUARANTEES)
    )
    today = datetime.date.today()
    assessments = Assessment.objects.bulk_create(
        Assessment(
            guarantee=g,
            jurisdiction=j,
            status=STATUSES[(gi + ji) % 3],
            assessed_on=today,
            commentary_en="Synthetic commentary.",
            publication_status="published",
        )
        for gi, g in enumerate(guarantees)
        for ji, j in enumerate(jurisdictions)
    )
    through = Assessment.provisions.through
    by_instrument = {instrument.jurisdiction_id: instrument for instrument in instruments}
    index = {(p.instrument_id, p.number): p for p in provisions}
    through.objects.bulk_create(
        through(
            assessment_id=a.pk, provision_id=index[(by_instrument[a.jurisdiction_id].pk, str(gi % GUARANTEES + 1))].pk
        )
        for gi, a in enumerate(assessments)
    )
    with connection.cursor() as cursor:  # the planner's statistics, as a database in service has them
        cursor.execute("ANALYZE")


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
    build()
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
