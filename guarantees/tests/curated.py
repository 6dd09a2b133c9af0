"""The shipped content for tests that read it: the loader runs once a session, later tests restore its rows.

The loaders check every record against the database (a few seconds); the rows they wrote are kept in memory
and put back with one multi-row INSERT per table, as they were (the same keys and timestamps, no signals),
which takes a fraction of that.
"""

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction

from guarantees.amendments import load_amendments
from guarantees.content import ContentLoader
from guarantees.content_version import bump_version
from guarantees.models import ContentVersion

#: the rows of each table the loaders wrote, tables in an order where every row's foreign keys come first
_snapshot: list[tuple[type, list]] | None = None


def load_curated() -> None:
    """Put the shipped content in the test database, as `load_content` leaves it: the content, then the amending
    acts and their links to wordings and periods."""
    global _snapshot
    if _snapshot is not None:
        restore(_snapshot)
        return
    ContentLoader().load()
    load_amendments()
    _snapshot = [(model, list(model._base_manager.order_by("pk"))) for model in tables_in_dependency_order()]


def tables_in_dependency_order() -> list[type]:
    """The app's tables (the many-to-many ones too), each after the tables its foreign keys point to."""
    models = [
        model
        for model in apps.get_app_config("guarantees").get_models(include_auto_created=True)
        if model is not ContentVersion
    ]
    ordered, placed = [], set()

    def place(model, path=()):
        if model in placed or model in path:
            return
        for field in model._meta.concrete_fields:
            target = field.related_model if field.is_relation else None
            if target in models and target is not model:
                place(target, (*path, model))
        placed.add(model)
        ordered.append(model)

    for model in models:
        place(model)
    return ordered


def restore(snapshot: list[tuple[type, list]]) -> None:
    with transaction.atomic():
        for model, rows in snapshot:
            if not rows:
                continue
            fields = model._meta.concrete_fields
            batch = connection.ops.bulk_batch_size(fields, rows) or len(rows)
            for start in range(0, len(rows), batch):
                # raw: the values as stored, without auto_now and the other pre-save hooks
                model._base_manager._insert(rows[start : start + batch], fields=fields, raw=True)
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), [model for model, _ in snapshot]):
                cursor.execute(statement)
        bump_version()
