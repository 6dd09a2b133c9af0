"""The review workflow: draft -> in review -> published (-> withdrawn), and changes to published entries.

Every transition checks the user's permission here, on the server, whatever the form or button that asked
for it. A change to a published entry is kept as `pending` until a reviewer publishes it.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .choices import CitationPurpose, PublicationStatus, Verification
from .models import Assessment, Guarantee, Provision

DRAFT, IN_REVIEW, PUBLISHED, WITHDRAWN = (
    PublicationStatus.DRAFT,
    PublicationStatus.IN_REVIEW,
    PublicationStatus.PUBLISHED,
    PublicationStatus.WITHDRAWN,
)


GUARANTEE_FIRST = gettext_lazy("Its guarantee is not published yet: publish the guarantee first.")


class TransitionError(Exception):
    """The transition is not possible from the entry's present state; the message says why."""


def can_publish(user, obj: models.Model) -> bool:
    return user.has_perm(f"guarantees.publish_{obj._meta.model_name}")


def require_publisher(user, obj: models.Model) -> None:
    if not can_publish(user, obj):
        raise PermissionDenied(_("Only a reviewer may publish, withdraw or send back entries."))


def require_editor(user, obj: models.Model) -> None:
    if not user.has_perm(f"guarantees.change_{obj._meta.model_name}"):
        raise PermissionDenied(_("You may not edit this entry."))


# Pending changes: field name -> value in a JSON-friendly form (pk for relations, ISO string for dates).
def to_pending(obj: models.Model, name: str, value) -> object:
    field = obj._meta.get_field(name)
    if field.many_to_many:
        return sorted(item.pk for item in value)
    if field.is_relation:
        return value.pk if value is not None else None
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def from_pending(obj: models.Model, name: str, value) -> tuple[str, object]:
    """(attribute name, value) to set on the instance for a pending non-m2m field."""
    field = obj._meta.get_field(name)
    if field.is_relation:
        return field.attname, value
    if isinstance(field, models.DateField) and value:
        return name, datetime.date.fromisoformat(value)
    return name, value


def propose(obj: models.Model, changes: dict, user) -> None:
    """Record changes to a published entry for review, leaving its published wording live."""
    require_editor(user, obj)
    if "verification" in changes and changes["verification"] == Verification.OFFICIAL and not obj.is_verified:
        require_verifier(user)
    obj.pending = {**obj.pending, **{name: to_pending(obj, name, value) for name, value in changes.items()}}
    obj.save(update_fields=["pending", "updated_at"])


def show_pending(obj: models.Model) -> None:
    """Set the entry's fields, in memory only, as they will read once its pending changes are published."""
    for name, value in obj.pending.items():
        if not obj._meta.get_field(name).many_to_many:
            setattr(obj, *from_pending(obj, name, value))


def apply_pending(obj: models.Model) -> None:
    many = {}
    for name, value in obj.pending.items():
        if obj._meta.get_field(name).many_to_many:
            many[name] = value
        else:
            setattr(obj, *from_pending(obj, name, value))
    obj.pending = {}
    obj.save()
    for name, pks in many.items():
        getattr(obj, name).set(pks)


# Checks a reviewer cannot skip.
def publication_problems(obj: models.Model) -> list[str]:
    """What stands in the way of publishing the entry as it reads with its pending changes applied."""
    problems = []
    if isinstance(obj, Guarantee):
        if obj.category_id is None:
            problems.append(_("A published guarantee needs a category."))
        if not obj.citations.filter(purpose=CitationPurpose.CLASSIFICATION).exists():
            problems.append(_("A published guarantee needs a source for its classification."))
    if isinstance(obj, Assessment):
        provisions = None
        if "provisions" in obj.pending:
            provisions = list(Provision.objects.filter(pk__in=obj.pending["provisions"]).select_related("instrument"))
        problems += obj.provision_problems(provisions)
        if not Guarantee.objects.published().filter(pk=obj.guarantee_id).exists():
            problems.append(str(GUARANTEE_FIRST))
    if isinstance(obj, Provision) and not obj.where_read.strip():
        problems.append(_("A provision needs to say where it was read."))
    return problems


def problems_once_published(obj: models.Model) -> list[str]:
    """The publication problems of the entry as it will read, without writing anything."""
    preview = type(obj).objects.get(pk=obj.pk)
    show_pending(preview)
    return publication_problems(preview)


def can_verify(user) -> bool:
    """Only a reviewer sets a provision's verification to the official level: the one check every writer asks."""
    return user is not None and user.has_perm("guarantees.verify_provision")


def require_verifier(user) -> None:
    if not can_verify(user):
        raise PermissionDenied(_("Only a reviewer may mark a provision verified against an official text."))


# The transitions.
def submit(obj: models.Model, user) -> list[str]:
    """Send a draft to review; returns what would still block its publication, so the curator hears it now."""
    require_editor(user, obj)
    if obj.publication_status != DRAFT:
        raise TransitionError(_("Only a draft can be submitted for review."))
    set_status(obj, IN_REVIEW)
    return problems_once_published(obj)


def submit_with_assessments(guarantee: Guarantee, user) -> list[str]:
    """Submit a draft guarantee together with its draft assessments (which will be published with it)."""
    problems = submit(guarantee, user)
    for assessment in guarantee.assessments.filter(publication_status=DRAFT).select_related("jurisdiction"):
        for problem in submit(assessment, user):
            if problem != str(GUARANTEE_FIRST):
                problems.append(f"{assessment.jurisdiction.code}: {problem}")
    return problems


@transaction.atomic
def publish(obj: models.Model, user) -> list[str]:
    require_publisher(user, obj)
    if obj.publication_status == WITHDRAWN:
        raise TransitionError(_("A withdrawn entry goes back to draft before it is published again."))
    if obj.publication_status == PUBLISHED and not obj.pending:
        raise TransitionError(_("This entry is published and has no changes awaiting review."))
    apply_pending(obj)
    problems = publication_problems(obj)
    if problems:
        raise TransitionError(" ".join(problems))  # leaving the atomic block undoes apply_pending
    obj.publication_status = PUBLISHED
    obj.reviewed_at = timezone.now()
    obj.reviewed_by = user
    obj.save()
    return []


@transaction.atomic
def publish_with_assessments(guarantee: Guarantee, user) -> list[str]:
    """Publish a guarantee, then those of its assessments that are in review."""
    publish(guarantee, user)
    for assessment in guarantee.assessments.filter(publication_status=IN_REVIEW):
        publish(assessment, user)
    return []


def withdraw(obj: models.Model, user) -> list[str]:
    require_publisher(user, obj)
    if obj.publication_status != PUBLISHED:
        raise TransitionError(_("Only a published entry can be withdrawn."))
    set_status(obj, WITHDRAWN)
    return []


def send_back(obj: models.Model, user) -> list[str]:
    """Return an entry in review, or withdrawn, to its curators as a draft; or discard proposed changes."""
    require_publisher(user, obj)
    if obj.publication_status == PUBLISHED and obj.pending:
        obj.pending = {}
        obj.save(update_fields=["pending", "updated_at"])
        return []
    if obj.publication_status not in {IN_REVIEW, WITHDRAWN}:
        raise TransitionError(_("Only an entry in review or withdrawn can be sent back to draft."))
    set_status(obj, DRAFT)
    return []


def mark_verified(provision: Provision, user) -> None:
    require_verifier(user)
    provision.verification = Verification.OFFICIAL
    provision.checked_on = datetime.date.today()
    provision.save()


def set_status(obj: models.Model, status: str) -> None:
    obj.publication_status = status
    obj.save()


TRANSITIONS = {
    "submit": submit,
    "submit_with_assessments": submit_with_assessments,
    "publish": publish,
    "publish_with_assessments": publish_with_assessments,
    "withdraw": withdraw,
    "send_back": send_back,
}


def available_transitions(obj: models.Model, user) -> list[tuple[str, str]]:
    """The (name, label) of each transition this user may apply to the entry now."""
    status, reviewer = obj.publication_status, can_publish(user, obj)
    offered = []
    drafts = in_review = 0
    if isinstance(obj, Guarantee):
        drafts = obj.assessments.filter(publication_status=DRAFT).count()
        in_review = obj.assessments.filter(publication_status=IN_REVIEW).count()
    if status == DRAFT:
        offered.append(("submit", _("Submit for review")))
        if drafts:
            offered.append(("submit_with_assessments", _("Submit with its %(n)s draft assessments") % {"n": drafts}))
    if reviewer and (status in {DRAFT, IN_REVIEW} or (status == PUBLISHED and obj.pending)):
        offered.append(("publish", _("Publish")))
        if in_review and status != PUBLISHED:
            offered.append(
                ("publish_with_assessments", _("Publish with its %(n)s assessments in review") % {"n": in_review})
            )
    if reviewer and status == PUBLISHED and obj.pending:
        offered.append(("send_back", _("Discard the proposed changes")))
    if reviewer and status in {IN_REVIEW, WITHDRAWN}:
        offered.append(("send_back", _("Send back to draft")))
    if reviewer and status == PUBLISHED:
        offered.append(("withdraw", _("Withdraw")))
    return offered
