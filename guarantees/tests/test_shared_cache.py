"""The page cache shared through Redis: a page stored by one process is served by another, and a
publication made in one process is seen by the other once its reading of the content version expires.

Runs when REDIS_URL (or CACHE_URL) names a Redis server (`.ci/run` starts one) and the test database is one
a second process can open (PostgreSQL, not SQLite's in-memory test database).
"""

import os
import socket
import subprocess
import sys
import time
import unittest
import urllib.request

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.test import Client, TransactionTestCase

from guarantees.choices import PublicationStatus

from .factories import make_guarantee
from .test_curation import classified_guarantee
from .test_pages import LIST

SHAREABLE_DATABASE = connection.vendor == "postgresql"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@unittest.skipUnless(settings.CACHE_URL, "set REDIS_URL to run the cache tests against Redis")
class RedisBackendTests(TransactionTestCase):
    def test_the_caches_are_djangos_redis_cache(self):
        for alias in ("default", "pages"):
            self.assertEqual(settings.CACHES[alias]["BACKEND"], "django.core.cache.backends.redis.RedisCache")
        caches["pages"].set("probe", b"stored", 5)
        self.assertEqual(caches["pages"].get("probe"), b"stored")


@unittest.skipUnless(settings.CACHE_URL, "set REDIS_URL to run the cache tests against Redis")
@unittest.skipUnless(SHAREABLE_DATABASE, "a second process cannot open SQLite's in-memory test database")
class SecondProcessTests(TransactionTestCase):
    def setUp(self):
        self.port = free_port()
        database = connection.settings_dict
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
            "CONN_MAX_AGE": "0",
            "CONTENT_VERSION_SECONDS": "1",  # as in production: the server trusts the version it read for a second
        }
        self.server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{self.port}", "--workers", "1"],
            cwd=settings.BASE_DIR,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.addCleanup(self.stop_server)
        self.wait_for_server()

    def stop_server(self):
        self.server.terminate()
        self.server.wait(timeout=20)

    def wait_for_server(self):
        for _ in range(150):
            try:
                self.fetch(LIST)
                return
            except OSError:
                time.sleep(0.2)
        self.fail("gunicorn did not start")

    def fetch(self, path: str) -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=30) as response:
            return response.read().decode()

    def test_a_page_stored_by_the_server_is_served_here_and_a_publication_here_is_seen_there(self):
        make_guarantee(name="Secret ballot")
        guarantee = classified_guarantee(name="Recount on request", publication_status=PublicationStatus.IN_REVIEW)
        # Rendered and stored by the other process, under the version this one reads.
        self.assertNotIn("Recount on request", self.fetch_after(LIST, seconds=1.5))

        here = Client(HTTP_HOST=f"127.0.0.1:{self.port}")
        with self.assertNumQueries(1):  # the content version: the page itself is the other process's
            page = here.get(LIST)
        self.assertIsNone(page.context)
        self.assertContains(page, "Secret ballot")

        guarantee.publication_status = PublicationStatus.PUBLISHED
        guarantee.save()  # here; the server hears nothing but what the database and Redis hold

        self.assertIn("Recount on request", self.fetch_after(LIST, seconds=1.5))

    def fetch_after(self, path: str, seconds: float) -> str:
        """The page once the server's reading of the content version has expired."""
        time.sleep(seconds)
        return self.fetch(path)
