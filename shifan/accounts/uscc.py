"""统一社会信用代码 (GB 32100-2015): normalisation, validation and the registrant kind."""

import unicodedata

from django.core.exceptions import ValidationError
from stdnum.cn import uscc as stdnum_uscc
from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength

# Characters 1–2: registration department and kind of registrant (GB 32100 附录 A).
REGISTRANT_KINDS = {
    "11": "机关",
    "12": "事业单位",
    "13": "中央编办直接管理机构编制的群众团体",
    "19": "其他（机构编制）",
    "21": "外国常驻新闻机构",
    "29": "其他（外交）",
    "31": "律师执业机构",
    "32": "公证处",
    "33": "基层法律服务所",
    "34": "司法鉴定机构",
    "35": "仲裁委员会",
    "39": "其他（司法行政）",
    "41": "外国在华文化中心",
    "49": "其他（文化）",
    "51": "社会团体",
    "52": "民办非企业单位",
    "53": "基金会",
    "59": "其他（民政）",
    "61": "外国旅游部门常驻代表机构",
    "62": "港澳台地区旅游部门常驻内地（大陆）代表机构",
    "69": "其他（旅游）",
    "71": "宗教活动场所",
    "72": "宗教院校",
    "79": "其他（宗教）",
    "81": "基层工会",
    "89": "其他（工会）",
    "91": "企业",
    "92": "个体工商户",
    "93": "农民专业合作社",
}

# Registrant kinds that have independent legal personality (第五条(一)).
LEGAL_PERSON_KINDS = frozenset({"11", "12", "13", "51", "52", "53", "91", "93"})


def normalize_uscc(value: str) -> str:
    """Full-width to half-width, upper case, no spaces or hyphens."""
    half = unicodedata.normalize("NFKC", value or "")
    return "".join(ch for ch in half.upper() if not ch.isspace() and ch != "-")


def validate_uscc(value: str) -> str:
    """Return the normalised code or raise ValidationError with a Chinese message."""
    code = normalize_uscc(value)
    if not code:
        raise ValidationError("请填写统一社会信用代码。", code="required")
    try:
        stdnum_uscc.validate(code)
    except InvalidLength:
        raise ValidationError(
            "统一社会信用代码应为 18 位，当前为 %(n)d 位。", code="length", params={"n": len(code)}
        ) from None
    except InvalidChecksum:
        raise ValidationError(
            "统一社会信用代码校验位不正确，请核对营业执照或法人证书上的代码。", code="checksum"
        ) from None
    except InvalidFormat:
        raise ValidationError(
            "统一社会信用代码含有不允许的字符（不使用 I、O、Z、S、V，前 8 位须为数字）。",
            code="format",
        ) from None
    return code


def registrant_kind(code: str) -> str:
    """The Chinese name of the registrant kind read from the first two characters."""
    return REGISTRANT_KINDS.get(code[:2], "未知登记类型")


def is_legal_person(code: str) -> bool:
    return code[:2] in LEGAL_PERSON_KINDS


def uscc_validator(value: str) -> None:
    """Model-field validator form of validate_uscc."""
    if validate_uscc(value) != value:
        raise ValidationError("统一社会信用代码须以规范格式保存（半角、大写、无空格）。", code="normalised")
