"""A cell's status and a provision's verification, as badges.

Tags rather than included templates: lists and the comparison show hundreds of them a page.
"""

import functools

from django import template
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from ..choices import NOT_ASSESSED, AssessmentStatus, Verification

register = template.Library()

SYMBOLS = {AssessmentStatus.PROVIDED: "✓", AssessmentStatus.PARTIAL: "◐", AssessmentStatus.ABSENT: "✗"}
VERIFICATION = '<span class="badge badge-{}" title="{}">{}</span>'
BADGE = '<span class="status status-{}"><span aria-hidden="true" class="status-symbol">{}</span> {}</span>'


@register.simple_tag
def status_badge(assessment):
    """`assessment` may be None: the pair has not been assessed yet."""
    return badge_of(assessment.status if assessment is not None else NOT_ASSESSED, get_language())


@register.simple_tag
def status_strip(cells):
    """A list item's strip: each jurisdiction's code and the badge of its cell, from (code, status) pairs."""
    language = get_language()
    return mark_safe("".join(strip_entry(code, status, language) for code, status in cells))  # each made safe


@functools.cache
def strip_entry(code: str, status: str, language: str) -> str:
    """One jurisdiction of a strip, made once: a list page shows 600 of them."""
    return format_html('<li><span class="code">{}</span> {}</li>', code, badge_of(status, language))


@functools.cache
def badge_of(status: str, language: str) -> str:
    """The badge of a status in a language, made once: a list page shows 600 of them."""
    if status == NOT_ASSESSED:
        return format_html(BADGE, NOT_ASSESSED, "?", gettext("Not yet assessed"))
    return format_html(BADGE, status, SYMBOLS[status], AssessmentStatus(status).label)


@register.simple_tag
def verification_badge(provision):
    """How far a provision was checked, one of four levels; a consolidated text with the date of its edition."""
    level = provision.verification
    if level == Verification.OFFICIAL:
        return format_html(VERIFICATION, "verified", provision.get_verification_display(), gettext("official text"))
    if level == Verification.CONSOLIDATED:
        label = gettext("consolidated text, ed. %(date)s") % {"date": date_format(provision.edition_date)}
        return format_html(VERIFICATION, "consolidated", provision.get_verification_display(), label)
    if level == Verification.SECONDARY:
        return format_html(VERIFICATION, "unverified", provision.get_verification_display(), gettext("unverified copy"))
    return format_html(VERIFICATION, "unverified", provision.get_verification_display(), gettext("unchecked"))
