"""Ready-to-paste citations in two styles: an English legal style (after OSCOLA) and ГОСТ Р 7.0.5-2008.

Every function takes the access date, so that the same entry always gives the same text for a date.
"""

import datetime

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


def russian_name(guarantee: Guarantee) -> str:
    """The guarantee's Russian name, whatever the page's language, so that a ГОСТ citation is wholly Russian;
    the English one only where no Russian name is stored yet."""
    return getattr(guarantee, "name_ru", "") or guarantee.name_en or guarantee.name


# Entries of the knowledge base: web resources.
def guarantee_citations(guarantee: Guarantee, url: str, accessed: datetime.date) -> dict[str, str]:
    reviewed = f", last reviewed {english_date(guarantee.reviewed_at.date())}" if guarantee.reviewed_at else ""
    return {
        "en": f"‘{guarantee.name}’ ({SITE_EN}{reviewed}) <{url}> accessed {english_date(accessed)}.",
        "ru": f"{russian_name(guarantee)} // {SITE_RU}. URL: {url} (дата обращения: {russian_date(accessed)}).",
    }


def cell_citations(assessment: Assessment, url: str, accessed: datetime.date) -> dict[str, str]:
    guarantee, jurisdiction = assessment.guarantee, assessment.jurisdiction
    name_ru = RUSSIAN_NAMES.get(jurisdiction.code, (jurisdiction.name, ""))[0]
    checked = english_date(assessment.assessed_on)
    return {
        "en": (
            f"‘{guarantee.name} — {jurisdiction.name}: {assessment.status}’ ({SITE_EN}, assessed {checked}) "
            f"<{url}> accessed {english_date(accessed)}."
        ),
        "ru": (
            f"{russian_name(guarantee)} — {name_ru} : {STATUS_RU[assessment.status]} // {SITE_RU}. "
            f"URL: {url} (дата обращения: {russian_date(accessed)})."
        ),
    }
