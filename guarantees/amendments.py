"""Seed the amending acts from data/amendments/<code>.yaml (written from the registers), all or nothing.

A wording or an assessment period is linked to an act only where a register says which act brought it:
`kz-versions.tsv` names the act behind each version of the KZ elections law, so a provision of that law whose
wording starts on the day of that version was brought by that act, and an assessment whose period opens or
closes on that day and which cites such a wording was opened or closed by it. Nothing else is linked.
"""

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
            link(amendment, path.stem, report)
    return report


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
