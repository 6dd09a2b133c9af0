"""One token for the whole content, drawn anew on every change: the key to every cached page.

Every save or delete of content draws a new token in the `ContentVersion` row, in the same transaction as
the change. Readers fetch the token from the database, so a publication in one process or on one host is
seen everywhere, and no process has to be told. A process trusts the token it read for
`CONTENT_VERSION_SECONDS` (one second): a stored page is then served without any query, and another
process's publication is seen within that second. A change made in this process is seen at once.
"""

import contextlib
import contextvars
import secrets
from time import monotonic

from django.conf import settings
from django.db import connection, connections
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

from .models import ContentVersion, LoadedRecord, Suggestion

VERSION_ROW = 1
# Models whose changes no public page shows.
NOT_CONTENT = {ContentVersion, LoadedRecord, Suggestion}

VERSION_QUERY = f"SELECT token FROM {ContentVersion._meta.db_table} WHERE id = %s"


_last_read: tuple[float, int] | None = None  # (when, token): this process's latest reading


def current_version() -> int | None:
    """The token, read from the database at most once every `CONTENT_VERSION_SECONDS`."""
    global _last_read
    now = monotonic()
    if _last_read is not None and now - _last_read[0] < settings.CONTENT_VERSION_SECONDS:
        return _last_read[1]
    # Plain SQL: read by every request the cache serves, where the ORM's compiling would cost more than the query.
    with connection.cursor() as cursor:
        cursor.execute(VERSION_QUERY, [VERSION_ROW])
        row = cursor.fetchone()
    if row is None:
        return None
    _last_read = (now, row[0])
    return row[0]


def forget_version() -> None:
    """The next `current_version()` reads the database."""
    global _last_read
    _last_read = None


def bump_version() -> None:
    """Draw a new token. Bulk changes (`QuerySet.update`, `bulk_create`) send no signals: call this after them."""
    forget_version()
    token = secrets.randbits(62)
    if not ContentVersion.objects.filter(pk=VERSION_ROW).update(token=token):
        ContentVersion.objects.update_or_create(pk=VERSION_ROW, defaults={"token": token})


_deferred = contextvars.ContextVar("content_version_deferred", default=False)


@contextlib.contextmanager
def one_bump():
    """Saves inside draw no token each; one is drawn at the end (a bulk load's thousands of saves)."""
    if _deferred.get():
        yield
        return
    token = _deferred.set(True)
    try:
        yield
    finally:
        _deferred.reset(token)
    bump_version()


def is_content(model) -> bool:
    """The app's models whose rows pages show; simple_history's copies are saved along with their instance."""
    return model._meta.app_label == "guarantees" and model not in NOT_CONTENT and not hasattr(model, "instance_type")


def bump_on_change(sender, **kwargs) -> None:
    if is_content(sender) and not _deferred.get():
        bump_version()


def ensure_version(using: str, **kwargs) -> None:
    """After every migrate and every flush (which empties the row's table), the row exists."""
    forget_version()
    if ContentVersion._meta.db_table in connections[using].introspection.table_names():
        ContentVersion.objects.using(using).get_or_create(pk=VERSION_ROW, defaults={"token": secrets.randbits(62)})


def watch_content(app_config) -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(bump_on_change, dispatch_uid=f"content-version-{signal}")
    post_migrate.connect(ensure_version, sender=app_config, dispatch_uid="content-version-row")
