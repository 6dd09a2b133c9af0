"""Which fields are translated (English, Russian, Kazakh), and the history of every curated model.

History is registered here, after the translations, so that the historical models carry the translated
fields too (registering it on the models themselves breaks saving; see PLATFORM.md).
"""

import simple_history
from django.apps import apps
from modeltranslation.translator import TranslationOptions, register

from .models import (
    Assessment,
    Category,
    ContentVersion,
    ElectoralRight,
    Guarantee,
    Jurisdiction,
    LoadedRecord,
    Principle,
    Stage,
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


# Every model of the app has a history, but the loader's and the page cache's own bookkeeping.
for model in list(apps.get_app_config("guarantees").get_models()):
    if model not in (LoadedRecord, ContentVersion):
        simple_history.register(model, app="guarantees")
