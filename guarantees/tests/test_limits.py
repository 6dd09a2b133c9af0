"""The limits' shared store: sign-in failures recorded by django-axes in the database, the API throttle's counts
in the `limits` cache (Redis, or the database table migration 0018 makes), both keyed by the one client identity.
"""

import json

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import User
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connection
from django.test import Client, TestCase, override_settings
from django.urls import reverse

from guarantees.api.throttling import AnonymousRateThrottle

from .test_settings import run_python

LOGIN = "/admin/login/"


def fail_sign_in(client: Client, **extra):
    return client.post(LOGIN, {"username": "editor", "password": "wrong"}, **extra)


class SignInLockoutTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        User.objects.create_superuser("editor", "editor@example.org", "right-password-123")

    def test_failures_are_recorded_in_the_database_and_lock_the_address_for_any_client(self):
        for _ in range(4):
            self.assertEqual(fail_sign_in(Client()).status_code, 200)  # a fresh session each time
        attempt = AccessAttempt.objects.get()
        self.assertEqual((attempt.ip_address, attempt.failures_since_start), ("127.0.0.1", 4))
        self.assertEqual(fail_sign_in(Client()).status_code, 429)
        right = Client().post(LOGIN, {"username": "editor", "password": "right-password-123", "next": "/admin/"})
        self.assertEqual(right.status_code, 429)  # locked out: even the right password is refused
        self.assertNotIn("_auth_user_id", right.client.session)

    def test_a_forged_forwarded_header_buys_no_fresh_attempts(self):
        statuses = [fail_sign_in(Client(), HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code for n in range(6)]
        self.assertEqual(statuses, [200, 200, 200, 200, 429, 429])
        self.assertEqual(list(AccessAttempt.objects.values_list("ip_address", flat=True)), ["127.0.0.1"])

    @override_settings(TRUSTED_PROXY_COUNT=1)
    def test_behind_a_trusted_proxy_each_forwarded_client_has_its_own_count(self):
        for _ in range(5):
            fail_sign_in(Client(), HTTP_X_FORWARDED_FOR="198.51.100.7, 203.0.113.1")
        self.assertEqual(fail_sign_in(Client(), HTTP_X_FORWARDED_FOR="203.0.113.1").status_code, 429)
        self.assertEqual(fail_sign_in(Client(), HTTP_X_FORWARDED_FOR="203.0.113.2").status_code, 200)
        self.assertEqual(fail_sign_in(Client(), HTTP_X_FORWARDED_FOR="not-an-address").status_code, 200)
        self.assertEqual(
            dict(AccessAttempt.objects.values_list("ip_address", "failures_since_start")),
            {"203.0.113.1": 6, "203.0.113.2": 1, "127.0.0.1": 1},  # a hop that is no address: REMOTE_ADDR
        )

    def test_a_successful_sign_in_clears_the_failures(self):
        for _ in range(3):
            fail_sign_in(self.client)
        self.client.post(LOGIN, {"username": "editor", "password": "right-password-123", "next": "/admin/"})
        self.assertFalse(AccessAttempt.objects.exists())
        self.assertEqual(self.client.get(reverse("admin:index")).status_code, 200)


class LimitsStoreTests(TestCase):
    def test_without_redis_the_limits_live_in_the_database_table_the_migrations_made(self):
        code = (
            "import django, json; from django.conf import settings; django.setup(); "
            "print(json.dumps(settings.CACHES['limits']))"
        )
        result = run_python(code, DJANGO_SETTINGS_MODULE="config.settings.dev", REDIS_URL="", CACHE_URL="")
        assert result.returncode == 0, result.stderr
        limits = json.loads(result.stdout)
        self.assertEqual(limits["BACKEND"], "django.core.cache.backends.db.DatabaseCache")
        self.assertEqual(limits["LOCATION"], settings.LIMITS_CACHE_TABLE)
        self.assertIn(settings.LIMITS_CACHE_TABLE, connection.introspection.table_names())
        store = DatabaseCache(settings.LIMITS_CACHE_TABLE, {})
        store.set("probe", [1.0, 2.0], 60)
        self.assertEqual(store.get("probe"), [1.0, 2.0])

    def test_with_redis_the_limits_live_in_redis(self):
        code = (
            "import django, json; from django.conf import settings; django.setup(); "
            "print(json.dumps(settings.CACHES['limits']))"
        )
        result = run_python(code, DJANGO_SETTINGS_MODULE="config.settings.dev", REDIS_URL="redis://127.0.0.1:6379/9")
        assert result.returncode == 0, result.stderr
        limits = json.loads(result.stdout)
        self.assertEqual(limits["BACKEND"], "django.core.cache.backends.redis.RedisCache")
        self.assertEqual(limits["LOCATION"], "redis://127.0.0.1:6379/9")

    def test_the_api_throttle_counts_in_the_limits_cache_by_the_client_identity(self):
        self.assertIs(AnonymousRateThrottle.cache, caches["limits"])
        urls = ["/api/jurisdictions/", "/api/instruments/", "/api/sources/"]  # none from the page cache
        with override_settings(API_ANONYMOUS_RATE="2/minute"):
            forged = [
                self.client.get(url, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code for n, url in enumerate(urls)
            ]
        self.assertEqual(forged, [200, 200, 429])
