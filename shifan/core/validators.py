"""Checks for Chinese identifiers that are not organisations (DESIGN.md §7)."""

import re
import unicodedata
from datetime import date

from django.core.exceptions import ValidationError
from stdnum.cn import ric

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
# GB/T 2260 province-level prefixes, plus 81/82/83 for Hong Kong, Macao and Taiwan residence permits.
_PROVINCES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 "  # noqa: SIM905
    "71 81 82 83".split()  # -- a compact table reads better than 35 quoted strings
)
_MOBILE = re.compile(r"^1[3-9]\d{9}$")


def _half_width(value: str) -> str:
    return unicodedata.normalize("NFKC", value or "").strip()


def normalize_mobile(value: str) -> str:
    """Store 11 digits: drop spaces, hyphens and a +86/86 prefix."""
    digits = re.sub(r"[\s\-()]", "", _half_width(value))
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    return digits


def validate_mobile(value: str) -> str:
    mobile = normalize_mobile(value)
    if not _MOBILE.match(mobile):
        raise ValidationError("手机号码应为以 1 开头的 11 位数字（可带 +86）。", code="mobile")
    return mobile


def normalize_id_number(value: str) -> str:
    return re.sub(r"\s", "", _half_width(value)).upper()


def validate_id_number(value: str) -> str:
    """GB 11643: 18 characters, a real birth date, a known province, MOD 11-2 check character.

    The county part is not checked: real numbers exist whose county code is newer than the
    holder's birth (DESIGN.md §7), so rejecting them would lock out real people.
    """
    number = normalize_id_number(value)
    if not re.fullmatch(r"\d{17}[\dX]", number):
        raise ValidationError("身份证号码应为 18 位，前 17 位为数字，最后一位为数字或 X。", code="id_format")
    if number[:2] not in _PROVINCES:
        raise ValidationError("身份证号码前两位不是有效的省级行政区代码。", code="id_province")
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ValidationError("身份证号码中的出生日期不存在。", code="id_birth") from None
    if born > date.today() or born.year < 1900:
        raise ValidationError("身份证号码中的出生日期不合理。", code="id_birth")
    total = sum(int(digit) * weight for digit, weight in zip(number[:17], _ID_WEIGHTS, strict=True))
    if _ID_CHECK[total % 11] != number[17]:
        raise ValidationError("身份证号码校验位不正确，请核对。", code="id_checksum")
    return number


def id_number_warnings(value: str) -> list[str]:
    """Soft findings about a valid ID number: an address code the county table does not know.

    Never blocks (new counties, renamed districts and residence permits are real), never raises.
    """
    if not value:
        return []
    try:
        ric.get_birth_place(normalize_id_number(value))
    except Exception:  # stdnum raises KeyError or its own errors for codes it does not know
        return ["身份证号码的地址码不在行政区划表中（可能是新设或撤并的县区），请核对；不影响保存。"]
    return []
