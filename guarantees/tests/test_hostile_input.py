"""Every public URL pattern against random and hostile query strings and path segments: no 5xx, no echo.

The hostile values: very long strings, NUL bytes, SQL and HTML metacharacters, lone surrogates and
invalid percent-encodings, in every parameter the pages know and in unknown ones.
"""

from urllib.parse import quote

from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from .curated import load_curated

HOSTILE = [
    "'; DROP TABLE guarantees_guarantee; --",
    '"><script>alert(1)</script>',
    "<img src=x onerror=alert(1)>",
    "\x00",
    "a\x00b",
    "%00",
    "%ZZ",
    "%",
    "\ud800",
    "x" * 5000,
    "../../etc/passwd",
    "1e309",
    "-1",
    "0",
    "9" * 40,
    "2026-02-30",
    "KZ' OR '1'='1",
    "{{ 7*7 }}",
    "${7*7}",
    "ЖИВОЙ",
]
PARAMETERS = [
    "q", "kind", "category", "stage", "right", "principle", "provided_in", "partial_in", "absent_in",
    "unassessed_in", "sort", "page", "j", "as_of", "diff", "format", "preview", "suggested", "zzz",
]  # fmt: skip
PAGES = [
    ("guarantees:home", []),
    ("guarantees:taxonomy", []),
    ("guarantees:guarantee-list", []),
    ("guarantees:guarantee", ["domestic-observers"]),
    ("guarantees:cell", ["domestic-observers", "KZ"]),
    ("guarantees:compare", []),
    ("guarantees:compare-texts", ["domestic-observers"]),
    ("guarantees:jurisdiction", ["KG"]),
    ("guarantees:instrument", ["kz-elections-law"]),
    ("guarantees:sources", []),
    ("guarantees:search", []),
    ("guarantees:methodology", []),
    ("guarantees:downloads", []),
]
SEGMENT_PATTERNS = [
    "/en/guarantees/{}/",
    "/en/guarantees/domestic-observers/{}/",
    "/en/jurisdictions/{}/",
    "/en/instruments/{}/",
    "/en/compare/{}/",
    "/api/guarantees/{}/",
    "/api/jurisdictions/{}/",
    "/api/provisions/{}/",
    "/{}/",
]
values = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=60))


class HostileInputTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_curated()

    def assert_safe(self, response, sent: list[str]):
        self.assertLess(response.status_code, 500)
        body = response.content.decode("utf-8", "replace")
        for value in sent:
            if "<" in value and len(value) > 3:
                self.assertNotIn(value, body, "input reflected unescaped")

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        page=st.sampled_from(PAGES),
        params=st.lists(st.tuples(st.sampled_from(PARAMETERS), values), max_size=4),
    )
    def test_query_strings(self, page, params):
        name, args = page
        query = "&".join(f"{quote(key)}={quote(value, safe='', errors='surrogatepass')}" for key, value in params)
        response = self.client.get(f"{reverse(name, args=args)}?{query}")
        self.assert_safe(response, [value for _, value in params])

    @settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(pattern=st.sampled_from(SEGMENT_PATTERNS), segment=values.filter(lambda value: value.strip("/.")))
    def test_path_segments(self, pattern, segment):
        response = self.client.get(pattern.format(quote(segment, safe="", errors="surrogatepass")))
        self.assert_safe(response, [segment])

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        header=st.sampled_from(["HTTP_ACCEPT_LANGUAGE", "HTTP_USER_AGENT", "HTTP_REFERER", "HTTP_COOKIE"]), value=values
    )
    def test_headers(self, header, value):
        safe_value = value.encode("latin-1", "replace").decode("latin-1")
        response = self.client.get(reverse("guarantees:compare") + "?j=KZ", **{header: safe_value})
        self.assertLess(response.status_code, 500)

    def test_raw_invalid_utf8_in_the_query_string(self):
        for raw in [b"q=%ff%fe", b"j=%c3%28", b"as_of=%ed%a0%80"]:
            with self.subTest(raw=raw):
                response = self.client.generic("GET", reverse("guarantees:search"), QUERY_STRING=raw.decode("latin-1"))
                self.assertLess(response.status_code, 500)
