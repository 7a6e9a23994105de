import pytest
from django.core.exceptions import ValidationError

from shifan.accounts.uscc import is_legal_person, normalize_uscc, registrant_kind, validate_uscc


def test_normalize_turns_full_width_to_half_width_upper_case_without_spaces():
    assert normalize_uscc("９１１１ ０１０８ ５５１３ ８５０８ ２ｑ") == "91110108551385082Q"
    assert normalize_uscc(" 9111-0108-5513-8508-2q ") == "91110108551385082Q"


def test_validate_accepts_a_real_code_and_returns_it_normalised():
    assert validate_uscc("91110108551385082q") == "91110108551385082Q"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "请填写统一社会信用代码。"),
        ("9111010855138508", "统一社会信用代码应为 18 位，当前为 16 位。"),
        ("91110108551385082A", "统一社会信用代码校验位不正确，请核对营业执照或法人证书上的代码。"),
        ("9111O108551385082Q", "统一社会信用代码含有不允许的字符（不使用 I、O、Z、S、V，前 8 位须为数字）。"),
    ],
)
def test_validate_refuses_bad_codes_with_a_chinese_message(value, message):
    with pytest.raises(ValidationError) as error:
        validate_uscc(value)
    assert error.value.messages == [message]


@pytest.mark.parametrize(
    ("code", "kind", "legal"),
    [
        ("91110108551385082Q", "企业", True),
        ("92360102MA35DH0015", "个体工商户", False),
        ("12360100MB1234567X", "事业单位", True),
        ("52360100MJD0000170", "民办非企业单位", True),
        ("51360100MJD0000170", "社会团体", True),
        ("ZZ0000000000000000", "未知登记类型", False),
    ],
)
def test_registrant_kind_is_read_from_the_first_two_characters(code, kind, legal):
    assert registrant_kind(code) == kind
    assert is_legal_person(code) is legal
