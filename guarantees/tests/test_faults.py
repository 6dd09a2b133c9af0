"""The database going away mid-request: a 503 page, then recovery. Against PostgreSQL, for real."""

import psycopg
import pytest
from django.db import connection
from django.urls import reverse

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="terminates a PostgreSQL backend")


def terminate_this_connection() -> None:
    """Kill the Django connection's server process from another session, as a restart or failover would."""
    pid = connection.connection.info.backend_pid
    settings = connection.settings_dict
    with psycopg.connect(
        host=settings["HOST"], port=settings["PORT"] or 5432, user=settings["USER"], dbname=settings["NAME"]
    ) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])


@pytest.mark.django_db(transaction=True)
def test_lost_database_connection_gives_503_then_recovers(client):
    url = reverse("guarantees:guarantee-list")
    assert client.get(url).status_code == 200
    connection.ensure_connection()
    terminate_this_connection()

    failed = client.get(url)
    assert failed.status_code == 503
    assert b"Temporarily unavailable" in failed.content
    assert failed["Retry-After"] == "30"

    assert client.get(url).status_code == 200  # reconnected
