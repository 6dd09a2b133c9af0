"""Seed the amending acts from data/amendments/<code>.yaml (written from the registers), all or nothing.

A wording or an assessment period is linked to an act only where a register says which act brought it.

- KZ: `kz-versions.tsv` names the act behind each version of the KZ elections law, so a provision of that law
  whose wording starts on the day of that version was brought by that act, and an assessment whose period opens
  or closes on that day and which cites such a wording was opened or closed by it.
- Elsewhere (KG, RU) the registers list the acts with their dates and the instrument each amends, but few
  wordings are dated. An act's day is its date of entry into force, or, where that was not read, its date of
  adoption. Its instruments are the row's `amends` (instrument slugs), or else the instruments its
  `articles_changed` names in the register's short form ("67-FZ"), or else the law the register lists the
  amending acts of. The act brought the wordings of those instruments that start on its day, opened the
  assessment periods that start on its day and closed those that end the day before, where the period cites a
  provision of one of those instruments. An act with no date, or tied to no instrument, is linked to nothing.
"""

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from django.db import transaction
from django.db.models import Q

from .content import DATA_DIR, ContentError
from .models import Amendment, Assessment, Jurisdiction, Provision

FIELDS = [
    "number",
    "title",
    "adopted_on",
    "in_force_on",
    "in_force_note",
    "link",
    "articles_changed",
    "summary",
    "where_read",
    "confidence",
]

#: The instrument whose versions a jurisdiction's register lists, act by act.
VERSIONED_INSTRUMENT = {"kz": "kz-elections-law"}

#: The law whose amending acts a jurisdiction's register lists, for a row that names no instrument.
REGISTER_INSTRUMENT = {"kg": "kg-elections-law"}

#: How a register's `articles_changed` names an instrument ("67-FZ art. 4; 20-FZ art. 4"), and its slug.
INSTRUMENT_NAMES = {"ru": (re.compile(r"\b(\d+)-FZ\b"), "ru-{}-fz")}


@dataclass
class AmendmentReport:
    amendments: int = 0
    provisions: int = 0
    assessments: int = 0

    def summary(self) -> str:
        return (
            f"{self.amendments} amending acts, linked to {self.provisions} wordings"
            f" and {self.assessments} assessment periods."
        )


def read(path: Path) -> list[dict]:
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise ContentError(f"{path.name}: not valid YAML ({error}).") from error
    rows = document.get("amendments", [])
    for index, row in enumerate(rows, 1):
        for required in ("key", "title", "where_read"):
            if not row.get(required):
                raise ContentError(f"{path.name}, amendment {index}: “{required}” is required.")
    return rows


@transaction.atomic
def load_amendments(data_dir: Path = DATA_DIR) -> AmendmentReport:
    report = AmendmentReport()
    for path in sorted((data_dir / "amendments").glob("*.yaml")):
        jurisdiction = Jurisdiction.objects.filter(code__iexact=path.stem).first()
        if jurisdiction is None:
            raise ContentError(f"{path.name}: no jurisdiction “{path.stem}”.")
        for row in read(path):
            values = {
                field: row.get(field) or ("" if field not in ("adopted_on", "in_force_on") else None)
                for field in FIELDS
            }
            amendment, _ = Amendment.objects.update_or_create(
                key=row["key"], jurisdiction=jurisdiction, defaults=values
            )
            amendment.full_clean()
            report.amendments += 1
            if path.stem in VERSIONED_INSTRUMENT:
                link(amendment, path.stem, report)
            else:
                link_by_instrument(amendment, amended_instruments(row, path.stem), report)
    return report


def amended_instruments(row: dict, code: str) -> list[str]:
    """The slugs of the instruments a register row says the act amends."""
    if "amends" in row:
        amends = row["amends"] or []
        return [amends] if isinstance(amends, str) else list(amends)
    if code in INSTRUMENT_NAMES:
        pattern, slug = INSTRUMENT_NAMES[code]
        names = pattern.findall(row.get("articles_changed") or "")
        return list(dict.fromkeys(slug.format(name) for name in names))
    return [REGISTER_INSTRUMENT[code]] if code in REGISTER_INSTRUMENT else []


def link_by_instrument(amendment: Amendment, instruments: list[str], report: AmendmentReport) -> None:
    day = amendment.in_force_on or amendment.adopted_on
    if day is None or not instruments:
        return
    provisions = Provision.objects.filter(instrument__slug__in=instruments, valid_from=day)
    assessments = Assessment.objects.filter(
        Q(valid_from=day) | Q(valid_to=day - datetime.timedelta(days=1)),
        jurisdiction=amendment.jurisdiction,
        provisions__instrument__slug__in=instruments,
    ).distinct()
    amendment.provisions.add(*provisions)
    amendment.assessments.add(*assessments)
    report.provisions += amendment.provisions.count()
    report.assessments += amendment.assessments.count()


def link(amendment: Amendment, code: str, report: AmendmentReport) -> None:
    instrument = VERSIONED_INSTRUMENT.get(code)
    if instrument is None or amendment.in_force_on is None:
        return
    day = amendment.in_force_on
    provisions = Provision.objects.filter(instrument__slug=instrument, valid_from=day)
    assessments = Assessment.objects.filter(
        Q(valid_from=day) | Q(valid_to=day), jurisdiction=amendment.jurisdiction, provisions__in=provisions
    ).distinct()
    amendment.provisions.add(*provisions)
    amendment.assessments.add(*assessments)
    report.provisions += amendment.provisions.count()
    report.assessments += amendment.assessments.count()
