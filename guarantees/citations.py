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
            f"{russian_name(guarantee)} — {name_ru} : {STATUS_RU[assessment.status]}{law_ru} // {SITE_RU}. "
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


# For reference managers: CSL-JSON items, and BibTeX and RIS written from them, so that the three agree.
CSL_CONTENT_TYPE = "application/vnd.citationstyles.csl+json"
FORMATS = {
    "csl.json": (CSL_CONTENT_TYPE, "CSL-JSON"),
    "bib": ("application/x-bibtex", "BibTeX"),
    "ris": ("application/x-research-info-systems", "RIS"),
}


def date_parts(date: datetime.date) -> dict:
    return {"date-parts": [[date.year, date.month, date.day]]}


def csl_provision(provision: Provision, url: str) -> dict:
    """The act as CSL `legislation`, in its original language, with the article as locator."""
    instrument = provision.instrument
    item = {
        "id": f"{instrument.slug}-{provision.anchor}",
        "type": "legislation",
        "title": instrument.title_original,
        "title-short": instrument.short_title_original or instrument.short_title,
        "translated-title": instrument.title_en,
        "language": instrument.language,
        "locator": f"{provision.number}" + (f"({provision.paragraph})" if provision.paragraph else ""),
        "section": pinpoint_ru(provision),
        "URL": instrument.official_url or url,
    }
    if instrument.number:
        item["number"] = instrument.number
    if instrument.jurisdiction_id:
        item["jurisdiction"] = instrument.jurisdiction.code.lower()
        item["authority"] = RUSSIAN_NAMES.get(instrument.jurisdiction.code, (instrument.jurisdiction.name,))[0]
    if instrument.date_adopted:
        item["issued"] = date_parts(instrument.date_adopted)
    if provision.edition_date:
        item["version"] = provision.edition_date.isoformat()
    return item


def csl_entry(item_id: str, title: str, url: str, accessed: datetime.date, issued=None) -> dict:
    """An entry of the knowledge base: a web page of the site."""
    item = {
        "id": item_id,
        "type": "webpage",
        "title": title,
        "container-title": SITE_EN,
        "URL": url,
        "accessed": date_parts(accessed),
        "language": "en",
    }
    if issued:
        item["issued"] = date_parts(issued)
    return item


def csl_guarantee(guarantee: Guarantee, url: str, accessed: datetime.date) -> dict:
    reviewed = guarantee.reviewed_at.date() if guarantee.reviewed_at else None
    return csl_entry(guarantee.slug, guarantee.name_en or guarantee.name, url, accessed, reviewed)


def csl_cell(assessment: Assessment, url: str, accessed: datetime.date) -> dict:
    guarantee, jurisdiction = assessment.guarantee, assessment.jurisdiction
    title = f"{guarantee.name_en or guarantee.name} — {jurisdiction.name_en or jurisdiction.name}: {assessment.status}"
    return csl_entry(f"{guarantee.slug}-{jurisdiction.code.lower()}", title, url, accessed, assessment.assessed_on)


def bibtex_escape(text: str) -> str:
    return "".join("\\" + char if char in "{}&%$#_" else char for char in str(text))


def bibtex(item: dict) -> str:
    """@misc, which every BibTeX style reads; the article of an act in `note`."""
    fields = {"title": "{" + bibtex_escape(item["title"]) + "}"}
    if item.get("number"):
        fields["number"] = "{" + bibtex_escape(item["number"]) + "}"
    if item.get("issued"):
        year, month, day = item["issued"]["date-parts"][0]
        fields["year"] = f"{{{year}}}"
        fields["date"] = f"{{{year:04d}-{month:02d}-{day:02d}}}"
    if item.get("container-title"):
        fields["howpublished"] = "{" + bibtex_escape(item["container-title"]) + "}"
    if item.get("section"):
        fields["note"] = "{" + bibtex_escape(item["section"]) + "}"
    if item.get("language"):
        fields["language"] = "{" + item["language"] + "}"
    fields["url"] = "{" + item["URL"] + "}"
    if item.get("accessed"):
        year, month, day = item["accessed"]["date-parts"][0]
        fields["urldate"] = f"{{{year:04d}-{month:02d}-{day:02d}}}"
    key = item["id"].replace("-", "_")
    body = ",\n".join(f"  {name} = {value}" for name, value in fields.items())
    return f"@misc{{{key},\n{body}\n}}\n"


def ris_date(parts: dict) -> str:
    year, month, day = parts["date-parts"][0]
    return f"{year:04d}/{month:02d}/{day:02d}/"


def ris(item: dict) -> str:
    """RIS: STAT (statute) for an act, ELEC (web page) for an entry of the knowledge base."""
    lines = [("TY", "STAT" if item["type"] == "legislation" else "ELEC"), ("ID", item["id"]), ("TI", item["title"])]
    if item.get("title-short"):
        lines.append(("ST", item["title-short"]))
    if item.get("container-title"):
        lines.append(("T2", item["container-title"]))
    if item.get("number"):
        lines.append(("M1", item["number"]))
    if item.get("section"):
        lines.append(("SE", item["section"]))
    if item.get("issued"):
        lines += [("PY", str(item["issued"]["date-parts"][0][0])), ("DA", ris_date(item["issued"]))]
    if item.get("authority"):
        lines.append(("CY", item["authority"]))
    if item.get("language"):
        lines.append(("LA", item["language"]))
    lines.append(("UR", item["URL"]))
    if item.get("accessed"):
        lines.append(("Y2", ris_date(item["accessed"])))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {value}\r\n" for tag, value in lines)


def render_citation(item: dict, fmt: str) -> str:
    import json

    if fmt == "csl.json":
        return json.dumps([item], ensure_ascii=False, indent=1)
    if fmt == "bib":
        return bibtex(item)
    return ris(item)
