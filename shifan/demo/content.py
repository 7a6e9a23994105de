"""The least content a demo application needs to be submitted: the 申请表 basics, the 附件6
declaration and a small PDF in every required slot, all through the domain functions.
"""

from datetime import date

from django.utils import timezone

from shifan.applications.attachments import SLOTS
from shifan.applications.domain.attachments import add_attachment
from shifan.applications.domain.content import save_profile_section
from shifan.applications.list_excel import apply_list_import, check_list_import, sheet_for
from shifan.applications.models import ServedEnterprise
from shifan.district_review.domain import draw_survey_sample, record_response, save_review
from shifan.documents.xlsx import export_rows

# organisation key → (单位性质, 法定代表人, 联系人, 联系人手机)
PEOPLE = {
    "a": ("企业法人", "张建华", "张伟", "13907910001"),
    "b": ("企业法人", "刘志强", "刘洋", "13907910002"),
    "d": ("企业法人", "赵国平", "赵磊", "13907910004"),
    "e": ("企业法人", "陈立新", "陈静", "13907910005"),
    "f": ("企业法人", "孙宏伟", "孙丽", "13907910006"),
}


def demo_pdf(text: str) -> bytes:
    """A one-page PDF saying `text` (ASCII), with a correct cross-reference table."""
    stream = f"BT /F1 14 Tf 72 770 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def fill_minimum(application, key: str, *, actor) -> None:
    """Side effects: saves two profile sections and uploads one PDF per required slot (all audited)."""
    nature, legal_representative, contact, mobile = PEOPLE[key]
    save_profile_section(application, actor=actor, version=application.version, changes={
        "nature": nature, "registered_on": date(2016, 5, 18), "legal_representative_name": legal_representative,
        "contact_name": contact, "contact_mobile": mobile,
    })
    save_profile_section(application, actor=actor, version=application.version, changes={
        "declaration_signed_by": legal_representative, "declaration_signed_on": timezone.localdate(),
    })
    for slot in SLOTS:
        if slot.required:
            data = demo_pdf(f"Shifan demo file: {slot.code}")
            add_attachment(application, slot.code, data, f"{slot.title}.pdf", actor=actor)


def fill_served_list(application, *, actor, count: int = 120) -> None:
    """附件5 through the real Excel import path. Side effects: one checked and applied list import."""
    rows = [
        {"name": f"南昌市示例企业{i:03d}有限公司", "contact": f"联系人{i:03d}", "position": "总经理",
         "mobile": f"1390791{i:04d}", "service": "政策咨询与对接", "satisfied": i % 12 != 0}
        for i in range(1, count + 1)
    ]
    checked = check_list_import(application, "served_smes", export_rows(sheet_for("served_smes"), rows),
                                file_name="附件5.xlsx", actor=actor)
    apply_list_import(checked, actor=actor)


def complete_district_review(application, *, officer) -> None:
    """What 第七条(三) asks before a recommendation: USCC check, survey of 12, opinion (all audited)."""
    survey_draw = draw_survey_sample(application, actor=officer)
    for enterprise in ServedEnterprise.objects.filter(pk__in=survey_draw.sample_ids):
        record_response(survey_draw, enterprise, actor=officer, method=2, interviewee=enterprise.contact,
                        position=enterprise.position, mobile=enterprise.mobile, service=enterprise.service,
                        satisfied=True)
    save_review(application, actor=officer, uscc_checked_on=timezone.localdate(), uscc_check="matches",
                uscc_check_note="经国家企业信用信息公示系统查询，名称、代码和登记状态一致。",
                impact="服务辖区中小企业一百余家，带动作用明显。", exemplarity="线上线下结合的服务模式具有示范性。",
                opinion="经初审，同意推荐。")
