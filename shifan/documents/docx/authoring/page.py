"""The page: A4 with GB/T 9704 margins, and page numbers in the footer."""

from docx.enum.section import WD_ORIENT
from docx.oxml import parse_xml
from docx.shared import Mm, Twips

from shifan.documents.docx.authoring.blocks import run_xml
from shifan.documents.docx.authoring.package import W

# A4 and the GB/T 9704-2012 type area (天头 37 mm, 订口 28 mm), in twips (1 mm = 56.69 twips).
PAGE_WIDTH, PAGE_HEIGHT = 11906, 16838
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 2098, 1984, 1587, 1474
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT


def set_a4_page(section) -> None:
    """Portrait A4 with the official margins; the page number sits about 7 mm below the type area."""
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Twips(PAGE_WIDTH), Twips(PAGE_HEIGHT)
    section.top_margin, section.bottom_margin = Twips(MARGIN_TOP), Twips(MARGIN_BOTTOM)
    section.left_margin, section.right_margin = Twips(MARGIN_LEFT), Twips(MARGIN_RIGHT)
    section.header_distance, section.footer_distance = Mm(15), Mm(22)
    section.gutter = Twips(0)


def add_page_numbers(section, *, skip_first_page: bool = False) -> None:
    """“— 1 —” centred in the footer (宋体 四号, the Footer style); none on a cover page if asked."""
    footer = section.footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]._p
    field = f'<w:fldSimple xmlns:w="{W}" w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
    for xml in (_with_namespace(run_xml("— ")), field, _with_namespace(run_xml(" —"))):
        paragraph.append(parse_xml(xml))
    if skip_first_page:
        section.different_first_page_header_footer = True
        section.first_page_footer.is_linked_to_previous = False  # an empty footer of its own


def _with_namespace(xml: str) -> str:
    return xml.replace("<w:r>", f'<w:r xmlns:w="{W}">', 1)
