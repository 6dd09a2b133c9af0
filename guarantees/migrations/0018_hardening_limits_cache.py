"""The table of the `limits` cache (the API throttle's counts) when no Redis is configured.

Made by Django's own `createcachetable` code, under a fixed name, whatever the cache settings of the moment
are: the table is there when a site later runs without REDIS_URL.
"""

from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations

TABLE = "guarantees_limits_cache"  # settings.LIMITS_CACHE_TABLE


def create_table(apps, schema_editor):
    command = CreateCacheTable()
    command.verbosity = 0
    command.create_table(schema_editor.connection.alias, TABLE, dry_run=False)


def drop_table(apps, schema_editor):
    if TABLE in schema_editor.connection.introspection.table_names():
        schema_editor.execute(f"DROP TABLE {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("guarantees", "0017_amendment")]

    operations = [migrations.RunPython(create_table, drop_table)]
