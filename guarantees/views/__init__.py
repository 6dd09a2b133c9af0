"""Public, read-only pages: published content only, a constant number of queries each."""

from .changes import compare_changes, jurisdiction_changes
from .citing import cite_cell, cite_guarantee, cite_provision
from .compare import compare, compare_texts
from .guarantees import GuaranteeListView, guarantee_detail
from .law import article_history, instrument_detail, jurisdiction_detail
from .pages import about, download_csv_zip, download_json, downloads, home, sources, taxonomy
from .search import search
from .trust import cell_detail, methodology, suggest

__all__ = [
    "about",
    "article_history",
    "GuaranteeListView",
    "cell_detail",
    "cite_cell",
    "cite_guarantee",
    "cite_provision",
    "compare",
    "compare_changes",
    "compare_texts",
    "download_csv_zip",
    "download_json",
    "downloads",
    "guarantee_detail",
    "home",
    "instrument_detail",
    "jurisdiction_changes",
    "jurisdiction_detail",
    "methodology",
    "search",
    "sources",
    "suggest",
    "taxonomy",
]
