"""Public, read-only pages: published content only, a constant number of queries each."""

from .compare import compare, compare_texts
from .guarantees import GuaranteeListView, guarantee_detail
from .law import instrument_detail, jurisdiction_detail
from .pages import home, sources, taxonomy
from .search import search
from .trust import cell_detail, methodology, suggest

__all__ = [
    "GuaranteeListView",
    "cell_detail",
    "compare",
    "compare_texts",
    "guarantee_detail",
    "home",
    "instrument_detail",
    "jurisdiction_detail",
    "methodology",
    "search",
    "sources",
    "suggest",
    "taxonomy",
]
