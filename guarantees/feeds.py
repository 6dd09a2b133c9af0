"""Atom feeds (Django's syndication framework) of amending acts and of changed cells, per jurisdiction and per
guarantee. An entry is dated by the law (the day an act or a period entered into force), not by the database."""

import datetime

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from .changes import period_changes, timeline
from .models import Amendment, Assessment, Guarantee, Jurisdiction

AUTHOR = "Electoral-rights guarantees"
ENTRIES = 50


def legal_day(day: datetime.date | None) -> datetime.datetime | None:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=datetime.UTC) if day else None


class LawFeed(Feed):
    """A feed of a jurisdiction (`code`) or of a published guarantee (`slug`), linked to its page of changes."""

    feed_type = Atom1Feed
    author_name = AUTHOR

    def get_object(self, request, code=None, slug=None):
        if slug is not None:
            return get_object_or_404(Guarantee.objects.published(), slug=slug)
        return get_object_or_404(Jurisdiction, code=code.upper())

    def link(self, obj):
        if isinstance(obj, Guarantee):
            return obj.get_absolute_url()
        return reverse("guarantees:jurisdiction-changes", args=[obj.code])


class AmendmentFeed(LawFeed):
    def title(self, obj):
        return _("Amending acts: %(name)s") % {"name": obj.name}

    def subtitle(self, obj):
        return _("The acts that changed the law behind the knowledge base's cells, dated by their entry into force.")

    def items(self, obj):
        if isinstance(obj, Guarantee):
            amendments = (
                Amendment.objects.filter(assessments__guarantee=obj, assessments__publication_status="published")
                .select_related("jurisdiction")
                .distinct()
                .order_by("-in_force_on", "-key")
            )
            return list(amendments[:ENTRIES])
        return timeline(obj)[:ENTRIES]

    def item_title(self, item: Amendment):
        day = item.in_force_on.isoformat() if item.in_force_on else "?"
        return f"{item.jurisdiction.code} {item.number or item.key} ({day})"

    def item_description(self, item: Amendment):
        return item.title

    def item_link(self, item: Amendment):
        return reverse("guarantees:jurisdiction-changes", args=[item.jurisdiction.code]) + f"#{item.key}"

    def item_pubdate(self, item: Amendment):
        return legal_day(item.in_force_on) or item.created_at

    def item_updateddate(self, item: Amendment):
        return legal_day(item.in_force_on) or item.created_at


class CellChangeFeed(LawFeed):
    """Each entry is a period of a cell that opened on a known day: its status then, and the acts that opened it."""

    def title(self, obj):
        return _("Changed cells: %(name)s") % {"name": obj.name}

    def subtitle(self, obj):
        return _("Each entry is a cell's new period in legal time: its status from that day and the act behind it.")

    def items(self, obj):
        if isinstance(obj, Guarantee):
            return period_changes(guarantee=obj, limit=ENTRIES)
        return period_changes(jurisdictions=[obj], limit=ENTRIES)

    def item_title(self, item: Assessment):
        return f"{item.guarantee.name} — {item.jurisdiction.code}: {item.get_status_display()} ({item.valid_from})"

    def item_description(self, item: Assessment):
        acts = ", ".join(amendment.number or amendment.key for amendment in item.amendments.all())
        text = _("From %(day)s: %(status)s.") % {
            "day": item.valid_from.isoformat(),
            "status": item.get_status_display(),
        }
        label = _("Act:")
        return f"{text} {label} {acts}" if acts else text

    def item_link(self, item: Assessment):
        url = reverse("guarantees:cell", args=[item.guarantee.slug, item.jurisdiction.code])
        return f"{url}?as_of={item.valid_from.isoformat()}"

    def item_pubdate(self, item: Assessment):
        return legal_day(item.valid_from)

    def item_updateddate(self, item: Assessment):
        return legal_day(item.valid_from)
