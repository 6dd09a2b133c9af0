"""Loads the curated content in guarantees/data/ into the database.

The contract:
- All or nothing: one transaction; a broken file or a dangling reference raises ContentError naming
  the file and the entry, and the database is left as it was.
- Idempotent: each loaded object has a LoadedRecord holding a digest of the entry it was loaded from.
  An entry whose digest has not changed is not written again.
- A curator's edit wins: if an object was changed (its updated_at moved) or deleted after the loader wrote
  it, a changed entry in the files is reported and skipped, never written over the edit.
"""

import datetime
import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, models, transaction
from django.utils import translation

from . import content_version
from .choices import PublicationStatus
from .models import (
    Assessment,
    AssessmentCitation,
    Category,
    CategoryCitation,
    ElectoralRight,
    Guarantee,
    GuaranteeCitation,
    Instrument,
    Jurisdiction,
    LoadedRecord,
    Principle,
    Provision,
    SecondCoding,
    Source,
    Stage,
    UnassessedCell,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
# libyaml's parser where PyYAML was built with it: the same documents, some ten times faster.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

PROVISION_FIELDS = [
    "heading_original",
    "heading_local",
    "heading_en",
    "text_original",
    "text_kind",
    "text_en",
    "text_en_kind",
    "verification",
    "where_read",
    "curator_note",
    "edition",
    "edition_date",
    "checked_on",
    "valid_to",
]
SOURCE_FIELDS = [
    "kind",
    "authors",
    "authors_transliterated",
    "year",
    "title",
    "title_transliterated",
    "title_en",
    "container",
    "pages",
    "url",
    "reference",
    "note",
    "curator_note",
]
INSTRUMENT_FIELDS = [
    "kind",
    "short_title",
    "short_title_original",
    "title_original",
    "title_en",
    "number",
    "date_adopted",
    "in_force_from",
    "in_force_to",
    "status",
    "official_url",
    "language",
    "note",
    "curator_note",
]


class ContentError(Exception):
    """The content files are broken; nothing was written."""


@dataclass
class LoadReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    removed: Counter = field(default_factory=Counter)
    kept_curator_edits: list[str] = field(default_factory=list)

    def summary(self) -> str:
        lines = [
            f"{label}: " + (", ".join(f"{count} {model}" for model, count in sorted(counter.items())) or "none")
            for label, counter in [
                ("created", self.created),
                ("updated", self.updated),
                ("unchanged", self.unchanged),
                ("removed", self.removed),
            ]
        ]
        lines += [f"kept curator's version: {entry}" for entry in self.kept_curator_edits]
        return "\n".join(lines)


def digest(entry: Any) -> str:
    canonical = json.dumps(entry, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def read_yaml(path: Path, empty: Any) -> Any:
    """The parsed file; `empty` where the data directory does not have it."""
    if not path.exists():
        return empty
    try:
        with path.open(encoding="utf-8") as stream:
            data = yaml.load(stream, Loader=YAML_LOADER)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise ContentError(f"{path.name}: cannot be read: {error}") from error
    if data is None:
        return empty
    if not isinstance(data, type(empty)):
        raise ContentError(f"{path.name}: expected a {type(empty).__name__} at the top, found {type(data).__name__}")
    return data


class ContentLoader:
    def __init__(self, data_dir: Path = DATA_DIR):
        self.data_dir = data_dir
        self.report = LoadReport()
        self.records = {}
        self.last_written = {}
        self.existing = {}  # model label -> the primary keys in the database when the load began
        self.found = {}  # (model, lookup) -> the object `find` returned
        self.tables_read = set()  # (model, field): tables `find` has read whole, keyed by that field
        self.unsaved_records = []

    def load(self) -> LoadReport:
        with (
            transaction.atomic(),
            translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE),
            content_version.one_bump(),
        ):
            records = list(LoadedRecord.objects.all())
            self.records = {(record.model, record.natural_key): record for record in records}
            # An object may be written from several entries (its own and its translations): the loader's last
            # write to it, from any of them, is what a curator's edit is measured against.
            for record in records:
                key = (record.model, record.object_id)
                self.last_written[key] = max(record.loaded_at, self.last_written.get(key, record.loaded_at))
            self.load_sources()
            self.load_reference_tables()
            self.load_taxonomy()
            for path in sorted((self.data_dir / "jurisdictions").glob("*.yaml")):
                self.load_jurisdiction_file(path)
            self.load_guarantees()
            for path in sorted((self.data_dir / "assessments").glob("*.yaml")):
                self.load_assessment_file(path)
            for path in sorted((self.data_dir / "second_codings").glob("*.yaml")):
                self.load_second_coding_file(path)
            for path in sorted((self.data_dir / "translations").glob("*.yaml")):
                self.load_translation_file(path)
            LoadedRecord.objects.bulk_create(self.unsaved_records)
        return self.report

    def pks_at_start(self, model) -> set[int]:
        """The model's primary keys in the database when first asked: one query per model for the whole load."""
        label = model._meta.model_name
        if label not in self.existing:
            self.existing[label] = set(model.objects.values_list("pk", flat=True))
        return self.existing[label]

    def still_there(self, model, record: LoadedRecord) -> bool:
        return record.object_id in self.pks_at_start(model)

    # The one place that decides whether an entry is written.
    def sync(self, model, key: str, entry: dict, lookup: dict, build, where: str, *, creates: bool = True) -> None:
        """Create or update the object for an entry, unless a curator's version stands in the way.

        `build(obj, entry, where)` sets the object's fields and relations from the entry and saves it.
        With `creates=False` (translations) the entry adds to an object that exists, never creates one.
        """
        label = model._meta.model_name
        record = self.records.get((label, key))
        entry_digest = digest(entry)
        if record is not None and record.digest == entry_digest and self.still_there(model, record):
            self.report.unchanged[label] += 1
            return
        if record is None and creates and not self.pks_at_start(model):
            obj = None  # an empty table at the start, and no record: this load has not written it either
        else:
            obj = model.objects.filter(**lookup).first()
        if obj is None and not creates:
            # Deleted in the admin, or misspelt in the file: the shipped-content tests fail on the second.
            self.report.kept_curator_edits.append(f"{label} {key} (no such entry to translate)")
            return
        if record is None and obj is not None and creates:
            self.report.kept_curator_edits.append(f"{label} {key} (created in the admin)")
            return
        if record is not None and obj is None:
            self.report.kept_curator_edits.append(f"{label} {key} (deleted in the admin)")
            return
        if record is not None and record.digest == entry_digest:
            self.report.unchanged[label] += 1
            return
        if record is not None and obj.updated_at > self.last_written.get((label, obj.pk), record.loaded_at):
            self.report.kept_curator_edits.append(f"{label} {key} (edited in the admin)")
            return
        is_new = obj is None
        obj = obj or model(**lookup)
        build(obj, entry, where)
        self.found[(model, tuple(sorted(lookup.items())))] = obj  # `find` returns what this load wrote
        (self.report.created if is_new else self.report.updated)[label] += 1
        if record is None:
            record = LoadedRecord(model=label, natural_key=key)
            self.records[(label, key)] = record
            self.unsaved_records.append(record)  # written together at the end of the load
        record.digest, record.loaded_at, record.object_id = entry_digest, obj.updated_at, obj.pk
        if record.pk is not None:
            record.save(update_fields=["digest", "loaded_at", "object_id"])
        self.last_written[(label, obj.pk)] = obj.updated_at

    def save(self, obj: models.Model, where: str) -> None:
        try:
            # Uniqueness, constraints and the foreign keys' targets are the database's to enforce (below,
            # as an error of this entry): asking for each of them first would cost queries per object.
            relations = [field.name for field in obj._meta.concrete_fields if field.is_relation]
            obj.full_clean(exclude=relations, validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            problems = [
                f"{name}: {' '.join(messages)}" if name != "__all__" else " ".join(messages)
                for name, messages in error.message_dict.items()
            ]
            raise ContentError(f"{where}: {'; '.join(problems)}") from error
        try:
            with transaction.atomic():
                obj.save()
        except (DatabaseError, ValueError, TypeError) as error:
            raise ContentError(f"{where}: {error}") from error

    # Sources, reference tables, taxonomy.
    def load_sources(self) -> None:
        for entry in read_yaml(self.data_dir / "sources.yaml", []):
            key = require(entry, "key", "sources.yaml")
            self.sync(Source, key, entry, {"key": key}, self.build_source, f"sources.yaml {key}")

    def build_source(self, source: Source, entry: dict, where: str) -> None:
        assign(source, entry, SOURCE_FIELDS)
        known_through = entry.get("known_through")
        # A source is known through one listed before it in sources.yaml (the article comes first).
        source.known_through = self.find(Source, {"key": known_through}, where) if known_through else None
        self.save(source, where)

    def load_reference_tables(self) -> None:
        tables = read_yaml(self.data_dir / "reference.yaml", {})
        for section, model in [("rights", ElectoralRight), ("stages", Stage), ("principles", Principle)]:
            for order, entry in enumerate(tables.get(section) or [], start=1):
                slug = require(entry, "slug", f"reference.yaml {section}")
                where = f"reference.yaml {section} {slug}"
                self.sync(model, slug, {**entry, "order": order}, {"slug": slug}, self.build_reference_entry, where)

    def build_reference_entry(self, obj: models.Model, entry: dict, where: str) -> None:
        assign(obj, entry, ["name", "description", "order"])
        self.save(obj, where)

    def load_taxonomy(self) -> None:
        for entry in read_yaml(self.data_dir / "taxonomy.yaml", []):
            slug = require(entry, "slug", "taxonomy.yaml")
            self.sync(Category, slug, entry, {"slug": slug}, self.build_category, f"taxonomy.yaml {slug}")

    def build_category(self, category: Category, entry: dict, where: str) -> None:
        assign(category, entry, ["kind", "name", "description", "order"])
        category.parent = self.find(Category, {"slug": entry["parent"]}, where) if entry.get("parent") else None
        self.save(category, where)
        category.citations.all().delete()
        for citation in entry.get("citations") or []:
            CategoryCitation.objects.create(category=category, **self.citation_fields(citation, where))

    # Jurisdictions, instruments, provisions.
    def load_jurisdiction_file(self, path: Path) -> None:
        document = read_yaml(path, {})
        jurisdiction = None
        if document.get("jurisdiction"):
            info = document["jurisdiction"]
            code = require(info, "code", path.name)
            where = f"{path.name} jurisdiction"
            self.sync(Jurisdiction, code, info, {"code": code}, self.build_jurisdiction, where)
            jurisdiction = self.find(Jurisdiction, {"code": code}, where)
        # A replacement is loaded before the instrument it replaces, wherever the file lists it.
        for entry in sorted(document.get("instruments") or [], key=lambda entry: bool(entry.get("replaced_by"))):
            slug = require(entry, "slug", path.name)
            where = f"{path.name} {slug}"
            instrument_entry = {name: value for name, value in entry.items() if name != "provisions"}
            self.sync(
                Instrument,
                slug,
                {**instrument_entry, "jurisdiction": jurisdiction and jurisdiction.code},
                {"slug": slug},
                self.build_instrument,
                where,
            )
            instrument = self.find(Instrument, {"slug": slug}, where)
            for provision_entry in entry.get("provisions") or []:
                self.load_provision(provision_entry, instrument, where)

    def build_jurisdiction(self, jurisdiction: Jurisdiction, entry: dict, where: str) -> None:
        assign(jurisdiction, entry, ["name", "name_local", "order"])
        self.save(jurisdiction, where)

    def build_instrument(self, instrument: Instrument, entry: dict, where: str) -> None:
        code = entry["jurisdiction"]
        instrument.jurisdiction = self.find(Jurisdiction, {"code": code}, where) if code else None
        assign(instrument, entry, INSTRUMENT_FIELDS)
        replaced_by = entry.get("replaced_by")
        instrument.replaced_by = self.find(Instrument, {"slug": replaced_by}, where) if replaced_by else None
        self.save(instrument, where)

    def load_provision(self, entry: dict, instrument: Instrument, where: str) -> None:
        number = str(require(entry, "number", where)).strip()
        paragraph = str(entry.get("paragraph") or "").strip()
        valid_from = entry.get("valid_from")
        key = f"{instrument.slug}:{number}:{paragraph}:{valid_from or ''}"
        lookup = {"instrument": instrument, "number": number, "paragraph": paragraph, "valid_from": valid_from}
        self.sync(Provision, key, entry, lookup, self.build_provision, f"{where} art. {number}")

    def build_provision(self, provision: Provision, entry: dict, where: str) -> None:
        assign(provision, entry, PROVISION_FIELDS)
        provision.publication_status = entry.get("publication_status", PublicationStatus.PUBLISHED)
        self.save(provision, where)

    # Guarantees and assessments.
    def load_guarantees(self) -> None:
        for entry in read_yaml(self.data_dir / "guarantees.yaml", []):
            slug = require(entry, "slug", "guarantees.yaml")
            self.sync(Guarantee, slug, entry, {"slug": slug}, self.build_guarantee, f"guarantees.yaml {slug}")

    def build_guarantee(self, guarantee: Guarantee, entry: dict, where: str) -> None:
        assign(guarantee, entry, ["name", "summary", "description"])
        guarantee.category = self.find(Category, {"slug": entry["category"]}, where)
        guarantee.publication_status = entry.get("publication_status", PublicationStatus.PUBLISHED)
        self.save(guarantee, where)
        guarantee.rights.set(self.find_all(ElectoralRight, entry.get("rights"), where))
        guarantee.stages.set(self.find_all(Stage, entry.get("stages"), where))
        guarantee.principles.set(self.find_all(Principle, entry.get("principles"), where))
        guarantee.citations.all().delete()
        for citation in entry.get("citations") or []:
            GuaranteeCitation.objects.create(
                guarantee=guarantee,
                purpose=citation.get("purpose", "content"),
                **self.citation_fields(citation, where),
            )

    def load_assessment_file(self, path: Path) -> None:
        document = read_yaml(path, {})
        code = require(document, "jurisdiction", path.name)
        jurisdiction = self.find(Jurisdiction, {"code": code}, path.name)
        keys = {
            f"{entry.get('guarantee')}:{code}:{entry.get('valid_from') or ''}"
            for entry in document.get("assessments") or []
        }
        self.retire_assessments(code, keys)
        for entry in document.get("assessments") or []:
            slug = require(entry, "guarantee", path.name)
            where = f"{path.name} {slug}"
            valid_from = entry.get("valid_from")
            guarantee = self.find(Guarantee, {"slug": slug}, where)
            key = f"{slug}:{code}:{valid_from or ''}"
            lookup = {"guarantee": guarantee, "jurisdiction": jurisdiction, "valid_from": valid_from}
            self.sync(Assessment, key, entry, lookup, self.build_assessment, where)
        for entry in document.get("not_yet_assessed") or []:
            slug = require(entry, "guarantee", path.name)
            where = f"{path.name} not_yet_assessed {slug}"
            lookup = {"guarantee": self.find(Guarantee, {"slug": slug}, where), "jurisdiction": jurisdiction}
            self.sync(UnassessedCell, f"{slug}:{code}", entry, lookup, self.build_unassessed_cell, where)

    def retire_assessments(self, code: str, keys: set[str]) -> None:
        """Delete the assessments the loader wrote for this jurisdiction whose entries are gone from its file,
        unless a curator has edited them since (then they are kept, and reported)."""
        languages = {language for language, _ in settings.LANGUAGES}
        for (label, key), record in list(self.records.items()):
            slug, _, rest = key.partition(":")
            if label != "assessment" or slug in languages or rest.partition(":")[0] != code or key in keys:
                continue
            assessment = Assessment.objects.filter(pk=record.object_id).first()
            if assessment is not None:
                if assessment.updated_at > self.last_written.get((label, assessment.pk), record.loaded_at):
                    self.report.kept_curator_edits.append(f"{label} {key} (edited in the admin, gone from the file)")
                    continue
                assessment.delete()
                self.report.removed[label] += 1
            record.delete()
            del self.records[(label, key)]

    def build_unassessed_cell(self, cell: UnassessedCell, entry: dict, where: str) -> None:
        assign(cell, entry, ["reason", "noted_on"])
        self.save(cell, where)

    def build_assessment(self, assessment: Assessment, entry: dict, where: str) -> None:
        assign(assessment, entry, ["status", "commentary", "assessed_on", "valid_to"])
        assessment.publication_status = entry.get("publication_status", PublicationStatus.PUBLISHED)
        assessment.assessed_on = assessment.assessed_on or datetime.date.today()
        self.save(assessment, where)
        references = entry.get("provisions") or []
        provisions = [self.resolve_provision(reference, where, assessment) for reference in references]
        problems = assessment.provision_problems(provisions)
        if problems:
            raise ContentError(f"{where}: {' '.join(problems)}")
        assessment.provisions.set(provisions)
        assessment.citations.all().delete()
        for citation in entry.get("citations") or []:
            AssessmentCitation.objects.create(assessment=assessment, **self.citation_fields(citation, where))

    def load_second_coding_file(self, path: Path) -> None:
        document = read_yaml(path, {})
        code = require(document, "jurisdiction", path.name)
        jurisdiction = self.find(Jurisdiction, {"code": code}, path.name)
        shared = {"coder_name": document.get("coder", ""), "coded_on": document.get("coded_on")}
        for entry in document.get("codings") or []:
            slug = require(entry, "guarantee", path.name)
            where = f"{path.name} {slug}"
            guarantee = self.find(Guarantee, {"slug": slug}, where)
            lookup = {"guarantee": guarantee, "jurisdiction": jurisdiction}
            self.sync(SecondCoding, f"{slug}:{code}", {**shared, **entry}, lookup, self.build_second_coding, where)

    def build_second_coding(self, coding: SecondCoding, entry: dict, where: str) -> None:
        assign(coding, entry, ["status", "note", "coder_name", "coded_on"])
        self.save(coding, where)

    # Translations: the project's own renderings of names, descriptions and commentary.
    def load_translation_file(self, path: Path) -> None:
        document = read_yaml(path, {})
        language = require(document, "language", path.name)
        if language not in dict(settings.LANGUAGES) or language == settings.MODELTRANSLATION_DEFAULT_LANGUAGE:
            raise ContentError(f"{path.name}: “{language}” is not one of the site's other languages")
        sections = {"categories": Category, "rights": ElectoralRight, "stages": Stage, "principles": Principle}
        sections["guarantees"] = Guarantee
        sections["jurisdictions"] = Jurisdiction
        for section, model in sections.items():
            for slug, fields in (document.get(section) or {}).items():
                where = f"{path.name} {section} {slug}"
                entry = {"language": language, **fields}
                lookup = {"code": slug} if model is Jurisdiction else {"slug": slug}
                self.sync(model, f"{language}:{slug}", entry, lookup, self.build_translation, where, creates=False)
        for code, commentaries in (document.get("assessments") or {}).items():
            for key, commentary in commentaries.items():
                where = f"{path.name} assessments {code} {key}"
                lookup = self.assessment_lookup(code, key, where)
                entry = {"language": language, "commentary": commentary}
                self.sync(
                    Assessment, f"{language}:{code}:{key}", entry, lookup, self.build_translation, where, creates=False
                )

    def assessment_lookup(self, code: str, key: str, where: str) -> dict:
        """'slug', 'slug@from-2026-07-01' or 'slug@to-2026-06-30' -> the lookup of that assessment."""
        slug, _, bound = key.partition("@")
        lookup = {"guarantee__slug": slug, "jurisdiction__code": code}
        if bound:
            side, _, date = bound.partition("-")
            if side not in {"from", "to"}:
                raise ContentError(f"{where}: write slug@from-YYYY-MM-DD or slug@to-YYYY-MM-DD")
            lookup[f"valid_{side}"] = datetime.date.fromisoformat(date)
        return lookup

    def build_translation(self, obj: models.Model, entry: dict, where: str) -> None:
        language = entry["language"]
        for name, value in entry.items():
            if name != "language":
                setattr(obj, f"{name}_{language}", (value or "").strip())
        self.save(obj, where)

    def resolve_provision(self, reference: str, where: str, assessment: Assessment) -> Provision:
        """'kz-elections-law:20-1' or 'kg-constitution-2021:2:3-4' -> the provision.

        Where the article has several wordings, the one whose validity overlaps the assessment's period;
        'kg-elections-law:60@2021-08-27' names the wording in force on that day.
        """
        reference, _, on_day = str(reference).partition("@")
        instrument_slug, _, rest = reference.partition(":")
        number, _, paragraph = rest.partition(":")
        wordings = Provision.objects.filter(instrument__slug=instrument_slug, number=number, paragraph=paragraph)
        matches = list(wordings.select_related("instrument"))
        if on_day:
            matches = list(wordings.in_force_on(datetime.date.fromisoformat(on_day)).select_related("instrument"))
        elif len(matches) > 1:
            matches = [wording for wording in matches if assessment.overlaps(wording)]
        if len(matches) != 1:
            found = "no provision" if not matches else f"{len(matches)} wordings"
            raise ContentError(f"{where}: {reference!r} matches {found} in the assessment's period")
        return matches[0]

    # Lookups.
    def find(self, model: type[models.Model], lookup: dict, where: str) -> models.Model:
        """The object, fetched once per load (the loader deletes none of the kinds it looks up). A lookup by one
        field reads the whole table by that field the first time, so a reload that changes nothing asks once per
        kind, not once per object; one written during this load is fetched by itself."""
        key = (model, tuple(sorted(lookup.items())))
        if key not in self.found and len(lookup) == 1 and (model, *lookup) not in self.tables_read:
            (name,) = lookup
            self.tables_read.add((model, name))
            for obj in model.objects.all():
                self.found.setdefault((model, ((name, getattr(obj, name)),)), obj)
        if key not in self.found:
            try:
                self.found[key] = model.objects.get(**lookup)
            except model.DoesNotExist:
                raise ContentError(f"{where}: no {model._meta.verbose_name} with {lookup}") from None
        return self.found[key]

    def find_all(self, model: type[models.Model], slugs: list | None, where: str) -> list[models.Model]:
        return [self.find(model, {"slug": slug}, where) for slug in slugs or []]

    def citation_fields(self, citation: dict, where: str) -> dict:
        return {
            "source": self.find(Source, {"key": require(citation, "source", where)}, where),
            "pages": str(citation.get("pages") or ""),
            "note": citation.get("note") or "",
        }


def require(entry: Any, name: str, where: str) -> Any:
    if not isinstance(entry, dict) or entry.get(name) in (None, ""):
        raise ContentError(f"{where}: an entry lacks {name!r}: {str(entry)[:120]}")
    return entry[name]


def assign(obj: models.Model, entry: dict, names: list[str]) -> None:
    """Copy the named fields the entry has; YAML's null is the empty string where a field takes no null.

    Texts lose the line break that YAML's block scalars end with, as a form would strip it.
    """
    for name in names:
        if name in entry:
            value = entry[name]
            if value is None and not obj._meta.get_field(name).null:
                value = ""
            setattr(obj, name, value.strip() if isinstance(value, str) else value)
