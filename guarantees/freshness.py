"""Which cells need re-checking: those citing an article whose wording changed after the cell was checked."""

from collections import defaultdict

from .models import Assessment, Provision


def cells_needing_recheck(assessments: list[Assessment], provisions_of=lambda assessment: assessment.provisions.all()):
    """Of these assessments (their provisions prefetched), the ids of those to re-check. One query."""
    cited = [(assessment, provision) for assessment in assessments for provision in provisions_of(assessment)]
    if not cited:
        return set()
    wordings = defaultdict(list)
    for wording in Provision.objects.filter(
        instrument_id__in={provision.instrument_id for _, provision in cited},
        number__in={provision.number for _, provision in cited},
    ).only("instrument_id", "number", "paragraph", "valid_from", "created_at"):
        wordings[(wording.instrument_id, wording.number, wording.paragraph)].append(wording)
    flagged = set()
    for assessment, provision in cited:
        for wording in wordings[(provision.instrument_id, provision.number, provision.paragraph)]:
            newer = wording.valid_from is not None and (
                provision.valid_from is None or wording.valid_from > provision.valid_from
            )
            if newer and wording.created_at.date() > assessment.assessed_on:
                flagged.add(assessment.pk)
    return flagged
