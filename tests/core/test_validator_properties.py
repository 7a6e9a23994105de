"""Property-based tests of the identifier validators (issue 3): they accept every well-formed
value however it is typed, refuse every corrupted one, and never crash on arbitrary text."""

import contextlib
import string
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum.cn import uscc as stdnum_uscc

from shifan.accounts.uscc import normalize_uscc, validate_uscc
from shifan.core.validators import id_number_warnings, validate_id_number, validate_mobile

USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)

usccs = st.builds(
    lambda head, tail: head + tail + stdnum_uscc.calc_check_digit(head + tail),
    st.text("0123456789", min_size=8, max_size=8),
    st.text(USCC_CHARS, min_size=9, max_size=9),
)
birth_dates = st.dates(min_value=date(1920, 1, 1), max_value=date.today() - timedelta(days=1))


def with_id_check(first17: str) -> str:
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]


id_numbers = st.builds(
    lambda province, rest, born, order: with_id_check(f"{province}{rest}{born:%Y%m%d}{order}"),
    st.sampled_from(["11", "36", "44", "81"]),
    st.text(string.digits, min_size=4, max_size=4),
    birth_dates,
    st.text(string.digits, min_size=3, max_size=3),
)


def full_width(text: str) -> str:
    return "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in text)


@given(usccs, st.sampled_from([str, str.lower, full_width, lambda c: " ".join(c)]))
def test_every_valid_uscc_passes_however_it_is_typed(code, typed):
    assert validate_uscc(typed(code)) == code


@given(usccs, st.integers(min_value=0, max_value=17), st.sampled_from(USCC_CHARS))
def test_changing_one_character_of_a_uscc_is_caught(code, position, replacement):
    corrupted = code[:position] + replacement + code[position + 1:]
    if corrupted != code:
        with pytest.raises(ValidationError):
            validate_uscc(corrupted)


@given(st.text(max_size=40))
@settings(max_examples=300)
def test_uscc_checks_never_crash_on_any_text(text):
    try:
        assert validate_uscc(text) == normalize_uscc(text)
    except ValidationError as error:
        assert error.messages[0]


@given(id_numbers, st.sampled_from([str, str.lower, full_width]))
def test_every_valid_id_number_passes_and_is_stored_upper_case(number, typed):
    assert validate_id_number(typed(number)) == number


@given(id_numbers, st.sampled_from("0123456789X"))
def test_a_wrong_check_character_is_caught(number, check):
    if check != number[-1]:
        with pytest.raises(ValidationError) as error:
            validate_id_number(number[:-1] + check)
        assert error.value.messages == ["身份证号码校验位不正确，请核对。"]


@given(st.text(max_size=30))
@settings(max_examples=300)
def test_id_checks_and_warnings_never_crash_on_any_text(text):
    with contextlib.suppress(ValidationError):
        validate_id_number(text)
    assert isinstance(id_number_warnings(text), list)


def test_an_unknown_birthplace_is_only_a_warning():
    number = with_id_check("36011320100101123")  # 红谷滩区, created 2019: newer than the birth
    assert validate_id_number(number) == number
    assert id_number_warnings(number) == [
        "身份证号码的地址码不在行政区划表中（可能是新设或撤并的县区），请核对；不影响保存。"
    ]


@given(st.text("0123456789", min_size=9, max_size=9), st.sampled_from(["3", "5", "8", "9"]),
       st.sampled_from(["", "+86", "86", "+86 ", "86-"]))
def test_mobiles_with_any_prefix_are_stored_as_eleven_digits(tail, second, prefix):
    mobile = f"1{second}{tail}"
    assert validate_mobile(prefix + mobile) == mobile


@given(st.text(max_size=20))
def test_mobile_checks_never_crash(text):
    with contextlib.suppress(ValidationError):
        assert len(validate_mobile(text)) == 11


def test_no_warning_for_a_known_birthplace_or_an_empty_value():
    assert id_number_warnings("11010519491231002X") == []
    assert id_number_warnings("") == []
