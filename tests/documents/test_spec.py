"""A spec that could not produce a usable workbook fails when it is defined, not when it is used."""

import pytest

from shifan.documents.xlsx import Column, Kind, Sheet

NAME = Column("name", "名称", Kind.TEXT)
CHOICES_RULE = "choices are required for, and only for, the choice kind"


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Column("kind", "类型", Kind.CHOICE), f"column 'kind': {CHOICES_RULE}"),
        (lambda: Column("n", "数量", Kind.INTEGER, choices=[("a", "甲")]), f"column 'n': {CHOICES_RULE}"),
        (
            lambda: Column("k", "类型", Kind.CHOICE, choices=[("a", "甲"), ("b", "甲")]),
            "column 'k': choice codes and labels must be unique",
        ),
        (lambda: Column("n", "数量", Kind.INTEGER, max_length=3), "column 'n': max_length applies to text kinds only"),
        (lambda: Column("x", "名称", "money"), "'money' is not a valid Kind"),
        (
            lambda: Sheet("清单:2025", [NAME]),
            "'清单:2025' is not a valid Excel sheet title (1–31 characters, none of []:*?/\\)",
        ),
        (lambda: Sheet("填写说明", [NAME]), "'填写说明' is reserved for the engine's own sheets"),
        (lambda: Sheet("清单", []), "a sheet needs at least one column"),
        (
            lambda: Sheet("清单", [NAME, Column("other", "名 称", Kind.TEXT)]),
            "sheet '清单': column keys and headers must be unique",
        ),
    ],
)
def test_invalid_specs_are_refused_at_definition(build, message):
    with pytest.raises(ValueError) as refused:
        build()
    assert str(refused.value) == message


def test_kinds_may_be_given_as_plain_strings_and_choices_as_lists():
    column = Column("kind", "类型", "choice", choices=[["a", "甲"], ["b", "乙"]])
    assert (column.kind, column.choices, column.options, column.label_of("b")) == (
        Kind.CHOICE, (("a", "甲"), ("b", "乙")), ("甲", "乙"), "乙"
    )
