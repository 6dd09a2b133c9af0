"""What every reviewed entry carries: a publication status, changes awaiting review, a version."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import PublicationStatus

#: The fields that only the workflow writes; an edit, an import or a revert never sets them.
WORKFLOW_FIELDS = ["publication_status", "pending", "version", "reviewed_at", "reviewed_by"]


class Reviewable(models.Model):
    """An entry readers see only once published.

    A change to a published entry is kept in `pending` (field name -> proposed value) until a reviewer
    publishes it; the published wording stays live meanwhile. `version` rises with every saved edit, so
    that an edit made on a stale copy is refused instead of silently overwriting another curator's.
    """

    publication_status = models.CharField(
        _("publication status"),
        max_length=20,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
    )  # no index of its own: nearly every row is published, and such an index misleads SQLite's planner
    pending = models.JSONField(_("changes awaiting review"), default=dict, blank=True, editable=False)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    reviewed_at = models.DateTimeField(_("last reviewed"), null=True, blank=True, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("reviewed by"),
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        """Every save of a stored entry raises its version: the one place where it rises."""
        if not self._state.adding:
            self.version += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        super().save(*args, **kwargs)

    @property
    def is_published(self) -> bool:
        return self.publication_status == PublicationStatus.PUBLISHED

    @property
    def has_pending_changes(self) -> bool:
        return bool(self.pending)
