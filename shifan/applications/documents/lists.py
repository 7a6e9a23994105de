"""The contexts of 附件3, 附件4 and 附件5: one row per item, numbered 1…n in the applicant's order."""

from shifan.applications.documents.formats import CHECK, chinese_date, decimal2, plain_number, text
from shifan.applications.models import Application, Equipment, ServedEnterprise, StaffMember


def _numbered(rows: list[dict]) -> list[dict]:
    return [{"seq": str(number), **row} for number, row in enumerate(rows, start=1)]


def equipment_context(application: Application) -> dict:
    """附件3 主要服务设施、软件及仪器设备清单. Pure read, one query."""
    rows = [
        {"name": row.name, "quantity": text(row.quantity), "price": decimal2(row.price),
         "purchased_on": chinese_date(row.purchased_on), "note": row.note}
        for row in Equipment.objects.filter(application=application)
    ]  # fmt: skip
    return {"applicant": application.organization.name, "rows": _numbered(rows)}


def staff_context(application: Application) -> dict:
    """附件4 主要从业人员情况表, contacts in clear (the applicant's own form). Pure read, one query."""
    rows = [
        {"name": row.name, "age": text(row.age), "education": row.get_education_display(),
         "school_major": row.school_major, "title_level": row.get_title_level_display(),
         "title_authority": row.title_authority, "years": plain_number(row.years_at_platform),
         "position": row.position, "contact": row.contact}
        for row in StaffMember.objects.filter(application=application)
    ]  # fmt: skip
    return {"applicant": application.organization.name, "rows": _numbered(rows)}


def served_context(application: Application) -> dict:
    """附件5 上一年度服务中小企业名单及服务评价表: ✓ under 满意 or 不满意, and the 注 line's figures
    (the number of enterprises listed; the policy's minimum list size, if it has one). Pure read."""
    rows = [
        {"name": row.name, "contact": row.contact, "position": row.position, "mobile": row.mobile,
         "service": row.service, "satisfied": CHECK if row.satisfied else "",
         "unsatisfied": "" if row.satisfied else CHECK}
        for row in ServedEnterprise.objects.filter(application=application)
    ]  # fmt: skip
    minimum = application.batch.policy.min_served_list_rows
    return {
        "applicant": application.organization.name,
        "rows": _numbered(rows),
        "served_count": str(len(rows)),
        "list_minimum": str(minimum) if minimum else "",
    }
