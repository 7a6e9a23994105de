import pytest
from django.core.exceptions import ValidationError

from shifan.core.validators import normalize_mobile, validate_id_number, validate_mobile


@pytest.mark.parametrize("raw", ["13812348000", "+86 138-1234-8000", "8613812348000", "１３８１２３４８０００"])
def test_mobiles_are_stored_as_eleven_digits(raw):
    assert validate_mobile(raw) == "13812348000"


@pytest.mark.parametrize("raw", ["1381234800", "23812348000", "138123480001", "phone"])
def test_bad_mobiles_are_refused_in_chinese(raw):
    with pytest.raises(ValidationError) as error:
        validate_mobile(raw)
    assert error.value.messages == ["手机号码应为以 1 开头的 11 位数字（可带 +86）。"]


def test_normalize_keeps_unknown_shapes_for_the_validator_to_judge():
    assert normalize_mobile(" 861381234 ") == "861381234"


@pytest.mark.parametrize("number", ["11010519491231002X", "360113201001011239", "810000199001011230"])
def test_real_shaped_id_numbers_pass_including_newer_counties_and_residence_permits(number):
    assert validate_id_number(number.lower()) == number.upper()


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("11010519491231002", "身份证号码应为 18 位，前 17 位为数字，最后一位为数字或 X。"),
        ("99010519491231002X", "身份证号码前两位不是有效的省级行政区代码。"),
        ("110105194902300021", "身份证号码中的出生日期不存在。"),
        ("110105194912310021", "身份证号码校验位不正确，请核对。"),
    ],
)
def test_bad_id_numbers_say_what_is_wrong(number, message):
    with pytest.raises(ValidationError) as error:
        validate_id_number(number)
    assert error.value.messages == [message]
