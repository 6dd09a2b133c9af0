"""The language switcher and the marking of content shown in English for want of a translation."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import conditional_escape, format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """Each language with the URL of this same page, query string included, in that language."""
    request = context["request"]
    current = get_language()
    return [
        {"code": code, "name": name, "url": translate_url(request.get_full_path(), code), "current": code == current}
        for code, name in settings.LANGUAGES
    ]


@register.filter
def localized(obj, field: str):
    """The field in the page's language; where it is not translated yet, the English text, marked as such."""
    language = get_language()
    value = getattr(obj, field, "") or ""
    if language == settings.LANGUAGE_CODE or getattr(obj, f"{field}_{language}", None):
        # escaped here, and so safe: an HTML-aware filter after it (truncatewords_html) would otherwise escape
        # the text and autoescaping escape it again ("Voevodin&amp;#x27;s")
        return conditional_escape(value)
    return in_english(value)


@register.filter
def written_in_english(text: str):
    """A curator's prose kept in English only (why a cell is not yet assessed, a note, where an amending act was
    read): marked as English on the other languages' pages, so that browsers and screen readers read it so.
    A provision's `where_read` is not: it names Russian and Kazakh sources in their own words."""
    if get_language() == settings.LANGUAGE_CODE:
        return conditional_escape(text)
    return format_html('<span lang="en">{}</span>', text)


def in_english(text: str) -> str:
    """The English text standing in for a translation not made yet, marked as such."""
    return format_html(
        '<span lang="en">{}</span> <span class="fallback-mark" title="{}">EN</span>',
        text,
        _("Not yet translated; shown in English."),
    )
