"""Attachment checks: each bad file class refused with its exact Chinese message (T32–T37)."""

import hashlib
import io
import time
import zipfile

import pytest
from PIL import Image

from shifan.documents.files import FileRefused, check_upload
from shifan.documents.files.names import safe_name
from tests.documents import bad_files as make
from tests.documents.helpers import workbook_bytes
from tests.factories import MINIMAL_PDF

MB = 1024 * 1024
SCANS = frozenset({"pdf", "jpg", "png"})
ANY = frozenset({"pdf", "jpg", "png", "docx", "xlsx"})
CAP = 20 * MB

ACTIVE_PDF = (
    "PDF 文件包含脚本、自动执行的动作或嵌入的文件（{names}），出于安全原因不能上传。"
    "请用“打印为 PDF”或扫描件重新生成后上传。"
)
MACROS = (
    "文件包含宏或 ActiveX 控件，出于安全原因不能上传。"
    "请在 Word 或 Excel 中“另存为”不含宏的 .docx 或 .xlsx 后重新上传。"
)


def refusal(data: bytes, name: str, allowed=ANY, cap=CAP) -> str:
    with pytest.raises(FileRefused) as refused:
        check_upload(data, name, allowed, cap)
    return refused.value.message


# --- what passes ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("build", "name", "kind", "content_type"),
    [
        (lambda: MINIMAL_PDF, "营业执照.pdf", "pdf", "application/pdf"),
        (lambda: make.image("jpg"), "现场照片.jpeg", "jpg", "image/jpeg"),
        (lambda: make.image("png"), "证书.png", "png", "image/png"),
        (lambda: make.docx(), "活动总结.docx", "docx",
         "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (lambda: workbook_bytes("签到表", [["姓名"], ["张三"]]), "签到表.xlsx", "xlsx",
         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (lambda: make.docx(add={"word/_rels/document.xml.rels": make.HYPERLINK}), "带链接.docx", "docx",
         "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ],
)
def test_sound_files_of_each_kind_pass_with_the_kind_s_own_content_type(build, name, kind, content_type):
    checked = check_upload(build(), name, ANY, CAP)
    assert (checked.kind, checked.content_type, checked.safe_name) == (kind, content_type, name)
    assert checked.size == len(checked.data)


def test_a_pdf_is_stored_as_uploaded_with_its_digest():
    checked = check_upload(MINIMAL_PDF, "a.pdf", SCANS, CAP)
    assert checked.data == MINIMAL_PDF
    assert checked.sha256 == hashlib.sha256(MINIMAL_PDF).hexdigest()


# --- size, name, extension --------------------------------------------------------------------


def test_an_empty_file_is_refused():
    assert refusal(b"", "a.pdf") == "文件是空的，请重新选择文件。"


def test_an_oversized_file_is_refused_before_its_content_is_read():
    assert refusal(b"%PDF-" + b"\0" * CAP, "年报.pdf") == (
        "文件大小为 20.1 MB，超过本项上限 20 MB。请压缩或拆分后上传。")


def test_an_extension_the_slot_does_not_accept_names_the_allowed_list():
    assert refusal(make.docx(), "合同.docx", SCANS) == "本项不接受 .docx 格式的文件，只接受：PDF、JPG、PNG。"
    assert refusal(b"MZ\x90\0", "setup.exe", SCANS) == "本项不接受 .exe 格式的文件，只接受：PDF、JPG、PNG。"
    no_extension = refusal(MINIMAL_PDF, "审计报告", frozenset({"pdf"}))
    assert no_extension == "文件名没有扩展名，无法判断文件类型。本项只接受：PDF。"


@pytest.mark.parametrize("name", ["总结.docm", "台账.XLSM", "宏.xlsb", "模板.dotm"])
def test_macro_formats_are_refused_by_name_whatever_the_slot(name):
    extension = name.rsplit(".", 1)[1].lower()
    assert refusal(make.docx(), name) == (
        f"不能上传带宏的 Office 文件（.{extension}）。请在 Word 或 Excel 中“另存为”不含宏的 .docx 或 .xlsx 后重新上传。"
    )


# --- content against extension (magic bytes) -------------------------------------------------


def test_a_pdf_renamed_jpg_is_refused():
    assert refusal(MINIMAL_PDF, "执照.jpg") == (
        "文件内容与扩展名不符：文件名是 .jpg，内容却是 PDF 文档。请确认文件后重新上传。")


def test_a_png_renamed_pdf_and_a_workbook_renamed_docx_are_refused():
    assert refusal(make.image("png"), "x.pdf") == (
        "文件内容与扩展名不符：文件名是 .pdf，内容却是 PNG 图片。请确认文件后重新上传。")
    workbook = workbook_bytes("表", [["a"]])
    assert refusal(workbook, "x.docx") == (
        "文件内容与扩展名不符：文件名是 .docx，内容却是 Excel 工作簿（.xlsx）。请确认文件后重新上传。"
    )


def test_content_of_no_allowed_kind_is_refused_as_not_matching():
    assert refusal(b"just some text", "说明.pdf") == (
        "文件内容不是有效的PDF 文档，与扩展名 .pdf 不符。请确认文件未损坏后重新上传。"
    )
    assert refusal(make.plain_zip(), "a.docx") == (
        "文件内容不是有效的Word 文档（.docx），与扩展名 .docx 不符。请确认文件未损坏后重新上传。"
    )


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"<html><body><script>alert(document.cookie)</script></body></html>", "营业执照.pdf"),
        (b"\xef\xbb\xbf  <!DOCTYPE html><html></html>", "a.jpg"),
        (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "logo.png"),
        (b'<?xml version="1.0"?><svg/>', "a.docx"),
        ("<html>".encode("utf-16"), "a.xlsx"),
    ],
    ids=["html-as-pdf", "html-with-bom-as-jpg", "svg-as-png", "xml-as-docx", "utf16-html-as-xlsx"],
)
def test_web_pages_and_svg_are_refused_behind_any_name(data, name):
    assert refusal(data, name) == "文件内容是网页或脚本（HTML、SVG 等），出于安全原因不能上传。"


@pytest.mark.parametrize("magic", [b"MZ\x90\x00\x03", b"\x7fELF\x02\x01", b"#!/bin/sh\nrm -rf /"])
def test_programs_are_refused_behind_any_name(magic):
    assert refusal(magic + b"\0" * 64, "照片.jpg") == "文件内容是可执行程序，出于安全原因不能上传。"


def test_an_old_or_password_protected_office_file_is_refused():
    assert refusal(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "总结.docx") == (
        "这是旧版 Office 文件（.doc、.xls）或设置了打开密码的文件，无法检查其内容。"
        "请取消密码，并“另存为”.docx、.xlsx 或 PDF 后重新上传。"
    )


# --- PDF ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("extra", "names"),
    [
        (b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>", "/JavaScript、/JS"),
        (b"/Names << /J#61vaScript 9 0 R >>", "/JavaScript"),  # a #xx escape does not hide the name
        (b"/OpenAction << /S /Launch /F (cmd.exe) >>", "/Launch"),
        (b"/Names << /EmbeddedFiles 9 0 R >>", "/EmbeddedFiles"),
        (b"/AA << /O << /S /JS >> >>", "/JS"),
    ],
    ids=["open-action-js", "hex-escaped", "launch", "embedded-files", "additional-action"],
)
def test_a_pdf_with_scripts_launch_actions_or_embedded_files_is_refused(extra, names):
    assert refusal(make.pdf(extra), "报告.pdf") == ACTIVE_PDF.format(names=names)


def test_active_content_hidden_in_a_compressed_object_stream_is_found():
    hidden = make.pdf_with_object_stream(b"<< /Type /Filespec /EF << /F 6 0 R >> /Type /EmbeddedFile >>")
    assert b"EmbeddedFile" not in hidden  # a plain byte search would miss it
    assert refusal(hidden, "报告.pdf") == ACTIVE_PDF.format(names="/EmbeddedFile")


@pytest.mark.parametrize("indirect", [False, True], ids=["length", "indirect-length"])
def test_a_short_name_occurring_by_chance_in_picture_data_is_not_mistaken_for_a_script(indirect):
    # Megabytes of compressed pixels hold "/JS " by chance; only dictionaries can hold a script.
    picture = bytes(range(256)) * 4096 + b"/JS " + bytes(range(256)) * 4096
    scan = make.pdf_with_picture(picture, indirect_length=indirect)
    assert check_upload(scan, "扫描件.pdf", SCANS, CAP).kind == "pdf"


def test_a_script_hidden_inside_a_stream_s_data_is_still_found():
    # A reader led by the cross-reference table may parse an object placed inside another stream.
    hidden = b"\x00" * 100 + b"7 0 obj << /S /JavaScript /JS (app.alert(1)) >> endobj" + b"\x00" * 100
    assert refusal(make.pdf_with_picture(hidden), "a.pdf") == ACTIVE_PDF.format(names="/JavaScript")


def test_an_open_action_that_only_shows_a_page_is_allowed():
    assert check_upload(make.pdf(b"/OpenAction [3 0 R /Fit]"), "a.pdf", SCANS, CAP).kind == "pdf"


def test_a_pdf_zip_polyglot_is_refused():
    assert refusal(make.pdf_zip_polyglot(), "执照.pdf") == (
        "PDF 文件中夹带了压缩包或网页内容，可能是恶意构造的文件，不能上传。")


def test_a_pdf_with_html_near_its_start_is_refused():
    polyglot = MINIMAL_PDF.replace(b"1 0 obj", b"<html><script>alert(1)</script></html>\n1 0 obj", 1)
    assert refusal(polyglot, "执照.pdf") == "PDF 文件中夹带了压缩包或网页内容，可能是恶意构造的文件，不能上传。"


def test_an_encrypted_pdf_is_refused_as_not_inspectable():
    encrypted = MINIMAL_PDF.replace(b"<< /Root 1 0 R >>", b"<< /Root 1 0 R /Encrypt 7 0 R >>")
    assert refusal(encrypted, "a.pdf") == "PDF 文件设置了密码或权限加密，无法检查其内容。请取消加密后重新导出上传。"


def test_a_truncated_pdf_is_refused():
    assert refusal(MINIMAL_PDF[:60], "a.pdf") == "PDF 文件不完整或已损坏，请重新导出或扫描后上传。"


def test_a_pdf_bomb_in_an_object_stream_stops_at_the_budget():
    bomb = make.pdf_with_object_stream(b" " * (60 * MB))
    started = time.monotonic()
    assert refusal(bomb, "a.pdf") == "PDF 文件的压缩对象解压后超过上限 50 MB，可能是恶意构造的文件，不能上传。"
    assert time.monotonic() - started < 5


# --- images -------------------------------------------------------------------------------------


def test_a_pixel_flood_png_is_refused_from_its_header():
    flood = make.png_pixel_flood()
    assert len(flood) < 200
    assert refusal(flood, "证书.png") == (
        "图片尺寸过大，超过上限 4000 万像素（约 8000×5000），可能是恶意构造的文件。请缩小图片后重新上传。"
    )


def test_an_image_just_over_the_pixel_cap_is_refused_too():
    assert refusal(make.png_pixel_flood(8000, 5001), "证书.png").startswith("图片尺寸过大")


def test_a_broken_image_is_refused():
    assert refusal(make.image("png")[:40], "证书.png") == "图片无法读取，文件可能已损坏。请重新拍摄或扫描后上传。"


def test_images_are_re_encoded_without_exif_gps_or_trailing_bytes():
    photo = make.image("jpg", size=(64, 48), exif_gps=True) + b"<html><script>alert(1)</script></html>"
    with Image.open(io.BytesIO(photo)) as original:
        assert original.getexif().get_ifd(0x8825)  # the upload carries a GPS position
    checked = check_upload(photo, "现场.jpg", SCANS, CAP)
    assert b"<script>" not in checked.data and b"Exif" not in checked.data
    with Image.open(io.BytesIO(checked.data)) as stored:
        assert stored.format == "JPEG"
        assert not stored.getexif()
        assert stored.size == (48, 64)  # the orientation was applied before EXIF was dropped


def test_a_palette_png_keeps_its_transparency():
    buffer = io.BytesIO()
    Image.new("P", (8, 8), 0).save(buffer, "PNG", transparency=0)
    checked = check_upload(buffer.getvalue(), "印章.png", SCANS, CAP)
    with Image.open(io.BytesIO(checked.data)) as stored:
        assert stored.info.get("transparency") == 0


# --- Word and Excel -------------------------------------------------------------------------


def test_a_docx_with_a_vba_project_is_refused():
    assert refusal(make.docx(add={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0 macro"}), "总结.docx") == MACROS


def test_a_docx_declaring_a_macro_enabled_main_part_is_refused():
    assert refusal(make.docx(main=make.DOCM_MAIN), "总结.docx") == MACROS


def test_a_zip_bomb_docx_is_refused_from_its_directory():
    bomb = make.zip_bomb_docx()
    assert len(bomb) < MB
    assert refusal(bomb, "总结.docx") == "文件内部结构异常（解压后超过上限 100 MB），可能是恶意构造的文件，不能上传。"


@pytest.mark.parametrize("name", ["word/embeddings/oleObject1.bin", "word/media/inner.zip", "word/other.docx"])
def test_nested_archives_and_embedded_objects_are_refused(name):
    assert refusal(make.docx(add={name: b"PK\x03\x04"}), "总结.docx") == (
        "文件中嵌入了其他文件或对象（如压缩包、OLE 对象），不能上传。请删除嵌入的对象后重新上传。"
    )


def test_xxe_in_a_docx_is_refused_before_parsing():
    xxe = '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document/>'
    assert refusal(make.docx(replace={"word/document.xml": xxe}), "总结.docx") == (
        "文件内部结构异常（部件 word/document.xml 含有 DOCTYPE 或 ENTITY 声明），可能是恶意构造的文件，不能上传。"
    )


def test_a_docx_fetching_a_remote_template_is_refused():
    remote = make.docx(add={"word/_rels/settings.xml.rels": make.REMOTE_TEMPLATE})
    assert refusal(remote, "总结.docx") == (
        "文件引用了外部模板或对象，打开时会从网络下载内容，不能上传。请删除外部引用后重新保存上传。"
    )


def test_a_path_traversal_inside_the_package_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", make.CONTENT_TYPES.format(main=make.DOCX_MAIN))
        archive.writestr("word/document.xml", make.DOCUMENT)
        archive.writestr(zipfile.ZipInfo("../../evil.xml"), "<x/>")
    assert refusal(buffer.getvalue(), "a.docx") == (
        "文件内部结构异常（包含不安全的路径 ../../evil.xml），可能是恶意构造的文件，不能上传。"
    )


# --- names -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("uploaded", "kept"),
    [
        ("../../settings/营业执照.pdf", "营业执照.pdf"),
        ("C:\\Users\\张三\\Desktop\\租赁合同.PDF", "租赁合同.pdf"),
        ("/etc/passwd.pdf", "passwd.pdf"),
        ("发票\u202efdp.exe.pdf", "发票fdp.exe.pdf"),  # the right-to-left override is gone
        ("a\u2066b\u2069\u200bc.pdf", "abc.pdf"),  # isolates and zero-width characters too
        ("报\x00告\r\n\t.pdf", "报告.pdf"),
        ('"; filename=evil.html.pdf', "; filename=evil.html.pdf"),
        ('a<b>c:d*e?f|g".pdf', "abcdefg.pdf"),
        ("...隐藏文件.pdf", "隐藏文件.pdf"),
        ("-rf.pdf", "rf.pdf"),
        ("CON.pdf", "附件.pdf"),
        (".pdf.pdf", "pdf.pdf"),
        ("\u202e.pdf", "附件.pdf"),
        ("ｆｕｌｌｗｉｄｔｈ.pdf", "fullwidth.pdf"),  # NFKC
    ],
)
def test_names_are_cleaned_of_paths_controls_and_bidi_characters(uploaded, kept):
    assert check_upload(MINIMAL_PDF, uploaded, SCANS, CAP).safe_name == kept


def test_long_names_are_cut_to_100_characters_keeping_the_real_extension():
    name = check_upload(MINIMAL_PDF, "甲" * 300 + ".pdf", SCANS, CAP).safe_name
    assert (len(name), name[-4:]) == (100, ".pdf")


def test_the_offered_name_takes_the_validated_extension_in_lower_case():
    assert check_upload(make.image("jpg"), "扫描件.JPEG", SCANS, CAP).safe_name == "扫描件.jpeg"
    assert safe_name("", "pdf") == "附件.pdf"
    assert safe_name("lpt1.backup.pdf", "pdf") == "附件.pdf"


def test_billion_laughs_in_a_docx_is_refused_before_parsing():
    laughs = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><w:document>&lol2;</w:document>')
    assert refusal(make.docx(replace={"word/document.xml": laughs}), "总结.docx") == (
        "文件内部结构异常（部件 word/document.xml 含有 DOCTYPE 或 ENTITY 声明），可能是恶意构造的文件，不能上传。"
    )


def test_a_docx_bomb_of_many_small_binary_parts_is_refused_on_the_declared_total():
    many = {f"word/media/image{number}.png": b"\0" * (MB - 1) for number in range(110)}
    bomb = make.docx(add=many)
    assert len(bomb) < MB
    assert refusal(bomb, "总结.docx") == "文件内部结构异常（解压后超过上限 100 MB），可能是恶意构造的文件，不能上传。"


def test_an_xlsx_with_a_vba_project_is_refused_as_an_attachment():
    from openpyxl import Workbook

    buffer = io.BytesIO()
    Workbook().save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in {**parts, "xl/vbaProject.bin": b"\xd0\xcf\x11\xe0"}.items():
            archive.writestr(name, content)
    assert refusal(out.getvalue(), "签到表.xlsx", frozenset({"xlsx"})) == MACROS
