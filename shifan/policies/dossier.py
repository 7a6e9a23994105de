"""Validating a dossier (dossier.md) against schema/dossier-v1.schema.json, with Chinese messages.

Each message starts with the path of the bad key or row, as in ``served_smes[3].mobile: …``
(indices count from 0, as in JSON; the message adds the 1-based row number people see in
the attachment forms). Beyond the schema it checks what a schema cannot: USCC check digits,
repeated years, and figures that contradict each other. Pure: no database, no side effects.
"""

import difflib
import functools
import json
from collections.abc import Collection, Iterable
from pathlib import Path

from django.core.exceptions import ValidationError
from jsonschema import Draft202012Validator

from shifan.accounts.uscc import validate_uscc

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "schema" / "dossier-v1.schema.json"
FORMAT, VERSION = "shifan-dossier", 1

_TYPE_NAMES = {
    "object": "对象（{…}）",
    "array": "列表（[…]）",
    "string": "文本",
    "integer": "整数",
    "number": "数字",
    "boolean": "布尔值（true 或 false）",
    "null": "null",
}


@functools.cache
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@functools.cache
def _validator() -> Draft202012Validator:
    # Formats are only annotations in draft 2020-12 unless a checker is given: dates must be real dates.
    return Draft202012Validator(schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


@functools.cache
def _pattern_hints() -> dict[str, str]:
    defs = schema()["$defs"]
    return {
        defs["money"]["pattern"]: '应为以万元计的数字字符串（加引号），如 "120.50"，最多 4 位小数',
        defs["signed_money"]["pattern"]: '应为以万元计的数字字符串（加引号，可为负数），如 "-3.20"',
        defs["mobile"]["pattern"]: "手机号码应为以 1 开头的 11 位数字（可带 +86）",
        "^[0-9]{6}$": "邮编应为 6 位数字",
        "^[0-9]{17}[0-9Xx]$": "身份证号应为 18 位，前 17 位为数字，最后一位为数字或 X",
        "^[0-9A-Z]{1,12}$": "辖区编码应为辖区表中的编码，如 360102、3601K1",
    }


def _path(parts: Iterable) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "（整个文件）"


def _message(parts: list, text: str) -> str:
    rows = [part for part in parts if isinstance(part, int)]
    row = f"（第 {rows[-1] + 1} 行）" if rows else ""
    return f"{_path(parts)}: {text}{row}"


def _type_name(value) -> str:
    if isinstance(value, bool):
        return "布尔值"
    if isinstance(value, int):
        return "整数"
    if isinstance(value, float):
        return "数字"
    return {dict: "对象", list: "列表", str: "文本", type(None): "null"}.get(type(value), type(value).__name__)


def _expected(error) -> str:
    hint = _pattern_hints().get(error.schema.get("pattern", ""))
    if hint:
        return hint
    if error.schema.get("format") == "date":
        return '应为 YYYY-MM-DD 格式的日期（文本），如 "2025-06-30"'
    wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
    return "应为" + "或".join(_TYPE_NAMES.get(name, name) for name in wanted)


def _schema_problems(error) -> list[tuple[list, str]]:
    """One or more (path, Chinese text) pairs for one jsonschema error."""
    parts, kind, value, instance = list(error.absolute_path), error.validator, error.validator_value, error.instance
    if kind == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        problems = []
        for key in (key for key in instance if key not in allowed):
            guess = difflib.get_close_matches(key, allowed, n=1)
            hint = f"是否应为 “{guess[0]}”？" if guess else "请删除或核对拼写。"
            problems.append(([*parts, key], f"未知的键，本格式不允许；{hint}"))
        return problems
    if kind == "required":
        return [([*parts, key], "缺少必填项。") for key in value if key not in instance]
    if kind == "type":
        return [(parts, f"{_expected(error)}，实际为{_type_name(instance)}。")]
    if kind == "const":
        shown = json.dumps(value, ensure_ascii=False), json.dumps(instance, ensure_ascii=False)
        return [(parts, f"应为 {shown[0]}，实际为 {shown[1]}。")]
    if kind == "enum":
        return [(parts, f"取值 “{instance}” 无效，应为以下之一：{'、'.join(value)}。")]
    if kind == "format" and value == "date":
        return [(parts, f'日期 “{instance}” 无效：应为 YYYY-MM-DD 格式的有效日期，如 "2025-06-30"。')]
    if kind == "format" and value == "email":
        return [(parts, f"电子邮箱 “{instance}” 格式不正确。")]
    if kind == "pattern":
        return [(parts, f"“{instance}” 格式不正确：{_expected(error)}。")]
    if kind == "minimum":
        return [(parts, f"不能小于 {value}，实际为 {instance}。")]
    if kind == "maximum":
        return [(parts, f"不能大于 {value}，实际为 {instance}。")]
    if kind == "minLength":
        return [(parts, "不能为空。" if value == 1 else f"至少 {value} 个字符。")]
    if kind == "maxLength":
        return [(parts, f"不能超过 {value} 个字符。")]
    if kind == "uniqueItems":
        return [(parts, "不能有重复项。")]
    return [(parts, f"不符合格式要求（{kind}）：{error.message}")]


def _document_order(problem: tuple[list, str]) -> tuple[int, int]:
    # Top-level keys in the order of the schema (and of dossier.md), then rows in order; the
    # sort is stable, so messages about one row keep the schema's order.
    parts = problem[0]
    top = list(schema()["properties"])
    first = top.index(parts[0]) if parts and parts[0] in top else len(top)
    rows = [part for part in parts if isinstance(part, int)]
    return first, rows[0] if rows else -1


def _uscc_problem(value) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        validate_uscc(value)
    except ValidationError as error:
        return error.messages[0]
    return None


def _semantic_problems(data: dict, jurisdictions: Collection[str] | None) -> list[tuple[list, str]]:
    problems = []
    organization = data.get("organization") if isinstance(data.get("organization"), dict) else {}
    problem = _uscc_problem(organization.get("uscc"))
    if problem:
        problems.append((["organization", "uscc"], problem))
    code = organization.get("jurisdiction")
    if jurisdictions is not None and isinstance(code, str) and code not in jurisdictions:
        problems.append((["organization", "jurisdiction"], f"辖区编码 “{code}” 不在辖区表中，请从辖区表中选择。"))
    operations = data.get("operations") if isinstance(data.get("operations"), list) else []
    first_row = {}
    for index, row in enumerate(operations):
        if not isinstance(row, dict):
            continue
        year = row.get("year")
        if isinstance(year, int) and year in first_row:
            problems.append(
                (
                    ["operations", index, "year"],
                    f"{year} 年度与 operations[{first_row[year]}] 重复，每个年度只能有一行。",
                )
            )
        elif isinstance(year, int):
            first_row[year] = index
        welfare, volume = row.get("public_welfare_volume"), row.get("service_volume")
        if isinstance(welfare, int) and isinstance(volume, int) and welfare > volume:
            problems.append(
                (
                    ["operations", index, "public_welfare_volume"],
                    f"公益性或低收费服务量 {welfare} 大于服务总量 {volume}（service_volume），请核对。",
                )
            )
    served = data.get("served_smes") if isinstance(data.get("served_smes"), list) else []
    for index, row in enumerate(served):
        problem = _uscc_problem(row.get("uscc")) if isinstance(row, dict) else None
        if problem:
            problems.append((["served_smes", index, "uscc"], problem))
    return problems


def validate_dossier(data, *, jurisdictions: Collection[str] | None = None) -> list[str]:
    """All problems of a dossier as Chinese messages naming the key or row; empty when valid.

    ``jurisdictions``: the codes of the jurisdiction table, when the caller has them (the
    table is data, so the schema cannot list them). Pure: no side effects.
    """
    problems, reported = [], set()
    for error in _validator().iter_errors(data):
        problems.extend(_schema_problems(error))
        reported.add(tuple(error.absolute_path))
    if isinstance(data, dict):
        # One message per key: a value the schema already refused is not checked again.
        problems.extend(item for item in _semantic_problems(data, jurisdictions) if tuple(item[0]) not in reported)
    return [_message(parts, text) for parts, text in sorted(problems, key=_document_order)]
