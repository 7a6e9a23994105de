"""The Word templates, built in code (file name → builder): the application's 附件2–6, the
district's 附件1 推荐表 and the city review's 评分表 and 专家抽取记录.

Run ``python tools/build_office_templates.py`` after changing one; the committed files in
``shifan/documents/templates_office/`` must be what these builders give (a test checks it).
"""

from tools.office_templates.certificate import build_certificate
from tools.office_templates.declaration import build_declaration
from tools.office_templates.lists import build_equipment, build_served, build_staff
from tools.office_templates.notices import build_decision_notice, build_publicity_notice
from tools.office_templates.recommendation import build_recommendation
from tools.office_templates.report import build_report
from tools.office_templates.review import REVIEW_TEMPLATES

TEMPLATES = {
    "application_report.docx": build_report,
    "equipment_list.docx": build_equipment,
    "staff_list.docx": build_staff,
    "served_list.docx": build_served,
    "declaration.docx": build_declaration,
    "recommendation.docx": build_recommendation,
    **REVIEW_TEMPLATES,
    "certificate.docx": build_certificate,
    "publicity_notice.docx": build_publicity_notice,
    "decision_notice.docx": build_decision_notice,
}
