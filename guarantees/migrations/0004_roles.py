"""The curator and reviewer roles, as groups with their permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CURATED = [
    "guarantee",
    "guaranteecitation",
    "assessment",
    "assessmentcitation",
    "provision",
    "instrument",
    "source",
    "category",
    "categorycitation",
    "electoralright",
    "stage",
    "principle",
]
CURATOR = [f"{action}_{model}" for model in CURATED for action in ["view", "add", "change"]] + ["view_jurisdiction"]
REVIEWER = CURATOR + [f"delete_{model}" for model in CURATED] + [
    "add_jurisdiction",
    "change_jurisdiction",
    "publish_guarantee",
    "publish_assessment",
    "publish_provision",
    "verify_provision",
]
# The history views of django-simple-history need the historical models' view permission.
HISTORY = [f"view_historical{model}" for model in CURATED]


def create_roles(apps, schema_editor):
    app_config = apps.get_app_config("guarantees")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in [("curator", CURATOR + HISTORY), ("reviewer", REVIEWER + HISTORY)]:
        group, _ = Group.objects.get_or_create(name=name)
        permissions = Permission.objects.filter(content_type__app_label="guarantees", codename__in=codenames)
        missing = set(codenames) - set(permissions.values_list("codename", flat=True))
        if missing:
            raise RuntimeError(f"permissions not found for the {name} role: {sorted(missing)}")
        group.permissions.set(permissions)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["curator", "reviewer"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("guarantees", "0003_review_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
