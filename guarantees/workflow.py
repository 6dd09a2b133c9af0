"""The review workflow: draft -> in review -> published (-> withdrawn), and changes to published entries.

Every transition checks the user's permission here, on the server, whatever the form or button that asked
for it. A change to a published entry is kept as `pending` until a reviewer publishes it.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import AssessmentStatus, CitationPurpose, PublicationStatus, Verification
from .models import Assessment, Guarantee, Provision

DRAFT, IN_REVIEW, PUBLISHED, WITHDRAWN = (
    PublicationStatus.DRAFT,
    PublicationStatus.IN_REVIEW,
    PublicationStatus.PUBLISHED,
    PublicationStatus.WITHDRAWN,
)


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
    obj.pending = {**obj.pending, **{name: to_pending(obj, name, value) for name, value in changes.items()}}
    obj.version += 1
    obj.save(update_fields=["pending", "version", "updated_at"])


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
    problems = []
    if isinstance(obj, Guarantee):
        if obj.category_id is None:
            problems.append(_("A published guarantee needs a category."))
        if not obj.citations.filter(purpose=CitationPurpose.CLASSIFICATION).exists():
            problems.append(_("A published guarantee needs a source for its classification."))
    positive = isinstance(obj, Assessment) and obj.status in {AssessmentStatus.PROVIDED, AssessmentStatus.PARTIAL}
    if positive and not obj.provisions.filter(instrument__jurisdiction=obj.jurisdiction_id).exists():
        problems.append(_("A provided or partial assessment must cite a provision of its own jurisdiction."))
    if isinstance(obj, Provision) and not obj.where_read.strip():
        problems.append(_("A provision needs to say where it was read."))
    return problems


# The transitions.
def submit(obj: models.Model, user) -> None:
    require_editor(user, obj)
    if obj.publication_status != DRAFT:
        raise TransitionError(_("Only a draft can be submitted for review."))
    set_status(obj, IN_REVIEW)


@transaction.atomic
def publish(obj: models.Model, user) -> None:
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
    obj.version += 1
    obj.save()


def withdraw(obj: models.Model, user) -> None:
    require_publisher(user, obj)
    if obj.publication_status != PUBLISHED:
        raise TransitionError(_("Only a published entry can be withdrawn."))
    set_status(obj, WITHDRAWN)


def send_back(obj: models.Model, user) -> None:
    """Return an entry in review, or withdrawn, to its curators as a draft; or discard proposed changes."""
    require_publisher(user, obj)
    if obj.publication_status == PUBLISHED and obj.pending:
        obj.pending = {}
        obj.version += 1
        obj.save(update_fields=["pending", "version", "updated_at"])
        return
    if obj.publication_status not in {IN_REVIEW, WITHDRAWN}:
        raise TransitionError(_("Only an entry in review or withdrawn can be sent back to draft."))
    set_status(obj, DRAFT)


def mark_verified(provision: Provision, user) -> None:
    if not user.has_perm("guarantees.verify_provision"):
        raise PermissionDenied(_("Only a reviewer may mark a provision verified."))
    provision.verification = Verification.OFFICIAL
    provision.checked_on = datetime.date.today()
    provision.version += 1
    provision.save()


def set_status(obj: models.Model, status: str) -> None:
    obj.publication_status = status
    obj.version += 1
    obj.save()


TRANSITIONS = {"submit": submit, "publish": publish, "withdraw": withdraw, "send_back": send_back}


def available_transitions(obj: models.Model, user) -> list[tuple[str, str]]:
    """The (name, label) of each transition this user may apply to the entry now."""
    status, reviewer = obj.publication_status, can_publish(user, obj)
    offered = []
    if status == DRAFT:
        offered.append(("submit", _("Submit for review")))
    if reviewer and (status in {DRAFT, IN_REVIEW} or (status == PUBLISHED and obj.pending)):
        offered.append(("publish", _("Publish")))
    if reviewer and status == PUBLISHED and obj.pending:
        offered.append(("send_back", _("Discard the proposed changes")))
    if reviewer and status in {IN_REVIEW, WITHDRAWN}:
        offered.append(("send_back", _("Send back to draft")))
    if reviewer and status == PUBLISHED:
        offered.append(("withdraw", _("Withdraw")))
    return offered
