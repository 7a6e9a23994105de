"""The Word engine: escaping, control characters, strict contexts, East Asian fonts, the page."""

import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from jinja2 import UndefinedError

from shifan.documents.docx import clean_context, clean_text, ensure_east_asia_fonts, render_docx, template_path
from tests.documents.docx_reading import body_paragraphs, open_docx, part, table_rows

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DECLARATION = {"applicant": "甲服务机构有限公司", "signer": "章示范", "signed_on": "2026年5月1日"}


def _served(rows: list[dict], **extra) -> bytes:
    return render_docx("served_list.docx", {"applicant": "甲", "rows": rows, "served_count": str(len(rows)),
                                            "list_minimum": "100", **extra})


def _sme(number: int) -> dict:
    return {"seq": str(number), "name": f"南昌市第{number}科技有限公司", "contact": "张三", "position": "总经理",
            "mobile": f"138{number:08d}", "service": "融资对接", "satisfied": "✓", "unsatisfied": ""}


def test_a_value_with_xml_characters_appears_exactly_as_typed():
    data = render_docx("declaration.docx", {**DECLARATION, "applicant": "A & B <公司>"})
    assert "申报单位（盖章）：A & B <公司>" in body_paragraphs(open_docx(data))
    assert "A &amp; B &lt;公司&gt;" in part(data, "word/document.xml")


def test_control_characters_are_stripped_and_line_ends_kept_as_line_breaks():
    data = render_docx("declaration.docx", {**DECLARATION, "signer": "章\x00示\x07范\x0c\x1b\x7f\x85\ufffe"})
    assert "法定代表人（签字）：章示范" in body_paragraphs(open_docx(data))
    served = open_docx(_served([{**_sme(1), "service": "融资\r\n对接\t培训\x0b"}]))
    assert table_rows(served.tables[0])[2][5] == "融资\n对接 培训"


def test_clean_text_keeps_chinese_and_line_breaks():
    assert clean_text("甲\r乙\r\n丙\n丁\u3000戊\ud800") == "甲\n乙\n丙\n丁\u3000戊"


def test_a_context_holds_plain_data_only():
    from datetime import date

    assert clean_context({"a": ["x\x00", ("y",)], "n": 1, "none": None}) == {"a": ["x", ["y"]], "n": 1, "none": None}
    with pytest.raises(TypeError, match="date"):
        clean_context({"signed_on": date(2026, 5, 1)})


def test_a_name_missing_from_the_context_is_an_error_not_a_blank():
    with pytest.raises(UndefinedError):
        render_docx("declaration.docx", {"applicant": "甲", "signer": "章示范"})


@pytest.mark.parametrize("name", ["../settings.py", "declaration", "nothing.docx", "templates_office/declaration.docx"])
def test_only_templates_of_the_folder_can_be_rendered(name):
    with pytest.raises(ValueError, match="no Word template"):
        template_path(name)


def test_a_run_naming_a_chinese_font_only_for_latin_text_gets_it_for_chinese_text_too():
    body = parse_xml(
        f'<w:body xmlns:w="{W}"><w:r><w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体"/></w:rPr></w:r>'
        '<w:r><w:rPr><w:rFonts w:ascii="Times New Roman"/></w:rPr></w:r>'
        '<w:r><w:rPr><w:rFonts w:ascii="SimHei" w:eastAsia="黑体"/></w:rPr></w:r></w:body>'
    )
    assert ensure_east_asia_fonts(body) == 1
    fonts = [node.get(qn("w:eastAsia")) for node in body.iter(qn("w:rFonts"))]
    assert fonts == ["宋体", None, "黑体"]


def test_a_2000_row_served_list_renders_every_row():
    document = open_docx(_served([_sme(n) for n in range(1, 2001)]))
    rows = table_rows(document.tables[0])
    assert len(rows) == 2 + 2000
    assert rows[-1] == ["2000", "南昌市第2000科技有限公司", "张三", "总经理", "13800002000", "融资对接", "✓", ""]
    assert "注：实际服务（2000）家企业，名单必须100家以上。" in body_paragraphs(document)


def test_a_rendered_document_is_a4_with_the_official_margins_and_fonts():
    data = render_docx("declaration.docx", DECLARATION)
    section = open_docx(data).sections[0]
    assert (section.page_width.twips, section.page_height.twips) == (11906, 16838)  # A4: 210 × 297 mm
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(length.mm, 1) for length in (section.top_margin, section.bottom_margin, section.left_margin,
                                                section.right_margin)] == [37.0, 35.0, 28.0, 26.0]
    styles = part(data, "word/styles.xml")
    for font in ("方正小标宋简体", "仿宋_GB2312", "黑体", "宋体"):
        assert f'w:eastAsia="{font}"' in styles
    assert 'w:eastAsia="zh-CN"' in styles and "ja-JP" not in styles + part(data, "word/settings.xml")
