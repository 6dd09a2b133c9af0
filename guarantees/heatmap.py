"""The coverage heatmap: categories by jurisdictions, shaded by coverage, drawn as SVG geometry.

Coverage counts a provided guarantee as one and a partial one as half: a category where every guarantee is
partial is half covered, not uncovered.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .compare import Coverage

CELL_WIDTH = 64
CELL_HEIGHT = 28
LABEL_WIDTH = 300  # a category name of 36 characters, Cyrillic ones the widest, at 13 px
HEADER_HEIGHT = 30
# From the lightest to the darkest shade: 0% covered to 100% covered.
LIGHT = (236, 242, 248)
DARK = (11, 79, 138)


@dataclass
class HeatCell:
    x: int
    y: int
    fill: str
    text_fill: str
    label: str
    title: str
    url: str


@dataclass
class HeatRow:
    y: int
    label: str
    cells: list[HeatCell]


@dataclass
class Heatmap:
    width: int
    height: int
    columns: list[tuple[int, str]]
    rows: list[HeatRow]


def shade(share: float) -> str:
    red, green, blue = (round(light + (dark - light) * share) for light, dark in zip(LIGHT, DARK, strict=True))
    return f"#{red:02x}{green:02x}{blue:02x}"


def build_heatmap(categories, codes: list[str], by_category: dict, link) -> Heatmap:
    """`link(category, code)` gives the URL of the matrix narrowed to that category and jurisdiction."""
    rows = []
    for index, category in enumerate(categories):
        y = HEADER_HEIGHT + index * CELL_HEIGHT
        cells = []
        for column, code in enumerate(codes):
            tally: Coverage = by_category[(category.pk, code)]
            share = tally.share_covered
            cells.append(
                HeatCell(
                    x=LABEL_WIDTH + column * CELL_WIDTH,
                    y=y,
                    fill=shade(share),
                    text_fill="#ffffff" if share >= 0.5 else "#1b1f24",
                    label=f"{round(share * 100)}%",
                    title=_("%(category)s, %(code)s: of %(total)s, %(provided)s provided and %(partial)s partial")
                    % {
                        "category": category.name,
                        "code": code,
                        "total": tally.total,
                        "provided": tally.provided,
                        "partial": tally.partial,
                    },
                    url=link(category, code),
                )
            )
        rows.append(HeatRow(y=y, label=category.name, cells=cells))
    columns = [(LABEL_WIDTH + column * CELL_WIDTH, code) for column, code in enumerate(codes)]
    return Heatmap(
        width=LABEL_WIDTH + CELL_WIDTH * len(codes),
        height=HEADER_HEIGHT + CELL_HEIGHT * len(rows),
        columns=columns,
        rows=rows,
    )
