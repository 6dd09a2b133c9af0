"""The content loader's cost, as `make run` pays it: a fresh load into a migrated database, then a reload
that changes nothing. Queries counted with CaptureQueriesContext; seconds of wall and CPU time.

    .venv/bin/python bench/loader_bench.py                      # a fresh SQLite file in a temporary folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/NAME .venv/bin/python bench/loader_bench.py
"""

import collections
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
folder = tempfile.TemporaryDirectory()
os.environ.setdefault("DATABASE_URL", f"sqlite:///{folder.name}/loader.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from guarantees.content import ContentLoader  # noqa: E402


def measured(label: str) -> None:
    connection.queries_log = collections.deque(maxlen=10**6)  # Django keeps the last 9,000 by default
    with CaptureQueriesContext(connection) as queries:
        wall, cpu = time.perf_counter(), time.process_time()
        report = ContentLoader().load()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    changed = sum(report.created.values()) + sum(report.updated.values())
    print(f"{label}: {len(queries)} queries, {wall:.2f} s wall, {cpu:.2f} s CPU, {changed} objects written")


def main() -> None:
    call_command("flush", interactive=False, verbosity=0) if connection.vendor != "sqlite" else None
    call_command("migrate", verbosity=0)
    print(f"database: {connection.vendor}")
    measured("fresh load")
    measured("no-change reload")


if __name__ == "__main__":
    main()
