"""Provenance for readers, notes for curators (issue 20).

What readers see as "where read" (and an instrument's or a source's note) names a readable source: the
publication or database, its edition, a link. Repository paths, commit hashes, our registers and copies, and
how we searched are working notes: they live in `curator_note`, shown only in the admin.
"""

import re

from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse

from guarantees.models import Assessment, Instrument, Provision, Source

from .curated import load_curated

# Working notes that must not reach readers: a repository path or a commit, our shared copies and registers,
# how the text was found. A path inside a link ("…/index.php/НПА:Кодекс…") is the link, not a repository path.
WORKING_NOTE = re.compile(
    r"kazakhstan-law/codes|(?<![/\w.-])[\w.-]+/[\w.-]+:[\w./-]+|@[0-9a-f]{7,40}\b|\bcommit\b|shared/domain|\.tsv\b|"
    r"\bregister\b|search tool|law_rag",
    re.IGNORECASE,
)
#: jurisdictions whose rows were read on web pages, not in a repository's copy: no working note to keep
WEB_SOURCED = {"RU", "KG"}


def working_notes(text: str) -> list[str]:
    return [match.group(0) for match in WORKING_NOTE.finditer(text or "")]


class ProvenanceTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_curated()

    def provisions(self):
        return Provision.objects.select_related("instrument__jurisdiction")

    def code(self, instrument: Instrument) -> str:
        return instrument.jurisdiction.code if instrument.jurisdiction else "international"

    def test_where_read_names_a_readable_source_for_every_provision(self):
        leaks = {}
        for provision in self.provisions():
            code = self.code(provision.instrument)
            found = working_notes(provision.where_read) + working_notes(provision.edition)
            if found:
                leaks[f"{code} {provision}"] = found
        self.assertEqual(leaks, {})

    def test_instrument_and_source_notes_are_for_readers(self):
        leaks = {}
        for instrument in Instrument.objects.select_related("jurisdiction"):
            if working_notes(instrument.note):
                leaks[instrument.slug] = working_notes(instrument.note)
        for source in Source.objects.all():
            text = " ".join([source.note, source.reference, source.container])
            if working_notes(text):
                leaks[source.key] = working_notes(text)
        self.assertEqual(leaks, {})

    def test_every_converted_provision_keeps_its_working_note_for_curators(self):
        # Kazakhstan's rows and the treaties' named the repository copy read in `where_read` until issue 20; that
        # note moved to `curator_note`. The Russian and Kyrgyz rows named web pages, and keep them for readers.
        converted = self.provisions().exclude(instrument__jurisdiction__code__in=WEB_SOURCED)
        self.assertTrue(converted.exists())
        self.assertEqual([str(p) for p in converted.filter(curator_note="")], [])
        # Nothing was lost in the move: the copy read, with its commit, is still recorded.
        kz = converted.filter(instrument__jurisdiction__code="KZ", verification="official")
        self.assertEqual([str(p) for p in kz if not re.search(r"@[0-9a-f]{7,40}", p.curator_note)], [])

    def test_pages_show_the_readable_source_and_never_the_curator_note(self):
        provision = (
            Provision.objects.published()
            .filter(instrument__jurisdiction__code="KZ", assessments__isnull=False)
            .exclude(curator_note="")
            .first()
        )
        assessment = Assessment.objects.filter(provisions=provision).select_related("guarantee").first()
        pages = [
            provision.instrument.get_absolute_url(),
            reverse("guarantees:cell", args=[assessment.guarantee.slug, "KZ"])
            + (f"?as_of={assessment.valid_from.isoformat()}" if assessment.valid_from else ""),
            reverse("api:provision-detail", args=[provision.pk]),
        ]
        for url in pages:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                text = response.content.decode()
                self.assertNotIn("curator_note", text)
                for leak in working_notes(provision.curator_note)[:3]:
                    self.assertNotIn(leak, text)
        self.assertIn("zan.gov.kz", provision.where_read)

    def test_the_admin_shows_the_curator_note(self):
        admin = get_user_model().objects.create_superuser("curator", "curator@example.org", "x")
        self.client.force_login(admin)
        provision = Provision.objects.exclude(curator_note="").first()
        response = self.client.get(reverse("admin:guarantees_provision_change", args=[provision.pk]))
        self.assertContains(response, 'name="curator_note"')
        source = Source.objects.exclude(curator_note="").first()
        response = self.client.get(reverse("admin:guarantees_source_change", args=[source.pk]))
        self.assertContains(response, 'name="curator_note"')
        self.assertContains(response, 'name="reference"')
