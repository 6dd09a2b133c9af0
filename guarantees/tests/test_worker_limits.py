"""The limits hold across worker processes: gunicorn with two workers, one API rate and one sign-in lockout.

Both workers share the `limits` cache (Redis when REDIS_URL is set, else the database table of migration 0018)
and django-axes' table. On SQLite the served database is a file copy of the test database (its schema and
the cache table); on PostgreSQL it is the test database itself. Each response names the worker that served
it in gunicorn's access log, so the test sees that both workers answered.
"""

import http.client
import http.cookiejar
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.test import TransactionTestCase

from .test_shared_cache import free_port

LIMIT = 10
REQUESTS = 40


class TwoWorkerTests(TransactionTestCase):
    def setUp(self):
        self.directory = Path(tempfile.mkdtemp(prefix="worker-limits-"))
        self.addCleanup(shutil.rmtree, self.directory, ignore_errors=True)
        self.log = self.directory / "access.log"
        self.port = free_port()
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": self.database_url(),
            "CONN_MAX_AGE": "0",
            "PAGE_CACHE_SECONDS": "0",  # every request reaches the throttle
            "TEST_SHARED_LIMITS": "1",
            "TEST_API_ANONYMOUS_RATE": f"{LIMIT}/minute",
            "CACHE_KEY_PREFIX": f"worker-limits-{self.port}",
        }
        command = [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{self.port}"]
        command += ["--workers", "2", "--access-logfile", str(self.log), "--access-logformat", "%(p)s %(s)s %(U)s"]
        self.server = subprocess.Popen(
            command, cwd=settings.BASE_DIR, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        self.addCleanup(self.stop_server)
        self.wait_for_server()

    def database_url(self) -> str:
        database = connection.settings_dict
        if connection.vendor == "postgresql":
            return f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
        copy = self.directory / "db.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(copy) as target:
            connection.connection.backup(target)
        target.close()
        return f"sqlite:///{copy}"

    def stop_server(self):
        self.server.terminate()
        self.server.wait(timeout=20)

    def wait_for_server(self):
        for _ in range(300):
            try:
                self.status("GET", "/robots.txt")
                return
            except OSError:
                time.sleep(0.2)
        self.fail("gunicorn did not start")

    def status(self, method: str, path: str, body: str | None = None, headers: dict | None = None) -> int:
        """One request on a connection of its own, so that either worker may take it."""
        client = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            client.request(method, path, body=body, headers=headers or {})
            response = client.getresponse()
            response.read()
            return response.status
        finally:
            client.close()

    def workers_that_answered(self, path: str) -> set[str]:
        for _ in range(50):  # gunicorn writes its access log after the response
            lines = [line.split() for line in self.log.read_text().splitlines()]
            served = [line for line in lines if line[2] == path]
            if len(served) >= REQUESTS:
                return {line[0] for line in served}
            time.sleep(0.1)
        self.fail(f"the access log shows {len(served)} of {REQUESTS} requests")

    def test_the_api_rate_is_one_count_for_both_workers(self):
        path = "/api/jurisdictions/"
        statuses = [self.status("GET", path, headers={"X-Forwarded-For": f"203.0.113.{n}"}) for n in range(REQUESTS)]
        self.assertEqual(len(self.workers_that_answered(path)), 2)
        # Counted per worker, up to 2 x LIMIT would pass; one shared count lets exactly LIMIT through.
        self.assertEqual(statuses, [200] * LIMIT + [429] * (REQUESTS - LIMIT))

    def test_a_sign_in_locked_out_by_one_worker_is_locked_out_on_both(self):
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        page = opener.open(f"http://127.0.0.1:{self.port}/admin/login/", timeout=30).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
        csrf = next(cookie.value for cookie in jar if cookie.name == "csrftoken")
        form = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": "x", "password": "wrong"})
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={csrf}"}
        statuses = [self.status("POST", "/admin/login/", form, headers) for _ in range(REQUESTS)]
        self.assertEqual(statuses, [200] * 4 + [429] * (REQUESTS - 4))
        self.assertEqual(len(self.workers_that_answered("/admin/login/")), 2)
