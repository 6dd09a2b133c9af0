"""Ready-to-paste citations in two styles: an English legal style (after OSCOLA) and ГОСТ Р 7.0.5-2008.

Every function takes the access date, so that the same entry always gives the same text for a date.
"""

import datetime
from urllib.parse import parse_qsl, urlencode

from .choices import AssessmentStatus, InstrumentKind
from .models import Assessment, Guarantee, Instrument, Provision

SITE_EN = "Electoral-Rights Guarantees: A Comparative Knowledge Base"
SITE_RU = "Гарантии избирательных прав : сравнительная база знаний"
MONTHS_EN = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
#: code -> (name in Russian, the state in the Russian genitive, as acts are titled)
RUSSIAN_NAMES = {
    "KZ": ("Казахстан", "Республики Казахстан"),
    "RU": ("Россия", "Российской Федерации"),
    "KG": ("Кыргызстан", "Кыргызской Республики"),
}
KIND_EN = {
    InstrumentKind.CONSTITUTIONAL_LAW: "Constitutional Law",
    InstrumentKind.FEDERAL_LAW: "Federal Law",
    InstrumentKind.LAW: "Law",
    InstrumentKind.CODE: "Code",
    InstrumentKind.TREATY: "Treaty",
    InstrumentKind.CONSTITUTION: "Constitution",
}
KIND_RU = {
    InstrumentKind.CONSTITUTIONAL_LAW: "Конституционный закон",
    InstrumentKind.FEDERAL_LAW: "Федеральный закон",
    InstrumentKind.LAW: "Закон",
    InstrumentKind.CODE: "Кодекс",
    InstrumentKind.TREATY: "Международный договор",
    InstrumentKind.CONSTITUTION: "Конституция",
}
STATUS_RU = {
    AssessmentStatus.PROVIDED: "предусмотрена",
    AssessmentStatus.PARTIAL: "предусмотрена частично",
    AssessmentStatus.ABSENT: "не предусмотрена",
}


def english_date(date: datetime.date) -> str:
    return f"{date.day} {MONTHS_EN[date.month - 1]} {date.year}"


def russian_date(date: datetime.date) -> str:
    return date.strftime("%d.%m.%Y")


def pinpoint_en(provision: Provision) -> str:
    return f"art {provision.number}" + (f"({provision.paragraph})" if provision.paragraph else "")


def pinpoint_ru(provision: Provision) -> str:
    return f"Ст. {provision.number}" + (f", п. {provision.paragraph}" if provision.paragraph else "")


# Provisions: the act, then the article.
def instrument_en(instrument: Instrument) -> str:
    if instrument.kind in {InstrumentKind.CONSTITUTION, InstrumentKind.TREATY}:
        return instrument.title_en
    if instrument.kind == InstrumentKind.CODE:
        number = f" No {instrument.number}" if instrument.number else ""
        date = f" of {english_date(instrument.date_adopted)}" if instrument.date_adopted else ""
        return f"{instrument.title_en}{number}{date}"
    state = f" ({instrument.jurisdiction.name})" if instrument.jurisdiction_id else ""
    number = f" No {instrument.number}" if instrument.number else ""
    date = f" of {english_date(instrument.date_adopted)}" if instrument.date_adopted else ""
    return f"{KIND_EN[instrument.kind]}{state}{number}{date} ‘{instrument.title_en}’"


def instrument_ru(instrument: Instrument) -> str:
    if instrument.kind == InstrumentKind.CONSTITUTION:
        year = f" ({instrument.date_adopted.year})" if instrument.date_adopted else ""
        return f"{instrument.title_original}{year}"
    code = instrument.jurisdiction.code if instrument.jurisdiction_id else ""
    issuer = f" {RUSSIAN_NAMES[code][1]}" if code in RUSSIAN_NAMES else ""
    date = f" от {russian_date(instrument.date_adopted)}" if instrument.date_adopted else ""
    number = f" № {instrument.number}" if instrument.number else ""
    if instrument.kind == InstrumentKind.CODE:
        return f"{instrument.title_original}{date}{number}"
    return f"{instrument.title_original} : {KIND_RU[instrument.kind].lower()}{issuer}{date}{number}"


def provision_citations(provision: Provision) -> dict[str, str]:
    return {
        "en": f"{instrument_en(provision.instrument)}, {pinpoint_en(provision)}.",
        "ru": f"{instrument_ru(provision.instrument)}. {pinpoint_ru(provision)}.",
    }


# Entries of the knowledge base: web resources.
def guarantee_citations(guarantee: Guarantee, url: str, accessed: datetime.date) -> dict[str, str]:
    reviewed = f", last reviewed {english_date(guarantee.reviewed_at.date())}" if guarantee.reviewed_at else ""
    return {
        "en": f"‘{guarantee.name}’ ({SITE_EN}{reviewed}) <{url}> accessed {english_date(accessed)}.",
        "ru": f"{guarantee.name} // {SITE_RU}. URL: {url} (дата обращения: {russian_date(accessed)}).",
    }


def pinned_url(url: str, as_of: datetime.date | None, keep: tuple[str, ...] = ()) -> str:
    """The URL that keeps showing the law of `as_of`: `as_of` set, of the rest of the query only `keep`."""
    base, _, query = url.partition("?")
    kept = [(name, value) for name, value in parse_qsl(query) if name in keep]
    if as_of:
        kept.append(("as_of", as_of.isoformat()))
    return f"{base}?{urlencode(kept)}" if kept else base


def cell_citations(
    assessment: Assessment, url: str, accessed: datetime.date, as_of: datetime.date | None = None
) -> dict[str, str]:
    """A cell cited as of a date names the date and links to the page of that date's law."""
    guarantee, jurisdiction = assessment.guarantee, assessment.jurisdiction
    name_ru = RUSSIAN_NAMES.get(jurisdiction.code, (jurisdiction.name, ""))[0]
    checked = english_date(assessment.assessed_on)
    url = pinned_url(url, as_of)
    law_en = f", the law as of {english_date(as_of)}" if as_of else ""
    law_ru = f" (по состоянию на {russian_date(as_of)})" if as_of else ""
    return {
        "en": (
            f"‘{guarantee.name} — {jurisdiction.name}: {assessment.status}’ ({SITE_EN}, assessed {checked}{law_en}) "
            f"<{url}> accessed {english_date(accessed)}."
        ),
        "ru": (
            f"{guarantee.name} — {name_ru} : {STATUS_RU[assessment.status]}{law_ru} // {SITE_RU}. "
            f"URL: {url} (дата обращения: {russian_date(accessed)})."
        ),
    }


def article_citations(provision: Provision, url: str, as_of: datetime.date | None = None) -> dict[str, str]:
    """An article (its history page) cited as of a date: the wording of that date, and a URL that keeps it."""
    cited = provision_citations(provision)
    if as_of is None:
        return cited
    url = pinned_url(url, as_of, keep=("para",))
    return {
        "en": f"{cited['en'][:-1]}, as in force on {english_date(as_of)} <{url}>.",
        "ru": f"{cited['ru'][:-1]} (в ред., действовавшей на {russian_date(as_of)}). URL: {url}.",
    }
