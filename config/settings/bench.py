"""The load benchmark (bench/load_bench.py): production-like, over plain HTTP on the loopback.

Based on base, not prod: prod redirects every request to HTTPS. The secret is a fixed string because
nothing signed here outlives the run.
"""

import os

from .base import *  # noqa: F403
from .base import BASE_DIR, CACHE_URL, CACHES

DEBUG = False
SECRET_KEY = "load-bench-only-not-a-secret"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
API_ANONYMOUS_RATE = "100000000/minute"  # wrk is one anonymous client
# At that rate DRF's throttle keeps a timestamp per request of the last minute: kept per worker, as before the
# limits moved to a shared store, so that the benchmark measures the pages and not a growing history row.
if not CACHE_URL:
    CACHES = {
        **CACHES,
        "limits": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "limits"},
    }

STATIC_ROOT = BASE_DIR / "bench" / "out" / "static"
# Files put here before gunicorn starts are served at the site root by WhiteNoise: the static limit.
WHITENOISE_ROOT = os.environ.get("BENCH_WHITENOISE_ROOT", str(BASE_DIR / "bench" / "out" / "site-root"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "ERROR"},
}
