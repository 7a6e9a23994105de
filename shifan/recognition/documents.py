"""The 认定决定 as a Word document (GB/T 9704 basics): 文号, title, 主送机关, body, issuer and
成文日期, and the list of recognised platforms with their 有效期 as 附件.

Only an approved decision has a number and a date, so only it is given as a document. The list is
the decision's recognitions (a platform an upheld objection took off the publicity list was never
recognised), in the order of the publicity list, renumbered; a recognition revoked later stays on
it, as the decision was issued. Nothing personal is listed.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from shifan.accounts.rules import is_bureau_staff
from shifan.applications.documents import OfficeFile
from shifan.applications.documents.formats import chinese_date, paragraphs
from shifan.audit.recorder import record
from shifan.city_review.documents.formats import safe_name
from shifan.documents.docx import DOCX_CONTENT_TYPE, render_docx
from shifan.publicity.documents import ISSUER, function_labels
from shifan.recognition.models import Approval, Decision, Recognition

DECISION_NOTICE_TEMPLATE = "decision_notice.docx"
DECISION_DOWNLOADED = "recognition.decision_downloaded"
NOT_APPROVED = "认定决定尚未经领导审批，还没有文号和成文日期，不能生成文件。"


def attachment_title(decision: Decision) -> str:
    """“2026年度南昌市中小企业公共服务示范平台认定名单”."""
    return f"{decision.batch.year}年度南昌市中小企业公共服务示范平台认定名单"


def split_addressee(texts: list[str]) -> tuple[str, list[str]]:
    """(主送机关, the rest): the first paragraph when it is a short line ending with a colon."""
    if len(texts) > 1 and texts[0].endswith(("：", ":")) and len(texts[0]) <= 80:
        return texts[0], texts[1:]
    return "", texts


def decision_entries(decision: Decision) -> list[dict]:
    """The decision's recognitions as the 附件 lists them: numbered 1…n in the publicity's order."""
    recognitions = (Recognition.objects.filter(decision=decision).select_related("organization", "jurisdiction")
                    .order_by("application__publicity_entry__seq", "platform_name", "pk"))
    return [{
        "seq": str(seq), "platform": recognition.platform_name, "organization": recognition.organization.name,
        "district": recognition.jurisdiction.name, "functions": function_labels(recognition.service_functions),
        "validity": f"{chinese_date(recognition.starts_on)}至{chinese_date(recognition.expires_on)}",
    } for seq, recognition in enumerate(recognitions, start=1)]


def decision_notice_context(decision: Decision) -> dict:
    """The decision's content as display strings (the template's context). Pure read.

    ValidationError for a decision that is not approved (a draft has no number and no date).
    """
    if decision.state != Approval.APPROVED or not decision.number:
        raise ValidationError(NOT_APPROVED)
    addressee, body = split_addressee(paragraphs(decision.body))
    return {
        "number": decision.number,
        "title": decision.title,
        "addressee": addressee,
        "body": body,
        "attachment_title": attachment_title(decision),
        "issuer": ISSUER,
        "decided_on": chinese_date(decision.decided_on),
        "entries": decision_entries(decision),
    }


def render_decision_notice(decision: Decision) -> bytes:
    """The .docx of an approved decision with its list. Pure read, no audit; ValidationError if not approved."""
    return render_docx(DECISION_NOTICE_TEMPLATE, decision_notice_context(decision))


def decision_file_name(decision: Decision) -> str:
    """“认定决定-洪企服字〔2026〕2号.docx”."""
    return f"认定决定-{safe_name(decision.number)}.docx"


@transaction.atomic
def decision_notice_docx(decision: Decision, *, actor) -> OfficeFile:
    """The approved decision as Word for bureau staff (officers and heads).

    PermissionDenied for anyone else; ValidationError (in Chinese) unless the decision is approved.
    Side effects: records ``recognition.decision_downloaded`` with the number and the platforms listed.
    """
    if not is_bureau_staff.test(actor):
        raise PermissionDenied("只有市局工作人员可以下载认定决定。")
    context = decision_notice_context(decision)
    data = render_docx(DECISION_NOTICE_TEMPLATE, context)
    record(DECISION_DOWNLOADED, actor=actor, target=decision, data={
        "format": "docx", "number": decision.number, "platforms": len(context["entries"]),
    })
    return OfficeFile(decision_file_name(decision), DOCX_CONTENT_TYPE, data)
