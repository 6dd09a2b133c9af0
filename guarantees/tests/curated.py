"""The shipped content for tests that read it: the loader runs once a session, later tests restore its result.

The loaders check every record against the database (about 25 s); restoring what it wrote takes a few.
"""

import atexit
import shutil
import tempfile
from pathlib import Path

from django.core.management import call_command

from guarantees.amendments import load_amendments
from guarantees.content import ContentLoader

_dump: Path | None = None


def load_curated() -> None:
    """Put the shipped content in the test database, as `load_content` leaves it: the content, then the amending
    acts and their links to wordings and periods."""
    global _dump
    if _dump is not None:
        call_command("loaddata", str(_dump), verbosity=0)
        return
    ContentLoader().load()
    load_amendments()
    folder = Path(tempfile.mkdtemp(prefix="curated-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    dump = folder / "curated.json"
    call_command(
        "dumpdata", "guarantees", exclude=["guarantees.ContentVersion"], all=True, output=str(dump), verbosity=0
    )
    _dump = dump
