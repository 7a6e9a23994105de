"""Tables for templates on a column grid: cells span grid columns and merge vertically.

A form such as the 申请表 mixes rows of six, five and three cells; laying them all on one fine
grid (say 60 columns) keeps them in one table with aligned borders. Row loops are docxtpl's
``{%tr for … %}``: the tag sits alone in a row that docxtpl replaces by the loop.
"""

from dataclasses import dataclass

from shifan.documents.docx.authoring.blocks import Run, append_xml, paragraph_xml

BORDER = '<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
ROW_HEIGHT = 454  # twips (0.8 cm): room to write by hand on a printed blank form


@dataclass(frozen=True)
class Cell:
    """One cell: its paragraphs, how many grid columns it spans, and ``merge`` "restart" or
    "continue" to merge it with the cells below or above."""

    # A tuple holds paragraphs (str, Run, list or Line); a list is the runs of one paragraph.
    content: str | Run | list | tuple = ""
    span: int = 1
    style: str = "TableText"
    merge: str = ""
    valign: str = "center"
    keep_next: bool = False  # keep this row on the page of the next one (a heading row)


@dataclass(frozen=True)
class Line:
    """One paragraph of a cell aligned on its own, e.g. （盖章） and the date on the right of an opinion."""

    content: str | Run | list
    align: str = "right"


def label(text: str, span: int = 1, **options) -> Cell:
    return Cell(text, span, style="TableHeading", **options)


def value(text: str, span: int = 1, **options) -> Cell:
    return Cell(text, span, **options)


def merged(span: int = 1) -> Cell:
    """The continuation of a vertically merged cell above."""
    return Cell("", span, merge="continue")


class GridTable:
    """A table on a grid of column widths (twips); build rows, then ``add_to(document)``."""

    def __init__(self, widths: list[int], *, cell_margin: int | None = None):
        """``cell_margin``: left and right padding of every cell in twips (the default style's is 57)."""
        self.widths = list(widths)
        self.cell_margin = cell_margin
        self.rows: list[str] = []

    def row(self, *cells: Cell, header: bool = False, height: int = ROW_HEIGHT, cant_split: bool = True) -> None:
        """A row. ``header`` rows repeat at the top of each page."""
        spans = sum(cell.span for cell in cells)
        if spans != len(self.widths):
            raise ValueError(f"a row spans {spans} grid columns, the table has {len(self.widths)}")
        props = ("<w:cantSplit/>" if cant_split else "") + (
            f'<w:trHeight w:val="{height}" w:hRule="atLeast"/>' if height else ""
        ) + ("<w:tblHeader/>" if header else "")
        column, cells_xml = 0, []
        for cell in cells:
            cells_xml.append(self._cell_xml(cell, sum(self.widths[column:column + cell.span])))
            column += cell.span
        self.rows.append(f"<w:tr><w:trPr>{props}</w:trPr>{''.join(cells_xml)}</w:tr>")

    def tag_row(self, tag: str) -> None:
        """A row holding only a docxtpl row tag such as ``{%tr for x in xs %}``; docxtpl replaces it."""
        self.row(Cell(tag, len(self.widths), style="TableTextLeft"), height=0)

    def loop(self, expression: str, *cells: Cell, **options) -> None:
        """``{%tr for expression %}``, the repeated row, ``{%tr endfor %}``."""
        self.tag_row(f"{{%tr for {expression} %}}")
        self.row(*cells, **options)
        self.tag_row("{%tr endfor %}")

    def when(self, condition: str, *cells: Cell, **options) -> None:
        """A row shown only when ``condition`` holds: ``{%tr if condition %}``, the row, ``{%tr endif %}``."""
        self.tag_row(f"{{%tr if {condition} %}}")
        self.row(*cells, **options)
        self.tag_row("{%tr endif %}")

    def add_to(self, document):
        grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in self.widths)
        borders = "".join(BORDER.format(side=side) for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
        xml = (
            f'<w:tbl><w:tblPr><w:tblW w:w="{sum(self.widths)}" w:type="dxa"/><w:jc w:val="center"/>'
            f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>{self._margins()}'
            f'<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
            f'w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(self.rows)}</w:tbl>'
        )
        return append_xml(document, xml)

    def _margins(self) -> str:
        if self.cell_margin is None:
            return ""
        sides = "".join(f'<w:{side} w:w="{self.cell_margin}" w:type="dxa"/>' for side in ("left", "right"))
        return f"<w:tblCellMar>{sides}</w:tblCellMar>"

    @staticmethod
    def _cell_xml(cell: Cell, width: int) -> str:
        props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
        props += f'<w:gridSpan w:val="{cell.span}"/>' if cell.span > 1 else ""
        props += f'<w:vMerge w:val="{cell.merge}"/>' if cell.merge == "restart" else ""
        props += "<w:vMerge/>" if cell.merge == "continue" else ""
        props += f'<w:vAlign w:val="{cell.valign}"/>'
        paragraphs = cell.content if isinstance(cell.content, tuple) else (cell.content,)
        body = "".join(
            paragraph_xml(paragraph.content, cell.style, keep_next=cell.keep_next, align=paragraph.align)
            if isinstance(paragraph, Line) else paragraph_xml(paragraph, cell.style, keep_next=cell.keep_next)
            for paragraph in paragraphs
        )
        return f"<w:tc><w:tcPr>{props}</w:tcPr>{body}</w:tc>"


def grid_widths(total: int, shares: list[int]) -> list[int]:
    """Split ``total`` twips in proportion to ``shares``, in whole twips that add up exactly."""
    whole = sum(shares)
    widths = [total * share // whole for share in shares]
    for index in range(total - sum(widths)):
        widths[index % len(widths)] += 1
    return widths
