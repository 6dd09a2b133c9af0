"""The database going away mid-request: a 503 page, then recovery. Against PostgreSQL, for real."""

import psycopg
import pytest
from django.db import close_old_connections, connection
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


def terminated_at_query(number: int):
    """An execute wrapper that kills the backend just before the request's query of that number."""
    seen = 0

    def wrapper(execute, sql, params, many, context):
        nonlocal seen
        seen += 1
        if seen == number:
            terminate_this_connection()
        return execute(sql, params, many, context)

    return wrapper


@pytest.mark.django_db(transaction=True)
def test_database_lost_mid_request_gives_503_then_recovers(client):
    url = reverse("guarantees:guarantee-list")
    assert client.get(url).status_code == 200
    connection.ensure_connection()

    with connection.execute_wrapper(terminated_at_query(2)):  # after the page cache's read, inside the view
        failed = client.get(url + "?kind=tool")
    assert failed.status_code == 503
    assert b"Temporarily unavailable" in failed.content
    assert failed["Retry-After"] == "30"

    assert client.get(url + "?kind=tool").status_code == 200  # reconnected


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("version_seconds", [0, 1], ids=["version read every request", "version trusted"])
def test_connection_lost_between_requests_is_reopened_unnoticed(client, settings, version_seconds):
    settings.CONTENT_VERSION_SECONDS = version_seconds  # trusted, the view's first query is the request's first
    url = reverse("guarantees:guarantee-list")
    assert client.get(url).status_code == 200
    connection.ensure_connection()
    terminate_this_connection()  # as a database restart does to every persistent connection
    close_old_connections()  # what a server does as each request starts; the test client leaves it out
    assert client.get(url + "?kind=condition").status_code == 200
