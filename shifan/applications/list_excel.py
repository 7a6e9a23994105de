"""The long lists as Excel: templates, exports and checked imports (附件3–5 and the 申请表 tables).

Each list's columns are derived from its row model, so the page, the template, the import and
the export always agree. An import is checked in two passes: the engine checks types, then each
row goes through the same form the page uses; the applicant then keeps the valid rows or keeps
the previous list.
"""

import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache

from django.core.exceptions import ValidationError
from django.db import models, transaction

from shifan.applications.content_forms import row_form_class
from shifan.applications.domain.content import ensure_editable, mark_rows_changed
from shifan.applications.models import Application, ListImport
from shifan.applications.sections import LISTS
from shifan.audit.recorder import record
from shifan.documents.xlsx import Column, Kind, RowError, Sheet, build_template, export_rows, read_rows

DIGIT_FIELDS = {"uscc", "mobile", "contact"}  # text in Excel, never numbers (leading zeros, 18 digits)
MAX_ROWS = 20_000


def _kind_of(field: models.Field) -> Kind:
    if field.choices:
        return Kind.CHOICE
    if isinstance(field, models.BooleanField):
        return Kind.BOOLEAN
    if isinstance(field, models.DateField):
        return Kind.DATE
    if isinstance(field, models.DecimalField):
        return Kind.DECIMAL
    if isinstance(field, models.IntegerField):
        return Kind.INTEGER
    return Kind.DIGITS_TEXT if field.name in DIGIT_FIELDS else Kind.TEXT


def _column(field: models.Field) -> Column:
    kind = _kind_of(field)
    required = not (field.blank or field.null) and kind is not Kind.BOOLEAN
    max_length = getattr(field, "max_length", None) if kind in (Kind.TEXT, Kind.DIGITS_TEXT) else None
    return Column(
        field.name, str(field.verbose_name), kind, required=required,
        choices=tuple((code, str(label)) for code, label in field.choices) if field.choices else (),
        max_length=max_length, hint=str(field.help_text or ""),
    )


@cache
def sheet_for(kind: str) -> Sheet:
    row_list = LISTS[kind]
    columns = [_column(row_list.model._meta.get_field(name)) for name in row_list.fields]
    return Sheet(
        row_list.label[:31],
        columns,
        (
            f"本表用于填写「{row_list.label}」，每行一条，第 1 行为表头，请勿修改表头。",
            "带红色表头的列必须填写；下拉列请从选项中选择；身份证号、统一社会信用代码、手机号请按文本填写。",
            "导入时，系统逐行检查并列出有问题的行；您可以选择保留有效行替换原名单，或放弃本次导入。",
        ),
    )


def list_template(kind: str) -> bytes:
    return build_template(sheet_for(kind))


def list_workbook(application: Application, kind: str) -> bytes:
    """The list as .xlsx in the template's layout, personal columns in clear. Side effects: none
    (callers that hand it to a person audit that: ``export_list``, the documents archive)."""
    names = LISTS[kind].fields
    instances = LISTS[kind].model.objects.filter(application=application)  # instances decrypt personal columns
    return export_rows(sheet_for(kind), [{name: _blank(getattr(row, name)) for name in names} for row in instances])


def export_list(application: Application, kind: str, *, actor) -> bytes:
    """The list as .xlsx in the template's layout.

    Side effects: records ``application.list_exported`` (exports are audited, DESIGN.md §9).
    """
    data = list_workbook(application, kind)
    record("application.list_exported", actor=actor, target=application, data={"list": kind})
    return data


def _blank(value):
    return "" if value is None else value


def _form_data(row: dict) -> dict:
    data = {}
    for key, value in row.items():
        if value is None or value == "":
            continue
        if isinstance(value, bool):
            if value:
                data[key] = "on"
        elif isinstance(value, date):
            data[key] = value.isoformat()
        else:
            data[key] = str(value)
    return data


def _jsonable(value):
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


@dataclass
class CheckedRows:
    """Both passes of an import over one file: the cleaned values of the valid rows, in file order,
    and every problem as "第 N 行「列」：…", sorted by Excel row."""

    rows: list[dict] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    total_rows: int = 0  # data rows in the file, valid or not

    @property
    def bad_rows(self) -> int:
        return len({error.row_number for error in self.errors})


def check_rows(kind: str, data: bytes, *, progress=None) -> CheckedRows:
    """Check an uploaded list against the template of ``kind`` and the row form the page uses.

    Shared by the application's import and by other owners of the same list (the yearly tracking
    report's 附件5). Raises ImportRefused for a file refused as a whole (size, type, macros, bombs).
    Side effects: none (calls ``progress``).
    """
    result = read_rows(sheet_for(kind), data, max_rows=MAX_ROWS, progress=progress)
    unreadable_rows = {error.row_number for error in result.errors}
    form_class = row_form_class(kind)
    valid = []
    for index, row in enumerate(result.rows):
        form = form_class(_form_data(row))
        if form.is_valid():
            valid.append({name: form.cleaned_data[name] for name in LISTS[kind].fields})
            continue
        for field_name, messages in form.errors.items():
            for message in messages:
                result.add_error(index, field_name if field_name != "__all__" else "", message)
    return CheckedRows(rows=valid, errors=sorted(result.errors, key=lambda e: e.row_number),
                       warnings=result.warnings, total_rows=len(result.rows) + len(unreadable_rows))


@transaction.atomic
def check_list_import(application: Application, kind: str, data: bytes, *, file_name: str, actor,
                      progress=None) -> ListImport:
    """Check an uploaded list and keep the result for the applicant's decision.

    Raises ImportRefused for a file refused as a whole (size, type, macros, bombs).
    Side effects: inserts a pending ListImport holding the valid rows and the error report
    (encrypted); records ``application.list_import_checked`` with the counts.
    """
    ensure_editable(application)
    checked_rows = check_rows(kind, data, progress=progress)
    valid = [{name: _jsonable(value) for name, value in row.items()} for row in checked_rows.rows]
    errors = checked_rows.errors
    checked = ListImport.objects.create(
        application=application, kind=kind, file_name=file_name[:200], created_by=actor,
        total_rows=checked_rows.total_rows,
        valid_rows=len(valid), error_count=len(errors),
        payload=json.dumps({"rows": valid, "errors": [str(e) for e in errors], "warnings": checked_rows.warnings,
                            "bad_rows": checked_rows.bad_rows}, ensure_ascii=False),
    )
    record("application.list_import_checked", actor=actor, target=application,
           data={"list": kind, "valid": len(valid), "errors": len(errors)})
    return checked


def report_of(checked: ListImport) -> dict:
    return json.loads(checked.payload or "{}")


def _instance(model, application: Application, values: dict, seq: int):
    fields = {name: model._meta.get_field(name).to_python(value) for name, value in values.items()}
    return model(application=application, seq=seq, **fields)


@transaction.atomic
def apply_list_import(checked: ListImport, *, actor) -> int:
    """Replace the list with the import's valid rows; returns how many rows the list now has.

    Side effects: deletes the list's rows and inserts the valid ones (``seq`` 1…n in file
    order); stamps the application (``mark_rows_changed``); marks the import applied; records
    ``application.list_imported``.
    """
    checked = ListImport.objects.select_for_update().select_related("application").get(pk=checked.pk)
    if checked.state != ListImport.State.PENDING:
        raise ValidationError("这次导入已经处理过了。")
    application = checked.application
    ensure_editable(application)
    model = LISTS[checked.kind].model
    rows = report_of(checked)["rows"]
    previous = model.objects.filter(application=application).count()
    model.objects.filter(application=application).delete()
    model.objects.bulk_create([_instance(model, application, values, seq) for seq, values in enumerate(rows, 1)],
                              batch_size=1000)
    mark_rows_changed(application)
    ListImport.objects.filter(pk=checked.pk).update(state=ListImport.State.APPLIED, payload="")
    record("application.list_imported", actor=actor, target=application,
           data={"list": checked.kind, "rows": len(rows), "previous": previous})
    return len(rows)


@transaction.atomic
def discard_list_import(checked: ListImport, *, actor) -> None:
    """Side effects: marks the import discarded and drops its rows; records ``application.list_import_discarded``."""
    updated = ListImport.objects.filter(pk=checked.pk, state=ListImport.State.PENDING).update(
        state=ListImport.State.DISCARDED, payload=""
    )
    if updated != 1:
        raise ValidationError("这次导入已经处理过了。")
    record("application.list_import_discarded", actor=actor, target=checked.application,
           data={"list": checked.kind})
