"""The test suite: development settings with fast hashing and plain static storage.

Plain storage because the browser tests' live server serves static files through the finders, and
hashed names would not resolve there.
"""

from .dev import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
API_ANONYMOUS_RATE = "100000/minute"  # the throttling test sets its own low rate
