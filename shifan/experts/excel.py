"""The expert pool as Excel: the template, the masked export and the all-or-nothing import.

An import is checked as a whole: the engine types every cell, then every row goes through the
same checks as the page (``checks.clean_profile``). A row whose mobile is already in the pool
updates that expert; any other row adds one. One bad cell anywhere and nothing is imported; the
officer gets every problem as 第 N 行「列名」. A clean file waits (encrypted) for confirmation.
"""

import json
import re
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from shifan.accounts.models import Jurisdiction
from shifan.audit.recorder import record
from shifan.core.validators import normalize_mobile
from shifan.documents.xlsx import Column, ImportResult, Kind, Sheet, build_template, export_rows, read_rows
from shifan.experts.checks import PROFILE_FIELDS, clean_profile, experts_by_mobile
from shifan.experts.contact import mask_email, mask_mobile
from shifan.experts.domain import require_officer, save_expert_changes, save_new_expert
from shifan.experts.models import Expert, ExpertImport, TitleLevel
from shifan.experts.rules import reads_pool
from shifan.policies.codes import FUNCTION_LABELS

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5_000
SHEET_TITLE = "专家库"
_SEPARATORS = re.compile(r"[、，,；;\s]+")
_CODES_BY_LABEL = {label: code for code, label in FUNCTION_LABELS.items()}
_INSTRUCTIONS = (
    "每行填写一位专家。手机号码是识别专家的依据：与专家库中已有专家手机号码相同的行，将更新该专家的信息；其他行新增为专家。",
    "导入是“全部或全不”：只要有一行有问题，整个文件都不会导入。系统会逐行列出问题，请在 Excel 中改正后重新上传。",
    "“擅长服务功能”请填写以下名称中的一项或多项，用“、”或“，”分隔：" + "、".join(FUNCTION_LABELS.values()) + "。",
    "从系统导出的专家库中，手机号码和电子邮箱已脱敏（如 138****8000），不能直接用来导入。",
)


def _jurisdiction_column() -> Column:
    choices = tuple(Jurisdiction.objects.values_list("code", "name"))
    hint = "专家工作单位所在的县区、开发区或管理局；可不填。"
    if not choices:  # a choice column needs options; with no jurisdictions any value is refused below
        return Column("jurisdiction", "工作单位所在辖区", Kind.TEXT, hint=hint)
    return Column("jurisdiction", "工作单位所在辖区", Kind.CHOICE, choices=choices, hint=hint)


def _columns() -> list[Column]:
    return [
        Column("name", "姓名", Kind.TEXT, required=True, max_length=50),
        Column("employer_name", "工作单位", Kind.TEXT, required=True, max_length=200),
        Column("employer_uscc", "工作单位统一社会信用代码", Kind.DIGITS_TEXT, max_length=40, hint="18 位；可不填。"),
        _jurisdiction_column(),
        Column("title", "专业技术职称", Kind.TEXT, required=True, max_length=100, hint="如：高级工程师、研究员。"),
        Column("title_level", "职称级别", Kind.CHOICE, required=True, choices=TitleLevel.choices),
        Column("specialties", "擅长服务功能", Kind.TEXT, required=True, width=36,
               hint="一项或多项服务功能，用“、”或“，”分隔，如：技术服务、质量管理。"),
        Column("mobile", "手机", Kind.DIGITS_TEXT, required=True, max_length=20,
               hint="11 位手机号码；与专家库中已有专家相同时，更新该专家的信息。"),
        Column("email", "电子邮箱", Kind.TEXT, max_length=254, hint="用于发送账号激活链接。"),
        Column("available", "可参加评审", Kind.BOOLEAN, hint="填“是”或“否”；不填视为“是”。"),
        Column("availability_note", "不可参加评审的原因", Kind.TEXT, max_length=200,
               hint="“可参加评审”为“否”时必填。"),
    ]


def pool_sheet() -> Sheet:
    """The import layout. Built on each call: the jurisdictions are data the bureau edits."""
    return Sheet(SHEET_TITLE, _columns(), _INSTRUCTIONS)


def _export_sheet() -> Sheet:
    return Sheet(SHEET_TITLE, [*_columns(), Column("account", "系统账号", Kind.TEXT)], _INSTRUCTIONS)


def pool_template() -> bytes:
    """The empty import template. Side effects: none."""
    return build_template(pool_sheet())


def export_pool(experts, *, actor, filters: dict | None = None) -> bytes:
    """The given experts as .xlsx, contact data masked (the export leaves the system, DESIGN.md §7).

    Side effects: records ``experts.exported`` with the count and the list's filters.
    """
    if not reads_pool.test(actor):
        raise PermissionDenied("只有市局人员可以导出专家库。")
    rows = [_export_row(expert) for expert in experts.select_related("user", "jurisdiction")]
    data = export_rows(_export_sheet(), rows)
    record("experts.exported", actor=actor, data={"count": len(rows), "filters": filters or {}})
    return data


def _export_row(expert: Expert) -> dict:
    values = {name: getattr(expert, name) for name in PROFILE_FIELDS}
    values["jurisdiction"] = expert.jurisdiction.code if expert.jurisdiction else ""
    values["specialties"] = "、".join(FUNCTION_LABELS.get(code, code) for code in expert.specialties)
    values["mobile"] = mask_mobile(expert.mobile) if expert.mobile else ""
    values["email"] = mask_email(expert.email)
    values["account"] = f"已激活（{expert.user.username}）" if expert.user else "未激活"
    return values


def _specialty_codes(cell: str) -> list[str]:
    """Labels (or codes) to codes; an unknown name is kept as typed, so the check reports it by name."""
    return [_CODES_BY_LABEL.get(part, part) for part in _SEPARATORS.split(cell) if part]


@dataclass
class ImportCheck:
    """The outcome of checking a file: either problems (nothing kept) or a pending import."""

    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    rows: int = 0
    pending: ExpertImport | None = None


def _row_values(row: dict, jurisdictions: dict[str, Jurisdiction]) -> tuple[dict, list[tuple[str, str]]]:
    values = {name: row.get(name) for name in PROFILE_FIELDS}
    values["specialties"] = _specialty_codes(row.get("specialties") or "")
    problems = []
    code = row.get("jurisdiction") or ""
    values["jurisdiction"] = jurisdictions.get(code)
    if code and values["jurisdiction"] is None:
        problems.append(("jurisdiction", "系统中没有这个辖区，请从下拉列表中选择。"))
    return values, problems


def _check_rows(result: ImportResult) -> list[dict]:
    """Run the page's checks on every typed row; problems go onto ``result``. Returns the clean rows."""
    jurisdictions = {j.code: j for j in Jurisdiction.objects.all()}
    known = experts_by_mobile()
    first_row_of: dict[str, int] = {}
    clean = []
    for index, row in enumerate(result.rows):
        values, problems = _row_values(row, jurisdictions)
        match = known.get(normalize_mobile(str(values["mobile"] or "")))
        try:
            cleaned = clean_profile(values, expert_pk=match.pk if match else None, known=known)
        except ValidationError as error:
            problems += [(name, message) for name, messages in error.message_dict.items() for message in messages]
        else:
            mobile = cleaned["mobile"]
            if mobile in first_row_of:
                problems.append(("mobile", f"与第 {first_row_of[mobile]} 行的手机号码相同，同一位专家只能填写一行。"))
            first_row_of.setdefault(mobile, result.row_numbers[index])
        for name, message in problems:
            result.add_error(index, name, message)
        if not problems:
            jurisdiction = cleaned["jurisdiction"]
            clean.append({"row": result.row_numbers[index], "expert": match.pk if match else None,
                          "values": cleaned | {"jurisdiction": jurisdiction.code if jurisdiction else ""}})
    return clean


def check_import(data: bytes, *, file_name: str, actor) -> ImportCheck:
    """Check an uploaded pool file as a whole.

    Raises ImportRefused for a file refused before its rows are read (size, type, macros, zip
    bombs, no header). Side effects: when every row is clean, inserts a pending ExpertImport
    holding the checked rows (encrypted); records ``experts.import_checked`` with the counts.
    """
    require_officer(actor)
    result = read_rows(pool_sheet(), data, max_bytes=MAX_BYTES, max_rows=MAX_ROWS)
    clean = _check_rows(result)
    check = ImportCheck(errors=[str(e) for e in sorted(result.errors, key=lambda e: e.row_number)],
                        warnings=result.warnings, rows=len(clean))
    if not check.errors and not clean:
        check.errors.append("文件中没有专家数据：请从表头下一行起，每行填写一位专家。")
    updates = sum(1 for item in clean if item["expert"])
    with transaction.atomic():
        if not check.errors:
            check.pending = ExpertImport.objects.create(
                file_name=file_name[:200], created_by=actor, new_count=len(clean) - updates, update_count=updates,
                payload=json.dumps({"rows": clean}, ensure_ascii=False),
            )
        record("experts.import_checked", actor=actor, target=check.pending,
               data={"file": file_name[:200], "errors": len(check.errors), "new": len(clean) - updates,
                     "updates": updates})
    return check


def pending_rows(pending: ExpertImport) -> list[dict]:
    """The checked rows of a pending import (row number, matched expert id, values)."""
    return json.loads(pending.payload or "{}").get("rows", [])


def _locked_pending(pending: ExpertImport, actor) -> ExpertImport:
    require_officer(actor)
    pending = ExpertImport.objects.select_for_update().get(pk=pending.pk)
    if pending.state != ExpertImport.State.PENDING:
        raise ValidationError("这次导入已经处理过了。")
    return pending


@transaction.atomic
def apply_import(pending: ExpertImport, *, actor) -> tuple[int, int]:
    """Write a checked import into the pool; returns (added, updated).

    Every row is checked again against the pool as it is now (another officer may have changed
    it since); if any row fails, nothing is written and ValidationError lists the rows.
    Side effects: inserts and updates experts (``experts.created`` / ``experts.updated`` each);
    marks the import applied and drops its rows; records ``experts.imported`` with the counts.
    """
    pending = _locked_pending(pending, actor)
    jurisdictions = {j.code: j for j in Jurisdiction.objects.all()}
    known = experts_by_mobile()
    problems, added, updated = [], 0, 0
    for item in pending_rows(pending):
        values = item["values"] | {"jurisdiction": jurisdictions.get(item["values"]["jurisdiction"])}
        match = known.get(values["mobile"])
        try:
            cleaned = clean_profile(values, expert_pk=match.pk if match else None, known=known)
        except ValidationError as error:
            problems += [f"第 {item['row']} 行：{message}" for message in error.messages]
            continue
        if match is None:
            known[cleaned["mobile"]] = save_new_expert(cleaned, actor=actor, source="import")
            added += 1
        elif save_expert_changes(Expert.objects.select_for_update().get(pk=match.pk), cleaned, actor=actor,
                                 source="import"):
            updated += 1
    if problems:
        raise ValidationError(problems)  # the atomic block rolls back every row written above
    ExpertImport.objects.filter(pk=pending.pk).update(state=ExpertImport.State.APPLIED, payload="")
    record("experts.imported", actor=actor, target=pending,
           data={"file": pending.file_name, "added": added, "updated": updated})
    return added, updated


@transaction.atomic
def discard_import(pending: ExpertImport, *, actor) -> None:
    """Side effects: marks the import discarded and drops its rows; records ``experts.import_discarded``."""
    pending = _locked_pending(pending, actor)
    ExpertImport.objects.filter(pk=pending.pk).update(state=ExpertImport.State.DISCARDED, payload="")
    record("experts.import_discarded", actor=actor, target=pending, data={"file": pending.file_name})
