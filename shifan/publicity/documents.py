"""The 公示 notice as a Word document (GB/T 9704 basics): 文号, title, body, the list, the dates and
how to object.

The notice is public: it lists platform, organisation, district and service functions — never a
person (no contact name, no phone). It lists the entries as published, all of them, also one an
upheld objection later took off the list (the decision lists only the recognised platforms).
"""

from django.conf import settings
from django.db import transaction

from shifan.applications.documents import OfficeFile
from shifan.applications.documents.formats import chinese_date, joined, paragraphs
from shifan.audit.recorder import record
from shifan.city_review.documents.formats import safe_name
from shifan.documents.docx import DOCX_CONTENT_TYPE, render_docx
from shifan.policies.codes import FUNCTION_LABELS
from shifan.publicity.models import Publicity
from shifan.publicity.queries import public_entries

PUBLICITY_NOTICE_TEMPLATE = "publicity_notice.docx"
NOTICE_DOWNLOADED = "publicity.notice_downloaded"
ISSUER = "南昌市中小企业服务局"


def function_labels(codes) -> str:
    """Service-function codes as their labels: 技术服务、培训服务."""
    return joined(FUNCTION_LABELS.get(code, code) for code in codes or ())


def public_page_url(publicity: Publicity) -> str:
    """The portal page of the publicity, where objections are filed (no login)."""
    return f"{settings.SITE_URL.rstrip('/')}/publicity/{publicity.pk}/"


def publicity_notice_context(publicity: Publicity) -> dict:
    """The notice's content as display strings (the template's context). Pure read."""
    return {
        "number": publicity.notice_number,
        "title": publicity.title,
        "body": paragraphs(publicity.body),
        "entries": [
            {"seq": str(entry["seq"]), "platform": entry["platform"], "organization": entry["organization"],
             "district": entry["district"], "functions": function_labels(entry["functions"])}
            for entry in public_entries(publicity)
        ],
        "starts_on": chinese_date(publicity.starts_on),
        "ends_on": chinese_date(publicity.ends_on),
        "working_days": str(publicity.working_days),
        "contact": publicity.contact,
        "url": public_page_url(publicity),
        "issuer": ISSUER,
        "published_on": chinese_date(publicity.published_on),
    }


def render_publicity_notice(publicity: Publicity) -> bytes:
    """The .docx of the notice. Pure read, no audit."""
    return render_docx(PUBLICITY_NOTICE_TEMPLATE, publicity_notice_context(publicity))


def notice_file_name(publicity: Publicity) -> str:
    """“拟认定名单公示-洪企服字〔2026〕1号.docx”."""
    return f"拟认定名单公示-{safe_name(publicity.notice_number)}.docx"


@transaction.atomic
def publicity_notice_docx(publicity: Publicity, *, actor) -> OfficeFile:
    """The notice as Word for anyone (it is public; ``actor`` is None for an anonymous visitor).

    Side effects: records ``publicity.notice_downloaded`` with the notice's number.
    """
    data = render_publicity_notice(publicity)
    record(NOTICE_DOWNLOADED, actor=actor, target=publicity, data={"format": "docx",
                                                                   "number": publicity.notice_number})
    return OfficeFile(notice_file_name(publicity), DOCX_CONTENT_TYPE, data)
