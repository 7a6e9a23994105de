"""Test specs shaped like the real lists (附件5 served SMEs; an activities list with every kind).

The real specs belong to the domain apps; these only exercise the engine.
"""

from shifan.documents.xlsx import Column, Kind, Sheet

SERVED_SMES = Sheet(
    "服务企业名单",
    [
        Column("name", "服务企业名称", Kind.TEXT, required=True, max_length=100, hint="填写营业执照上的企业全称"),
        Column("uscc", "统一社会信用代码", Kind.DIGITS_TEXT, required=True, max_length=18),
        Column("contact", "企业联系人", Kind.TEXT, max_length=20),
        Column("title", "职务", Kind.TEXT, max_length=20),
        Column("mobile", "手机", Kind.DIGITS_TEXT, max_length=11, hint="11 位手机号码"),
        Column("summary", "服务内容简述", Kind.TEXT, max_length=200, width=40),
        Column("satisfied", "满意", Kind.BOOLEAN),
    ],
    ["填写申报前一年度服务的中小企业，每家企业一行。", "同一企业只填写一次。"],
)

ACTIVITIES = Sheet(
    "服务活动",
    [
        Column("topic", "活动名称", Kind.TEXT, required=True),
        Column(
            "kind",
            "活动类型",
            Kind.CHOICE,
            required=True,
            choices=[("training", "培训"), ("matchmaking", "对接会"), ("consulting", "咨询诊断")],
        ),
        Column("held_on", "举办日期", Kind.DATE, required=True),
        Column("attendees", "参加企业数", Kind.INTEGER),
        Column("cost", "费用（万元）", Kind.DECIMAL),
        Column("online", "线上举办", Kind.BOOLEAN),
    ],
    ["每场活动一行。"],
)


def sme(number: int, **changes) -> dict:
    """A clean served-SME row, as the engine reads it back."""
    row = {
        "name": f"南昌市第{number}科技有限公司",
        "uscc": f"91360100MA35{number:06d}",
        "contact": "张三",
        "title": "总经理",
        "mobile": f"138{number:08d}",
        "summary": "融资对接与人才培训",
        "satisfied": number % 2 == 0,
    }
    row.update(changes)
    return row
