"""Checking an expert's fields before they are saved, shared by the pages and the Excel import.

Every problem is reported under the field's name with a Chinese message, so a page shows it
beside the field and the import shows it as 第 N 行「列名」.
"""

from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from shifan.accounts.uscc import validate_uscc
from shifan.core.crypto import blind_indexes
from shifan.core.validators import validate_mobile
from shifan.experts.contact import mask_mobile
from shifan.experts.models import Expert, Relationship, TitleLevel
from shifan.policies.codes import FUNCTION_LABELS, ServiceFunction

PROFILE_FIELDS = (
    "name", "employer_name", "employer_uscc", "jurisdiction", "title", "title_level", "specialties",
    "mobile", "email", "available", "availability_note",
)
CONTACT_FIELDS = frozenset({"mobile", "email"})
_REQUIRED_TEXT = {"name": "请填写姓名。", "employer_name": "请填写工作单位。", "title": "请填写专业技术职称。"}
_ORDER = {code: index for index, code in enumerate(ServiceFunction.values)}


class Problems:
    """Collects messages by field; ``raise_if_any`` turns them into one ValidationError."""

    def __init__(self):
        self.by_field: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.by_field.setdefault(field, []).append(message)

    def raise_if_any(self) -> None:
        if self.by_field:
            raise ValidationError(self.by_field)


def text(value) -> str:
    return str(value or "").strip()


def _limited(problems: Problems, field: str, value: str, limit: int) -> str:
    if len(value) > limit:
        problems.add(field, f"不能超过 {limit} 个字（现有 {len(value)} 个）。")
    return value


def optional_uscc(problems: Problems, field: str, value) -> str:
    """A USCC that may be left blank; when given it is normalised and checked (GB 32100)."""
    code = text(value)
    if not code:
        return ""
    try:
        return validate_uscc(code)
    except ValidationError as error:
        problems.add(field, error.messages[0])
        return code


def clean_specialties(problems: Problems, codes: Iterable[str]) -> list[str]:
    """Service function codes, each once, in the order of 第四条; at least one."""
    chosen = []
    for code in codes or ():
        if code not in FUNCTION_LABELS:
            problems.add("specialties", f"「{code}」不是服务功能，应为：{'、'.join(FUNCTION_LABELS.values())}。")
        elif code not in chosen:
            chosen.append(code)
    if not chosen and "specialties" not in problems.by_field:
        problems.add("specialties", "请至少选择一项擅长的服务功能。")
    return sorted(chosen, key=_ORDER.__getitem__)


def experts_by_mobile() -> dict[str, Expert]:
    """Every expert keyed by the decrypted mobile (the Excel import matches its rows with one scan).

    Duplicates are refused by the database: ``Expert.mobile_index`` (the blind index of the
    mobile) is unique, so two officers saving the same new mobile at once cannot both succeed.
    """
    return {expert.mobile: expert for expert in Expert.objects.only("id", "name", "mobile")}


def expert_with_mobile(mobile: str) -> Expert | None:
    """The expert whose mobile is ``mobile``, found by its blind index (under any configured key)."""
    return Expert.objects.filter(mobile_index__in=blind_indexes(mobile, "mobile")).only("id", "name").first()


DUPLICATE_MOBILE = "手机号码 {masked} 已登记为专家「{name}」，同一手机号码不能重复入库。"


def _mobile(problems: Problems, value, *, expert_pk: int | None, known: Mapping[str, Expert] | None) -> str:
    raw = text(value)
    if not raw:
        problems.add("mobile", "请填写手机号码。")
        return ""
    if "*" in raw:
        problems.add("mobile", "这是脱敏后的手机号码（如 138****8000），请填写完整的 11 位手机号码。")
        return raw
    try:
        mobile = validate_mobile(raw)
    except ValidationError as error:
        problems.add("mobile", error.messages[0])
        return raw
    other = expert_with_mobile(mobile) if known is None else known.get(mobile)
    if other is not None and other.pk != expert_pk:
        problems.add("mobile", DUPLICATE_MOBILE.format(masked=mask_mobile(mobile), name=other.name))
    return mobile


def _email(problems: Problems, value) -> str:
    email = text(value)
    if "***@" in email:
        problems.add("email", "这是脱敏后的电子邮箱（如 z***@example.com），请填写完整的电子邮箱。")
    elif email:
        try:
            validate_email(email)
        except ValidationError:
            problems.add("email", "电子邮箱格式不正确，应如 zhangsan@example.com。")
        _limited(problems, "email", email, 254)
    return email


def clean_profile(values: Mapping, *, expert_pk: int | None = None,
                  known: Mapping[str, Expert] | None = None) -> dict:
    """The normalised fields of an expert, or ValidationError naming every bad field.

    ``expert_pk`` is the expert being edited (its own mobile is no duplicate); ``known`` is a
    mobile → expert map the caller already built (the import checks many rows against one scan).
    Side effects: none (reads the pool for the duplicate check).
    """
    problems = Problems()
    cleaned = {}
    for field, message in _REQUIRED_TEXT.items():
        cleaned[field] = text(values.get(field))
        if not cleaned[field]:
            problems.add(field, message)
    _limited(problems, "name", cleaned["name"], 50)
    _limited(problems, "employer_name", cleaned["employer_name"], 200)
    _limited(problems, "title", cleaned["title"], 100)
    cleaned["employer_uscc"] = optional_uscc(problems, "employer_uscc", values.get("employer_uscc"))
    cleaned["jurisdiction"] = values.get("jurisdiction") or None
    cleaned["title_level"] = text(values.get("title_level"))
    if cleaned["title_level"] not in TitleLevel.values:
        problems.add("title_level", "请选择职称级别：" + "、".join(TitleLevel.labels) + "。")
    cleaned["specialties"] = clean_specialties(problems, values.get("specialties"))
    cleaned["mobile"] = _mobile(problems, values.get("mobile"), expert_pk=expert_pk, known=known)
    cleaned["email"] = _email(problems, values.get("email"))
    cleaned["available"] = values.get("available") is not False
    cleaned["availability_note"] = "" if cleaned["available"] else text(values.get("availability_note"))
    check_availability(problems, cleaned["available"], cleaned["availability_note"])
    problems.raise_if_any()
    return cleaned


def check_availability(problems: Problems, available: bool, note: str) -> None:
    if not available and not note:
        problems.add("availability_note", "不可参加评审时，请填写原因（如：出国、身体原因、本年度回避）。")
    _limited(problems, "availability_note", note, 200)


def clean_relationship(values: Mapping) -> dict:
    """A declared relationship's fields, or ValidationError naming every bad field. Side effects: none."""
    problems = Problems()
    name = text(values.get("organization_name"))
    if not name:
        problems.add("organization_name", "请填写单位名称。")
    cleaned = {
        "organization_name": _limited(problems, "organization_name", name, 200),
        "organization_uscc": optional_uscc(problems, "organization_uscc", values.get("organization_uscc")),
        "kind": text(values.get("kind")),
        "note": _limited(problems, "note", text(values.get("note")), 300),
    }
    if cleaned["kind"] not in Relationship.Kind.values:
        problems.add("kind", "请选择关系类型。")
    problems.raise_if_any()
    return cleaned
