"""Settings are read from the environment; each case runs in a fresh interpreter."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "config.settings.prod",
    "SECRET_KEY": "x" * 20 + "-production-secret-for-the-deploy-check-0123456789",
    "ALLOWED_HOSTS": "guarantees.example.org",
}

# Variables of the developer's shell (or of the browser tests) that would leak into the case under test.
INHERITED_SETTINGS = {"DATABASE_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def run_python(code: str, **env: str) -> subprocess.CompletedProcess:
    clean = {name: value for name, value in os.environ.items() if name not in INHERITED_SETTINGS}
    return subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT, env={**clean, **env}, capture_output=True, text=True, timeout=60
    )


def database_settings(**env: str) -> dict:
    code = (
        "import django, json; from django.conf import settings; django.setup(); "
        "db = settings.DATABASES['default']; print(json.dumps({k: str(db.get(k)) for k in ['ENGINE', 'NAME', 'HOST']}))"
    )
    result = run_python(code, DJANGO_SETTINGS_MODULE="config.settings.dev", **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_sqlite_file_in_the_project_is_the_default():
    database = database_settings()
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["NAME"] == str(PROJECT / "db.sqlite3")


def test_database_url_selects_postgresql():
    database = database_settings(DATABASE_URL="postgres://postgres@127.0.0.1:5432/guarantees")
    assert database == {"ENGINE": "django.db.backends.postgresql", "NAME": "guarantees", "HOST": "127.0.0.1"}


@pytest.mark.parametrize("secret", ["", "short", "django-insecure-" + "x" * 60])
def test_production_refuses_a_missing_or_weak_secret_key(secret):
    result = run_python("import django; django.setup()", **{**PRODUCTION, "SECRET_KEY": secret})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_passes_the_deployment_checklist():
    result = run_python(
        "import sys; from django.core.management import execute_from_command_line; "
        "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])",
        **PRODUCTION,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_debug_is_off_whatever_the_environment():
    result = run_python(
        "import django; from django.conf import settings; django.setup(); print(settings.DEBUG)",
        **PRODUCTION,
        DEBUG="true",
    )
    assert result.stdout.strip() == "False", result.stderr
