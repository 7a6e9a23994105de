"""附件2 南昌市中小企业公共服务示范平台申请报告: cover, contents, 申请表 (一), report sections 二–八.

Context: ``applicant``, ``filled_on``; the 申请表's keys (see ``application_form``); ``report``: a
dict of paragraph lists under basics, region, management, services, achievements, support, plans.
"""

from shifan.documents.docx.authoring import Run, add_paragraph
from tools.office_templates.application_form import FORM_TITLE, add_application_form
from tools.office_templates.common import APPLICANT_LINE, new_form, paragraph_loop

COVER_TITLE = ("南昌市中小企业公共服务示范平台", "申请报告")
CONTENTS_TITLE = "申请报告的主要内容"
CONTENTS = (
    f"一、《{FORM_TITLE}》",
    "二、申报单位的基本情况（包括：发展沿革、发展现状、发展目标）；",
    "三、服务对象所在区域的行业状况，在区域经济发展中的地位和作用，中小企业发展情况和公共服务需求情况；",
    "四、管理运营情况（包括：主要管理制度、人员激励、能力提升、可持续发展等）；",
    "五、近年来的服务情况（包括：主要服务内容、服务对象、服务规模、方式、收费等）；",
    "六、主要服务业绩及对区域经济和中小企业健康发展的贡献（包括：自测情况或典型案例）；",
    "七、获得政府扶持的情况；",
    "八、下一步发展设想。",
)
SECTIONS = (
    ("二、申报单位的基本情况", "basics"),
    ("三、服务对象所在区域的行业状况，在区域经济发展中的地位和作用，中小企业发展情况和公共服务需求情况", "region"),
    ("四、管理运营情况", "management"),
    ("五、近年来的服务情况", "services"),
    ("六、主要服务业绩及对区域经济和中小企业健康发展的贡献", "achievements"),
    ("七、获得政府扶持的情况", "support"),
    ("八、下一步发展设想", "plans"),
)


def _cover(document) -> None:
    add_paragraph(document, "附件2", "AttachmentLabel")
    for _ in range(3):
        add_paragraph(document, "")
    for line in COVER_TITLE:
        add_paragraph(document, line, "CoverTitle")
    for _ in range(5):
        add_paragraph(document, "")
    add_paragraph(document, (APPLICANT_LINE[0], Run("{{ applicant }}", underline=True)), "CoverLine")
    add_paragraph(document, ("填报日期：", Run("{{ filled_on }}", underline=True)), "CoverLine")
    for _ in range(6):
        add_paragraph(document, "")
    add_paragraph(document, "南昌市中小企业服务局 制", "BodyCenter")


def build_report():
    document = new_form("南昌市中小企业公共服务示范平台申请报告", cover=True)
    _cover(document)
    add_paragraph(document, CONTENTS_TITLE, "Title", page_break_before=True)
    for line in CONTENTS:
        add_paragraph(document, line, "BodyIndent")
    add_application_form(document)
    for index, (heading, key) in enumerate(SECTIONS):
        add_paragraph(document, heading, "Heading1", page_break_before=index == 0)
        paragraph_loop(document, f"report.{key}")
    return document
