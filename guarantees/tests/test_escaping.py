"""No double-escaped entities: content passed through `localized` and then an HTML-aware filter shows `'`,
not `&#x27;` (issue 22)."""

from django.template import Context, Template
from django.test import TestCase

from .factories import make_category


class NoDoubleEscapingTests(TestCase):
    def test_an_apostrophe_is_escaped_once_after_an_html_aware_filter(self):
        category = make_category(description="The first of Voevodin's two groups")
        html = Template('{% load language %}{{ c|localized:"description"|truncatewords_html:40 }}').render(
            Context({"c": category})
        )
        self.assertEqual(html, "The first of Voevodin&#x27;s two groups")
        self.assertNotIn("&amp;", html)
