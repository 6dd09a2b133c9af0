"""Soak: a flood of unique URLs from anonymous clients, with each gunicorn worker's memory watched.

Every request asks for a URL no earlier request asked for: junk query parameters (redirected away before any
rendering), searches and filtered lists for words never seen, cell pages at dates never asked, compare pages
filtered anew, unknown slugs, API lists filtered anew. Pages a worker renders may enter the page cache; the
soak shows that this cannot grow a worker past --max-rss-mb (300 MB, as `bench/load_bench.py --soak`).
A response of 500 or more, or a socket error, fails the soak as well. The workers' answers to 4xx are fine:
a junk URL is meant to be refused.

    .venv/bin/python bench/flood_soak.py                            # synthetic data at the stated scale
    .venv/bin/python bench/flood_soak.py --urls 8000 --reuse-data   # on the database the last flood loaded
    .venv/bin/python bench/flood_soak.py --load-bench-data          # on load_bench.py's (make soak, after it)

Uses bench/load_bench.py's synthetic data, servers and RSS sampling (PostgreSQL on 127.0.0.1:5432, gunicorn
with config.settings.bench) on a database of its own, guarantees_flood, unless --load-bench-data; writes
bench/out/flood.md. 4,000 URLs took 653 s with 8 connections on a busy 2-CPU machine (bench/out/flood.md).
"""

import argparse
import datetime
import http.client
import itertools
import sys
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import load_bench as bench  # noqa: E402  (sets up Django, for the load bench's database)
from django.conf import settings  # noqa: E402
from django.db import connection, connections  # noqa: E402

from guarantees.models import Guarantee, Jurisdiction  # noqa: E402

FLOOD_DATABASE = "guarantees_flood"


def use_database(name: str) -> None:
    """Point this process and the gunicorn it starts at another database than the load bench's."""
    bench.DATABASE = name
    bench.LOADED_MARK = bench.OUT / "flood-data.json"
    bench.os.environ["DATABASE_URL"] = f"{bench.SERVER_URL}/{name}"  # for gunicorn
    settings.DATABASES["default"]["NAME"] = name
    connections.close_all()
    del connections["default"]  # opened anew on that database


def families() -> list:
    """Functions n -> a URL unique to n, one per kind of URL an anonymous flood can vary."""
    codes = list(Jurisdiction.objects.order_by("order", "code").values_list("code", flat=True))
    slugs = list(Guarantee.objects.published().order_by("slug").values_list("slug", flat=True)[:50])
    if len(codes) < 3 or not slugs:
        raise bench.BenchFailure("the database holds too little to flood: load it first (--load)")
    three = "&".join(f"j={code}" for code in codes[:3])
    first_day = datetime.date(1990, 1, 1)

    def cell(n: int) -> str:
        day = first_day + datetime.timedelta(days=n)
        return f"/en/guarantees/{slugs[n % len(slugs)]}/{codes[n % len(codes)]}/?as_of={day.isoformat()}"

    return [
        lambda n: f"/en/guarantees/?junk{n}=1",
        lambda n: f"/en/search/?q=flood{n}",
        lambda n: f"/en/guarantees/?q=flood{n}",
        cell,
        lambda n: f"/en/compare/?{three}&q=flood{n}",
        lambda n: f"/en/guarantees/no-such-guarantee-{n}/",
        lambda n: f"/api/guarantees/?q=flood{n}",
        lambda n: f"/en/guarantees/{slugs[n % len(slugs)]}/?junk{n}=1",
    ]


def machine() -> list[str]:
    """As load_bench.machine, without wrk (the flood sends its own requests)."""
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    software = (
        f"Python {bench.platform.python_version()}, Django {bench.django.get_version()}, "
        f"gunicorn {bench.importlib.metadata.version('gunicorn')}"
    )
    return [f"- date: {now}", f"- machine: {bench.os.cpu_count()} CPUs, Linux {bench.platform.release()}",
            f"- software: {software}"]  # fmt: skip


class Flood:
    """`connections` threads, each sending its share of the URLs one after the other, a connection per request."""

    def __init__(self, port: int, urls: list[str], connections: int, timeout: float):
        self.port, self.timeout = port, timeout
        self.statuses: Counter[str] = Counter()
        self.server_errors: list[str] = []
        self.lock = threading.Lock()
        self.threads = [
            threading.Thread(target=self.send, args=(urls[start::connections],), daemon=True)
            for start in range(connections)
        ]
        self.seconds = 0.0

    def start(self) -> "Flood":
        self.started = time.perf_counter()
        for thread in self.threads:
            thread.start()
        return self

    def poll(self):
        """As subprocess.Popen.poll: None while the flood runs (bench.watch_workers samples until then)."""
        if any(thread.is_alive() for thread in self.threads):
            return None
        self.seconds = self.seconds or time.perf_counter() - self.started
        return 0

    def send(self, urls: list[str]) -> None:
        for url in urls:
            client = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
            try:
                client.request("GET", url)
                response = client.getresponse()
                response.read()
                outcome = str(response.status)
            except OSError as error:
                outcome = f"socket error ({type(error).__name__})"
            finally:
                client.close()
            with self.lock:
                self.statuses[outcome] += 1
                if not outcome.isdigit() or int(outcome) >= 500:
                    self.server_errors.append(f"{outcome} {url}")


def run(args: argparse.Namespace) -> bool:
    if not args.load_bench_data:
        use_database(FLOOD_DATABASE)  # so that the flood never drops the database a load bench is measuring
    if args.reuse_data or args.load_bench_data:
        bench.reuse("synthetic")
    else:
        bench.load("synthetic")
    print(f"flood on the database {connection.settings_dict['NAME']}", flush=True)
    bench.call_command("collectstatic", interactive=False, verbosity=0)
    makers = families()
    urls = [makers[n % len(makers)](n) for n in range(args.urls)]
    assert len(set(urls)) == len(urls)
    header = [*machine(), f"- dataset: {bench.dataset_summary('synthetic')}"]
    header.append(f"- page cache: {bench.page_cache_state()}")
    connections.close_all()
    with bench.serving("gunicorn", bench.gunicorn(args.port, args.workers), args.port) as master:
        bench.get_ok(args.port, "/en/", "gunicorn")
        print(f"flooding with {len(urls)} unique URLs…", flush=True)
        flood = Flood(args.port, urls, args.connections, args.timeout).start()
        memory = bench.watch_workers(master.pid, [flood])
    lines = [
        f"- flood: {len(urls)} unique URLs ({len(makers)} kinds in turn, e.g. "
        + ", ".join(f"`{maker(0)}`" for maker in makers[:4])
        + f"), {args.connections} connections at once, gunicorn {args.workers} sync workers, "
        f"{flood.seconds:.0f} s ({len(urls) / flood.seconds:.0f} requests/s)",
        "- answers: " + ", ".join(f"{status}: {count}" for status, count in sorted(flood.statuses.items())),
        "",
        "| gunicorn worker pid | RSS at start MB | peak RSS MB |",
        "| ---: | ---: | ---: |",
    ]
    lines += [f"| {pid} | {first / 1024:.1f} | {peak / 1024:.1f} |" for pid, (first, peak) in sorted(memory.items())]
    peak_mb = max((peak for _, peak in memory.values()), default=0) / 1024
    failures = []
    if flood.server_errors:
        shown = "; ".join(itertools.islice(flood.server_errors, 5))
        failures.append(f"{len(flood.server_errors)} server errors or socket errors (first: {shown})")
    if peak_mb > args.max_rss_mb:
        failures.append(f"a worker's peak RSS, {peak_mb:.1f} MB, passed --max-rss-mb {args.max_rss_mb:g}")
    if not memory:
        failures.append("no gunicorn worker was found to sample")
    verdict = "FAILED: " + "; ".join(failures) if failures else f"passed: no 5xx, peak RSS {peak_mb:.1f} MB"
    lines += ["", f"**Flood {verdict}** (limit {args.max_rss_mb:g} MB per worker)."]
    bench.publish("Flood of unique URLs", [*header, *lines], "flood.md")
    return not failures


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--urls", type=int, default=4000, help="unique URLs to request (4000)")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--timeout", type=float, default=30, help="seconds a request may take (30)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--port", type=int, default=8913)
    parser.add_argument("--reuse-data", action="store_true", help="keep the database the last flood loaded")
    parser.add_argument(
        "--load-bench-data", action="store_true", help="the database load_bench.py last loaded (make soak)"
    )
    parser.add_argument("--max-rss-mb", type=float, default=300, help="fails above this peak RSS per worker")
    return parser.parse_args()


def main() -> None:
    try:
        passed = run(arguments())
    except bench.BenchFailure as failure:
        sys.exit(f"flood soak: {failure}")
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()
