"""Password rules of DESIGN.md §9 beyond Django's built-in validators."""

import string

from django.core.exceptions import ValidationError

_CLASSES = (
    ("小写字母", set(string.ascii_lowercase)),
    ("大写字母", set(string.ascii_uppercase)),
    ("数字", set(string.digits)),
)


class CharacterClassValidator:
    """At least 3 of 4 character classes: lower, upper, digit, other (等保 复杂度要求)."""

    required = 3

    def _classes(self, password: str) -> int:
        count = sum(1 for _, chars in _CLASSES if chars & set(password))
        known = set().union(*(chars for _, chars in _CLASSES))
        return count + (1 if set(password) - known else 0)

    def validate(self, password: str, user=None) -> None:
        if self._classes(password) < self.required:
            raise ValidationError(
                "密码须至少包含小写字母、大写字母、数字、符号中的三类。", code="password_classes"
            )

    def get_help_text(self) -> str:
        return "密码须至少包含小写字母、大写字母、数字、符号中的三类。"
