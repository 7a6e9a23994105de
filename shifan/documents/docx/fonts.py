"""East Asian font names on runs and styles (notes/libraries.md §3, pitfall 1).

Word and WPS pick the font of Chinese characters from ``w:eastAsia``, not from ``w:ascii``: a run
that names 宋体 only as its Latin font shows its Chinese text in the style's East Asian font. A
template edited by hand in Word easily ends up like that, so every rendered document is checked.
"""

from docx.oxml.ns import qn

# The official typefaces (GB/T 9704 practice) and their usual Windows names.
TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
TABLE_FONT = "宋体"
CHINESE_FONT_NAMES = frozenset({
    "SimSun", "NSimSun", "SimHei", "FangSong", "FangSong_GB2312", "KaiTi", "KaiTi_GB2312", "Microsoft YaHei",
})  # fmt: skip

_ATTRIBUTES = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")


def is_chinese_font(name: str | None) -> bool:
    """True for a font meant for Chinese text: a Chinese name (宋体, 仿宋_GB2312) or a known Windows one."""
    if not name:
        return False
    return name in CHINESE_FONT_NAMES or any(ord(char) > 0x2E7F for char in name)


def set_fonts(rpr, name: str) -> None:
    """Name ``name`` as the Latin, East Asian and complex-script font of a ``w:rPr`` element."""
    fonts = rpr.get_or_add_rFonts()
    for attribute in _ATTRIBUTES:
        fonts.set(qn(attribute), name)


def ensure_east_asia_fonts(root) -> int:
    """Give every ``w:rFonts`` that names a Chinese font for Latin text but no East Asian font that
    same font for Chinese text. Returns how many were fixed. Side effects: edits ``root`` in place."""
    fixed = 0
    east_asia = qn("w:eastAsia")
    for fonts in root.iter(qn("w:rFonts")):
        if fonts.get(east_asia) or fonts.get(qn("w:eastAsiaTheme")):
            continue
        name = fonts.get(qn("w:ascii")) or fonts.get(qn("w:hAnsi"))
        if is_chinese_font(name):
            fonts.set(east_asia, name)
            fixed += 1
    return fixed
