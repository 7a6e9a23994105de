"""The context of 附件2 (申请报告 with its 申请表), read from one application."""

from itertools import zip_longest

from django.utils import timezone

from shifan.applications.documents.formats import (
    chinese_date,
    decimal2,
    inline,
    joined,
    paragraphs,
    share,
    text,
)
from shifan.applications.models import (
    Activity,
    Application,
    ApplicationProfile,
    Investor,
    OperatingYear,
    Partner,
    ServiceProduct,
    StaffMember,
)
from shifan.policies.codes import FUNCTION_LABELS, QUALIFYING_EDUCATION, QUALIFYING_TITLES

REPORT_FIELDS = ("basics", "region", "management", "services", "achievements", "support", "plans")


def filled_on(application: Application) -> str:
    """填报日期: the day it was submitted, or today for an application not submitted yet."""
    day = timezone.localdate(application.submitted_at) if application.submitted_at else timezone.localdate()
    return chinese_date(day)


def _phone_and_fax(profile: ApplicationProfile) -> str:
    fax = f"传真：{profile.contact_fax}" if profile.contact_fax else ""
    return joined((profile.contact_phone, fax), "；")


def _staff_figures(application: Application) -> dict:
    """从业人数 and the qualified among them (大专及以上学历或中级及以上职称), from 附件4."""
    rows = StaffMember.objects.filter(application=application).values_list("education", "title_level")
    total = len(rows)
    qualified = sum(1 for education, title in rows if education in QUALIFYING_EDUCATION or title in QUALIFYING_TITLES)
    return {
        "staff_total": inline(str(total) if total else ""),
        "staff_qualified": inline(str(qualified) if total else ""),
        "staff_qualified_ratio": inline(share(qualified, total)),
    }


def _site_area(profile: ApplicationProfile) -> str:
    if profile.site_area_owned is None and profile.site_area_rented is None:
        return ""
    return decimal2((profile.site_area_owned or 0) + (profile.site_area_rented or 0))


def _form(application: Application, profile: ApplicationProfile) -> dict:
    """The single values of the 申请表, personal data in clear (this is the applicant's own form)."""
    return {
        "nature": profile.nature,
        "uscc": application.organization.uscc,
        "registration_authority": profile.registration_authority,
        "registered_on": chinese_date(profile.registered_on),
        "address": profile.address,
        "postcode": profile.postcode,
        "legal_name": profile.legal_representative_name,
        "legal_id_number": profile.legal_representative_id_number,
        "legal_mobile": profile.legal_representative_mobile,
        "contact_name": profile.contact_name,
        "contact_phone_fax": _phone_and_fax(profile),
        "contact_mobile": profile.contact_mobile,
        "website": profile.website,
        "icp_filing": profile.icp_filing,
        "email": profile.email,
        "registered_capital": inline(decimal2(profile.registered_capital)),
        "total_assets": inline(decimal2(profile.total_assets)),
        "equipment_count": inline(text(profile.equipment_count)),
        "equipment_value": inline(decimal2(profile.equipment_value)),
        "equipment_share": inline(share(profile.equipment_value, profile.total_assets)),
        "site_area": inline(_site_area(profile)),
        "site_area_owned": inline(decimal2(profile.site_area_owned)),
        "site_area_rented": inline(decimal2(profile.site_area_rented)),
        "functions": joined(FUNCTION_LABELS.get(code, code) for code in profile.service_functions or ()),
        "qualifications": profile.qualifications,
        "welfare": profile.public_welfare_activities,
        "support": profile.government_support,
        "impact": profile.impact,
        **_staff_figures(application),
    }


def _operations(application: Application) -> list[dict]:
    return [
        {"year": str(row.year), "total_assets": decimal2(row.total_assets), "revenue": decimal2(row.revenue),
         "service_revenue": decimal2(row.service_revenue), "profit": decimal2(row.profit)}
        for row in OperatingYear.objects.filter(application=application).order_by("year")
    ]  # fmt: skip


def _products(application: Application) -> list[dict]:
    return [
        {"name": row.name, "smes_served": text(row.smes_served), "person_times": text(row.person_times),
         "revenue": decimal2(row.revenue), "revenue_share": decimal2(row.revenue_share),
         "satisfaction": decimal2(row.satisfaction)}
        for row in ServiceProduct.objects.filter(application=application)
    ]  # fmt: skip


def _partners(application: Application) -> dict:
    """合作资源: signed agreements and other partners side by side, with the number of partners."""
    rows = list(Partner.objects.filter(application=application).values_list("name", "agreement"))
    agreed = [name for name, agreement in rows if agreement]
    others = [name for name, agreement in rows if not agreement]
    pairs = [{"agreed": a, "other": o} for a, o in zip_longest(agreed, others, fillvalue="")]
    return {"count": str(len(rows)), "rows": pairs}


def _activities(application: Application) -> dict:
    rows = [
        {"date": chinese_date(row.date), "title": row.title, "place": row.place,
         "function": row.get_function_display(), "smes": text(row.smes), "participants": text(row.participants)}
        for row in Activity.objects.filter(application=application)
    ]  # fmt: skip
    return {"count": str(len(rows)), "rows": rows}


def report_context(application: Application) -> dict:
    """附件2: cover, 申请表 and report sections 二–八. Pure read, a constant number of queries."""
    profile = ApplicationProfile.objects.filter(application=application).first()
    profile = profile or ApplicationProfile(application=application)
    return {
        "applicant": application.organization.name,
        "filled_on": filled_on(application),
        "form": _form(application, profile),
        "investors": [{"name": row.name, "nature": row.nature}
                      for row in Investor.objects.filter(application=application)],
        "operations": _operations(application),
        "products": _products(application),
        "partners": _partners(application),
        "activities": _activities(application),
        "report": {key: paragraphs(getattr(profile, f"report_{key}")) for key in REPORT_FIELDS},
    }
