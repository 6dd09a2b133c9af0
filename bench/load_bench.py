"""HTTP load benchmark: the site under gunicorn and PostgreSQL, measured with wrk against two yardsticks.

For each page it reports requests per second, median and 95th-percentile latency and errors, next to
- the limit: the same page's body saved as a file and served by WhiteNoise through the same gunicorn and
  middleware, so that the ratio says how much of the stack's capacity the page's own work leaves;
- the peer (list page only): Datasette serving the same guarantees from SQLite, a faceted table filtered alike.

    .venv/bin/python bench/load_bench.py                         # synthetic data at the stated scale, 10 s a URL
    BENCH_SCALE=0.05 .venv/bin/python bench/load_bench.py --duration 2 --no-peer   # a quick try
    .venv/bin/python bench/load_bench.py --data curated          # the curated content (load_content)
    PAGE_CACHE_SECONDS=0 .venv/bin/python bench/load_bench.py    # every request rendered (the page cache off)
    .venv/bin/python bench/load_bench.py --soak 60               # 32 connections on compare + API list, RSS watched
    .venv/bin/python bench/load_bench.py --soak 60 --reuse-data  # on the database the last run loaded

Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust); the database guarantees_loadbench is dropped and
built anew unless --reuse-data. Installs Debian's wrk when missing (as root), and Datasette
(bench/requirements-peer.txt) into its own venv, bench/out/peer-venv. The table is also written as Markdown
to bench/out/results.md (bench/out/soak.md for a soak). Exits non-zero on any error or non-2xx/3xx response,
and in a soak also when a worker's peak RSS passes --max-rss-mb.
"""

import argparse
import datetime
import http.client
import importlib.metadata
import io
import json
import math
import os
import platform
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "bench" / "out"
OUT.mkdir(exist_ok=True)
SERVER_URL = "postgres://postgres@127.0.0.1:5432"
DATABASE = "guarantees_loadbench"
SITE_ROOT = OUT / "site-root"  # WHITENOISE_ROOT: the limit's files, served at /limit/…
PEER_VENV = OUT / "peer-venv"
PEER_DIR = OUT / "peer"
PEER_REQUIREMENTS = ROOT / "bench" / "requirements-peer.txt"
WRK_SCRIPT = ROOT / "bench" / "wrk_report.lua"
LOADED_MARK = OUT / "loadbench-data.json"  # what the database holds, for --reuse-data

os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.bench"
os.environ["DATABASE_URL"] = f"{SERVER_URL}/{DATABASE}"
os.environ["BENCH_WHITENOISE_ROOT"] = str(SITE_ROOT)

import django  # noqa: E402

django.setup()

import psycopg  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.http import QueryDict  # noqa: E402
from psycopg import sql  # noqa: E402

from bench.synthetic import build  # noqa: E402
from guarantees.api.views import Pagination  # noqa: E402
from guarantees.content_version import bump_version  # noqa: E402
from guarantees.filters import GuaranteeFilterSet  # noqa: E402
from guarantees.models import Assessment, Guarantee, Jurisdiction, Provision  # noqa: E402
from guarantees.search import search_all  # noqa: E402
from guarantees.views.compare import rows_per_page  # noqa: E402

SCALE = float(os.environ.get("BENCH_SCALE", "1"))  # 1 is the stated scale
SOAK_TRIPLES, SOAK_PAGES, SOAK_API_PAGES = 2, 2, 6  # the URLs a soak turns over: 4 compare pages, 6 API pages
PEER_PAGE_SIZE = 20  # as guarantees.views.guarantees.PAGE_SIZE


@dataclass
class Page:
    name: str
    path: str
    limit_file: str  # the body's name under SITE_ROOT/limit/
    beside_peer: bool = False  # the page the Datasette peer is measured against


@dataclass
class Load:
    """One wrk run, from the line bench/wrk_report.lua prints."""

    requests: int
    seconds: float
    median_ms: float
    p95_ms: float
    socket_errors: int
    timeouts: int  # of the socket errors, requests not answered within wrk's --timeout
    bad_status: int  # responses with a status of 400 or more

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def errors(self) -> int:
        return self.socket_errors + self.bad_status


@dataclass
class Row:
    page: Page
    ours: Load
    limit: Load

    @property
    def ratio(self) -> float:
        return ratio(self.ours, self.limit)


def ratio(load: Load, limit: Load) -> float:
    return load.rps / limit.rps if limit.rps else 0.0


class BenchFailure(Exception):
    pass


# Tools


def ensure_wrk() -> None:
    if shutil.which("wrk"):
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise BenchFailure("wrk is missing: install Debian's wrk package (apt-get install wrk) and run again.")
    print("installing wrk from Debian…", flush=True)
    quiet = {"env": {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}, "check": True, "stdout": subprocess.DEVNULL}
    subprocess.run(["apt-get", "update", "-qq"], **quiet)
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], **quiet)


def ensure_peer() -> None:
    """Datasette in its own venv, reinstalled whenever bench/requirements-peer.txt changes."""
    stamp = PEER_VENV / ".installed"
    pins = PEER_REQUIREMENTS.read_text()
    if stamp.exists() and stamp.read_text() == pins:
        return
    print("installing Datasette into bench/out/peer-venv…", flush=True)
    pip = [str(PEER_VENV / "bin" / "pip"), "install", "--quiet", "--disable-pip-version-check"]
    for command in ([sys.executable, "-m", "venv", "--clear", str(PEER_VENV)], [*pip, "-r", str(PEER_REQUIREMENTS)]):
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            raise BenchFailure(f"{' '.join(command)} failed:\n{result.stdout}{result.stderr}")
    stamp.write_text(pins)


def version_word(command: list[str], index: int) -> str:
    """One word of the first line a tool prints about itself."""
    result = subprocess.run(command, capture_output=True, text=True)
    return (result.stdout or result.stderr).split("\n")[0].split()[index]


# The database


def server_connection() -> psycopg.Connection:
    try:
        return psycopg.connect(f"{SERVER_URL}/postgres", autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as error:
        raise BenchFailure(f"PostgreSQL does not answer at {SERVER_URL} (user postgres, trust): {error}") from error


def recreate_database() -> None:
    connections.close_all()
    name = sql.Identifier(DATABASE)
    with server_connection() as server:
        server.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        server.execute(sql.SQL("CREATE DATABASE {} TEMPLATE template0 ENCODING 'UTF8'").format(name))


def load(data: str) -> None:
    recreate_database()
    if data == "synthetic":
        build(SCALE)  # analyses as it ends
        bump_version()  # bulk_create sends no signals: draw the content version a save would have drawn
    else:
        call_command("migrate", verbosity=0)
        call_command("load_content", stdout=io.StringIO())
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    LOADED_MARK.write_text(json.dumps(loaded_as(data)))


def loaded_as(data: str) -> dict:
    return {"data": data, "scale": SCALE if data == "synthetic" else None}


def reuse(data: str) -> None:
    """The database as the last run loaded it, migrated: refused if it holds another dataset."""
    found = json.loads(LOADED_MARK.read_text()) if LOADED_MARK.exists() else None
    if found != loaded_as(data):
        raise BenchFailure(f"--reuse-data: the database holds {found or 'nothing known'}, not {loaded_as(data)}.")
    call_command("migrate", verbosity=0)


def page_cache_state() -> str:
    if not settings.PAGE_CACHE_SECONDS:
        return "off (PAGE_CACHE_SECONDS=0)"
    shared = "shared in Redis" if settings.CACHE_URL else "per worker process"
    return f"on (PAGE_CACHE_SECONDS={settings.PAGE_CACHE_SECONDS}, {shared})"


def dataset_summary(data: str) -> str:
    counts = (
        f"{Jurisdiction.objects.count()} jurisdictions, {Guarantee.objects.published().count()} published "
        f"guarantees, {Assessment.objects.count()} assessments, {Provision.objects.count()} provisions"
    )
    return f"synthetic at BENCH_SCALE={SCALE:g} ({counts})" if data == "synthetic" else f"curated ({counts})"


# The pages


def pages(data: str) -> list[Page]:
    if data == "synthetic":
        facets, detail, three, word = "kind=tool&provided_in=AA", "guarantee-1", "j=AA&j=AB&j=AC", "guarantee"
    else:
        facets, three, word = "kind=tool&provided_in=KZ", "j=KZ&j=RU&j=KG", "observer"
        detail = Guarantee.objects.published().order_by("name").values_list("slug", flat=True).first()
    if detail is None:
        raise BenchFailure("no published guarantee to show")
    check_answers(facets, word)
    return [
        Page("home", "/en/", "home.html"),
        Page("list, two facets", f"/en/guarantees/?{facets}", "list.html", beside_peer=True),
        Page("guarantee detail", f"/en/guarantees/{detail}/", "detail.html"),
        Page("compare, three jurisdictions", f"/en/compare/?{three}", "compare.html"),
        Page("search", f"/en/search/?q={word}", "search.html"),
        Page("API list", "/api/guarantees/", "api.json"),
    ]


def check_answers(facets: str, word: str) -> None:
    """The faceted list and the search find something: an empty page would flatter the figures."""
    listed = GuaranteeFilterSet(QueryDict(facets), queryset=Guarantee.objects.published()).qs
    if not listed.exists():
        raise BenchFailure(f"the guarantee list finds nothing for ?{facets}")
    if not any(group.hits for group in search_all(word).groups):
        raise BenchFailure(f"the search finds nothing for {word!r}")


def soak_streams(data: str) -> dict[str, list[str]]:
    """The soak's two streams, each turning over several URLs: their first requests render, the rest are cached."""
    codes = list(Jurisdiction.objects.order_by("order", "code").values_list("code", flat=True))
    triples = [codes[start : start + 3] for start in range(0, len(codes) - 2, 3)][:SOAK_TRIPLES]
    published = Guarantee.objects.published().count()
    compare_pages = min(SOAK_PAGES, math.ceil(published / rows_per_page(3)))
    api_pages = min(SOAK_API_PAGES, math.ceil(published / Pagination.page_size))
    compare = [
        "/en/compare/?" + "&".join(f"j={code}" for code in triple) + f"&page={page}"
        for triple in triples
        for page in range(1, compare_pages + 1)
    ]
    return {"compare": compare, "API list": [f"/api/guarantees/?page={page}" for page in range(1, api_pages + 1)]}


# Servers


def port_is_open(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


@contextmanager
def serving(name: str, command: list[str], port: int) -> Iterator[subprocess.Popen]:
    """A server in its own process group, its output in bench/out/<name>.log; stopped however the block ends."""
    if port_is_open(port):
        raise BenchFailure(f"port {port} is already in use: stop what listens there or choose another port")
    log = OUT / f"{name}.log"
    with log.open("wb") as output:
        process = subprocess.Popen(command, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_until_listening(name, process, port)
        yield process
    finally:
        stop(process)


def wait_until_listening(name: str, process: subprocess.Popen, port: int) -> None:
    deadline = time.monotonic() + 60
    while not port_is_open(port):
        if process.poll() is not None or time.monotonic() > deadline:
            raise BenchFailure(f"{name} did not start; the end of its log:\n{log_tail(name)}")
        time.sleep(0.2)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def log_tail(name: str, lines: int = 40) -> str:
    log = OUT / f"{name}.log"
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:]) if log.exists() else "(no log)"


def gunicorn(port: int, workers: int) -> list[str]:
    return [
        str(Path(sys.prefix) / "bin" / "gunicorn"),
        "config.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        "--worker-class=sync",
        "--log-level=warning",
    ]


def datasette(database: Path, port: int) -> list[str]:
    return [
        str(PEER_VENV / "bin" / "datasette"),
        "serve",
        f"--immutable={database}",
        "--host=127.0.0.1",
        f"--port={port}",
        "--setting",
        "default_page_size",
        str(PEER_PAGE_SIZE),
        "--setting",  # our list computes the facets it shows, and suggests none
        "suggest_facets",
        "off",
        f"--static=limit:{PEER_DIR / 'static'}",
    ]


def get_ok(port: int, path: str, server: str) -> bytes:
    """The body of a 200 response, redirects not followed; anything else stops the bench with the server's log."""
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    try:
        client.request("GET", path)
        response = client.getresponse()
        body = response.read()
    finally:
        client.close()
    if response.status != 200:
        raise BenchFailure(
            f"GET {path} answered {response.status}:\n{body[:2000].decode(errors='replace')}\n"
            f"--- the end of {server}'s log:\n{log_tail(server)}"
        )
    return body


# wrk


def start_wrk(
    port: int, path: str, connections: int, threads: int, seconds: float, timeout: float, turns: list[str] = ()
) -> subprocess.Popen:
    """wrk on one path, or in turn on several (`turns`)."""
    command = [
        "wrk",
        f"--threads={min(threads, connections)}",
        f"--connections={connections}",
        f"--duration={seconds:g}s",
        f"--timeout={timeout:g}s",
        f"--script={WRK_SCRIPT}",
        f"http://127.0.0.1:{port}{path}",
        "--",
        *turns,
    ]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish_wrk(process: subprocess.Popen) -> Load:
    stdout, stderr = process.communicate()
    line = next((line for line in stdout.splitlines() if line.startswith("WRK_RESULT ")), None)
    if process.returncode != 0 or line is None:
        raise BenchFailure(f"wrk failed ({process.returncode}):\n{stdout}\n{stderr}")
    fields = dict(item.split("=") for item in line.split()[1:])
    number = {key: int(value) for key, value in fields.items()}
    return Load(
        requests=number["requests"],
        seconds=number["duration_us"] / 1e6,
        median_ms=number["p50_us"] / 1000,
        p95_ms=number["p95_us"] / 1000,
        socket_errors=sum(number[key] for key in ("connect", "read", "write", "timeout")),
        timeouts=number["timeout"],
        bad_status=number["status"],
    )


def measure(port: int, path: str, server: str, args: argparse.Namespace) -> Load:
    get_ok(port, path, server)  # warm up
    return finish_wrk(start_wrk(port, path, args.connections, args.threads, args.duration, args.timeout))


# The bench


def save_limit_bodies(port: int, page_list: list[Page]) -> None:
    """Each page's body, fetched once, as a file WhiteNoise serves at /limit/<name> from its next start."""
    limit = SITE_ROOT / "limit"
    shutil.rmtree(limit, ignore_errors=True)
    limit.mkdir(parents=True)
    for page in page_list:
        (limit / page.limit_file).write_bytes(get_ok(port, page.path, "gunicorn"))


def bench_ours(page_list: list[Page], args: argparse.Namespace) -> list[Row]:
    with serving("gunicorn", gunicorn(args.port, args.workers), args.port):
        save_limit_bodies(args.port, page_list)
    rows = []
    with serving("gunicorn", gunicorn(args.port, args.workers), args.port):
        for page in page_list:
            print(f"  {page.path}", flush=True)
            ours = measure(args.port, page.path, "gunicorn", args)
            limit = measure(args.port, f"/limit/{page.limit_file}", "gunicorn", args)
            rows.append(Row(page, ours, limit))
    return rows


def export_peer(data: str) -> tuple[Path, str]:
    """The published guarantees as one SQLite table, a status column per jurisdiction; and the peer's list URL."""
    PEER_DIR.mkdir(exist_ok=True)
    (PEER_DIR / "static").mkdir(exist_ok=True)
    database = PEER_DIR / "peer.db"
    database.unlink(missing_ok=True)
    codes = list(Jurisdiction.objects.order_by("order", "code").values_list("code", flat=True))
    current = Assessment.objects.published().in_force_on(datetime.date.today())
    status = {(g, code): s for g, code, s in current.values_list("guarantee_id", "jurisdiction__code", "status")}
    guarantees = Guarantee.objects.published().order_by("name")
    rows = [
        (slug, name, kind, category, *(status.get((pk, code)) for code in codes))
        for pk, slug, name, kind, category in guarantees.values_list(
            "pk", "slug", "name_en", "category__kind", "category__name_en"
        )
    ]
    columns = ["slug", "name", "kind", "category", *(f"status_{code}" for code in codes)]
    with sqlite3.connect(database) as peer:
        peer.execute(f"CREATE TABLE guarantees ({', '.join(columns)}, PRIMARY KEY (slug))")
        peer.executemany(f"INSERT INTO guarantees VALUES ({', '.join('?' * len(columns))})", rows)
        peer.execute("CREATE INDEX guarantees_kind ON guarantees (kind)")
        peer.execute("CREATE INDEX guarantees_category ON guarantees (category)")
    peer.close()
    first = "AA" if data == "synthetic" else "KZ"
    return database, f"/peer/guarantees?kind=tool&status_{first}=provided&_facet=kind&_facet=category"


def bench_peer(data: str, args: argparse.Namespace) -> tuple[str, Load, Load]:
    database, path = export_peer(data)
    with serving("datasette", datasette(database, args.peer_port), args.peer_port):
        (PEER_DIR / "static" / "list.html").write_bytes(get_ok(args.peer_port, path, "datasette"))
        peer = measure(args.peer_port, path, "datasette", args)
        limit = measure(args.peer_port, "/limit/list.html", "datasette", args)
    return path, peer, limit


# Soak


def worker_pids(master: int) -> list[int]:
    """The master's children: from /proc/<pid>/task/*/children, or from every process's PPid where the
    kernel does not expose those files."""
    listed = list(Path(f"/proc/{master}/task").glob("*/children"))
    if listed:
        return [int(pid) for children in listed for pid in children.read_text().split()]
    return [int(status.parent.name) for status in Path("/proc").glob("[0-9]*/status") if parent_of(status) == master]


def parent_of(status: Path) -> int | None:
    try:
        return int(status_field(status.read_text(), "PPid"))
    except (OSError, ValueError):
        return None


def memory_kib(pid: int, field: str) -> int | None:
    try:
        return int(status_field(Path(f"/proc/{pid}/status").read_text(), field).split()[0])
    except (OSError, ValueError):
        return None  # the worker ended between the listing and the read


def status_field(text: str, field: str) -> str:
    for line in text.splitlines():
        if line.startswith(f"{field}:"):
            return line.split(":", 1)[1].strip()
    raise ValueError(field)


def watch_workers(master: int, loads: list[subprocess.Popen]) -> dict[int, tuple[int, int]]:
    """Each worker's first and peak RSS in KiB, sampled every 0.5 s while the loads run (and VmHWM at the end)."""
    seen: dict[int, tuple[int, int]] = {}

    def sample(field: str) -> None:
        for pid in worker_pids(master):
            kib = memory_kib(pid, field)
            if kib:
                first, peak = seen.get(pid, (kib, 0))
                seen[pid] = (first, max(peak, kib))

    while any(process.poll() is None for process in loads):
        sample("VmRSS")
        time.sleep(0.5)
    sample("VmHWM")
    return seen


def soak(data: str, args: argparse.Namespace) -> tuple[str, bool]:
    streams = soak_streams(data)
    each = max(1, args.soak_connections // len(streams))
    threads = max(1, args.threads // len(streams))
    with serving("gunicorn", gunicorn(args.port, args.workers), args.port) as master:
        for paths in streams.values():
            get_ok(args.port, paths[0], "gunicorn")
        print(f"soaking for {args.soak:g} s…", flush=True)
        loads = [
            start_wrk(args.port, paths[0], each, threads, args.soak, args.soak_timeout, turns=paths)
            for paths in streams.values()
        ]
        memory = watch_workers(master.pid, loads)
        results = [finish_wrk(process) for process in loads]
    lines = [
        f"- soak: {args.soak:g} s, {each * len(streams)} connections ({each} on each stream at once, "
        f"{threads} wrk thread(s) each), gunicorn {args.workers} sync workers; a request not answered within "
        f"{args.soak_timeout:g} s counts as an error",
        "- each stream requests its URLs in turn: the first request of each URL in each worker renders the page, "
        "the later ones come from the page cache",
        "",
        "| stream | URLs | requests | rps | median ms | p95 ms | socket errors | status ≥ 400 |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for (name, paths), load in zip(streams.items(), results, strict=True):
        lines.append(
            f"| {name} | {len(paths)}: `{paths[0]}` … | {load.requests} | {load.rps:.1f} | {load.median_ms:.1f} "
            f"| {load.p95_ms:.1f} | {load.socket_errors} ({load.timeouts} timed out) | {load.bad_status} |"
        )
    total, seconds = sum(load.requests for load in results), max(load.seconds for load in results)
    socket_errors, bad = sum(load.socket_errors for load in results), sum(load.bad_status for load in results)
    lines.append(f"| total | | {total} | {total / seconds:.1f} | | | {socket_errors} | {bad} |")
    lines += ["", "| gunicorn worker pid | RSS at start MB | peak RSS MB |", "| ---: | ---: | ---: |"]
    lines += [f"| {pid} | {first / 1024:.1f} | {peak / 1024:.1f} |" for pid, (first, peak) in sorted(memory.items())]
    peak_mb = max((peak for _, peak in memory.values()), default=0) / 1024
    failures = []
    if socket_errors or bad:
        failures.append(f"{socket_errors} socket errors and {bad} responses with status ≥ 400")
    if peak_mb > args.max_rss_mb:
        failures.append(f"a worker's peak RSS, {peak_mb:.1f} MB, passed --max-rss-mb {args.max_rss_mb:g}")
    if not memory:
        failures.append("no gunicorn worker was found to sample")
    verdict = "FAILED: " + "; ".join(failures) if failures else f"passed: no errors, peak RSS {peak_mb:.1f} MB"
    lines += ["", f"**Soak {verdict}** (limit {args.max_rss_mb:g} MB per worker)."]
    return "\n".join(lines), not failures


# The report


def machine(with_peer: bool) -> list[str]:
    cpuinfo = Path("/proc/cpuinfo").read_text()
    cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if line.startswith("model name")), "?")
    memory_gib = int(status_field(Path("/proc/meminfo").read_text(), "MemTotal").split()[0]) / 1024**2
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    software = (
        f"PostgreSQL {postgres}, Python {platform.python_version()}, Django {django.get_version()}, "
        f"gunicorn {importlib.metadata.version('gunicorn')}, wrk {version_word(['wrk', '-v'], 1)}"
    )
    if with_peer:
        software += f", Datasette {version_word([str(PEER_VENV / 'bin' / 'datasette'), '--version'], -1)}"
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return [
        f"- date: {now}",
        f"- machine: {os.cpu_count()} CPUs ({cpu}), {memory_gib:.1f} GiB RAM, Linux {platform.release()}",
        f"- software: {software}",
    ]


def table(rows: list[Row], args: argparse.Namespace, peer: tuple[str, Load, Load] | None) -> list[str]:
    lines = [
        f"- parameters: gunicorn {args.workers} sync workers (settings config.settings.bench); wrk {args.threads} "
        f"threads, {args.connections} connections, {args.duration:g} s per URL, timeout {args.timeout:g} s, "
        "after one warm-up request",
        "- limit: the page's own body, saved as a file and served by WhiteNoise through the same gunicorn and "
        "middleware; ratio = ours rps / limit rps",
        "",
        "| page | URL | ours rps | median ms | p95 ms | errors | limit rps | ratio | ≥ 50% of limit "
        "| peer rps (Datasette) | peer median ms | peer p95 ms |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |",
    ]
    for row in rows:
        ours = row.ours
        peer_cells = "| | |"
        if peer and row.page.beside_peer:
            load = peer[1]
            peer_cells = f"{load.rps:.1f} | {load.median_ms:.1f} | {load.p95_ms:.1f} |"
        lines.append(
            f"| {row.page.name} | `{row.page.path}` | {ours.rps:.1f} | {ours.median_ms:.1f} | {ours.p95_ms:.1f} "
            f"| {ours.errors} | {row.limit.rps:.1f} | {row.ratio:.2f} | {'yes' if row.ratio >= 0.5 else 'no'} "
            f"| {peer_cells}"
        )
    if peer:
        path, load, limit = peer
        lines += [
            "",
            f"- peer: Datasette, one uvicorn process (its access log on: Datasette has no switch for it), "
            f"`--immutable` SQLite export of the same published guarantees (a status column per jurisdiction), "
            f"page size {PEER_PAGE_SIZE}, suggested facets off, URL `{path}`; errors {load.errors}; "
            f"its own static limit (the page's body from `--static`): {limit.rps:.1f} rps, "
            f"median {limit.median_ms:.1f} ms, p95 {limit.p95_ms:.1f} ms, ratio {ratio(load, limit):.2f}",
            "- HTTP: gunicorn's sync workers close the connection after each response; uvicorn keeps it alive.",
        ]
    return lines


def publish(title: str, lines: list[str], name: str) -> None:
    report = "\n".join([f"## {title}", "", *lines]) + "\n"
    (OUT / name).write_text(report)
    print("\n" + report + f"\n(written to bench/out/{name})")


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", choices=["synthetic", "curated"], default="synthetic")
    parser.add_argument("--reuse-data", action="store_true", help="keep the database the last run loaded")
    parser.add_argument("--duration", type=float, default=10, help="seconds of wrk per URL")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--timeout", type=float, default=10, help="seconds before wrk counts a request timed out")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--port", type=int, default=8911)
    parser.add_argument("--peer-port", type=int, default=8912)
    parser.add_argument("--no-peer", action="store_true", help="skip Datasette")
    parser.add_argument("--soak", type=float, nargs="?", const=60, metavar="SECONDS", help="soak instead (60 s)")
    parser.add_argument("--soak-connections", type=int, default=32)
    parser.add_argument("--soak-timeout", type=float, default=30, help="seconds a soak request may take (30)")
    parser.add_argument("--max-rss-mb", type=float, default=300, help="a soak fails above this peak RSS per worker")
    return parser.parse_args()


def run(args: argparse.Namespace) -> bool:
    with_peer = not args.no_peer and args.soak is None
    ensure_wrk()
    if with_peer:
        ensure_peer()
    started = time.perf_counter()
    if args.reuse_data:
        reuse(args.data)
    else:
        load(args.data)
    call_command("collectstatic", interactive=False, verbosity=0)
    SITE_ROOT.mkdir(exist_ok=True)
    header = [
        *machine(with_peer),
        f"- dataset: {dataset_summary(args.data)}",
        f"- page cache: {page_cache_state()}",
    ]
    print("\n".join(header), f"(prepared in {time.perf_counter() - started:.0f} s)", sep="\n", flush=True)
    if args.soak is not None:
        connections.close_all()
        report, passed = soak(args.data, args)
        publish("Soak", [*header, report], "soak.md")
        return passed
    page_list = pages(args.data)
    connections.close_all()
    print("measuring…", flush=True)
    rows = bench_ours(page_list, args)
    peer = bench_peer(args.data, args) if with_peer else None
    publish("Load benchmark", [*header, *table(rows, args, peer)], "results.md")
    errors = sum(row.ours.errors + row.limit.errors for row in rows) + (peer[1].errors if peer else 0)
    if errors:
        print(f"FAILED: {errors} errors or responses with status ≥ 400 during the runs")
    return not errors


def main() -> None:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so that the servers are stopped on the way out
    try:
        passed = run(arguments())
    except BenchFailure as failure:
        sys.exit(f"load bench: {failure}")
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()
