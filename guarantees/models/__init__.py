from .amendment import Amendment
from .guarantee import Assessment, AssessmentCitation, Guarantee, GuaranteeCitation
from .law import Instrument, Provision
from .reference import ElectoralRight, Jurisdiction, Principle, Source, Stage
from .seed import LoadedRecord
from .taxonomy import Category, CategoryCitation
from .trust import SecondCoding, Suggestion, SuggestionStatus, UnassessedCell
from .version import ContentVersion

__all__ = [
    "Amendment",
    "Assessment",
    "AssessmentCitation",
    "Category",
    "CategoryCitation",
    "ContentVersion",
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
    "UnassessedCell",
]
