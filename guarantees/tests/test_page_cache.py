"""The page cache: served again until the content changes, never to the wrong visitor."""

import datetime
import functools
from time import monotonic
from unittest import mock

from django.conf import settings
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory, TestCase, override_settings
from django.urls import reverse

from guarantees.choices import PublicationStatus
from guarantees.content_version import bump_version
from guarantees.models import Guarantee
from guarantees.page_cache import PageCache

from .factories import make_assessment, make_guarantee, make_jurisdiction
from .test_curation import classified_guarantee, make_user
from .test_pages import LIST, query_count


class PageCacheTests(TestCase):
    def test_a_repeated_request_is_served_without_rendering(self):
        make_guarantee(name="Secret ballot")
        first = self.client.get(LIST)
        self.assertEqual(query_count(self.client, LIST), 1)  # the content version, nothing else
        second = self.client.get(LIST)
        self.assertEqual(first.content, second.content)
        self.assertEqual(first["Content-Type"], second["Content-Type"])
        self.assertEqual(first["Content-Security-Policy"], second["Content-Security-Policy"])

    def test_a_publication_through_the_admin_is_visible_on_the_next_request(self):
        guarantee = classified_guarantee(name="Recount on request", publication_status=PublicationStatus.IN_REVIEW)
        self.assertNotContains(self.client.get(LIST), "Recount on request")
        self.assertNotContains(self.client.get(LIST), "Recount on request")  # now from the cache

        reviewer = Client()
        reviewer.force_login(make_user("reviewer"))
        change = reverse("admin:guarantees_guarantee_change", args=[guarantee.pk])
        reviewer.post(change, {"_transition": "publish"})

        self.assertContains(self.client.get(LIST), "Recount on request")
        self.assertEqual(self.client.get(guarantee.get_absolute_url()).status_code, 200)

    def test_a_change_made_by_another_process_is_seen_through_the_version_in_the_database(self):
        guarantee = make_guarantee(name="Secret ballot")
        self.client.get(LIST)
        # Another worker's save: the data and the version row change in the database, this process hears nothing.
        with connection.cursor() as cursor:
            cursor.execute("UPDATE guarantees_guarantee SET name_en = 'Ballot secrecy' WHERE id = %s", [guarantee.pk])
            cursor.execute("UPDATE guarantees_contentversion SET token = token + 1")
        self.assertContains(self.client.get(LIST), "Ballot secrecy")

    def test_a_bulk_change_is_seen_once_the_version_is_bumped(self):
        make_guarantee(name="Secret ballot")
        self.client.get(LIST)
        Guarantee.objects.update(name_en="Ballot secrecy")  # sends no signal
        self.assertContains(self.client.get(LIST), "Secret ballot")
        bump_version()
        self.assertContains(self.client.get(LIST), "Ballot secrecy")

    def test_a_page_with_a_correction_link_is_shared_and_the_form_page_is_never_stored(self):
        guarantee = make_guarantee(slug="secret-ballot")
        make_assessment(guarantee=guarantee, jurisdiction=make_jurisdiction(code="KZ"))
        url = guarantee.get_absolute_url()
        first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
        self.assertNotIn(b"csrfmiddlewaretoken", first.get(url).content)
        with self.assertNumQueries(1):
            page = second.get(url)
        self.assertIsNone(page.context)  # not rendered: from the cache
        self.assertNotIn(settings.CSRF_COOKIE_NAME, page.cookies)
        form_url = reverse("guarantees:suggest", args=["secret-ballot"])
        self.assertContains(page, f'href="{form_url}"')

        form_page = second.get(form_url)
        self.assertIsNotNone(second.get(form_url).context)  # rendered again: never stored
        self.assertIn("no-store", form_page["Cache-Control"])
        token = self.token_in(form_page.content)
        self.assertNotEqual(token, self.token_in(first.get(form_url).content))
        response = second.post(
            form_url, {"csrfmiddlewaretoken": token, "problem": "Article 9, not 8.", "proposed_fix": "Cite article 9."}
        )
        self.assertEqual(response.status_code, 302)

    def token_in(self, content: bytes) -> str:
        marker = b'name="csrfmiddlewaretoken" value="'
        start = content.index(marker) + len(marker)
        return content[start : content.index(b'"', start)].decode()

    def test_a_page_that_used_a_csrf_token_is_not_stored(self):
        rendered = []

        def page(request, token: bool):
            rendered.append(request.path)
            return HttpResponse(get_token(request) if token else "the same for everyone")

        for token in (False, True):
            middleware = PageCache(functools.partial(page, token=token))
            for _ in range(2):
                middleware(RequestFactory().get(f"/en/page-{token}/"))
        self.assertEqual(rendered, ["/en/page-False/", "/en/page-True/", "/en/page-True/"])

    def test_browsers_are_told_to_revalidate(self):
        make_guarantee(name="Secret ballot")
        for response in (self.client.get(LIST), self.client.get(LIST)):
            self.assertEqual(response["Cache-Control"], "no-cache")
            self.assertNotIn("Expires", response)
            self.assertIn("ETag", response)

    @override_settings(PAGE_CACHE_MAX_BYTES=1000)
    def test_a_page_above_the_size_bound_is_not_stored(self):
        make_guarantee(name="Secret ballot")
        self.client.get(LIST)
        self.assertGreater(query_count(self.client, LIST), 1)

    def test_signed_in_staff_are_never_served_from_the_cache(self):
        guarantee = make_guarantee(name="Secret ballot", publication_status=PublicationStatus.DRAFT)
        url = guarantee.get_absolute_url() + "?preview=1"
        self.assertEqual(self.client.get(url).status_code, 404)
        self.client.force_login(make_user("curator"))
        self.assertContains(self.client.get(url), "Secret ballot")
        self.assertGreater(query_count(self.client, url), 1)
        self.client.logout()
        self.assertEqual(self.client.get(url).status_code, 404)

    def test_languages_and_api_formats_are_kept_apart(self):
        make_guarantee(name="Secret ballot")
        english, russian = self.client.get("/en/guarantees/"), self.client.get("/ru/guarantees/")
        self.assertNotEqual(english.content, russian.content)
        self.assertContains(self.client.get("/ru/guarantees/"), 'lang="ru"')
        json = self.client.get("/api/guarantees/", HTTP_ACCEPT="application/json")
        self.assertEqual(json["Content-Type"], "application/json")

    def test_a_stored_page_is_looked_up_in_the_language_of_its_address(self):
        make_guarantee(name="Secret ballot")
        russian = self.client.get("/ru/guarantees/")
        self.client.get("/en/guarantees/")  # leaves English active in this thread
        with self.assertNumQueries(1):
            again = self.client.get("/ru/guarantees/")
        self.assertIsNone(again.context)  # not rendered: from the cache
        self.assertEqual(again.content, russian.content)
        # What the layers below the cache add was stored with the page.
        for header in ("Content-Language", "Content-Length", "X-Frame-Options", "Content-Security-Policy"):
            with self.subTest(header=header):
                self.assertEqual(again[header], russian[header])
        self.assertEqual(again["Content-Language"], "ru")

    def test_a_new_day_is_a_new_page(self):
        make_guarantee(name="Secret ballot")
        self.client.get(LIST)
        tomorrow = datetime.date.today() + datetime.timedelta(days=1)
        with mock.patch("guarantees.page_cache.timezone.localdate", return_value=tomorrow):
            self.assertGreater(query_count(self.client, LIST), 1)

    def test_errors_are_not_kept(self):
        self.assertEqual(self.client.get(LIST + "?kind=nonsense").status_code, 400)
        again = self.client.get(LIST + "?kind=nonsense")
        self.assertEqual(again.status_code, 400)
        self.assertIsNotNone(again.context)  # rendered afresh

    @override_settings(PAGE_CACHE_SECONDS=0)
    def test_the_cache_can_be_turned_off(self):
        make_guarantee(name="Secret ballot")
        self.client.get(LIST)
        self.assertGreater(query_count(self.client, LIST), 1)


@override_settings(CONTENT_VERSION_SECONDS=1)
class TrustedVersionTests(TestCase):
    """A process trusts the content version it read for a second: a stored page then costs no query at all."""

    def test_a_stored_page_is_served_without_a_query(self):
        make_guarantee(name="Secret ballot")
        self.client.get(LIST)
        with self.assertNumQueries(0):
            page = self.client.get(LIST)
        self.assertIsNone(page.context)
        self.assertContains(page, "Secret ballot")

    def test_a_change_made_in_this_process_is_seen_at_once(self):
        guarantee = make_guarantee(name="Secret ballot")
        self.client.get(LIST)
        guarantee.name_en = "Ballot secrecy"
        guarantee.save()
        self.assertContains(self.client.get(LIST), "Ballot secrecy")

    def test_a_change_made_by_another_process_is_seen_once_the_second_has_passed(self):
        guarantee = make_guarantee(name="Secret ballot")
        now = monotonic()
        with mock.patch("guarantees.content_version.monotonic", return_value=now):
            self.client.get(LIST)
            with connection.cursor() as cursor:  # another worker's save, which this process does not hear of
                rename = "UPDATE guarantees_guarantee SET name_en = 'Ballot secrecy' WHERE id = %s"
                cursor.execute(rename, [guarantee.pk])
                cursor.execute("UPDATE guarantees_contentversion SET token = token + 1")
            self.assertContains(self.client.get(LIST), "Secret ballot")  # the version read a moment ago
        with mock.patch("guarantees.content_version.monotonic", return_value=now + 1.01):
            self.assertContains(self.client.get(LIST), "Ballot secrecy")
