"""The documented production configurations pass Django's deployment check, the secret-key rule is Django's
own (security.W009), and HEAD answers carry no body whatever server runs the site."""

import json

import pytest
from django.core.checks.security.base import _check_secret_key
from django.core.handlers.wsgi import WSGIHandler
from django.test import RequestFactory, TestCase
from django.urls import reverse

from .test_hardening import make_small_site
from .test_settings import PRODUCTION, run_python

DEPLOY_CHECK = (
    "from django.core.management import execute_from_command_line; "
    "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])"
)
BEHIND_A_PROXY = {**PRODUCTION, "TLS_PROXY": "true", "TRUSTED_PROXY_COUNT": "1"}


def setting(name: str, **env: str):
    code = f"import django, json; from django.conf import settings; django.setup(); print(json.dumps(settings.{name}))"
    result = run_python(code, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_behind_a_tls_terminating_proxy_the_deployment_check_is_clean():
    result = run_python(DEPLOY_CHECK, **BEHIND_A_PROXY)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
    assert setting("SECURE_PROXY_SSL_HEADER", **BEHIND_A_PROXY) == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert setting("TRUSTED_PROXY_COUNT", **BEHIND_A_PROXY) == 1


def test_without_a_proxy_no_client_header_makes_a_request_secure():
    assert setting("SECURE_PROXY_SSL_HEADER", **PRODUCTION) is None
    assert setting("TRUSTED_PROXY_COUNT", **PRODUCTION) == 0


@pytest.mark.parametrize(
    "secret",
    [
        "a" * 60,  # long, but four different characters or fewer
        "abcd" * 15,
        "abcde" * 10,  # exactly what W009 asks: 50 characters, 5 different
        "abcdefghij" * 4 + "klmnopqrs",  # 49 characters
        "django-insecure-" + "abcdefghij" * 5,
    ],
)
def test_production_starts_with_a_secret_key_exactly_when_djangos_check_passes_it(secret):
    result = run_python(DEPLOY_CHECK, **{**PRODUCTION, "SECRET_KEY": secret})
    if _check_secret_key(secret):
        assert result.returncode == 0, result.stdout + result.stderr
        assert "security.W009" not in result.stdout + result.stderr
    else:
        assert result.returncode != 0
        assert "SECRET_KEY must be set" in result.stderr


class HeadTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_small_site()

    def serve(self, method: str, path: str) -> tuple[str, dict, bytes]:
        """Straight through Django's WSGI handler: the test client would drop a HEAD body on its own."""
        environ = getattr(RequestFactory(), method.lower())(path).environ
        answer = {}

        def start_response(status, headers, exc_info=None):
            answer.update(status=status, headers=dict(headers))

        chunks = WSGIHandler()(environ, start_response)
        try:
            body = b"".join(chunks)
        finally:
            getattr(chunks, "close", lambda: None)()
        return answer["status"], answer["headers"], body

    def test_head_answers_carry_the_gets_headers_and_no_body(self):
        for path in [
            reverse("guarantees:home"),
            reverse("guarantees:guarantee-list"),
            reverse("guarantees:download-json"),
            "/api/guarantees/",
            "/en/guarantees/no-such-guarantee/",
            reverse("admin:login"),
        ]:
            with self.subTest(path=path):
                status, headers, body = self.serve("GET", path)
                self.assertTrue(body)
                head_status, head_headers, head_body = self.serve("HEAD", path)
                self.assertEqual(head_body, b"")
                self.assertEqual(head_status, status)
                self.assertEqual(head_headers.get("Content-Type"), headers.get("Content-Type"))
                if "Content-Length" in headers:
                    self.assertEqual(head_headers.get("Content-Length"), headers["Content-Length"])
