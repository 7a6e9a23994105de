"""Whole-file refusals, checked before openpyxl parses anything (DESIGN §9; T32–T35)."""

import io
import zipfile

import pytest

from shifan.documents.xlsx import ImportRefused, ZipLimits, build_template, read_rows
from tests.documents.helpers import parts, rezip
from tests.documents.specs import SERVED_SMES

MB = 1024 * 1024
XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
XLSM_MAIN = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
NOT_XLSX = (
    "文件内容不是 Excel 工作簿（.xlsx）。请使用系统提供的模板填写，"
    "CSV、.xls、.et 等格式请先在 Excel 或 WPS 中另存为 .xlsx 后上传。"
)
MACROS = (
    "文件包含宏或 ActiveX 控件（如 .xlsm 文件），出于安全原因不能导入。"
    "请在 Excel 中“另存为”“Excel 工作簿（*.xlsx）”后重新上传。"
)
EMBEDDED = "工作簿中嵌入了其他文件或对象，无法导入。请删除嵌入的对象后重新上传。"


def _bad_structure(detail: str) -> str:
    return f"文件内部结构异常（{detail}），可能是恶意构造的文件，无法导入。"


@pytest.fixture(scope="module")
def template() -> bytes:
    return build_template(SERVED_SMES)


def _refusal(data: bytes, **options) -> str:
    with pytest.raises(ImportRefused) as refused:
        read_rows(SERVED_SMES, data, **options)
    return refused.value.message


def test_the_template_itself_passes(template):
    assert read_rows(SERVED_SMES, template).rows == []


def test_an_empty_file_is_refused():
    assert _refusal(b"") == "文件是空的，请重新选择文件。"


def test_a_file_over_the_size_cap_is_refused_before_anything_else():
    over_cap = b"PK\x03\x04" + b"\0" * (10 * MB)
    assert _refusal(over_cap) == "文件大小为 10.1 MB，超过上限 10 MB。请删除多余内容或分批导入。"
    assert _refusal(b"x" * 3000, max_bytes=2048) == "文件大小为 3 KB，超过上限 2 KB。请删除多余内容或分批导入。"


@pytest.mark.parametrize(
    "data",
    [
        "服务企业名称,统一社会信用代码\n甲公司,91360100MA35000001\n".encode(),
        b"<html><body>not a workbook</body></html>",
        b"%PDF-1.7\n",
    ],
    ids=["csv", "html", "pdf"],
)
def test_content_that_is_not_a_zip_is_refused_whatever_its_name(data):
    assert _refusal(data) == NOT_XLSX


def test_an_old_xls_or_password_protected_file_gets_its_own_message():
    assert _refusal(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512) == (
        "这是旧版 Excel 97-2003 工作簿（.xls）或设置了打开密码的文件，无法导入。"
        "请取消密码，并在 Excel 中“另存为”“Excel 工作簿（*.xlsx）”后重新上传。"
    )


def test_a_damaged_zip_is_refused():
    assert _refusal(b"PK\x03\x04" + b"\x01" * 200) == "文件已损坏，无法读取。请在 Excel 中重新保存为 .xlsx 后上传。"


def test_a_plain_zip_and_a_word_document_are_not_workbooks(template):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("list.csv", "a,b\n")
    assert _refusal(buffer.getvalue()) == NOT_XLSX
    content_types = parts(template)["[Content_Types].xml"].replace(
        XLSX_MAIN.encode(), b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    )
    assert _refusal(rezip(template, replace={"[Content_Types].xml": content_types})) == NOT_XLSX


def test_a_macro_enabled_content_type_is_refused(template):
    content_types = parts(template)["[Content_Types].xml"].replace(XLSX_MAIN.encode(), XLSM_MAIN.encode())
    assert _refusal(rezip(template, replace={"[Content_Types].xml": content_types})) == MACROS


@pytest.mark.parametrize("name", ["xl/vbaProject.bin", "xl/VBAPROJECT.BIN", "xl/activeX/activeX1.xml"])
def test_a_vba_project_or_activex_part_is_refused_even_without_its_content_type(template, name):
    assert _refusal(rezip(template, add={name: b"\xd0\xcf\x11\xe0 macro"})) == MACROS


@pytest.mark.parametrize("name", ["xl/embeddings/oleObject1.bin", "xl/media/inner.zip", "docProps/other.xlsx"])
def test_embedded_files_and_nested_archives_are_refused(template, name):
    assert _refusal(rezip(template, add={name: b"PK\x03\x04"})) == EMBEDDED


def test_a_zip_bomb_part_is_refused_on_its_compression_ratio(template):
    bomb = rezip(template, add={"xl/worksheets/sheet9.xml": b" " * (5 * MB)})
    with zipfile.ZipFile(io.BytesIO(bomb)) as archive:
        entry = archive.getinfo("xl/worksheets/sheet9.xml")
    ratio = entry.file_size // entry.compress_size
    assert ratio > 1000
    assert _refusal(bomb) == _bad_structure(f"部件 xl/worksheets/sheet9.xml 的压缩比为 {ratio} 倍，上限 100 倍")


def test_a_zip_bomb_is_refused_on_its_total_size_from_the_directory_alone(template):
    # 101 MB of zeros deflates to about 100 KB: well under the upload cap, far over the unzipped cap.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts(template).items():
            archive.writestr(name, content)
        with archive.open("xl/sharedStrings.xml", "w") as part:
            for _ in range(101):
                part.write(b"\0" * MB)
    data = buffer.getvalue()
    assert len(data) < MB
    assert _refusal(data) == _bad_structure("解压后超过上限 100 MB")


def test_the_zip_limits_are_parameters(template):
    assert _refusal(template, limits=ZipLimits(max_total_bytes=10_000)) == _bad_structure("解压后超过上限 10 KB")
    assert _refusal(template, limits=ZipLimits(max_entries=5)) == _bad_structure(
        f"包含 {len(parts(template))} 个部件，上限 5 个"
    )


def test_too_many_parts_are_refused(template):
    filler = {f"docProps/custom{n}.txt": b"" for n in range(1000)}
    count = len(parts(template)) + 1000
    assert _refusal(rezip(template, add=filler)) == _bad_structure(f"包含 {count} 个部件，上限 1000 个")


@pytest.mark.parametrize("name", ["../evil.xml", "/etc/evil.xml", "xl\\..\\evil.xml", "C:/evil.xml"])
def test_unsafe_paths_inside_the_zip_are_refused(template, name):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for part_name, content in parts(template).items():
            archive.writestr(part_name, content)
        archive.writestr(zipfile.ZipInfo(name), b"<x/>")
    assert _refusal(buffer.getvalue()) == _bad_structure(f"包含不安全的路径 {name}")


def test_a_part_listed_twice_is_refused(template):
    doubled = rezip(template, add={"xl/workbook.xml": parts(template)["xl/workbook.xml"]})
    assert _refusal(doubled) == _bad_structure("部件 xl/workbook.xml 出现了多次")


def _with_encryption_flag(data: bytes, name: str) -> bytes:
    """Set the "encrypted" bit of one entry in the central directory (zipfile cannot write it)."""
    raw = bytearray(data)
    record = data.index(b"PK\x01\x02")
    while True:
        name_length = int.from_bytes(raw[record + 28:record + 30], "little")
        if raw[record + 46:record + 46 + name_length] == name.encode():
            raw[record + 8] |= 0x1
            return bytes(raw)
        record = data.index(b"PK\x01\x02", record + 46)


def test_an_encrypted_part_is_refused(template):
    encrypted = _with_encryption_flag(template, "xl/worksheets/sheet1.xml")
    assert _refusal(encrypted) == "文件内容已加密，无法导入。请取消密码后重新保存为 .xlsx 上传。"


XXE = (
    '<?xml version="1.0" encoding="{encoding}"?>\n'
    '<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
)
LAUGHS = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'


@pytest.mark.parametrize(
    ("name", "prefix", "encoding"),
    [
        ("xl/worksheets/sheet1.xml", XXE.format(encoding="UTF-8"), "utf-8"),
        ("xl/worksheets/sheet1.xml", XXE.format(encoding="UTF-16"), "utf-16-le"),
        ("xl/workbook.xml", LAUGHS, "utf-8"),
        ("xl/_rels/workbook.xml.rels", LAUGHS.replace("DOCTYPE", "doctype"), "utf-8"),
        ("[Content_Types].xml", LAUGHS, "utf-8"),
    ],
)
def test_xml_parts_declaring_a_dtd_or_entities_are_refused(template, name, prefix, encoding):
    original = parts(template)[name].decode()
    body = original.split("?>", 1)[1] if original.startswith("<?xml") else original
    tampered = rezip(template, replace={name: (prefix + body).encode(encoding)})
    assert _refusal(tampered) == _bad_structure(f"部件 {name} 含有 DOCTYPE 或 ENTITY 声明")


def test_a_sheet_openpyxl_cannot_parse_is_refused_as_unreadable(template):
    broken = rezip(template, replace={"xl/worksheets/sheet1.xml": b"<worksheet><sheetData><row>"})
    assert _refusal(broken) == "无法读取该 Excel 文件，文件可能已损坏。请在 Excel 中重新保存为 .xlsx 后上传。"


def test_forged_row_numbers_and_dimensions_do_not_make_the_reader_loop(template):
    sheet = parts(template)["xl/worksheets/sheet1.xml"].decode()
    forged = sheet.replace("<sheetViews>", '<dimension ref="A1:G999999999"/><sheetViews>', 1).replace(
        "</sheetData>",
        '<row r="2"><c r="A2" t="inlineStr"><is><t>甲公司</t></is></c>'
        '<c r="B2" t="inlineStr"><is><t>91360100MA35000001</t></is></c></row>'
        '<row r="2000000000"><c r="A2000000000" t="inlineStr"><is><t>乙公司</t></is></c></row></sheetData>',
    )
    result = read_rows(SERVED_SMES, rezip(template, replace={"xl/worksheets/sheet1.xml": forged.encode()}))
    assert (result.row_numbers, result.errors) == ([2], [])


def test_a_link_to_an_external_workbook_is_refused(template):
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'externalLinkPath" Target="file:///C:/secret.xlsx" TargetMode="External"/></Relationships>'
    )
    linked = rezip(template, add={"xl/externalLinks/_rels/externalLink1.xml.rels": rels.encode()})
    assert _refusal(linked) == (
        "工作簿引用了外部文件或对象（如外部链接、远程模板），无法导入。请删除外部引用后重新上传。"
    )


def test_a_bomb_of_many_small_binary_parts_is_refused_on_the_declared_total(template):
    """Each part under the ratio floor and none of them XML: only the directory's declared total catches it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts(template).items():
            archive.writestr(name, content)
        for number in range(110):
            archive.writestr(f"xl/media/image{number}.png", b"\0" * (MB - 1))
    data = buffer.getvalue()
    assert len(data) < MB
    assert _refusal(data) == _bad_structure("解压后超过上限 100 MB")


def test_openpyxl_parses_with_defusedxml():
    """openpyxl switches to defusedxml when it is installed (requirements pin it): entity expansion off."""
    from openpyxl import xml

    assert xml.DEFUSEDXML is True
