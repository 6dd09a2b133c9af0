"""The guarantee list's status strips read as tuples: each guarantee's status in every jurisdiction, no more.

A page of the list shows 20 guarantees and, for each, the status of its cell in every jurisdiction: at 30
jurisdictions, 600 badges. Read as model instances (an assessment and its jurisdiction each) that is over a
thousand objects a request; read as one query of (guarantee, jurisdiction code, status) it is 600 tuples.
A jurisdiction with no cell in force is in the strip too, as not yet assessed, as in the matrix.
"""

import datetime

from .choices import NOT_ASSESSED
from .models import Assessment, Jurisdiction


def status_strips(on_date: datetime.date, guarantee_ids: list[int]) -> dict[int, list[tuple[str, str]]]:
    """Guarantee id -> (jurisdiction code, status) in every jurisdiction, in column order: the status of the
    published cell in force on the date, or `NOT_ASSESSED` where there is none."""
    codes = list(Jurisdiction.objects.values_list("code", flat=True))  # in the model's order, the columns'
    cells = (
        Assessment.objects.published()
        .in_force_on(on_date)
        .filter(guarantee_id__in=guarantee_ids)
        .values_list("guarantee_id", "jurisdiction__code", "status")
    )
    status_of = {(guarantee, code): status for guarantee, code, status in cells}
    return {pk: [(code, status_of.get((pk, code), NOT_ASSESSED)) for code in codes] for pk in guarantee_ids}
