"""The synthetic dataset that the benchmarks measure, built through the ORM.

At scale 1: 30 jurisdictions (codes AA, AB, …), 1,000 published guarantees ("Guarantee 0000", …) in 12
categories under the two kinds, and one assessment per guarantee and jurisdiction, each citing one of the
jurisdiction's 1,000 provisions: 30,000 of each. Import this module after `django.setup()`.
"""

import datetime

from django.core.management import call_command
from django.db import connection

from guarantees.models import Assessment, Category, Guarantee, Instrument, Jurisdiction, Provision

CATEGORIES = 12
STATUSES = ["provided", "partial", "absent"]
CODES = [a + b for a in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" for b in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
#: rows a statement: at 10,000 guarantees one INSERT of every provision would pass PostgreSQL's message limit
BATCH = 5000


def sizes(scale: float) -> tuple[int, int]:
    """The number of jurisdictions and of guarantees at a scale (never too few for the pages to make sense).
    Above scale 1 only the guarantees grow: 10,000 guarantees in 30 jurisdictions, as issue 17 measures."""
    return max(3, min(30, round(30 * scale))), max(12, round(1000 * scale))


def build(scale: float = 1) -> None:
    """Migrate, empty the database, and fill it with the synthetic dataset at the scale; then ANALYZE."""
    jurisdiction_count, guarantee_count = sizes(scale)
    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    jurisdictions = Jurisdiction.objects.bulk_create(
        Jurisdiction(code=code, name_en=f"Jurisdiction {code}", order=index)
        for index, code in enumerate(CODES[:jurisdiction_count])
    )
    instruments = Instrument.objects.bulk_create(
        Instrument(
            slug=f"law-{j.code.lower()}",
            jurisdiction=j,
            kind="law",
            short_title=f"Law {j.code}",
            title_original="Закон",
            title_en="Law",
            official_url="https://example.org",
        )
        for j in jurisdictions
    )
    roots = Category.objects.bulk_create(
        [
            Category(slug="conditions", kind="condition", name_en="Conditions"),
            Category(slug="tools", kind="tool", name_en="Tools"),
        ]
    )
    categories = Category.objects.bulk_create(
        Category(slug=f"category-{n}", kind=roots[n % 2].kind, parent=roots[n % 2], name_en=f"Category {n}", order=n)
        for n in range(CATEGORIES)
    )
    guarantees = Guarantee.objects.bulk_create(
        Guarantee(
            slug=f"guarantee-{n}",
            name_en=f"Guarantee {n:04d}",
            summary_en="Synthetic.",
            publication_status="published",
            category=categories[n % CATEGORIES],
        )
        for n in range(guarantee_count)
    )
    provisions = Provision.objects.bulk_create(
        [
            Provision(
                instrument=instrument,
                number=str(n + 1),
                sort_key=f"{n + 1:06d}",
                heading_original="Статья",
                text_original="Текст статьи. " * 20,
                verification="official",
                where_read="synthetic",
                publication_status="published",
            )
            for instrument in instruments
            for n in range(guarantee_count)
        ],
        batch_size=BATCH,
    )
    today = datetime.date.today()
    assessments = Assessment.objects.bulk_create(
        [
            Assessment(
                guarantee=g,
                jurisdiction=j,
                status=STATUSES[(gi + ji) % 3],
                assessed_on=today,
                commentary_en="Synthetic commentary.",
                publication_status="published",
            )
            for gi, g in enumerate(guarantees)
            for ji, j in enumerate(jurisdictions)
        ],
        batch_size=BATCH,
    )
    through = Assessment.provisions.through
    by_instrument = {instrument.jurisdiction_id: instrument for instrument in instruments}
    index = {(p.instrument_id, p.number): p for p in provisions}
    through.objects.bulk_create(
        [
            through(
                assessment_id=a.pk,
                provision_id=index[(by_instrument[a.jurisdiction_id].pk, str(gi % guarantee_count + 1))].pk,
            )
            for gi, a in enumerate(assessments)
        ],
        batch_size=BATCH,
    )
    with connection.cursor() as cursor:  # the planner's statistics, as a database in service has them
        cursor.execute("ANALYZE")
