"""Error responses that say what is wrong, in the site's layout."""

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _


class BadPage(Exception):
    """The `page` parameter names no page; the message says why."""


def page_of(request, items, per_page: int) -> Page:
    """The page the query string asks for; BadPage for a page that is not a number or not there."""
    try:
        return Paginator(items, per_page).page(request.GET.get("page", 1))
    except PageNotAnInteger:
        raise BadPage(_("The page number must be a whole number.")) from None
    except EmptyPage:
        raise BadPage(_("There is no page %(page)s of these results.") % {"page": request.GET["page"]}) from None


def bad_request(request, problems: list[str]):
    """A 400 page listing each problem with the request, with a way back to an unfiltered page."""
    return render(request, "400.html", {"problems": problems, "back_url": request.path}, status=400)
