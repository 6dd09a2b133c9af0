"""Every test starts in the default language.

A request through the test client leaves its language active in the thread, and modeltranslation writes
`Model.objects.create(name=...)` into the active language's field: without this, a test that visited a
Russian page would make the next test's English names empty.
"""

import pytest
from django.conf import settings
from django.utils import translation


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    translation.activate(settings.LANGUAGE_CODE)
