import simple_history

from .guarantee import Assessment, AssessmentCitation, Guarantee, GuaranteeCitation
from .law import Instrument, Provision
from .reference import ElectoralRight, Jurisdiction, Principle, Source, Stage
from .seed import LoadedRecord
from .taxonomy import Category, CategoryCitation
from .trust import SecondCoding, Suggestion, SuggestionStatus

__all__ = [
    "Assessment",
    "AssessmentCitation",
    "Category",
    "CategoryCitation",
    "ElectoralRight",
    "Guarantee",
    "GuaranteeCitation",
    "Instrument",
    "Jurisdiction",
    "LoadedRecord",
    "Principle",
    "Provision",
    "SecondCoding",
    "Source",
    "Stage",
    "Suggestion",
    "SuggestionStatus",
]

# History of every curated model: who changed what, when; viewable and revertible in the admin.
for _model in [
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
    simple_history.register(_model, app="guarantees")
