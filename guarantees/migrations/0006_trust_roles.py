"""Curators read and answer readers' suggestions; reviewers also record second codings."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CURATOR = ["view_suggestion", "change_suggestion", "view_historicalsuggestion"]
REVIEWER = CURATOR + [
    "view_secondcoding",
    "add_secondcoding",
    "change_secondcoding",
    "delete_secondcoding",
    "view_historicalsecondcoding",
]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("guarantees")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in [("curator", CURATOR), ("reviewer", REVIEWER)]:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="guarantees", codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [("guarantees", "0005_trust"), ("guarantees", "0004_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
