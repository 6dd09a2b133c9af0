import simple_history

from .guarantee import Assessment, AssessmentCitation, Guarantee, GuaranteeCitation
from .law import Instrument, Provision
from .reference import ElectoralRight, Jurisdiction, Principle, Source, Stage
from .seed import LoadedRecord
from .taxonomy import Category, CategoryCitation

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
    "Source",
    "Stage",
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
    Source,
    Stage,
]:
    simple_history.register(_model, app="guarantees")
