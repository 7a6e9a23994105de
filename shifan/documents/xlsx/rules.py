"""Each column's filling rule in Chinese, for 填写说明 and the header comments."""

from shifan.documents.xlsx.spec import Column, Kind

DATE_EXAMPLES = "2025-03-01、2025/3/1 或 2025年3月1日"
_MAX_LISTED = 10  # options named in a message; a longer list is cut with 等


def list_labels(labels: tuple[str, ...]) -> str:
    shown = "、".join(labels[:_MAX_LISTED])
    return shown + ("等" if len(labels) > _MAX_LISTED else "")


def rule_of(column: Column) -> str:
    """E.g. 「文本，不超过 50 个字」 or 「从下拉列表中选择：是、否」."""
    if column.kind is Kind.TEXT:
        rule = "文本"
    elif column.kind is Kind.DIGITS_TEXT:
        rule = "号码，按文本填写（该列已设为文本格式，请勿改为数字格式）"
    elif column.kind is Kind.INTEGER:
        rule = "整数，如 3"
    elif column.kind is Kind.DECIMAL:
        rule = "数字，可带小数，如 12.5"
    elif column.kind is Kind.DATE:
        rule = f"日期，如 {DATE_EXAMPLES}"
    else:
        rule = f"从下拉列表中选择：{list_labels(column.options)}"
    if column.max_length:
        rule += f"，不超过 {column.max_length} 个字"
    return rule


def comment_of(column: Column) -> str:
    """The text of the header comment: required or not, the rule, then the hint."""
    lines = [("必填。" if column.required else "选填。") + rule_of(column) + "。"]
    if column.hint:
        lines.append(column.hint)
    return "\n".join(lines)
