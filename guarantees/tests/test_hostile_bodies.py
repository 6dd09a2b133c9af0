"""Property-based: any method, with any body, on the public pages, the correction form, the admin sign-in and
the API answers below 500 (the query strings, paths and headers are in test_hostile_input.py)."""

from urllib.parse import urlencode

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from .factories import make_guarantee
from .test_hostile_input import HOSTILE, PARAMETERS

METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND"]
URLS = [
    "/en/",
    "/en/guarantees/",
    "/en/guarantees/secret-ballot/",
    "/en/guarantees/secret-ballot/KZ/",
    "/en/guarantees/secret-ballot/suggest/",
    "/en/guarantees/secret-ballot/suggest/?jurisdiction=KZ",
    "/en/compare/?j=KZ&j=RU",
    "/en/search/?q=ballot",
    "/en/downloads/",
    "/admin/login/",
    "/api/guarantees/",
    "/api/guarantees/secret-ballot/",
    "/api/compare/",
    "/api/docs/",
    "/api/schema/",
]
FIELDS = ["problem", "proposed_fix", "source", "email", "website", "username", "password", "next", *PARAMETERS]
CONTENT_TYPES = [
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=xyz",
    "multipart/form-data",
    "application/json",
    "text/plain; charset=utf-8",
    "application/x-www-form-urlencoded; charset=koi8-r",
    "application/x-www-form-urlencoded; charset=no-such-charset",
]
values = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=80))
forms = st.lists(st.tuples(st.sampled_from(FIELDS), values), max_size=6).map(
    lambda pairs: urlencode([(key, value.encode("utf-8", "surrogatepass")) for key, value in pairs]).encode()
)
bodies = st.one_of(forms, st.binary(max_size=300), st.sampled_from([b"", b"\x00" * 10, b'{"a": [1, 2', b"--xyz\r\n"]))


class HostileBodyTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_guarantee(name="Secret ballot", slug="secret-ballot")

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        method=st.sampled_from(METHODS),
        url=st.sampled_from(URLS),
        body=bodies,
        content_type=st.sampled_from(CONTENT_TYPES),
    )
    def test_any_method_with_any_body_answers_below_500(self, method, url, body, content_type):
        response = self.client.generic(method, url, data=body, content_type=content_type)
        self.assertLess(response.status_code, 500, f"{method} {url} {content_type} {body[:200]!r}")
