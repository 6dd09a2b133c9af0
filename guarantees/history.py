"""An article's history: its wordings in legal time, the act that brought each, and word-level differences.

The difference compares words, not characters, after normalising what is not an amendment: runs of white space,
the kinds of quotation marks and dashes, punctuation around a word, letter case and ё/е. What is shown is the
text as read (escaped), with deleted words in <del> and inserted words in <ins>.
"""

import datetime
import difflib
import re
import unicodedata
from dataclasses import dataclass, field

from django.db.models import F
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .models import Instrument, Provision

WORD = re.compile(r"\S+")
#: Characters that are not words: punctuation of every Unicode kind (quotes, dashes, brackets) and symbols.
NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)
#: The key for a wording with no start date in `?a=` / `?b=`: it stands from the start of the record.
ORIGIN = "origin"


def word_key(token: str) -> str:
    """What a word is for comparison: without punctuation, quotes or case, with ё as е, in NFKC."""
    token = unicodedata.normalize("NFKC", token).casefold().replace("ё", "е")
    return NOT_WORD.sub("", token)


def tokens(text: str) -> list[tuple[str, str]]:
    """(as read, key) for each word; punctuation standing alone (a dash, a quote) joins the word before it."""
    words: list[tuple[str, str]] = []
    for match in WORD.finditer(text or ""):
        shown, key = match.group(), word_key(match.group())
        if not key:
            if words:
                words[-1] = (f"{words[-1][0]} {shown}", words[-1][1])
            else:
                words.append((shown, ""))
            continue
        words.append((shown, key))
    return words


@dataclass
class Difference:
    html: SafeString
    inserted: int = 0
    deleted: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.inserted or self.deleted)


def word_diff(old: str, new: str) -> Difference:
    """The word-level difference between two wordings, normalised; <ins>/<del> around what changed, escaped."""
    before, after = tokens(old), tokens(new)
    matcher = difflib.SequenceMatcher(a=[key for _, key in before], b=[key for _, key in after], autojunk=False)
    parts: list[str] = []
    inserted = deleted = 0

    def shown(words):
        return escape(" ".join(word for word, _ in words))

    for operation, a1, a2, b1, b2 in matcher.get_opcodes():
        if operation == "equal":
            parts.append(shown(after[b1:b2]))
            continue
        if a2 > a1:
            parts.append(f"<del>{shown(before[a1:a2])}</del>")
            deleted += a2 - a1
        if b2 > b1:
            parts.append(f"<ins>{shown(after[b1:b2])}</ins>")
            inserted += b2 - b1
    return Difference(mark_safe(" ".join(parts)), inserted, deleted)  # noqa: S308 - every part is escaped


def same_wording(old: str, new: str) -> bool:
    """True when two texts differ only in what the difference does not report (spaces, quotes, punctuation)."""
    return [key for _, key in tokens(old)] == [key for _, key in tokens(new)]


def wording_key(provision: Provision) -> str:
    return provision.valid_from.isoformat() if provision.valid_from else ORIGIN


@dataclass
class Wording:
    provision: Provision
    acts: list = field(default_factory=list)
    #: The difference from the wording before it, when there is one.
    difference: Difference | None = None

    @property
    def key(self) -> str:
        return wording_key(self.provision)

    @property
    def brought_by_instrument(self) -> bool:
        """The first wording, starting when the instrument itself entered into force: no amending act brought it."""
        instrument = self.provision.instrument
        return (
            not self.acts
            and self.provision.valid_from is not None
            and self.provision.valid_from
            in (
                instrument.in_force_from,
                instrument.date_adopted,
            )
        )


def article_wordings(instrument: Instrument, number: str, paragraph: str = "") -> list[Wording]:
    """Every published wording of one article, oldest first, each with its acts and its difference from the one
    before. Two queries: the wordings, and their acts."""
    provisions = list(
        Provision.objects.published()
        .filter(instrument=instrument, number=number, paragraph=paragraph)
        .select_related("instrument__jurisdiction")
        .prefetch_related("amendments")
        .order_by(F("valid_from").asc(nulls_first=True))
    )
    wordings: list[Wording] = []
    for provision in provisions:
        wording = Wording(provision, acts=list(provision.amendments.all()))
        if wordings:
            wording.difference = word_diff(wordings[-1].provision.text_original, provision.text_original)
        wordings.append(wording)
    return wordings


def wording_on(wordings: list[Wording], on_date: datetime.date) -> Wording | None:
    return next((wording for wording in wordings if wording.provision.holds_on(on_date)), None)


def articles_with_history(instrument: Instrument) -> set[tuple[str, str]]:
    """(number, paragraph) of the instrument's articles with more than one published wording: one query."""
    from django.db.models import Count

    rows = (
        Provision.objects.published()
        .filter(instrument=instrument)
        .values("number", "paragraph")
        .annotate(wordings=Count("pk"))
        .filter(wordings__gt=1)
        .order_by()
    )
    return {(row["number"], row["paragraph"]) for row in rows}
