"""重新申报: a platform whose recognition has expired, or expires within 90 days, applies again.

The bureau invites the organisation to the open batch; the organisation starts its new draft
from the recognised application: ``start_application`` makes the draft and the dossier
export/import path (``applications.dossier_io``) carries last time's profile and lists into it,
so the applicant only updates what changed. The signed 附件6 declaration is not carried over:
it has to be signed again for the new application.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from shifan.accounts.roles import Role
from shifan.accounts.rules import is_applicant, is_bureau_officer
from shifan.applications.domain.drafts import start_application
from shifan.applications.dossier_io import DossierRejected, export_dossier, import_dossier
from shifan.applications.models import Application
from shifan.audit.recorder import record
from shifan.batches.models import Batch
from shifan.notifications.domain import notify
from shifan.recognition.models import Recognition

RENEWAL_WINDOW_DAYS = 90
NO_OPEN_BATCH = "目前没有正在受理的申报批次，请在申报通知发布后再开始重新申报。"


def renewal_problem(recognition: Recognition, batch: Batch | None, today: date | None = None) -> str:
    """Why the platform cannot be invited to / start a renewal in ``batch`` now ('' when it can)."""
    today = today or timezone.localdate()
    if recognition.revoked_at is not None:
        return "该平台的认定已被撤销，不能基于该认定重新申报。"
    if (recognition.expires_on - today).days > RENEWAL_WINDOW_DAYS:
        return (f"认定有效期至{recognition.expires_on.year}年{recognition.expires_on.month}月"
                f"{recognition.expires_on.day}日，到期前{RENEWAL_WINDOW_DAYS}天内或到期后方可重新申报。")
    if batch is None or not batch.accepts_submissions():
        return NO_OPEN_BATCH
    if Application.objects.filter(organization_id=recognition.organization_id, batch=batch).exists():
        return f"该单位已在「{batch.name}」中有申报。"
    return ""


@transaction.atomic
def invite_to_renew(recognition: Recognition, batch: Batch | None, *, actor) -> int:
    """A bureau officer invites the organisation of an expired or expiring platform to ``batch``.

    Side effects: notifies the organisation's active applicant users (inbox, e-mail after commit)
    with a link to their home page; records ``recognition.renewal_invited``. Returns the number of
    users notified. Raises PermissionDenied for anyone but a bureau officer and ValidationError
    (in Chinese) when the platform or the batch does not allow a renewal.
    """
    if not is_bureau_officer.test(actor):
        raise PermissionDenied("只有市局经办人员可以邀请重新申报。")
    problem = renewal_problem(recognition, batch)
    if problem:
        raise ValidationError(problem)
    until = recognition.expires_on
    notes = notify(
        recognition.organization.users.filter(role=Role.APPLICANT, is_active=True),
        event="recognition.renewal_invited", subject=f"邀请重新申报示范平台：{recognition.platform_name}",
        body=f"「{recognition.platform_name}」的市级示范平台认定有效期至{until.year}年{until.month}月{until.day}日。"
             f"「{batch.name}」正在受理申报（截止{timezone.localtime(batch.applicant_deadline):%Y-%m-%d %H:%M}），"
             "欢迎重新申报。登录后在“示范平台认定与证书”中点击“基于上次认定材料开始新申报”，更新材料后提交。",
        link="/applicant/",
    )
    record("recognition.renewal_invited", actor=actor, target=recognition,
           data={"batch": batch.year, "notified": len(notes)})
    return len(notes)


@dataclass(frozen=True)
class Renewal:
    application: Application
    problems: tuple[str, ...] = ()  # parts of last time's content that could not be carried over


def start_renewal(recognition: Recognition, batch: Batch | None, *, actor) -> Renewal:
    """The organisation's own applicant starts its new draft in ``batch`` from the recognised application.

    Side effects: creates the draft through ``start_application`` (``application.started``);
    copies last time's profile and lists through ``import_dossier`` (``application.dossier_imported``),
    without the 附件6 declaration; records ``recognition.renewal_started``. If the old content no
    longer passes today's checks, the draft stays (empty) and ``problems`` says why, so the
    applicant fills it by hand. Raises PermissionDenied for anyone but the organisation's
    applicant users and ValidationError (in Chinese) when a renewal is not possible.
    """
    if not (is_applicant.test(actor) and actor.organization_id == recognition.organization_id):
        raise PermissionDenied("只有本单位的申报用户可以基于本单位的认定重新申报。")
    problem = renewal_problem(recognition, batch)
    if problem:
        raise ValidationError(problem)
    dossier = export_dossier(recognition.application)
    dossier.pop("declaration", None)
    with transaction.atomic():
        application = start_application(organization=recognition.organization, batch=batch,
                                         platform_name=recognition.platform_name, actor=actor)
        problems: tuple[str, ...] = ()
        try:
            import_dossier(application, dossier, actor=actor)
        except DossierRejected as rejected:
            problems = tuple(rejected.problems)
            application.refresh_from_db()
        record("recognition.renewal_started", actor=actor, target=recognition,
               data={"batch": batch.year, "application": application.pk, "copied": not problems})
    return Renewal(application=application, problems=problems)
