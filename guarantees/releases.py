"""The changelog of content releases (`data/releases.yaml`), in the reader's language."""

import datetime
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from django.utils.translation import get_language

RELEASES_FILE = Path(__file__).parent / "data" / "releases.yaml"


@dataclass(frozen=True)
class Release:
    date: datetime.date
    summaries: dict[str, str]

    @property
    def summary(self) -> str:
        language = (get_language() or "en").split("-")[0]
        return self.summaries.get(language) or self.summaries["en"]


@cache
def content_releases() -> tuple[Release, ...]:
    entries = yaml.safe_load(RELEASES_FILE.read_text(encoding="utf-8"))["releases"]
    return tuple(
        Release(
            date=entry["date"],
            summaries={key.removeprefix("summary_"): text for key, text in entry.items() if key.startswith("summary_")},
        )
        for entry in entries
    )
