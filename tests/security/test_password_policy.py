"""The password policy of DESIGN.md §9: at least 10 characters, 3 of 4 classes, no common password."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _codes(password: str, user=None) -> set[str]:
    try:
        validate_password(password, user)
    except ValidationError as error:
        return {e.code for e in error.error_list}
    return set()


@pytest.mark.parametrize(("password", "codes"), [
    ("Ab1!xyz", {"password_too_short"}),  # 7 characters, 4 classes
    ("abcdefghijkl", {"password_classes"}),  # lower only
    ("abcdefgh1234", {"password_classes"}),  # lower + digits
    ("ABCDEFGH!!!!", {"password_classes"}),  # upper + other
    ("Password123", {"password_too_common"}),  # 3 classes, on the blocklist
    ("Shifan2026xy", set()),  # lower, upper, digit
    ("南昌示范abcd2026", set()),  # lower, digit, and Chinese characters count as "other"
    ("Nanchang-city", set()),  # lower, upper, other
])
def test_each_rule_refuses_its_own_failure(password, codes):
    assert _codes(password) == codes


def test_a_password_like_the_username_is_refused():
    user = UserFactory(username="zhangwei2026", display_name="张伟")
    assert "password_too_similar" in _codes("Zhangwei2026", user)


def test_the_messages_are_chinese():
    with pytest.raises(ValidationError) as caught:
        validate_password("abcdefghijkl")
    assert caught.value.messages == ["密码须至少包含小写字母、大写字母、数字、符号中的三类。"]
