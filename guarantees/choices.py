"""The fixed vocabularies of the domain."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """The two kinds of guarantee (Voevodin 1997: 229)."""

    CONDITION = "condition", _("Condition")
    TOOL = "tool", _("Tool")


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class AssessmentStatus(models.TextChoices):
    PROVIDED = "provided", _("Provided")
    PARTIAL = "partial", _("Partial")
    ABSENT = "absent", _("Absent")


#: A cell with no assessment in force: shown and exported differently from "absent", spelt this one way.
NOT_ASSESSED = "unassessed"


class InstrumentKind(models.TextChoices):
    CONSTITUTION = "constitution", _("Constitution")
    CONSTITUTIONAL_LAW = "constitutional_law", _("Constitutional law")
    FEDERAL_LAW = "federal_law", _("Federal law")
    LAW = "law", _("Law")
    CODE = "code", _("Code")
    TREATY = "treaty", _("International treaty")


class InstrumentStatus(models.TextChoices):
    IN_FORCE = "in_force", _("In force")
    REPEALED = "repealed", _("Repealed")


class TextKind(models.TextChoices):
    """What a stored text is: a quotation, a translation, or our paraphrase."""

    VERBATIM = "verbatim", _("Verbatim")
    TRANSLATION = "translation", _("Translation")
    SUMMARY = "summary", _("Summary")


class Verification(models.TextChoices):
    """How far a provision's number, heading and text were checked: four levels, best first.

    Only a reviewer sets the official level. A consolidated text is that of a legal reference system (or a
    copy of one) that states its edition, whose date is stored with the provision.
    """

    OFFICIAL = "official", _("Checked against an official publication")
    CONSOLIDATED = "consolidated", _("Read in a consolidated text of a stated edition")
    SECONDARY = "secondary", _("Read in a translation or other secondary copy (unverified)")
    UNCHECKED = "unchecked", _("Unchecked")


class CitationPurpose(models.TextChoices):
    CLASSIFICATION = "classification", _("Classification")
    CONTENT = "content", _("Content")


class SourceKind(models.TextChoices):
    BOOK = "book", _("Book")
    ARTICLE = "article", _("Journal article")
    CHAPTER = "chapter", _("Chapter")
    STATUTE = "statute", _("Statute")
    WEB = "web", _("Web page")
    REPORT = "report", _("Report")
