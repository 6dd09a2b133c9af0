from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import RequestFactory, TestCase
from django.urls import reverse

from .factories import make_assessment, make_provision, make_source


class AdminPagesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.superuser = get_user_model().objects.create_superuser("curator", "curator@example.org", "pw")
        assessment = make_assessment(provisions=[make_provision()])
        make_source()
        cls.objects = [assessment, assessment.guarantee, assessment.jurisdiction, assessment.guarantee.category]
        cls.objects += list(assessment.provisions.all()) + [assessment.provisions.first().instrument]

    def setUp(self):
        self.client.force_login(self.superuser)

    def request(self):
        request = RequestFactory().get("/admin/")
        request.user = self.superuser
        return request

    def test_every_changelist_and_add_form_loads(self):
        for model, model_admin in admin.site._registry.items():
            opts = model._meta
            views = ["changelist", "add"] if model_admin.has_add_permission(self.request()) else ["changelist"]
            for view in views:
                url = reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}")
                with self.subTest(url=url):
                    self.assertEqual(self.client.get(url).status_code, 200)

    def test_change_forms_of_curated_objects_load(self):
        for obj in self.objects:
            opts = obj._meta
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 200)

    def test_provision_autocomplete_finds_by_jurisdiction_and_number(self):
        provision = make_provision(number="20-1")
        url = reverse("admin:autocomplete")
        response = self.client.get(
            url,
            {
                "term": f"{provision.instrument.jurisdiction.code} 20-1",
                "app_label": "guarantees",
                "model_name": "assessment",
                "field_name": "provisions",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual([result["id"] for result in response.json()["results"]], [str(provision.pk)])

    def test_anonymous_visitor_is_sent_to_login(self):
        self.client.logout()
        response = self.client.get(reverse("admin:guarantees_guarantee_changelist"))
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("admin:login"), response["Location"])
