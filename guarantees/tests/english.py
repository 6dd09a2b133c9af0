"""English interface strings on a page in another language: the check behind the walk of /ru/ and /kk/.

The interface's English is the msgids of the .po files that have a translation different from the msgid (so a
word spelt alike in both, like "API" or "CSV", is not one); a text node, attribute or option that is exactly one
of them, a citation written in English ("art. 51", "No. 67-FZ"), or a date standing alone in ISO form
("2026-07-01" where the language writes 01.07.2026), is English on a page that is not.
Content that has no translation yet is not interface and is not looked for: it is whole sentences in a text node,
never exactly an interface string.
"""

import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

from django.conf import settings

#: citation patterns the interface writes around instrument and article numbers
ENGLISH_CITATION = re.compile(r"\b(?:art\.|arts\.|No\.)\s*\d|\bFederal Law No\b|\bConstitutional Law No\b")
#: a date the interface writes alone (a <time>, a date in brackets) in ISO form: a page not in English writes 02.12.2026
ISO_DATE_ALONE = re.compile(r"^\(?\d{4}-\d{2}-\d{2}\)?$")
#: a citation the interface writes is short; a longer text node with "art. 5" in it is content (a note on where
#: a text was read, a translated title), not interface
CITATION_LENGTH = 100
#: each language's own name in the language switcher
LANGUAGE_NAMES = {"English"}
#: attributes a reader sees or hears
READ_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt"}
#: shorter msgids are not looked for
WHOLE_WORDS_ONLY = 3


def parse_po(path: Path) -> dict[str, str]:
    entries, msgid, msgstr, current = {}, None, None, None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("msgid "):
            if msgid is not None:
                entries[msgid] = msgstr
            msgid, msgstr, current = eval_po(line[6:]), "", "msgid"
        elif line.startswith("msgstr "):
            msgstr, current = eval_po(line[7:]), "msgstr"
        elif line.startswith('"') and current == "msgid":
            msgid += eval_po(line)
        elif line.startswith('"') and current == "msgstr":
            msgstr += eval_po(line)
        elif line.startswith("msgid_plural") or line.startswith("msgstr["):
            current = None
    if msgid is not None:
        entries[msgid] = msgstr
    return entries


def eval_po(quoted: str) -> str:
    return quoted.strip()[1:-1].replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")


@cache
def english_interface_strings() -> frozenset[str]:
    strings = set()
    for language in ("ru", "kk"):
        path = Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po"
        for msgid, msgstr in parse_po(path).items():
            if msgid and msgstr and msgstr != msgid and "%(" not in msgid and "{" not in msgid:
                text = normalise(msgid)
                if len(text) >= WHOLE_WORDS_ONLY and re.search(r"[A-Za-z]{3}", text):
                    strings.add(text)
    return frozenset(strings)


def normalise(text: str) -> str:
    return " ".join(text.split()).strip(" :·—–-")


class _Texts(HTMLParser):
    """The text nodes and read attributes of a page, without code and without what the page marks
    `translate="no"` (a string as read, such as an edition's description, is content, not interface)."""

    SKIPPED = {"script", "style", "code", "pre"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts, self.skipping = [], 0
        self.untranslated: list[str] = []  # the open elements marked translate="no", innermost last

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIPPED:
            self.skipping += 1
        if ("translate", "no") in attrs or (self.untranslated and tag == self.untranslated[0]):
            self.untranslated.append(tag)
        for name, value in attrs:
            if name in READ_ATTRIBUTES and value:
                self.texts.append(value)

    def handle_endtag(self, tag):
        if tag in self.SKIPPED and self.skipping:
            self.skipping -= 1
        if self.untranslated and tag == self.untranslated[-1]:
            self.untranslated.pop()

    def handle_data(self, data):
        if not self.skipping and not self.untranslated and data.strip():
            self.texts.append(data)


def texts_of(html: str) -> list[str]:
    parser = _Texts()
    parser.feed(html)
    return parser.texts


def english_on(html: str) -> list[str]:
    """The English interface strings, English citations and ISO dates found on the page, each once."""
    english = english_interface_strings()
    found = []
    for text in texts_of(html):
        text = normalise(text)
        if text in LANGUAGE_NAMES:
            continue
        if (
            text in english
            or ISO_DATE_ALONE.match(text)
            or (len(text) <= CITATION_LENGTH and ENGLISH_CITATION.search(text))
        ):
            found.append(text)
    return sorted(set(found))
