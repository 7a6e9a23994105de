"""An application as a dossier (dossier.md): export, import, and its eligibility (第五条).

The dossier's keys map one to one onto ``ApplicationProfile`` and the row models, whose field
names follow the dossier. The organisation's name, USCC and jurisdiction are not the
application's to change: export reads them from the Organization and the application's
jurisdiction, and import checks them against those.
"""

import functools
import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone

from shifan.accounts.models import Jurisdiction
from shifan.accounts.uscc import normalize_uscc
from shifan.applications.domain.content import claim_draft_version
from shifan.applications.enums import Status
from shifan.applications.models import (
    Activity,
    Application,
    ApplicationProfile,
    Equipment,
    Investor,
    OperatingYear,
    Partner,
    ServedEnterprise,
    ServiceProduct,
    StaffMember,
)
from shifan.applications.rules import applicant_of_application
from shifan.audit.recorder import record
from shifan.core.fields import EncryptedCharField
from shifan.core.validators import normalize_id_number, normalize_mobile, validate_id_number
from shifan.policies.dossier import FORMAT, VERSION, validate_dossier
from shifan.policies.engine import evaluate
from shifan.policies.facts import EVIDENCE_KEYS, Facts, facts_from_dossier
from shifan.policies.results import Evaluation

MAX_DOSSIER_BYTES = 10 * 1024 * 1024

# The single values, in the order of dossier.md. The model field is derived by _field_of.
PROFILE_PATHS = (
    "organization.nature", "organization.registration_authority", "organization.registered_on",
    "organization.address", "organization.postcode",
    "organization.legal_representative.name", "organization.legal_representative.id_number",
    "organization.legal_representative.mobile",
    "organization.contact.name", "organization.contact.phone", "organization.contact.fax",
    "organization.contact.mobile",
    "organization.website", "organization.icp_filing", "organization.email", "organization.registered_capital",
    "platform.total_assets", "platform.equipment_count", "platform.equipment_value", "platform.site_area_owned",
    "platform.site_area_rented", "platform.service_functions", "platform.qualifications",
    "public_welfare_activities", "government_support", "impact",
    "report.basics", "report.region", "report.management", "report.services", "report.achievements",
    "report.support", "report.plans",
    "declaration.signed_by", "declaration.signed_on",
)  # fmt: skip

# The row lists: dossier key → model. Columns are the model's fields, named as in the dossier.
LISTS = (
    ("organization.investors", Investor),
    ("operations", OperatingYear),
    ("service_products", ServiceProduct),
    ("partners", Partner),
    ("activities", Activity),
    ("equipment", Equipment),
    ("staff", StaffMember),
    ("served_smes", ServedEnterprise),
)
TOP_ORDER = (
    "format", "version", "organization", "platform", "operations", "service_products", "partners", "activities",
    "public_welfare_activities", "government_support", "impact", "equipment", "staff", "served_smes", "report",
    "declaration",
)  # fmt: skip

# Decimal columns that are money (万元, decimal strings); the other decimals are JSON numbers.
MONEY_FIELDS = frozenset(
    {"registered_capital", "total_assets", "equipment_value", "revenue", "service_revenue", "profit", "price"}
)
MOBILE_FIELDS = frozenset({"legal_representative_mobile", "contact_mobile", "mobile"})
# Row columns whose blank value is left out of an export (a blank is not a valid code, USCC or mobile);
# free-text cells of a row are kept even when blank, as the row of a table they are.
CODED_COLUMNS = frozenset({"uscc", "mobile", "education", "title_level"})

STALE = "该申报刚刚已被他人修改或提交，请刷新页面后重新导入。"
VIEW_PERMISSION = "applications.view_application"


class DossierRejected(Exception):
    """A dossier was refused and nothing changed; ``problems`` name each bad key or row in Chinese."""

    def __init__(self, problems: list[str]):
        super().__init__("；".join(problems))
        self.problems = list(problems)


@dataclass(frozen=True)
class ImportResult:
    counts: dict[str, int]  # dossier list key → rows stored
    version: int  # the application's version after the import
    warnings: tuple[str, ...] = ()


# --- mapping ---------------------------------------------------------------------------


def _field_of(path: str) -> str:
    """The profile field of a dossier key: organization.contact.mobile → contact_mobile,
    platform.total_assets → total_assets, report.basics → report_basics, impact → impact."""
    head, _, rest = path.partition(".")
    if head in ("organization", "platform"):
        return rest.replace(".", "_")
    if head in ("report", "declaration"):
        return f"{head}_{rest}"
    return path


def _columns(model) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if f.name not in ("id", "application", "seq")]


def dossier_label(path: str) -> str:
    """The Chinese label of a single-valued dossier key (report.management → 申请报告四、管理运营情况)."""
    label = str(ApplicationProfile._meta.get_field(_field_of(path)).verbose_name)
    return f"申请报告{label}" if path.startswith("report.") else label


def _put(tree: dict, path: str, value) -> None:
    *parents, leaf = path.split(".")
    for part in parents:
        tree = tree.setdefault(part, {})
    tree[leaf] = value


def _get(tree: dict, path: str):
    for part in path.split("."):
        tree = tree.get(part) if isinstance(tree, dict) else None
    return tree


# --- export ----------------------------------------------------------------------------


def _out(field_name: str, value):
    if isinstance(value, Decimal):
        if field_name in MONEY_FIELDS:
            return str(value)
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _blank(value) -> bool:
    return value is None or value == "" or value == []


def _profile_tree(values: dict) -> dict:
    tree: dict = {}
    for path in PROFILE_PATHS:
        field_name = _field_of(path)
        if field_name in values and not _blank(values[field_name]):
            _put(tree, path, _out(field_name, values[field_name]))
    return tree


def _row_out(row: dict) -> dict:
    return {
        name: _out(name, value)
        for name, value in row.items()
        if value is not None and not (value == "" and name in CODED_COLUMNS)
    }


def _assemble(application: Application, profile: dict, lists: dict[str, list[dict]]) -> dict:
    tree = _profile_tree(profile)
    organization = {
        "name": application.organization.name,
        "uscc": application.organization.uscc,
        "jurisdiction": application.jurisdiction.code,
        **tree.pop("organization", {}),
    }
    parts = {"format": FORMAT, "version": VERSION, "organization": organization, **tree}
    for key, rows in lists.items():
        if rows:
            _put(parts, key, rows)
    return {key: parts[key] for key in TOP_ORDER if key in parts}


def export_dossier(application: Application) -> dict:
    """The application as a dossier dict, personal data in clear; lists in ``seq`` order.

    Pure read: no side effects (callers showing it to a person use ``export_dossier_for``).
    A constant number of queries whatever the number of rows.
    """
    profile = ApplicationProfile.objects.filter(application=application).values().first() or {}
    lists = {}
    for key, model in LISTS:
        names = [f.name for f in _columns(model)]
        rows = model.objects.filter(application=application).order_by("seq", "id").values(*names)
        lists[key] = [_row_out(row) for row in rows]
    return _assemble(application, profile, lists)


def _counts(dossier: dict) -> dict[str, int]:
    return {key: len(_get(dossier, key) or []) for key, _model in LISTS}


@transaction.atomic
def export_dossier_for(application: Application, *, actor) -> dict:
    """Export for a person who may see the application (the caller fetched it through
    ``applications_for_user``). The dossier holds personal data in clear, so the read is audited.

    Side effects: records ``application.dossier_exported`` with the row counts.
    """
    if not actor.has_perm(VIEW_PERMISSION, application):
        raise PermissionDenied("您无权导出该申报。")
    dossier = export_dossier(application)
    record("application.dossier_exported", actor=actor, target=application, data={"counts": _counts(dossier)})
    return dossier


# --- reading an uploaded file ----------------------------------------------------------

_JSON_ERRORS = {
    "Expecting value": "此处应为一个值",
    "Expecting ',' delimiter": "缺少逗号",
    "Expecting ':' delimiter": "缺少冒号",
    "Expecting property name enclosed in double quotes": "键名应以双引号括起（或多了一个逗号）",
    "Unterminated string starting at": "字符串缺少结尾的双引号",
    "Invalid control character at": "字符串中含有不允许的控制字符",
    "Extra data": "JSON 已结束，后面还有多余的内容",
}


def _refuse_constant(name: str):
    raise ValueError(name)


def read_dossier_json(raw: bytes):
    """Parse an uploaded dossier: UTF-8 (a BOM is tolerated) JSON. Raises DossierRejected."""
    if len(raw) > MAX_DOSSIER_BYTES:
        raise DossierRejected([f"文件超过 {MAX_DOSSIER_BYTES // (1024 * 1024)} MB，不能导入。"])
    try:
        text = raw.decode("utf-8-sig")  # WPS and Notepad may prepend a BOM
    except UnicodeDecodeError:
        raise DossierRejected(["文件不是 UTF-8 编码的文本：请以 UTF-8 编码保存后再导入。"]) from None
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        why = _JSON_ERRORS.get(error.msg, error.msg)
        raise DossierRejected([f"文件不是有效的 JSON：第 {error.lineno} 行第 {error.colno} 列，{why}。"]) from None
    except ValueError as error:
        raise DossierRejected([f"文件不是有效的 JSON：不允许 {error}，数字须为有限值。"]) from None
    except RecursionError:
        raise DossierRejected(["文件不是有效的申报材料：JSON 嵌套层次过深。"]) from None


# --- import ----------------------------------------------------------------------------


def _in(field: models.Field, value):
    if isinstance(field, models.DecimalField):
        return Decimal(str(value))
    if isinstance(field, models.DateField):
        return date.fromisoformat(value)
    if field.name in MOBILE_FIELDS:
        return normalize_mobile(value)
    if field.name == "uscc":
        return normalize_uscc(value)
    if field.name == "legal_representative_id_number":
        return normalize_id_number(value)
    return value


def _where(path: str, index: int | None = None, column: str | None = None) -> str:
    if index is None:
        return path
    return f"{path}[{index}].{column}" if column else f"{path}[{index}]"


# Django's own wording for these is stilted; the codes and params are stable.
_COLUMN_MESSAGES = {
    "max_length": "不能超过 {limit_value} 个字符（现有 {show_value} 个）。",
    "max_decimal_places": "最多保留 {max} 位小数。",
    "max_digits": "数值过大：最多 {max} 位数字。",
    "max_whole_digits": "数值过大：整数部分最多 {max} 位。",
    "blank": "缺少必填项。",
    "null": "缺少必填项。",
    "min_value": "不能小于 {limit_value}。",
    "max_value": "不能大于 {limit_value}。",
    "invalid_choice": "取值 “{value}” 无效。",
}


def _column_message(error: ValidationError) -> str:
    template = _COLUMN_MESSAGES.get(error.code)
    return template.format(**(error.params or {})) if template else error.messages[0]


def _model_problems(instance: models.Model, where) -> list[str]:
    """What the database columns allow beyond the schema (lengths, decimal places, required columns)."""
    problems = []
    try:
        instance.full_clean(exclude=["application"], validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        problems += [
            f"{where(name)}: {_column_message(item)}" for name, items in error.error_dict.items() for item in items
        ]
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname)
        if isinstance(field, EncryptedCharField) and len(value or "") > field.max_plain_length:
            problems.append(f"{where(field.name)}: 不能超过 {field.max_plain_length} 个字符。")
    return problems


def _build_profile(application: Application, data: dict) -> tuple[ApplicationProfile, list[str]]:
    values = {}
    for path in PROFILE_PATHS:
        value = _get(data, path)
        if value is not None:
            field = ApplicationProfile._meta.get_field(_field_of(path))
            values[field.name] = _in(field, value)
    profile = ApplicationProfile(application=application, **values)
    by_field = {_field_of(path): path for path in PROFILE_PATHS}
    return profile, _model_problems(profile, lambda name: by_field.get(name, name))


def _build_rows(application: Application, key: str, model, items: list) -> tuple[list, list[str]]:
    rows, problems, fields = [], [], _columns(model)
    for index, item in enumerate(items):
        values = {f.name: _in(f, item[f.name]) for f in fields if f.name in item}
        row = model(application=application, seq=index + 1, **values)
        # The 1-based row number people see in the attachment forms, as validate_dossier gives it.
        where = functools.partial(_where, key, index)
        problems += [f"{text}（第 {index + 1} 行）" for text in _model_problems(row, where)]
        rows.append(row)
    return rows, problems


def _identity_problems(application: Application, data: dict) -> tuple[list[str], list[str]]:
    """(problems, warnings) about who the dossier is for: the USCC and jurisdiction must be this application's."""
    organization, problems, warnings = data["organization"], [], []
    own = application.organization
    if normalize_uscc(organization["uscc"]) != own.uscc:
        problems.append(
            f"organization.uscc: 文件中的统一社会信用代码 “{organization['uscc']}” 不是本单位的代码"
            f"（{own.uscc}），不能导入其他单位的申报材料。"
        )
    code = organization.get("jurisdiction")
    if code is not None and code != application.jurisdiction.code:
        problems.append(
            f"organization.jurisdiction: 辖区 “{code}” 与本申报的初审辖区（{application.jurisdiction.name}，"
            f"{application.jurisdiction.code}）不一致；如辖区有误，请联系市中小企业服务局。"
        )
    id_number = _get(organization, "legal_representative.id_number")
    if id_number:
        try:
            validate_id_number(id_number)  # GB 11643: the schema checks only the shape
        except ValidationError as error:
            problems.append(f"organization.legal_representative.id_number: {error.messages[0]}")
    if organization["name"].strip() != own.name:
        warnings.append(
            f"organization.name: 文件中的单位名称 “{organization['name']}” 与登记的单位名称（{own.name}）不一致，"
            "已保留登记的名称。"
        )
    return problems, warnings


def _check_can_import(application: Application, actor) -> None:
    if not applicant_of_application.test(actor, application):
        raise PermissionDenied("只有本申报单位的用户可以导入申报材料。")
    if application.status not in Status.applicant_editable:
        raise DossierRejected(
            [f"申报当前状态为「{application.get_status_display()}」，不能导入；只有草稿或退回修改的申报可以导入。"]
        )


def import_dossier(application: Application, data, *, actor) -> ImportResult:
    """Replace the application's content with a dossier's, all or nothing.

    Refused (DossierRejected, nothing changed) unless the application is a draft or returned,
    the dossier passes ``validate_dossier``, it is this organisation's (USCC, jurisdiction) and
    every value fits the stored columns. Mobiles and USCCs are stored normalised.

    Side effects, in one transaction: bumps ``Application.version`` with a conditional update
    (a concurrent edit or submission makes this import fail, never interleave); deletes and
    re-inserts the profile and every row list (``seq`` from 1 in dossier order); records
    ``application.dossier_imported`` with the row counts. Raises PermissionDenied when the
    actor is not a user of the applicant organisation.
    """
    _check_can_import(application, actor)
    problems = validate_dossier(data, jurisdictions=set(Jurisdiction.objects.values_list("code", flat=True)))
    if problems:
        raise DossierRejected(problems)
    problems, warnings = _identity_problems(application, data)
    profile, more = _build_profile(application, data)
    problems += more
    lists = {}
    for key, model in LISTS:
        lists[key], more = _build_rows(application, key, model, _get(data, key) or [])
        problems += more
    if problems:
        raise DossierRejected(problems)
    counts = {key: len(rows) for key, rows in lists.items()}
    with transaction.atomic():
        _bump_version(application)
        _replace_content(application, profile, lists)
        record("application.dossier_imported", actor=actor, target=application,
               data={"counts": counts, "version": application.version})
    return ImportResult(counts=counts, version=application.version, warnings=tuple(warnings))


def _bump_version(application: Application) -> None:
    try:
        claim_draft_version(application, application.version)
    except ValidationError:
        raise DossierRejected([STALE]) from None


def _replace_content(application: Application, profile: ApplicationProfile, lists: dict) -> None:
    ApplicationProfile.objects.filter(application=application).delete()
    profile.save()
    for key, model in LISTS:
        model.objects.filter(application=application).delete()
        model.objects.bulk_create(lists[key])


# --- eligibility -----------------------------------------------------------------------

# The columns the engine reads, so that evaluating never decrypts personal data.
_FACT_PROFILE = (
    "registered_on", "total_assets", "site_area_owned", "site_area_rented", "service_functions",
    *(_field_of(key) for key in EVIDENCE_KEYS),
)  # fmt: skip
_FACT_COLUMNS = {
    "operations": ("year", "smes_served", "training_person_times", "service_volume", "public_welfare_volume"),
    "partners": ("name",),
    "activities": ("date", "function"),
    "staff": ("full_time", "education", "title_level"),
    "served_smes": ("satisfied",),
}


def facts_for_application(application: Application) -> Facts:
    """The engine's facts, read through the same mapping as the export (so the command agrees).

    Pure read; a constant number of queries (one per table) whatever the number of rows.
    """
    profile = ApplicationProfile.objects.filter(application=application).values(*_FACT_PROFILE).first() or {}
    lists = {}
    for key, model in LISTS:
        if key in _FACT_COLUMNS:
            rows = model.objects.filter(application=application).order_by("seq", "id").values(*_FACT_COLUMNS[key])
            lists[key] = [_row_out(row) for row in rows]
    return facts_from_dossier(_assemble(application, profile, lists))


def reference_date(application: Application) -> date:
    """The batch's opening day (local time): its 上一年度 is the year before the batch opened."""
    return opening_day(application.batch.opens_at)


def opening_day(opens_at: datetime) -> date:
    """``reference_date`` from the batch's opening time alone, for callers that read it as a column."""
    return timezone.localdate(opens_at)


def evaluate_application(application: Application, as_of: date | None = None) -> Evaluation:
    """第五条 for this application under its batch's pinned policy version. Pure read, no side effects."""
    params = application.batch.policy.to_params()
    return evaluate(facts_for_application(application), params, as_of or reference_date(application))


# Applications evaluated together by ``evaluate_applications``: bounds the rows held in memory.
EVALUATION_CHUNK = 500


def evaluate_applications(applications, as_of: date | None = None) -> dict[int, Evaluation]:
    """``evaluate_application`` for many applications (ids or Application objects), keyed by id.

    Pure read, no side effects. The same facts and result as one by one, read in bulk: per chunk of
    ``EVALUATION_CHUNK`` applications one query for the applications (with batch, policy,
    organisation and district), one for the profiles and one per list table — a constant number of
    queries per chunk instead of about eight per application.
    """
    ids = [getattr(a, "pk", a) for a in applications]
    evaluations: dict[int, Evaluation] = {}
    params_of: dict[int, object] = {}
    list_columns = [(key, model) for key, model in LISTS if key in _FACT_COLUMNS]
    for start in range(0, len(ids), EVALUATION_CHUNK):
        chunk = ids[start:start + EVALUATION_CHUNK]
        loaded = list(Application.objects.filter(pk__in=chunk)
                      .select_related("batch__policy", "organization", "jurisdiction"))
        profiles = {row.pop("application_id"): row for row in ApplicationProfile.objects
                    .filter(application_id__in=chunk).values("application_id", *_FACT_PROFILE)}
        lists: dict[int, dict[str, list[dict]]] = {pk: {key: [] for key, _ in list_columns} for pk in chunk}
        for key, model in list_columns:
            rows = (model.objects.filter(application_id__in=chunk).order_by("application_id", "seq", "id")
                    .values("application_id", *_FACT_COLUMNS[key]))
            for row in rows:
                lists[row.pop("application_id")][key].append(_row_out(row))
        for application in loaded:
            policy = application.batch.policy
            if policy.pk not in params_of:
                params_of[policy.pk] = policy.to_params()
            facts = facts_from_dossier(_assemble(application, profiles.get(application.pk, {}), lists[application.pk]))
            evaluations[application.pk] = evaluate(facts, params_of[policy.pk], as_of or reference_date(application))
    return evaluations

