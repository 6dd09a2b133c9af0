"""The comparison matrix's cells, written by a tag: a page shows hundreds, and a template included for each
took two thirds of the page's time."""

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from .status import status_badge

register = template.Library()

UNVERIFIED = '<abbr class="unverified-mark" title="{}">*</abbr>'


@register.simple_tag(takes_context=True)
def matrix_cell(context, row, cell):
    """The cell's status (a link to the cell's page), its marks, and the articles it cites by instrument, named
    in the page's language (`matrix_cells.MatrixAssessment`).

    An assessed cell is marked `data-details`: the page's script adds a disclosure that fetches the
    commentary and texts when opened (static/js/cell-details.js)."""
    compare, once = context["compare"], context.render_context
    if "matrix_cell" not in once:  # what every cell of the page shares, made once
        pattern = reverse("guarantees:cell", args=["SLUG", "CODE"])
        query = f"?as_of={compare.as_of.isoformat()}" if compare.as_of != context["today"] else ""
        once["matrix_cell"] = {"pattern": pattern, "query": query}
    shared = once["matrix_cell"]
    url = (
        shared["pattern"].replace("SLUG", row.guarantee.slug).replace("CODE", cell.jurisdiction.code) + shared["query"]
    )
    classes = f"cell cell-{cell.status}" + (" cell-differs" if cell.differs else "")
    parts = [
        format_html('<td class="{}"{}>', classes, mark_safe(" data-details") if cell.assessment else ""),
        format_html(
            '<a class="cell-link" href="{}">{}<span class="visually-hidden"> — {}, {}</span></a>',
            url,
            status_badge(cell.assessment),
            row.guarantee.name,
            cell.jurisdiction.name,
        ),
    ]
    if cell.differs:
        parts.append(format_html('<span class="differs-mark">{}</span>', gettext("differs")))
    if cell.needs_recheck:
        parts.append(format_html('<span class="recheck-mark">{}</span>', gettext("needs re-check")))
    if cell.provisions:
        unverified = format_html(UNVERIFIED, gettext("unverified"))
        by_instrument = ((name, references(articles, unverified)) for name, articles in cell.assessment.by_instrument())
        parts.append(format_html('<ul class="refs">{}</ul>', format_html_join("", "<li>{}: {}</li>", by_instrument)))
    parts.append(mark_safe("</td>"))
    return mark_safe("".join(parts))


def references(articles, unverified: str) -> str:
    return mark_safe(
        ", ".join(
            format_html("{}{}", article.citation, "" if article.is_read_in_original else unverified)
            for article in articles
        )
    )
