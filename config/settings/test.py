"""The test suite: development settings with fast hashing and plain static storage.

Plain storage because the browser tests' live server serves static files through the finders, and
hashed names would not resolve there.
"""

import os

from .dev import *  # noqa: F403
from .dev import CACHE_URL, CACHES, env_bool

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
API_ANONYMOUS_RATE = "100000/minute"  # the throttling test sets its own low rate

# Query budgets count every query of a request: unless a test serves the site from separate processes and
# asks for the shared store (TEST_SHARED_LIMITS, test_worker_limits.py), the throttle counts in local memory
# here when no Redis is configured, not in the database table production uses.
if not CACHE_URL and not env_bool("TEST_SHARED_LIMITS", False):
    CACHES = {
        **CACHES,
        "limits": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "limits"},
    }
API_ANONYMOUS_RATE = os.environ.get("TEST_API_ANONYMOUS_RATE", API_ANONYMOUS_RATE)

# Pages read the content version on every request here, so that query budgets do not depend on how long a test
# takes; the tests of the one second a process trusts it (test_page_cache.py, test_shared_cache.py) set it.
CONTENT_VERSION_SECONDS = float(os.environ.get("CONTENT_VERSION_SECONDS", "0"))
