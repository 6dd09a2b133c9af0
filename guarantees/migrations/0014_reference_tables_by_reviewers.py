"""Reference tables are edited by reviewers only: their names are public the moment they are saved.

Categories (and their citations), sources, instruments, rights, stages and principles have no review
workflow of their own, so an edit to them is a publication; curators keep reading them.
"""

from django.db import migrations

REFERENCE_TABLES = ["instrument", "source", "category", "categorycitation", "electoralright", "stage", "principle"]
WRITES = [f"{action}_{model}" for model in REFERENCE_TABLES for action in ["add", "change"]]


def for_reviewers_only(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    writes = Permission.objects.filter(content_type__app_label="guarantees", codename__in=WRITES)
    for curator in Group.objects.filter(name="curator"):
        curator.permissions.remove(*writes)
    for reviewer in Group.objects.filter(name="reviewer"):
        reviewer.permissions.add(*writes)


def back_to_curators(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    writes = Permission.objects.filter(content_type__app_label="guarantees", codename__in=WRITES)
    for curator in Group.objects.filter(name="curator"):
        curator.permissions.add(*writes)


class Migration(migrations.Migration):
    dependencies = [("guarantees", "0013_article_number_validator")]

    operations = [migrations.RunPython(for_reviewers_only, back_to_curators)]
