"""Security headers, admin sign-in throttling, conditional GET, NUL bytes."""

from django.test import TestCase
from django.urls import reverse

from .factories import make_guarantee


class SecurityTests(TestCase):
    def test_pages_carry_the_security_headers(self):
        response = self.client.get(reverse("guarantees:home"))
        policy = response["Content-Security-Policy"]
        for directive in ["default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'none'"]:
            with self.subTest(directive=directive):
                self.assertIn(directive, policy)
        self.assertEqual(response["X-Frame-Options"], "DENY")
        self.assertEqual(response["Referrer-Policy"], "same-origin")
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")

    def test_admin_sign_in_is_throttled_after_repeated_failures(self):
        url = reverse("admin:login")
        statuses = [self.client.post(url, {"username": "x", "password": "wrong"}).status_code for _ in range(6)]
        self.assertEqual(statuses, [200, 200, 200, 200, 429, 429])  # the fifth failure locks the address out
        self.assertIn("15 minutes", self.client.post(url, {"username": "x", "password": "wrong"}).content.decode())
        other = self.client.post(url, {"username": "x", "password": "wrong"}, REMOTE_ADDR="10.1.1.1")
        self.assertEqual(other.status_code, 200)

    def test_conditional_get_answers_304_when_nothing_changed(self):
        make_guarantee()
        first = self.client.get(reverse("guarantees:taxonomy"))
        again = self.client.get(reverse("guarantees:taxonomy"), HTTP_IF_NONE_MATCH=first["ETag"])
        self.assertEqual(again.status_code, 304)

    def test_nul_bytes_answer_400_everywhere(self):
        for url in [reverse("guarantees:search") + "?q=a%00b", "/en/guarantees/a%00b/", "/api/guarantees/?q=%00"]:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 400)
