"""Bulk import of provisions and assessments from CSV: checked whole, then written whole or not at all.

A file is refused whole when it is not UTF-8, is not well-formed CSV, lacks a required column or names one
twice, or has any bad row; every bad row is reported with its line number and reason. Rows are checked
against the database and against each other (one open-ended wording of an article, no overlapping
assessments), and whatever the database still refuses when the rows are written undoes the whole import.
New entries arrive as drafts; a change to a published entry becomes a proposal awaiting review, like an
edit in the admin.
"""

import csv
import datetime
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction
from django.utils.translation import gettext as _

from . import workflow
from .choices import AssessmentStatus, TextKind, Verification
from .models import Assessment, Guarantee, Instrument, Jurisdiction, Provision
from .models.law import validate_article_number

MAX_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class Format:
    name: str
    required: list[str]
    optional: list[str]

    @property
    def columns(self) -> list[str]:
        return self.required + self.optional


FORMATS = {
    "provisions": Format(
        "provisions",
        required=["jurisdiction", "instrument", "article", "verification", "where_read"],
        optional=[
            "paragraph",
            "heading_original",
            "heading_en",
            "text_original",
            "text_kind",
            "text_en",
            "valid_from",
            "valid_to",
        ],
    ),
    "assessments": Format(
        "assessments",
        required=["guarantee", "jurisdiction", "status", "provisions"],
        optional=["commentary", "assessed_on", "valid_from", "valid_to"],
    ),
}


@dataclass
class Planned:
    line: int
    action: str  # "create", "update" or "propose"
    label: str
    apply: object = None


@dataclass
class ImportReport:
    errors: list[tuple[int, str]] = field(default_factory=list)
    planned: list[Planned] = field(default_factory=list)
    applied: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


class RowError(Exception):
    pass


def read_rows(data: bytes, fmt: Format, report: ImportReport) -> list[tuple[int, dict]]:
    if len(data) > MAX_BYTES:
        report.errors.append((0, _("The file is larger than %(size)s KB.") % {"size": MAX_BYTES // 1024}))
        return []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        report.errors.append(
            (0, _("The file is not UTF-8 text (byte %(byte)s); save it as CSV UTF-8.") % {"byte": error.start})
        )
        return []
    if "\x00" in text:
        report.errors.append((0, _("The file contains NUL characters; it is not a CSV text file.")))
        return []
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [name.strip() for name in reader.fieldnames or []]
    except csv.Error as error:
        report.errors.append((1, _("Malformed CSV header: %(error)s") % {"error": error}))
        return []
    repeated = sorted({name for name in header if header.count(name) > 1})
    if repeated:
        report.errors.append((1, _("Columns named twice: %(names)s.") % {"names": ", ".join(repeated)}))
        return []
    missing = [name for name in fmt.required if name not in header]
    unknown = [name for name in header if name not in fmt.columns]
    if missing or unknown:
        if missing:
            report.errors.append((1, _("Missing required columns: %(names)s.") % {"names": ", ".join(missing)}))
        if unknown:
            report.errors.append(
                (
                    1,
                    _("Unknown columns: %(names)s. Expected: %(expected)s.")
                    % {"names": ", ".join(unknown), "expected": ", ".join(fmt.columns)},
                )
            )
        return []
    reader.fieldnames = header
    rows = []
    starts_on = reader.line_num + 1
    try:
        for row in reader:
            if None in row:
                report.errors.append((reader.line_num, _("The row has more cells than the header.")))
            else:
                rows.append((reader.line_num, {key: (value or "").strip() for key, value in row.items()}))
            starts_on = reader.line_num + 1
    except csv.Error as error:
        report.errors.append(
            (
                starts_on,
                _("Malformed CSV: %(error)s. A quoted cell must close its quote before the next comma or row.")
                % {"error": error},
            )
        )
    if not rows and not report.errors:
        report.errors.append((1, _("The file has a header but no rows.")))
    return rows


def parse_date(row: dict, name: str) -> datetime.date | None:
    if not row.get(name):
        return None
    try:
        return datetime.date.fromisoformat(row[name])
    except ValueError:
        raise RowError(
            _("%(name)s must be a date written YYYY-MM-DD, not “%(value)s”.") % {"name": name, "value": row[name][:20]}
        ) from None


def choice(row: dict, name: str, choices, default: str | None = None) -> str:
    value = row.get(name) or default
    if value not in choices.values:
        raise RowError(f"{name} must be one of {', '.join(choices.values)}, not “{(value or '')[:20]}”.")
    return value


class Importer:
    def __init__(self, kind: str, user):
        self.format = FORMATS[kind]
        self.user = user
        self.jurisdictions = {j.code: j for j in Jurisdiction.objects.all()}
        self.keys_seen: dict[tuple, int] = {}
        self.earlier_rows: dict[tuple, list[tuple[int, Provision | Assessment]]] = {}

    def run(self, data: bytes, dry_run: bool) -> ImportReport:
        report = ImportReport()
        for line, row in read_rows(data, self.format, report):
            try:
                report.planned.append(self.plan(line, row))
            except (RowError, ValidationError) as error:
                message = "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)
                report.errors.append((line, message))
        if report.errors or dry_run:
            return report
        self.apply(report)
        return report

    def apply(self, report: ImportReport) -> None:
        """Write every planned row, or none: a row the database refuses undoes the rows written before it."""
        planned = None
        try:
            with transaction.atomic():
                for planned in report.planned:
                    planned.apply()
        except (IntegrityError, DataError, ValidationError) as error:
            refusal = "; ".join(error.messages) if isinstance(error, ValidationError) else str(error).splitlines()[0]
            report.errors.append(
                (planned.line, f"The database refused {planned.label} ({refusal}); nothing was imported.")
            )
            return
        report.applied = True

    def plan(self, line: int, row: dict) -> Planned:
        return self.plan_provision(line, row) if self.format.name == "provisions" else self.plan_assessment(line, row)

    def jurisdiction(self, row: dict) -> Jurisdiction:
        code = row["jurisdiction"].upper()
        if code not in self.jurisdictions:
            raise RowError(
                f"Unknown jurisdiction “{row['jurisdiction'][:10]}”. Known: {', '.join(self.jurisdictions)}."
            )
        return self.jurisdictions[code]

    def once(self, key: tuple, line: int) -> None:
        if key in self.keys_seen:
            raise RowError(_("The same entry is already on line %(line)s.") % {"line": self.keys_seen[key]})
        self.keys_seen[key] = line

    # Provisions.
    def plan_provision(self, line: int, row: dict) -> Planned:
        jurisdiction = self.jurisdiction(row)
        instrument = Instrument.objects.filter(slug=row["instrument"], jurisdiction=jurisdiction).first()
        if instrument is None:
            raise RowError(f"No instrument “{row['instrument'][:40]}” in {jurisdiction.code}.")
        number = row["article"]
        try:
            validate_article_number(number)
        except ValidationError as error:
            raise RowError(f"article “{number[:20]}”: {' '.join(error.messages)}") from None
        if not row["where_read"]:
            raise RowError(_("where_read is required: say where the article was read."))
        values = {
            "heading_original": row.get("heading_original", ""),
            "heading_en": row.get("heading_en", ""),
            "text_original": row.get("text_original", ""),
            "text_kind": choice(row, "text_kind", TextKind, default=TextKind.VERBATIM),
            "text_en": row.get("text_en", ""),
            "verification": self.verification(row),
            "where_read": row["where_read"],
            "valid_to": parse_date(row, "valid_to"),
        }
        key = {
            "instrument": instrument,
            "number": number,
            "paragraph": row.get("paragraph", ""),
            "valid_from": parse_date(row, "valid_from"),
        }
        self.once(("provision", instrument.pk, number, key["paragraph"], key["valid_from"]), line)
        existing = Provision.objects.filter(**key).first()
        candidate = existing or Provision(**key)
        label = f"{instrument} art. {number}"
        return self.planned(line, label, candidate, existing, values, many={})

    # Assessments.
    def plan_assessment(self, line: int, row: dict) -> Planned:
        jurisdiction = self.jurisdiction(row)
        guarantee = Guarantee.objects.filter(slug=row["guarantee"]).first()
        if guarantee is None:
            raise RowError(f"No guarantee “{row['guarantee'][:60]}”.")
        status = choice(row, "status", AssessmentStatus)
        provisions = [self.resolve(reference, jurisdiction) for reference in split_references(row["provisions"])]
        problems = Assessment(jurisdiction=jurisdiction, status=status).provision_problems(provisions)
        if problems:
            raise RowError(" ".join(problems))
        values = {
            "status": status,
            "commentary": row.get("commentary", ""),
            "assessed_on": parse_date(row, "assessed_on") or datetime.date.today(),
            "valid_to": parse_date(row, "valid_to"),
        }
        key = {"guarantee": guarantee, "jurisdiction": jurisdiction, "valid_from": parse_date(row, "valid_from")}
        self.once(("assessment", guarantee.pk, jurisdiction.pk, key["valid_from"]), line)
        existing = Assessment.objects.filter(**key).first()
        candidate = existing or Assessment(**key)
        label = f"{guarantee} — {jurisdiction.code}"
        return self.planned(line, label, candidate, existing, values, many={"provisions": provisions})

    def verification(self, row: dict) -> str:
        value = choice(row, "verification", Verification)
        if value == Verification.OFFICIAL and not workflow.can_verify(self.user):
            raise RowError(_("verification “official” is set only by a reviewer: import it as secondary or unchecked."))
        return value

    def resolve(self, reference: str, jurisdiction: Jurisdiction) -> Provision:
        slug, _, rest = reference.partition(":")
        number, _, paragraph = rest.partition(":")
        matches = list(
            Provision.objects.filter(
                instrument__slug=slug.strip(), number=number.strip(), paragraph=paragraph.strip()
            ).select_related("instrument")
        )
        if len(matches) != 1:
            raise RowError(
                f"The provision “{reference[:60]}” " + ("does not exist." if not matches else "is ambiguous.")
            )
        if matches[0].instrument.jurisdiction_id != jurisdiction.pk:
            raise RowError(f"The provision “{reference[:60]}” is not of {jurisdiction.code}.")
        return matches[0]

    # Shared: check the candidate as the database will, and against the file's earlier rows, then plan the write.
    def planned(self, line, label, candidate, existing, values, many) -> Planned:
        for name, value in values.items():
            setattr(candidate, name, value)
        candidate.full_clean()
        self.check_against_earlier_rows(line, candidate)
        if existing is not None and existing.is_published:
            changes = {**values, **many}

            def apply():
                fresh = type(existing).objects.get(pk=existing.pk)
                workflow.propose(fresh, changes, self.user)

            return Planned(line, "propose", label, apply)

        def apply():
            candidate.save()
            for name, items in many.items():
                getattr(candidate, name).set(items)

        return Planned(line, "update" if existing else "create", label, apply)

    def check_against_earlier_rows(self, line: int, candidate: Provision | Assessment) -> None:
        """The rules that span rows, between this row and the file's earlier ones; `full_clean` has checked
        the stored rows. One open-ended wording of an article; no two assessments of a guarantee in a
        jurisdiction whose validity overlaps (`Validity.overlaps`, the rule of `Assessment.clean`)."""
        if isinstance(candidate, Provision):
            group = ("provision", candidate.instrument_id, candidate.number, candidate.paragraph)
        else:
            group = ("assessment", candidate.guarantee_id, candidate.jurisdiction_id)
        for other_line, other in self.earlier_rows.get(group, []):
            if isinstance(candidate, Provision) and candidate.valid_to is None and other.valid_to is None:
                raise RowError(
                    f"Line {other_line} is an open-ended wording of the same article: only one wording may have "
                    "no valid_to."
                )
            if isinstance(candidate, Assessment) and candidate.overlaps(other):
                raise RowError(
                    f"Its validity overlaps the assessment on line {other_line} of the same guarantee in the "
                    "same jurisdiction."
                )
        self.earlier_rows.setdefault(group, []).append((line, candidate))


def split_references(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[;\n]", text) if part.strip()]


def template_csv(kind: str) -> str:
    fmt = FORMATS[kind]
    example = {
        "provisions": [
            "KZ",
            "kz-elections-law",
            "20-1",
            "official",
            "kazakhstan-law/codes:…@commit",
            "",
            "Наблюдатели",
            "Observers",
            "",
            "verbatim",
            "",
            "",
            "",
        ],
        "assessments": [
            "domestic-observers",
            "KZ",
            "provided",
            "kz-elections-law:20-1",
            "Our summary.",
            "2026-11-25",
            "",
            "",
        ],
    }[kind]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(fmt.columns)
    writer.writerow(example)
    return buffer.getvalue()
