"""The base of every template: a minimal .docx whose settings we own.

python-docx's built-in template is US Letter and Japanese-flavoured (``themeFontLang`` ja-JP, a
theme mapping Jpan to ＭＳ 明朝, notes/libraries.md §3 pitfall 2), so templates never start from
it. This package has no theme at all: every style names its fonts, Latin and East Asian alike.
"""

import io
import zipfile
from xml.sax.saxutils import escape

from docx import Document

from shifan.documents.docx.fonts import BODY_FONT, HEADING_FONT, TABLE_FONT, TITLE_FONT

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HEADER = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
# A fixed date keeps regenerated templates identical; rendered documents get the real one.
FIXED_DATE = "2026-01-01T00:00:00Z"

# Sizes in half-points: 一号 26 pt, 二号 22 pt, 三号 16 pt, 四号 14 pt, 五号 10.5 pt, 小五 9 pt.
SIZE_1, SIZE_2, SIZE_3, SIZE_4, SIZE_5, SIZE_SMALL_5 = 52, 44, 32, 28, 21, 18


def _fonts(name: str) -> str:
    return f'<w:rFonts w:ascii="{name}" w:hAnsi="{name}" w:eastAsia="{name}" w:cs="{name}"/>'


def _paragraph_style(style_id: str, name: str, *, font: str, size: int, ppr: str = "", bold: bool = False,
                     based_on: str = "Normal", custom: bool = True) -> str:
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    weight = "<w:b/><w:bCs/>" if bold else ""
    flag = ' w:customStyle="1"' if custom else ""  # built-in ones (Title, heading 1) keep Word's meaning
    return (
        f'<w:style w:type="paragraph"{flag} w:styleId="{style_id}"><w:name w:val="{name}"/>{based}'
        f"<w:qFormat/><w:pPr>{ppr}</w:pPr>"
        f'<w:rPr>{_fonts(font)}{weight}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr></w:style>'
    )


CENTER = '<w:jc w:val="center"/>'
SINGLE = '<w:spacing w:line="240" w:lineRule="auto"/>'
# GB/T 9704 body: 三号 仿宋 at a fixed 28 pt line (22 lines on the A4 type area).
BODY_LINE = '<w:spacing w:line="560" w:lineRule="exact"/>'


def styles_xml() -> str:
    """Normal (仿宋_GB2312 三号), titles (方正小标宋简体), headings (黑体), table text (宋体 五号), footer."""
    styles = [
        f'<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
        f'<w:pPr><w:widowControl w:val="0"/>{BODY_LINE}<w:jc w:val="both"/></w:pPr>'
        f'<w:rPr>{_fonts(BODY_FONT)}<w:kern w:val="2"/><w:sz w:val="{SIZE_3}"/><w:szCs w:val="{SIZE_3}"/></w:rPr>'
        "</w:style>",
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>',
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
        '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="57" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
        '<w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>',
        '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>',
        _paragraph_style("Title", "Title", font=TITLE_FONT, size=SIZE_2,
                         ppr=f'<w:spacing w:before="240" w:after="240" w:line="640" w:lineRule="exact"/>{CENTER}',
                         custom=False),
        _paragraph_style("CoverTitle", "封面标题", font=TITLE_FONT, size=SIZE_1,
                         ppr=f'<w:spacing w:line="900" w:lineRule="exact"/>{CENTER}'),
        _paragraph_style("Heading1", "heading 1", font=HEADING_FONT, size=SIZE_3,
                         ppr='<w:keepNext/><w:ind w:firstLineChars="200" w:firstLine="640"/><w:outlineLvl w:val="0"/>',
                         custom=False),
        _paragraph_style("AttachmentLabel", "附件标识", font=HEADING_FONT, size=SIZE_3, ppr='<w:jc w:val="left"/>'),
        _paragraph_style("BodyIndent", "正文首行缩进", font=BODY_FONT, size=SIZE_3,
                         ppr='<w:ind w:firstLineChars="200" w:firstLine="640"/>'),
        _paragraph_style("BodyCenter", "居中", font=BODY_FONT, size=SIZE_3, ppr=CENTER),
        _paragraph_style("CoverLine", "封面栏目", font=BODY_FONT, size=SIZE_3,
                         ppr='<w:spacing w:before="200"/><w:ind w:left="1280"/>'),
        _paragraph_style("Signature", "落款", font=BODY_FONT, size=SIZE_3, ppr='<w:ind w:left="1600"/>'),
        _paragraph_style("TableText", "表格文字", font=TABLE_FONT, size=SIZE_5, ppr=f"{SINGLE}{CENTER}",
                         based_on=""),
        _paragraph_style("TableTextLeft", "表格文字（左对齐）", font=TABLE_FONT, size=SIZE_5,
                         ppr=f'{SINGLE}<w:jc w:val="left"/>', based_on="TableText"),
        _paragraph_style("TableHeading", "表格标题", font=TABLE_FONT, size=SIZE_5, ppr=f"{SINGLE}{CENTER}", bold=True,
                         based_on="TableText"),
        _paragraph_style("TableHeadingLeft", "表格标题（左对齐）", font=TABLE_FONT, size=SIZE_5,
                         ppr=f'{SINGLE}<w:jc w:val="left"/>', bold=True, based_on="TableText"),
        # 小五 (9 pt) for the dense lists of 附件4 and 附件5 on a portrait page.
        _paragraph_style("TableTextSmall", "表格文字（小五）", font=TABLE_FONT, size=SIZE_SMALL_5,
                         ppr=f"{SINGLE}{CENTER}", based_on="TableText"),
        _paragraph_style("TableTextSmallLeft", "表格文字（小五，左对齐）", font=TABLE_FONT, size=SIZE_SMALL_5,
                         ppr=f'{SINGLE}<w:jc w:val="left"/>', based_on="TableText"),
        _paragraph_style("TableHeadingSmall", "表格标题（小五）", font=TABLE_FONT, size=SIZE_SMALL_5,
                         ppr=f"{SINGLE}{CENTER}", bold=True, based_on="TableText"),
        _paragraph_style("Footer", "footer", font=TABLE_FONT, size=SIZE_4, ppr=f"{SINGLE}{CENTER}", based_on="",
                         custom=False),
    ]
    defaults = (
        f"<w:docDefaults><w:rPrDefault><w:rPr>{_fonts(BODY_FONT)}"
        f'<w:sz w:val="{SIZE_3}"/><w:szCs w:val="{SIZE_3}"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'
        "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr/></w:pPrDefault></w:docDefaults>"
    )
    return f'{HEADER}<w:styles xmlns:w="{W}">{defaults}{"".join(styles)}</w:styles>'


SETTINGS_XML = (
    f'{HEADER}<w:settings xmlns:w="{W}"><w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/>'
    '<w:characterSpacingControl w:val="compressPunctuation"/>'
    '<w:compat><w:useFELayout/><w:compatSetting w:name="compatibilityMode" '
    'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
    '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>'
    '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/></w:settings>'
)

# altName tells Word and WPS what to use when the official font is missing: Windows ships 仿宋
# and 宋体, not 仿宋_GB2312 or 方正小标宋简体 (notes/libraries.md §3, pitfall 5).
FONT_TABLE_XML = (
    f'{HEADER}<w:fonts xmlns:w="{W}">'
    + "".join(
        f'<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="86"/></w:font>'
        for name, alt in ((TABLE_FONT, "SimSun"), (HEADING_FONT, "SimHei"), (BODY_FONT, "仿宋"), (TITLE_FONT, "宋体"))
    )
    + "</w:fonts>"
)

DOCUMENT_XML = f'{HEADER}<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body><w:sectPr/></w:body></w:document>'

CONTENT_TYPES_XML = (
    f'{HEADER}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/settings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
    '<Override PartName="/word/fontTable.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    "</Types>"
)

_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
ROOT_RELS_XML = (
    f'{HEADER}<Relationships xmlns="{_RELS}">'
    f'<Relationship Id="rId1" Type="{_OFFICE}/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
    'core-properties" Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{_OFFICE}/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)
DOCUMENT_RELS_XML = (
    f'{HEADER}<Relationships xmlns="{_RELS}">'
    f'<Relationship Id="rId1" Type="{_OFFICE}/styles" Target="styles.xml"/>'
    f'<Relationship Id="rId2" Type="{_OFFICE}/settings" Target="settings.xml"/>'
    f'<Relationship Id="rId3" Type="{_OFFICE}/fontTable" Target="fontTable.xml"/>'
    "</Relationships>"
)
APP_XML = (
    f'{HEADER}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>Shifan</Application></Properties>"
)


def core_xml(title: str) -> str:
    return (
        f'{HEADER}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(title)}</dc:title><dc:creator>南昌市中小企业服务局</dc:creator>"
        "<dc:language>zh-CN</dc:language><cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{FIXED_DATE}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{FIXED_DATE}</dcterms:modified>'
        "</cp:coreProperties>"
    )


def new_document(title: str):
    """A python-docx Document on our own base package: no theme, zh-CN, official fonts in every style."""
    parts = {
        "[Content_Types].xml": CONTENT_TYPES_XML,
        "_rels/.rels": ROOT_RELS_XML,
        "word/document.xml": DOCUMENT_XML,
        "word/_rels/document.xml.rels": DOCUMENT_RELS_XML,
        "word/styles.xml": styles_xml(),
        "word/settings.xml": SETTINGS_XML,
        "word/fontTable.xml": FONT_TABLE_XML,
        "docProps/core.xml": core_xml(title),
        "docProps/app.xml": APP_XML,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, xml in parts.items():
            archive.writestr(name, xml.encode("utf-8"))
    buffer.seek(0)
    return Document(buffer)
