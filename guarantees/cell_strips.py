"""The guarantee list's status strips read as tuples: each guarantee's status in every jurisdiction, no more.

A page of the list shows 20 guarantees and, for each, the status of its cell in every jurisdiction: at 30
jurisdictions, 600 badges. Read as model instances (an assessment and its jurisdiction each) that is over a
thousand objects a request; read as one query of (guarantee, jurisdiction code, status) it is 600 tuples.
"""

import datetime

from .models import Assessment


def status_strips(on_date: datetime.date, guarantee_ids: list[int]) -> dict[int, list[tuple[str, str]]]:
    """Guarantee id -> (jurisdiction code, status) of each published cell in force on the date, in column order."""
    cells = (
        Assessment.objects.published()
        .in_force_on(on_date)
        .filter(guarantee_id__in=guarantee_ids)
        .order_by("jurisdiction__order", "jurisdiction__code")
        .values_list("guarantee_id", "jurisdiction__code", "status")
    )
    strips: dict[int, list[tuple[str, str]]] = {pk: [] for pk in guarantee_ids}
    for guarantee, code, status in cells:
        strips[guarantee].append((code, status))
    return strips
