"""Citations for reference managers: CSL-JSON, BibTeX and RIS of a guarantee, a cell and an article."""

import datetime

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404

from ..citations import FORMATS, csl_cell, csl_guarantee, csl_provision, render_citation
from ..models import Guarantee, Jurisdiction, Provision
from .trust import current_cell


def citation_response(item: dict, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404("unknown citation format")
    content_type, _label = FORMATS[fmt]
    response = HttpResponse(render_citation(item, fmt), content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{item["id"]}.{fmt}"'
    return response


def cite_guarantee(request, slug, fmt):
    guarantee = get_object_or_404(Guarantee.objects.published(), slug=slug)
    url = request.build_absolute_uri(guarantee.get_absolute_url())
    return citation_response(csl_guarantee(guarantee, url, datetime.date.today()), fmt)


def cite_cell(request, slug, code, fmt):
    guarantee = get_object_or_404(Guarantee.objects.published(), slug=slug)
    jurisdiction = get_object_or_404(Jurisdiction, code=code)
    today = datetime.date.today()
    assessment = current_cell(guarantee, jurisdiction, today)
    if assessment is None:
        raise Http404("this cell has no assessment in force")
    url = request.build_absolute_uri(request.path.rsplit("/", 1)[0] + "/")
    return citation_response(csl_cell(assessment, url, today), fmt)


def cite_provision(request, slug, pk, fmt):
    provision = get_object_or_404(
        Provision.objects.published().select_related("instrument__jurisdiction"), instrument__slug=slug, pk=pk
    )
    return citation_response(csl_provision(provision, request.build_absolute_uri(provision.get_absolute_url())), fmt)
