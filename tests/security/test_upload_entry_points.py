"""Every upload or import URL refuses each class of bad file, in Chinese, and keeps nothing (DESIGN §9, T32–T37).

The table crosses the entry points (every view that takes a file: grep FILES in shifan/) with the
classes of bad file. Each entry point goes through one of three pipelines: the attachment checks
(documents/files), the Excel import guards (documents/xlsx/guards) or the dossier JSON reader;
each has a per-view cap applied while the body is read (workspace/uploads.with_upload_cap), so
an oversized file gets the cap's message ("文件超过…"), not the pipeline's later size check
("文件大小为…"). "Nothing stored": no row of the entry point's model and no file under
MEDIA_ROOT.
"""

import dataclasses
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from shifan.applications.enums import Status
from shifan.applications.models import Application, Attachment, ListImport
from shifan.city_review.models import AgencyReport
from shifan.documents.xlsx import build_template
from shifan.experts.models import ExpertImport
from shifan.publicity.domain import publish
from shifan.publicity.models import Objection, ObjectionEvidence
from shifan.recognition.models import Revocation
from shifan.support.models import SupportGrant
from shifan.workspace.uploads import install_upload_cap
from tests.documents import bad_files as make
from tests.documents.helpers import parts, rezip
from tests.documents.specs import SERVED_SMES
from tests.factories import MINIMAL_PDF, ApplicationFactory, OrganizationFactory
from tests.review_factories import make_group, put_in_group
from tests.support.helpers import recognised

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
XLSM_MAIN = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
XXE = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
LAUGHS = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
          '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
          '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>')


# --- bad files -------------------------------------------------------------------------------

def _docx_with_prolog(prolog: str) -> bytes:
    return make.docx(replace={"word/document.xml": prolog + make.DOCUMENT.split("?>", 1)[1]})


def _xlsx() -> bytes:
    return build_template(SERVED_SMES)


def _xlsx_with_prolog(prolog: str) -> bytes:
    template = _xlsx()
    name = "xl/worksheets/sheet1.xml"
    body = parts(template)[name].decode()
    body = body.split("?>", 1)[1] if body.startswith("<?xml") else body
    return rezip(template, replace={name: (prolog + body).encode()})


def _xlsx_bomb() -> bytes:
    """About 100 KB of zip declaring 101 MB of shared strings: refused from the directory alone."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts(_xlsx()).items():
            archive.writestr(name, content)
        with archive.open("xl/sharedStrings.xml", "w") as part:
            for _ in range(101):
                part.write(b"\0" * MB)
    return buffer.getvalue()


def _ratio_bomb(data: bytes, name: str) -> bytes:
    return rezip(data, add={name: b" " * (5 * MB)})


def _pdf_padded(size: int) -> bytes:
    return make.pdf(tail=b"%" + b"0" * (size - len(MINIMAL_PDF) - 2) + b"\n")


# Each class: pipeline -> (bytes, file name, Chinese fragments of the message). A class a pipeline
# has no counterpart for (a zip bomb in a PDF-only slot) is left out for it.
FILES, XLSX, JSON = "files", "xlsx", "json"
BAD = {
    "wrong_content": {
        FILES: lambda: (HTML, "营业执照.pdf", ["网页或脚本"]),
        XLSX: lambda: (HTML, "名单.xlsx", ["文件内容不是 Excel 工作簿"]),
        JSON: lambda: (make.image("png"), "申报材料.json", ["不是 UTF-8 编码"]),
    },
    "exe_renamed": {
        FILES: lambda: (b"MZ\x90\x00" + b"\0" * 200, "照片.pdf", ["可执行程序"]),
        XLSX: lambda: (b"MZ\x90\x00" + b"\0" * 200, "名单.xlsx", ["文件内容不是 Excel 工作簿"]),
    },
    "zip_bomb_size": {
        "docx": lambda: (make.zip_bomb_docx(), "总结.docx", ["解压后超过上限 100 MB"]),
        XLSX: lambda: (_xlsx_bomb(), "名单.xlsx", ["解压后超过上限 100 MB"]),
    },
    "zip_bomb_ratio": {
        "docx": lambda: (_ratio_bomb(make.docx(), "word/header9.xml"), "总结.docx", ["压缩比为", "上限 100 倍"]),
        XLSX: lambda: (_ratio_bomb(_xlsx(), "xl/worksheets/sheet9.xml"), "名单.xlsx", ["压缩比为", "上限 100 倍"]),
    },
    "xxe": {
        "docx": lambda: (_docx_with_prolog(XXE), "总结.docx", ["DOCTYPE 或 ENTITY"]),
        XLSX: lambda: (_xlsx_with_prolog(XXE), "名单.xlsx", ["DOCTYPE 或 ENTITY"]),
    },
    "billion_laughs": {
        "docx": lambda: (_docx_with_prolog(LAUGHS), "总结.docx", ["DOCTYPE 或 ENTITY"]),
        XLSX: lambda: (_xlsx_with_prolog(LAUGHS), "名单.xlsx", ["DOCTYPE 或 ENTITY"]),
    },
    "vba_in_renamed_file": {
        "docx": lambda: (make.docx(add={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0"}), "总结.docx", ["包含宏"]),
        XLSX: lambda: (rezip(_xlsx(), add={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0"}), "名单.xlsx", ["包含宏"]),
    },
    "macro_format": {
        FILES: lambda: (make.docx(main=make.DOCM_MAIN), "总结.docm", ["带宏的 Office 文件（.docm）"]),
        XLSX: lambda: (rezip(_xlsx(), replace={"[Content_Types].xml": parts(_xlsx())["[Content_Types].xml"]
                                               .replace(XLSX_MAIN.encode(), XLSM_MAIN.encode())}),
                       "名单.xlsm", ["包含宏"]),
    },
    "pdf_html_polyglot": {
        FILES: lambda: (MINIMAL_PDF.replace(b"trailer", b"% <html><script>alert(1)</script></html>\ntrailer"),
                        "材料.pdf", ["夹带了压缩包或网页内容"]),
    },
    "pdf_zip_polyglot": {
        FILES: lambda: (make.pdf_zip_polyglot(), "材料.pdf", ["夹带了压缩包或网页内容"]),
    },
    "pdf_encrypted": {
        FILES: lambda: (make.pdf(tail=b"trailer\n<< /Encrypt 9 0 R >>\n"), "材料.pdf", ["加密"]),
    },
    "pdf_javascript": {
        FILES: lambda: (make.pdf(b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"), "材料.pdf",
                        ["/JavaScript"]),
    },
    "pdf_launch": {
        FILES: lambda: (make.pdf(b"/OpenAction << /S /Launch /F (cmd.exe) >>"), "材料.pdf", ["/Launch"]),
    },
}


# --- entry points ----------------------------------------------------------------------------

@dataclass
class EntryPoint:
    name: str
    persona: str | None
    pipeline: str  # files, xlsx or json
    kinds: frozenset = frozenset()  # for files: what the slot accepts
    field: str = "file"
    cap: int = 20 * MB
    models: tuple = ()
    extra: dict = dataclasses.field(default_factory=dict)

    def variants(self, bad_class: str):
        table = BAD[bad_class]
        if self.pipeline != FILES:
            return table.get(self.pipeline)
        if FILES in table:
            return table[FILES]
        return table.get("docx") if "docx" in self.kinds else None


ENTRY_POINTS = [
    EntryPoint("applicant attachment (第八条 materials)", "applicant_a", FILES,
               frozenset({"pdf", "docx", "xlsx", "jpg", "png"}), models=(Attachment,)),
    EntryPoint("applicant list import (附件5)", "applicant_a", XLSX, cap=10 * MB, models=(ListImport,)),
    EntryPoint("applicant dossier import", "applicant_a", JSON, field="dossier", cap=10 * MB),
    EntryPoint("bureau expert-pool import", "bureau_officer", XLSX, cap=5 * MB, models=(ExpertImport,)),
    EntryPoint("agency review report", "agency", FILES, frozenset({"pdf", "docx"}), models=(AgencyReport,)),
    EntryPoint("bureau revocation evidence", "bureau_officer", FILES, frozenset({"pdf", "jpg", "png", "docx"}),
               field="evidence", models=(Revocation,),
               extra={"reason": "核查发现平台已停止运营，不再符合认定条件。", "public_reason": "不再符合认定条件"}),
    EntryPoint("bureau support grant document", "bureau_officer", FILES, frozenset({"pdf"}), field="document",
               models=(SupportGrant,), extra={"kind": "funding", "amount": "30"}),
    EntryPoint("public objection evidence", None, FILES, frozenset({"pdf", "jpg", "png"}), field="evidence",
               cap=10 * MB, models=(Objection, ObjectionEvidence),
               extra={"name": "王某", "mobile": "13800138000", "content": "该平台的服务企业名单与实际不符，请核查。"}),
]


@pytest.fixture
def targets(personas, org_a, batch, district_x):
    """URL and extra form data of each entry point, on objects the uploader may write to."""
    from shifan.workdays.models import CalendarYear

    today = timezone.localdate()
    for year in (today.year, today.year + 1):
        CalendarYear.objects.get_or_create(year=year, defaults={"source": "测试：按周末规则", "complete": True})
    draft = ApplicationFactory(organization=org_a, batch=batch, status=Status.DRAFT, platform_name="甲平台")
    group = make_group(batch, actor=personas["bureau_officer"], name="机构组", mode="agency",
                       agency=personas["agency"].organization)
    put_in_group(ApplicationFactory(organization=OrganizationFactory(jurisdiction=district_x), batch=batch,
                                   status=Status.IN_REVIEW), group,
                 personas["bureau_officer"])
    platform = recognised(district_x, personas, name="示范平台")
    publicity = _open_publicity(personas, OrganizationFactory(jurisdiction=district_x), batch)
    return {
        "applicant attachment (第八条 materials)": (
            reverse("applicant:attachment-upload", args=[draft.pk, "activities"]), {}),
        "applicant list import (附件5)": (reverse("applicant:list-upload", args=[draft.pk, "served_smes"]), {}),
        "applicant dossier import": (reverse("applicant:dossier-import", args=[draft.pk]), {}),
        "bureau expert-pool import": (reverse("bureau:experts-import"), {}),
        "agency review report": (reverse("agency:report-upload", args=[group.pk]), {}),
        "bureau revocation evidence": (reverse("bureau:recognition", args=[platform.pk]), {}),
        "bureau support grant document": (reverse("bureau:support-grant-add", args=[platform.pk]),
                                          {"granted_on": today.isoformat()}),
        "public objection evidence": (reverse("portal:objection", args=[publicity.pk]),
                                      {"entry": publicity.entries.first().pk}),
        "_draft": (draft, {}),
    }


def _open_publicity(personas, organization, batch):
    from decimal import Decimal

    from shifan.applications.models import ApplicationProfile
    from shifan.city_review.models import ProposedEntry, ProposedList

    plist = ProposedList.objects.create(batch=batch, state=ProposedList.State.APPROVED,
                                        prepared_by=personas["bureau_officer"], decided_by=personas["bureau_head"],
                                        decided_at=timezone.now())
    application = ApplicationFactory(organization=organization, batch=batch, status=Status.PROPOSED,
                                     platform_name="甲示范")
    ApplicationProfile.objects.create(application=application, service_functions=["technology"],
                                      contact_name="张联系", contact_phone="13912345678")
    ProposedEntry.objects.create(proposed_list=plist, application=application, rank=1, score=Decimal(90),
                                 selected=True)
    return publish(plist, actor=personas["bureau_officer"], published_on=timezone.localdate(),
                   contact="市中小企业服务局 0791-83869992")


def _stored_files() -> set[Path]:
    root = Path(settings.MEDIA_ROOT)
    return {path for path in root.rglob("*") if path.is_file()} if root.exists() else set()


def _counts(entry: EntryPoint) -> dict:
    return {model.__name__: model.objects.count() for model in entry.models}


def _post(client_for, entry, targets, data: bytes, filename: str):
    url, extra = targets[entry.name]
    return client_for(entry.persona).post(url, {**entry.extra, **extra,
                                                entry.field: SimpleUploadedFile(filename, data)}, follow=True)


def _page(response) -> str:
    return response.content.decode()


CASES = [(entry, bad_class) for entry in ENTRY_POINTS for bad_class in BAD if entry.variants(bad_class)]


@pytest.mark.parametrize(("entry", "bad_class"), CASES, ids=[f"{e.name}-{c}" for e, c in CASES])
def test_each_entry_point_refuses_each_bad_file_in_chinese_and_keeps_nothing(client_for, targets, entry,
                                                                            bad_class):
    data, filename, fragments = entry.variants(bad_class)()
    draft = targets["_draft"][0]
    before, files_before = _counts(entry), _stored_files()
    response = _post(client_for, entry, targets, data, filename)
    page = _page(response)
    for fragment in fragments:
        assert fragment in page, f"{entry.name}: {fragment!r} not shown for {bad_class}"
    assert _counts(entry) == before
    assert _stored_files() == files_before
    if entry.pipeline == JSON:
        assert Application.objects.get(pk=draft.pk).platform_name == "甲平台"


@pytest.mark.parametrize("entry", ENTRY_POINTS, ids=[e.name for e in ENTRY_POINTS])
def test_each_entry_point_caps_the_size_while_reading(client_for, targets, entry):
    """One byte over the view's cap: the cap's own message ("文件超过 … MB"), nothing kept.

    Without the cap the file would reach the pipeline, whose message reads "文件大小为 …".
    """
    data = _pdf_padded(entry.cap + 1)
    names = {FILES: "材料.pdf", XLSX: "名单.xlsx", JSON: "申报材料.json"}
    before, files_before = _counts(entry), _stored_files()
    page = _page(_post(client_for, entry, targets, data, names[entry.pipeline]))
    assert "文件超过" in page and f"{entry.cap // MB} MB" in page, entry.name
    assert "文件大小为" not in page
    assert _counts(entry) == before
    assert _stored_files() == files_before


def test_the_cap_drops_the_file_while_the_body_is_read():
    """The handler itself: the file over the cap never reaches request.FILES; a smaller one does."""
    big = SimpleUploadedFile("big.pdf", b"x" * (64 * 1024 + 1))
    small = SimpleUploadedFile("small.pdf", b"y" * 1000)
    request = RequestFactory().post("/x/", {"a": big, "b": small})
    handler = install_upload_cap(request, 64 * 1024)
    assert "a" not in request.FILES
    assert request.FILES["b"].read() == b"y" * 1000
    assert handler.exceeded


FILE_ENTRY_POINTS = [entry for entry in ENTRY_POINTS if entry.pipeline == FILES]
HOSTILE_NAMES = [
    ("../../../../etc/cron.d/evil.pdf", "evil.pdf"),
    ("..\\..\\windows\\system32\\evil.pdf", "evil.pdf"),
    ("invoice\u202efdp.exe.pdf", "invoicefdp.exe.pdf"),
    ("a\x00b\x1bc\u2067d\u200b.pdf", "abcd.pdf"),
    ("CON.pdf", "附件.pdf"),
    # Django's parser already drops path separators and non-printable characters; these it keeps.
    ('<img src=x onerror=alert(1)>|"a":*?.pdf', "img src=x onerror=alert(1)a.pdf"),
    ("-.-..hidden.pdf", "hidden.pdf"),
]


@pytest.mark.parametrize("entry", FILE_ENTRY_POINTS, ids=[e.name for e in FILE_ENTRY_POINTS])
@pytest.mark.parametrize(("uploaded", "kept"), HOSTILE_NAMES)
def test_hostile_names_are_cleaned_and_files_stay_in_private_storage(client_for, targets, entry, uploaded, kept):
    files_before = _stored_files()
    _post(client_for, entry, targets, MINIMAL_PDF, uploaded)
    new = _stored_files() - files_before
    assert len(new) == 1, f"{entry.name}: the good file was not stored"
    stored = new.pop()
    private = (Path(settings.MEDIA_ROOT) / "private").resolve()
    assert stored.resolve().is_relative_to(private)
    assert stored.name not in uploaded and "evil" not in str(stored) and "\u202e" not in str(stored)
    names = _offered_names(entry)
    assert kept in names, f"{entry.name}: {names}"


def _offered_names(entry: EntryPoint) -> list[str]:
    """The names the system offers on download, from the models that keep them."""
    found = []
    for model in entry.models:
        for row in model.objects.all():
            found += [getattr(row, attr) for attr in ("name", "evidence_name", "document_name")
                      if isinstance(getattr(row, attr, None), str)]
    return found


IMAGE_ENTRY_POINTS = [entry for entry in FILE_ENTRY_POINTS if "png" in entry.kinds]


@pytest.mark.parametrize("entry", IMAGE_ENTRY_POINTS, ids=[e.name for e in IMAGE_ENTRY_POINTS])
def test_a_png_html_polyglot_is_stored_only_as_re_encoded_pixels(client_for, targets, entry):
    polyglot = make.image("png") + b"<html><script>alert(document.domain)</script></html>"
    files_before = _stored_files()
    _post(client_for, entry, targets, polyglot, "照片.png")
    new = _stored_files() - files_before
    assert len(new) == 1
    stored = new.pop().read_bytes()
    assert stored.startswith(b"\x89PNG") and b"<script" not in stored and b"<html" not in stored
