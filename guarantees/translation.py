"""Which fields are translated (English, Russian, Kazakh), and the history of every curated model.

History is registered here, after the translations, so that the historical models carry the translated
fields too (registering it on the models themselves breaks saving; see PLATFORM.md).
"""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import (
    Assessment,
    AssessmentCitation,
    Category,
    CategoryCitation,
    ElectoralRight,
    Guarantee,
    GuaranteeCitation,
    Instrument,
    Jurisdiction,
    Principle,
    Provision,
    SecondCoding,
    Source,
    Stage,
    Suggestion,
)


@register(Category)
@register(ElectoralRight)
@register(Stage)
@register(Principle)
class NameAndDescription(TranslationOptions):
    fields = ["name", "description"]


@register(Jurisdiction)
class JurisdictionTranslation(TranslationOptions):
    fields = ["name"]


@register(Guarantee)
class GuaranteeTranslation(TranslationOptions):
    fields = ["name", "summary", "description"]


@register(Assessment)
class AssessmentTranslation(TranslationOptions):
    fields = ["commentary"]


for model in [
    Assessment,
    AssessmentCitation,
    Category,
    CategoryCitation,
    ElectoralRight,
    Guarantee,
    GuaranteeCitation,
    Instrument,
    Jurisdiction,
    Principle,
    Provision,
    SecondCoding,
    Source,
    Stage,
    Suggestion,
]:
    simple_history.register(model, app="guarantees")
