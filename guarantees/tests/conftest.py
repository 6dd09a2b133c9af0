"""Every test starts in the default language, with empty caches.

A request through the test client leaves its language active in the thread, and modeltranslation writes
`Model.objects.create(name=...)` into the active language's field: without this, a test that visited a
Russian page would make the next test's English names empty. The caches are emptied, and the content
version this process last read is forgotten, because a test's database is rolled back under them: a page,
a rate count or a version left by one test must not reach the next.
"""

import pytest
from django.conf import settings
from django.core.cache import caches
from django.utils import translation

from guarantees.content_version import forget_version


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    translation.activate(settings.LANGUAGE_CODE)
    for cache in caches.all():
        cache.clear()
    forget_version()
