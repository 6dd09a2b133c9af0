"""The whole dataset as files: the lossless backup (every status, every language) and the public download.

`export_dataset` / `import_dataset` round-trip the curated database through a directory of JSON files, one
per table, ordered by primary key: exporting what was imported gives byte-identical files. Historical
records are not part of the dataset; user accounts travel as names only, never with passwords.
"""

import datetime
import io
import json
import zipfile
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, transaction
from django.db.models import Max, Prefetch
from django.utils import timezone
from django.utils.translation import gettext_noop

from .choices import PublicationStatus
from .models import (
    Amendment,
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
    Suggestion,
    UnassessedCell,
)
from .spreadsheets import write_table

FORMAT_VERSION = 1
#: In loading order: what a table refers to comes before it.
TABLES = [
    Jurisdiction,
    ElectoralRight,
    Stage,
    Principle,
    Source,
    Category,
    CategoryCitation,
    Instrument,
    Provision,
    Guarantee,
    GuaranteeCitation,
    Assessment,
    AssessmentCitation,
    Amendment,
    SecondCoding,
    Suggestion,
    UnassessedCell,
    LoadedRecord,
]
#: Accounts by name only: no password, no staff flag, no groups. Roles are given again with add_curator.
USER_FIELDS = ["username", "first_name", "last_name", "email", "is_active"]
#: in English in the files; the downloads page shows it in the page's language (a msgid of the .po files)
LICENCE = gettext_noop(
    "The curated data (classification, assessments, commentary, translations) is published under the "
    "Creative Commons Attribution 4.0 International licence (CC BY 4.0). Official texts of laws quoted in it "
    "are not subject to copyright in Kazakhstan, Russia or Kyrgyzstan."
)


class DatasetError(Exception):
    pass


#: What loading well-formed files can still raise: bad values, broken references, refused rows.
LOAD_FAILURES = (
    DatabaseError,
    DeserializationError,
    ValidationError,
    CommandError,
    ValueError,
    TypeError,
    LookupError,
    OverflowError,
)


class LosslessEncoder(DjangoJSONEncoder):
    """Django's encoder cuts datetimes to milliseconds; a backup keeps every microsecond."""

    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        return super().default(o)


def serialize(rows, **options) -> str:
    return serializers.serialize("json", rows, indent=1, cls=LosslessEncoder, **options)


def file_name(model) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}.json"


def export_dataset(directory: Path) -> dict[str, int]:
    directory.mkdir(parents=True, exist_ok=True)
    counts = {}
    users = get_user_model().objects.order_by("pk")
    write(directory / "auth.user.json", serialize(users, fields=USER_FIELDS))
    counts["auth.user"] = users.count()
    for model in TABLES:
        rows = model.objects.order_by("pk")
        write(directory / file_name(model), serialize(rows))
        counts[model._meta.label_lower] = rows.count()
    manifest = {"format_version": FORMAT_VERSION, "tables": counts}
    write(directory / "manifest.json", json.dumps(manifest, indent=1, sort_keys=True))
    return counts


def write(path: Path, text: str) -> None:
    path.write_text(text + "\n", encoding="utf-8")


def import_dataset(directory: Path) -> dict[str, int]:
    """Load a directory written by `export_dataset` into an empty database: all of it, or nothing.

    Every file is checked against what the export writes before anything is loaded: the one model it holds,
    only the fields the export writes, as many rows as the manifest says. A file cannot make an account
    staff or superuser, nor give it permissions or groups: accounts are restored as the names the export
    wrote, and roles are given afterwards (`add_curator`). Every failure is a `DatasetError`.
    """
    manifest = read_manifest(directory)
    occupied = [model._meta.label for model in TABLES if model.objects.exists()]
    if occupied or get_user_model().objects.exists():
        raise DatasetError(f"the database is not empty ({', '.join(occupied) or 'users'}); import into an empty one")
    models = [get_user_model(), *TABLES]
    missing = [file_name(model) for model in models if not (directory / file_name(model)).is_file()]
    if missing:
        raise DatasetError(f"missing files: {', '.join(missing)}")
    for model in models:
        check_file(directory / file_name(model), model, manifest["tables"].get(model._meta.label_lower, 0))
    loaded = [str(directory / file_name(model)) for model in models if manifest["tables"].get(model._meta.label_lower)]
    try:
        with transaction.atomic():
            if loaded:
                call_command("loaddata", *loaded, verbosity=0)
            counts = {model._meta.label_lower: model.objects.count() for model in TABLES}
            expected = {model._meta.label_lower: manifest["tables"].get(model._meta.label_lower, 0) for model in TABLES}
            if counts != expected:
                raise DatasetError(f"loaded {counts}, the manifest says {expected}")
    except LOAD_FAILURES as error:
        raise DatasetError(f"the files do not load, and nothing was imported: {first_line(error)}") from error
    return counts


def read_manifest(directory: Path) -> dict:
    manifest_path = directory / "manifest.json"
    if not manifest_path.is_file():
        raise DatasetError(f"{directory} has no manifest.json: not an exported dataset")
    manifest = read_json(manifest_path)
    if not isinstance(manifest, dict):
        raise DatasetError("manifest.json is not an object with format_version and tables")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise DatasetError(f"format version {manifest.get('format_version')} is not {FORMAT_VERSION}")
    tables = manifest.get("tables")
    names = {model._meta.label_lower for model in [get_user_model(), *TABLES]}
    if not isinstance(tables, dict) or not all(is_count(count) for count in tables.values()):
        raise DatasetError("manifest.json: tables must map each table to its number of rows")
    unknown = sorted(set(tables) - names)
    if unknown:
        raise DatasetError(f"manifest.json names tables the dataset does not have: {', '.join(unknown)}")
    return manifest


def read_json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise DatasetError(f"{path.name} is not readable JSON: {error}") from None


def is_count(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def exported_fields(model) -> set[str]:
    """The fields `export_dataset` writes of a model's rows: Django's serializer's choice, or USER_FIELDS."""
    if model is get_user_model():
        return set(USER_FIELDS)
    meta = model._meta.concrete_model._meta
    many = {f.name for f in meta.local_many_to_many if f.serialize and f.remote_field.through._meta.auto_created}
    return {f.name for f in meta.local_fields if f.serialize} | many


def check_file(path: Path, model, expected_rows: int) -> None:
    """The file holds `expected_rows` rows of `model` alone, each with only the fields the export writes."""
    records = read_json(path)
    if not isinstance(records, list):
        raise DatasetError(f"{path.name} is not a list of rows")
    if len(records) != expected_rows:
        raise DatasetError(f"{path.name} holds {len(records)} rows, the manifest says {expected_rows}")
    label, allowed, seen = model._meta.label_lower, exported_fields(model), set()
    for number, record in enumerate(records, start=1):
        where = f"{path.name}, row {number}"
        if not (isinstance(record, dict) and set(record) == {"model", "pk", "fields"}):
            raise DatasetError(f"{where}: a row is an object with model, pk and fields only")
        if record["model"] != label:
            raise DatasetError(f"{where}: a row of {record['model']!r} in the file of {label}")
        if not is_count(record["pk"]) or record["pk"] == 0 or record["pk"] in seen:
            raise DatasetError(f"{where}: pk {record['pk']!r} is not a new positive whole number")
        seen.add(record["pk"])
        if not isinstance(record["fields"], dict):
            raise DatasetError(f"{where}: fields is not an object")
        if label == get_user_model()._meta.label_lower and record["fields"].get("is_staff", False) is not False:
            raise DatasetError(f"{where}: a staff account is not restored from a file; give roles with add_curator")
        unknown = sorted(set(record["fields"]) - allowed)
        if unknown:
            raise DatasetError(f"{where}: fields the export does not write: {', '.join(unknown)}")


def first_line(error: Exception) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


# The public download: published content only, flat tables.
def published_tables() -> dict[str, list[dict]]:
    published = PublicationStatus.PUBLISHED
    guarantees = (
        Guarantee.objects.published().select_related("category").prefetch_related("rights", "stages", "principles")
    )
    assessments = (
        Assessment.objects.published()
        .filter(guarantee__publication_status=published)
        .select_related("guarantee", "jurisdiction")
        .prefetch_related("provisions")
    )
    return {
        "jurisdictions": [
            {"code": j.code, "name": j.name_en, "name_local": j.name_local} for j in Jurisdiction.objects.all()
        ],
        "categories": [
            {
                "slug": c.slug,
                "kind": c.kind,
                "parent": c.parent.slug if c.parent else "",
                "name": c.name_en,
                "name_ru": c.name_ru or "",
                "name_kk": c.name_kk or "",
                "description": c.description_en or "",
            }
            for c in Category.objects.select_related("parent").order_by("kind", "order")
        ],
        "guarantees": [
            {
                "slug": g.slug,
                "name": g.name_en,
                "name_ru": g.name_ru or "",
                "name_kk": g.name_kk or "",
                "summary": g.summary_en,
                "kind": g.category.kind if g.category else "",
                "category": g.category.slug if g.category else "",
                "rights": " ".join(r.slug for r in g.rights.all()),
                "stages": " ".join(s.slug for s in g.stages.all()),
                "principles": " ".join(p.slug for p in g.principles.all()),
            }
            for g in guarantees.order_by("slug")
        ],
        "instruments": [
            {
                "slug": i.slug,
                "jurisdiction": i.jurisdiction.code if i.jurisdiction else "",
                "kind": i.kind,
                "title_original": i.title_original,
                "title_en": i.title_en,
                "number": i.number,
                "date_adopted": i.date_adopted or "",
                "status": i.status,
                "official_url": i.official_url,
            }
            for i in Instrument.objects.select_related("jurisdiction").order_by("slug")
        ],
        "provisions": [
            {
                "id": p.pk,
                "instrument": p.instrument.slug,
                "article": p.number,
                "paragraph": p.paragraph,
                "heading_original": p.heading_original,
                "heading_local": p.heading_local,
                "heading_en": p.heading_en,
                "text_original": p.text_original,
                "text_kind": p.text_kind,
                "text_en": p.text_en,
                "verification": p.verification,
                "edition_date": p.edition_date or "",
                "where_read": p.where_read,
                "valid_from": p.valid_from or "",
                "valid_to": p.valid_to or "",
            }
            for p in Provision.objects.published().select_related("instrument").order_by("instrument__slug", "sort_key")
        ],
        "assessments": [
            {
                "guarantee": a.guarantee.slug,
                "jurisdiction": a.jurisdiction.code,
                "status": a.status,
                "provisions": " ".join(str(p.pk) for p in a.provisions.all()),
                "commentary": a.commentary_en or "",
                "assessed_on": a.assessed_on,
                "valid_from": a.valid_from or "",
                "valid_to": a.valid_to or "",
            }
            for a in assessments.order_by("guarantee__slug", "jurisdiction__code", "valid_from")
        ],
        "amendments": amendment_rows(),
        "not_yet_assessed": [
            {
                "guarantee": cell.guarantee.slug,
                "jurisdiction": cell.jurisdiction.code,
                "reason": cell.reason,
                "noted_on": cell.noted_on,
            }
            for cell in UnassessedCell.objects.filter(guarantee__in=guarantees)
            .select_related("guarantee", "jurisdiction")
            .order_by("guarantee__slug", "jurisdiction__code")
        ],
        "sources": [
            {
                "key": s.key,
                "kind": s.kind,
                "known_through": s.known_through.key if s.known_through else "",
                "authors": s.authors,
                "authors_transliterated": s.authors_transliterated,
                "year": s.year or "",
                "title": s.title,
                "title_transliterated": s.title_transliterated,
                "title_en": s.title_en,
                "container": s.container,
                "pages": s.pages,
                "url": s.url,
                "reference": s.reference,
                "note": s.note,
            }
            for s in Source.objects.select_related("known_through").order_by("key")
        ],
    }


def amendment_rows() -> list[dict]:
    """The amending acts, each with the published wordings it brought (provision ids, as in `provisions`) and the
    published cells whose period it opened or closed (guarantee/jurisdiction/valid_from)."""
    published = PublicationStatus.PUBLISHED
    wordings = Provision.objects.published().order_by("pk")
    periods = (
        Assessment.objects.published()
        .filter(guarantee__publication_status=published)
        .select_related("guarantee", "jurisdiction")
        .order_by("guarantee__slug", "valid_from")
    )
    amendments = (
        Amendment.objects.select_related("jurisdiction")
        .prefetch_related(
            Prefetch("provisions", wordings, to_attr="brought"), Prefetch("assessments", periods, to_attr="periods")
        )
        .order_by("jurisdiction__code", "in_force_on", "key")
    )
    return [
        {
            "key": a.key,
            "jurisdiction": a.jurisdiction.code,
            "number": a.number,
            "title": a.title,
            "adopted_on": a.adopted_on or "",
            "in_force_on": a.in_force_on or "",
            "link": a.link,
            "articles_changed": a.articles_changed,
            "where_read": a.where_read,
            "provisions": " ".join(str(p.pk) for p in a.brought),
            "assessments": " ".join(
                f"{p.guarantee.slug}/{p.jurisdiction.code}/{p.valid_from or ''}" for p in a.periods
            ),
        }
        for a in amendments
    ]


def dataset_version() -> tuple[str, str]:
    """(version, date): the date is that of the latest change to published content."""
    latest = max(
        filter(
            None,
            [
                model.objects.aggregate(latest=Max("updated_at"))["latest"]
                for model in [Guarantee, Assessment, Provision]
            ],
        ),
        default=None,
    )
    date = latest.date().isoformat() if latest else ""
    return f"{FORMAT_VERSION}.{date.replace('-', '')}" if date else f"{FORMAT_VERSION}.0", date


def published_json() -> str:
    version, date = dataset_version()
    document = {"version": version, "date": date, "licence": LICENCE, "tables": published_tables()}
    return json.dumps(document, ensure_ascii=False, indent=1, default=str)


def published_csv_zip() -> bytes:
    buffer = io.BytesIO()
    version, date = dataset_version()
    tables = published_tables()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, rows in tables.items():
            text = io.StringIO()
            write_table(text, rows)
            archive.writestr(f"{name}.csv", text.getvalue())
        archive.writestr(
            "README.txt", f"Electoral-rights guarantees dataset, version {version} ({date}).\n\n{LICENCE}\n"
        )
        archive.writestr("datapackage.json", json.dumps(data_package(tables, version), ensure_ascii=False, indent=1))
    return buffer.getvalue()


# The CSV download as a Frictionless Data Package (https://specs.frictionlessdata.io/data-package/): a
# datapackage.json beside the CSV files, with a table schema for each, the licence, the version and the sources.
DATE_FIELDS = {
    "date_adopted",
    "valid_from",
    "valid_to",
    "assessed_on",
    "adopted_on",
    "in_force_on",
    "edition_date",
    "noted_on",
}
INTEGER_FIELDS = {"id", "year"}
PRIMARY_KEYS = {
    "jurisdictions": "code",
    "categories": "slug",
    "guarantees": "slug",
    "instruments": "slug",
    "provisions": "id",
    "amendments": "key",
    "sources": "key",
}
#: table -> [(field, referenced table, referenced field)]
FOREIGN_KEYS = {
    "categories": [("parent", "categories", "slug")],
    "guarantees": [("category", "categories", "slug")],
    "instruments": [("jurisdiction", "jurisdictions", "code")],
    "provisions": [("instrument", "instruments", "slug")],
    "assessments": [("guarantee", "guarantees", "slug"), ("jurisdiction", "jurisdictions", "code")],
    "amendments": [("jurisdiction", "jurisdictions", "code")],
    "not_yet_assessed": [("guarantee", "guarantees", "slug"), ("jurisdiction", "jurisdictions", "code")],
    "sources": [("known_through", "sources", "key")],
}
LICENSES = [
    {
        "name": "CC-BY-4.0",
        "title": "Creative Commons Attribution 4.0 International",
        "path": "https://creativecommons.org/licenses/by/4.0/",
    }
]


def field_type(name: str) -> str:
    if name in DATE_FIELDS:
        return "date"
    if name in INTEGER_FIELDS:
        return "integer"
    return "string"


def table_schema(name: str, rows: list[dict]) -> dict:
    schema = {"fields": [{"name": field, "type": field_type(field)} for field in rows[0]], "missingValues": [""]}
    if name in PRIMARY_KEYS:
        schema["primaryKey"] = [PRIMARY_KEYS[name]]
    keys = [
        {"fields": [field], "reference": {"resource": "" if table == name else table, "fields": [target]}}
        for field, table, target in FOREIGN_KEYS.get(name, [])
    ]
    if keys:
        schema["foreignKeys"] = keys
    return schema


def data_package(tables: dict[str, list[dict]], version: str) -> dict:
    """The descriptor of the CSV files: one tabular resource per non-empty table."""
    urls = Instrument.objects.exclude(official_url="").values_list("official_url", flat=True)
    hosts = sorted({url.split("/")[2] for url in urls})
    return {
        "profile": "tabular-data-package",
        "name": "electoral-rights-guarantees",
        "title": "Electoral-Rights Guarantees: A Comparative Knowledge Base",
        "description": LICENCE,
        "version": version,
        "created": timezone.now().replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "licenses": LICENSES,
        "sources": [
            {"title": f"Official texts of the instruments cited, as published at {host}", "path": f"https://{host}/"}
            for host in hosts
        ],
        "resources": [
            {
                "name": name,
                "path": f"{name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": table_schema(name, rows),
            }
            for name, rows in tables.items()
            if rows
        ],
    }
