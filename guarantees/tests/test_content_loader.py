"""The content loader, run over small data directories written by each test."""

import datetime
import textwrap
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from guarantees.choices import NOT_ASSESSED
from guarantees.content import ContentError, ContentLoader
from guarantees.models import (
    Assessment,
    ContentVersion,
    Guarantee,
    Instrument,
    LoadedRecord,
    Provision,
    Source,
    UnassessedCell,
)

FILES = {
    "sources.yaml": """
        - key: voevodin-1997
          kind: book
          authors: Voevodin, L. D.
          year: 1997
          title: Юридический статус личности в России
          pages: "229"
        """,
    "reference.yaml": """
        rights: [{slug: vote, name: To vote}]
        stages: [{slug: voting, name: Voting}, {slug: counting, name: Counting}]
        principles: [{slug: secret, name: Secret ballot}]
        """,
    "taxonomy.yaml": """
        - {slug: tools, kind: tool, name: Tools, citations: [{source: voevodin-1997, pages: "229"}]}
        - {slug: exercise-procedures, kind: tool, parent: tools, name: Procedures of exercise}
        """,
    "guarantees.yaml": """
        - slug: secret-ballot
          name: Secret ballot
          category: exercise-procedures
          summary: Voting is secret.
          rights: [vote]
          stages: [voting]
          principles: [secret]
          citations: [{source: voevodin-1997, pages: "229", purpose: classification}]
        """,
    "jurisdictions/kz.yaml": """
        jurisdiction: {code: KZ, name: Kazakhstan}
        instruments:
          - slug: kz-constitution-1995
            kind: constitution
            short_title: Constitution of 1995
            title_original: Конституция
            title_en: Constitution
            status: repealed
            in_force_to: 2026-06-30
            replaced_by: kz-constitution-2026
            official_url: https://adilet.zan.kz/rus/docs/K950001000_
            provisions:
              - {number: "33", text_original: "(gist)", text_kind: summary, verification: official, where_read: x}
          - slug: kz-constitution-2026
            kind: constitution
            short_title: Constitution of 2026
            title_original: Конституция
            title_en: Constitution
            official_url: https://adilet.zan.kz/rus/docs/K2600000000
            provisions:
              - {number: "35", verification: secondary, where_read: y}
        """,
    "assessments/kz.yaml": """
        jurisdiction: KZ
        assessments:
          - {guarantee: secret-ballot, status: provided, provisions: [kz-constitution-1995:33], valid_to: 2026-06-30}
          - {guarantee: secret-ballot, status: provided, provisions: [kz-constitution-2026:35], valid_from: 2026-07-01}
        """,
}


def write_data(directory: Path, **overrides: str) -> Path:
    for name, text in {**FILES, **overrides}.items():
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return directory


def database_state() -> list:
    return [
        list(model.objects.order_by("pk").values())
        for model in [Source, Guarantee, Instrument, Provision, Assessment, LoadedRecord]
    ]


@pytest.fixture
def data_dir(tmp_path):
    return write_data(tmp_path)


@pytest.mark.django_db
def test_load_creates_everything_with_its_relations(data_dir):
    report = ContentLoader(data_dir).load()

    guarantee = Guarantee.objects.get(slug="secret-ballot")
    assert guarantee.category.parent.slug == "tools"
    assert [right.slug for right in guarantee.rights.all()] == ["vote"]
    assert guarantee.citations.get().purpose == "classification"
    assert Instrument.objects.get(slug="kz-constitution-1995").replaced_by.slug == "kz-constitution-2026"
    assert [str(a.provisions.get()) for a in Assessment.objects.all()] == [
        "KZ Constitution of 1995 art. 33",
        "KZ Constitution of 2026 art. 35",
    ]
    assert report.created["assessment"] == 2


@pytest.mark.django_db
def test_reload_changes_nothing(data_dir):
    ContentLoader(data_dir).load()
    before = database_state()

    report = ContentLoader(data_dir).load()

    assert database_state() == before
    assert not report.created and not report.updated and not report.kept_curator_edits
    assert report.unchanged["guarantee"] == 1


@pytest.mark.django_db
def test_changed_file_updates_an_untouched_entry(data_dir):
    ContentLoader(data_dir).load()
    write_data(data_dir, **{"sources.yaml": FILES["sources.yaml"].replace('pages: "229"', 'pages: "228-229"')})

    report = ContentLoader(data_dir).load()

    assert Source.objects.get().pages == "228-229"
    assert report.updated["source"] == 1


@pytest.mark.django_db
def test_reload_keeps_a_curators_edit(data_dir):
    ContentLoader(data_dir).load()
    guarantee = Guarantee.objects.get()
    guarantee.summary = "Edited by a curator."
    guarantee.save()
    write_data(data_dir, **{"guarantees.yaml": FILES["guarantees.yaml"].replace("Voting is secret.", "Changed.")})

    report = ContentLoader(data_dir).load()

    assert Guarantee.objects.get().summary == "Edited by a curator."
    assert report.kept_curator_edits == ["guarantee secret-ballot (edited in the admin)"]


@pytest.mark.django_db
def test_reload_does_not_resurrect_what_a_curator_deleted(data_dir):
    ContentLoader(data_dir).load()
    Assessment.objects.filter(valid_to__isnull=False).delete()

    ContentLoader(data_dir).load()

    assert Assessment.objects.count() == 1


BROKEN = {
    "a dangling category": {"guarantees.yaml": FILES["guarantees.yaml"].replace("exercise-procedures", "nowhere")},
    "a dangling provision": {"assessments/kz.yaml": FILES["assessments/kz.yaml"].replace("2026:35", "2026:99")},
    "a provision of another jurisdiction": {
        "assessments/kz.yaml": FILES["assessments/kz.yaml"].replace("jurisdiction: KZ", "jurisdiction: RU"),
        "jurisdictions/ru.yaml": "jurisdiction: {code: RU, name: Russia}\n",
    },
    "malformed YAML": {"sources.yaml": "- key: [unclosed\n"},
    "a list where a mapping belongs": {"reference.yaml": "- just a list\n"},
    "a missing key": {"sources.yaml": "- title: no key\n"},
    "an invalid choice": {"guarantees.yaml": FILES["guarantees.yaml"] + "  publication_status: maybe\n"},
    "overlapping assessments": {
        "assessments/kz.yaml": FILES["assessments/kz.yaml"].replace("valid_from: 2026-07-01", "valid_from: 2026-06-01")
    },
}


@pytest.mark.django_db
@pytest.mark.parametrize("problem", BROKEN)
def test_broken_content_is_refused_whole(tmp_path, problem):
    data_dir = write_data(tmp_path, **BROKEN[problem])

    with pytest.raises(ContentError):
        ContentLoader(data_dir).load()

    assert database_state() == [[], [], [], [], [], []]


@pytest.mark.django_db
def test_command_reports_the_broken_entry(tmp_path):
    data_dir = write_data(tmp_path, **BROKEN["a dangling category"])

    with pytest.raises(CommandError, match="Nothing was loaded: guarantees.yaml secret-ballot: no category"):
        call_command("load_content", data_dir=data_dir)


TRANSLATION = """
    language: ru
    guarantees:
      secret-ballot: {name: Тайное голосование, summary: Голосование тайное.}
    assessments:
      KZ:
        secret-ballot@to-2026-06-30: По Конституции 1995 года.
    """


@pytest.mark.django_db
def test_translations_fill_the_other_language_fields(tmp_path):
    data_dir = write_data(tmp_path, **{"translations/ru.yaml": TRANSLATION})
    ContentLoader(data_dir).load()
    guarantee = Guarantee.objects.get()
    assert (guarantee.name_en, guarantee.name_ru) == ("Secret ballot", "Тайное голосование")
    old = Assessment.objects.get(valid_to__isnull=False)
    assert old.commentary_ru == "По Конституции 1995 года."


@pytest.mark.django_db
def test_a_translated_entry_still_takes_changes_to_its_file(tmp_path):
    data_dir = write_data(tmp_path, **{"translations/ru.yaml": TRANSLATION})
    ContentLoader(data_dir).load()
    write_data(data_dir, **{"guarantees.yaml": FILES["guarantees.yaml"].replace("Voting is secret.", "Changed.")})

    report = ContentLoader(data_dir).load()

    assert Guarantee.objects.get().summary_en == "Changed."
    assert report.kept_curator_edits == []


@pytest.mark.django_db
def test_a_deleted_entry_does_not_break_the_reload_of_its_translation(tmp_path):
    data_dir = write_data(tmp_path, **{"translations/ru.yaml": TRANSLATION})
    ContentLoader(data_dir).load()
    Assessment.objects.filter(valid_to__isnull=False).delete()
    write_data(data_dir, **{"translations/ru.yaml": TRANSLATION.replace("1995 года.", "1995 г.")})

    report = ContentLoader(data_dir).load()

    assert "assessment ru:KZ:secret-ballot@to-2026-06-30 (no such entry to translate)" in report.kept_curator_edits


@pytest.mark.django_db
def test_a_cell_not_yet_assessed_carries_its_reason_to_its_page(data_dir, client):
    """The file may say why a cell is not assessed; the cell stays unassessed and its page says why."""
    assessments = FILES["assessments/kz.yaml"].replace(
        "valid_from: 2026-07-01}", "valid_from: 2026-07-01, valid_to: 2026-10-31}"
    )
    assessments += """
        not_yet_assessed:
          - {guarantee: secret-ballot, reason: "The 2026 wording was read only in a news report.", noted_on: 2026-12-02}
        """
    write_data(data_dir, **{"assessments/kz.yaml": assessments})
    ContentLoader(data_dir).load()
    cell = reverse("guarantees:cell", args=["secret-ballot", "KZ"])
    page = client.get(cell)
    assert "The 2026 wording was read only in a news report." in page.content.decode()
    assert client.get(cell, {"format": "json"}).json()["status"] == NOT_ASSESSED
    earlier = client.get(cell, {"as_of": "2026-08-01", "format": "json"}).json()
    assert (earlier["status"], earlier["why_not_assessed"]) == ("provided", None)


@pytest.mark.django_db
def test_a_reason_beside_a_current_assessment_is_refused(data_dir):
    assessments = (
        FILES["assessments/kz.yaml"]
        + """
        not_yet_assessed:
          - {guarantee: secret-ballot, reason: "Contradicts the current assessment.", noted_on: 2026-12-02}
        """
    )
    write_data(data_dir, **{"assessments/kz.yaml": assessments})
    with pytest.raises(ContentError, match="current assessment"):
        ContentLoader(data_dir).load()


@pytest.mark.django_db
def test_a_cell_cites_the_wording_of_its_own_period(data_dir):
    """An article with several wordings: each period's reference finds the wording that overlaps it."""
    two_wordings = (
        '              - {number: "36", heading_original: Старая, valid_to: 2026-06-30, where_read: x}\n'
        '              - {number: "36", heading_original: Новая, valid_from: 2026-07-01, where_read: x}\n'
    )
    jurisdictions = FILES["jurisdictions/kz.yaml"].replace(
        '              - {number: "35"', two_wordings + '              - {number: "35"'
    )
    assessments = FILES["assessments/kz.yaml"].replace(
        "kz-constitution-1995:33]", "kz-constitution-1995:33, kz-constitution-2026:36]"
    )
    assessments = assessments.replace("kz-constitution-2026:35]", "kz-constitution-2026:35, kz-constitution-2026:36]")
    write_data(data_dir, **{"jurisdictions/kz.yaml": jurisdictions, "assessments/kz.yaml": assessments})
    ContentLoader(data_dir).load()
    headings = {
        str(a.valid_from or a.valid_to): sorted(
            a.provisions.filter(number="36").values_list("heading_original", flat=True)
        )
        for a in Assessment.objects.all()
    }
    assert headings == {"2026-06-30": ["Старая"], "2026-07-01": ["Новая"]}


@pytest.mark.django_db
def test_an_assessment_gone_from_its_file_is_removed_on_reload(data_dir):
    """A cell taken out of the file (say, to record it as not yet assessed) leaves the database too."""
    ContentLoader(data_dir).load()
    only_the_old = FILES["assessments/kz.yaml"].splitlines()[:-2] + [
        "        not_yet_assessed:",
        '          - {guarantee: secret-ballot, reason: "The 2026 text was not read.", noted_on: 2026-12-02}',
    ]
    write_data(data_dir, **{"assessments/kz.yaml": "\n".join(only_the_old) + "\n"})
    report = ContentLoader(data_dir).load()
    assert report.removed["assessment"] == 1
    assert list(Assessment.objects.values_list("valid_to", flat=True)) == [datetime.date(2026, 6, 30)]
    assert UnassessedCell.objects.count() == 1


@pytest.mark.django_db
def test_an_assessment_edited_in_the_admin_is_kept_when_it_leaves_the_file(data_dir):
    ContentLoader(data_dir).load()
    Assessment.objects.get(valid_from=datetime.date(2026, 7, 1)).save()  # a curator's save
    kept = FILES["assessments/kz.yaml"].splitlines()[:-2]
    write_data(data_dir, **{"assessments/kz.yaml": "\n".join(kept) + "\n"})
    report = ContentLoader(data_dir).load()
    assert report.removed["assessment"] == 0
    assert Assessment.objects.count() == 2
    assert any("gone from the file" in line for line in report.kept_curator_edits)


@pytest.mark.django_db
def test_a_reload_of_the_shipped_content_that_changes_nothing_is_a_few_queries(django_assert_max_num_queries):
    first = ContentLoader().load()
    written = sum(first.created.values()) + sum(first.updated.values())  # objects, then their translations
    assert written > 1000
    version = ContentVersion.objects.get().token
    with django_assert_max_num_queries(40):  # 19 when measured: the records, one read of each table looked up
        again = ContentLoader().load()
    assert (sum(again.created.values()), sum(again.updated.values())) == (0, 0)
    assert sum(again.unchanged.values()) == written
    assert ContentVersion.objects.get().token != version  # drawn once, at the end of the load


@pytest.mark.django_db
def test_a_fresh_load_of_the_shipped_content_costs_queries_in_proportion_to_its_objects():
    with CaptureQueriesContext(connection) as queries:
        report = ContentLoader().load()
    written = sum(report.created.values()) + sum(report.updated.values())  # objects, then their translations
    # 6.3 a written object when measured (7,750 for 1,235 objects); 23 before the loader wrote in bulk.
    assert len(queries) <= 7 * written, f"{len(queries)} queries for {written} objects"
