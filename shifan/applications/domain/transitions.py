"""The one writer of ``Application.status``."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from shifan.applications import workflow
from shifan.applications.domain.recipients import recipients_for
from shifan.applications.enums import Action, Status
from shifan.applications.errors import (
    IllegalTransition,
    ReasonRequired,
    StaleTransition,
    TransitionBlocked,
    TransitionForbidden,
)
from shifan.applications.models import Application, StatusChange
from shifan.applications.notices import notice_for
from shifan.audit.recorder import record
from shifan.notifications.domain import notify


def check_transition(application: Application, action: str, *, actor, reason: str = "") -> workflow.Transition:
    """Return the workflow row for this move, or raise the TransitionError that explains why not."""
    row = workflow.find(application.status, action)
    if row is None:
        raise IllegalTransition(
            f"申报当前状态为「{Status(application.status).label}」，不能执行「{Action(action).label}」。"
        )
    if not row.who.test(actor, application):
        raise TransitionForbidden(f"您无权对该申报执行「{Action(action).label}」。")
    _check_guards(row, application)
    if row.requires_reason and not reason.strip():
        raise ReasonRequired(f"「{Action(action).label}」须填写理由。")
    return row


def _check_guards(row: workflow.Transition, application: Application) -> None:
    problems = [message for guard in workflow.guards_for(row) for message in guard(application)]
    if problems:
        raise TransitionBlocked("；".join(problems), problems=problems)


def _lock_and_recheck(row: workflow.Transition, application: Application) -> None:
    """Lock the application's row in its source state and run the guards again under the lock.

    Content writes that a guard reads (section saves, imports, attachments) lock the same row,
    so none can slip in between the guards and the status update: a submission is judged on
    exactly the content it submits.
    """
    locked = Application.objects.select_for_update().filter(pk=application.pk, status=row.source).first()
    if locked is None:
        raise StaleTransition("该申报的状态刚刚已被他人更新，请刷新页面后再操作。")
    _check_guards(row, locked)


def transition(
    application: Application, action: str, *, actor, reason: str = "", data: dict | None = None
) -> Application:
    """Move an application along the workflow table.

    Checks the row exists for the current state, the actor's permission, the guards and the
    reason; then, in one transaction: the guards again under a lock on the application's row
    (so content saved concurrently is judged too), a conditional UPDATE (``WHERE status = source``) so two
    concurrent moves cannot both win, a StatusChange row and the audit event.

    Side effects: updates status, version, status_changed_at (and submitted_at on submit);
    inserts a StatusChange; records the row's audit event; after commit, puts notifications in
    the inboxes of the row's audiences and e-mails them. Raises a TransitionError subclass when
    refused; nothing is written then.
    """
    reason = reason.strip()
    row = check_transition(application, action, actor=actor, reason=reason)
    now = timezone.now()
    changes = {"status": row.target, "version": F("version") + 1, "status_changed_at": now}
    if action == Action.SUBMIT:
        changes["submitted_at"] = now
    with transaction.atomic():
        if workflow.guards_for(row):
            _lock_and_recheck(row, application)
        updated = Application.objects.filter(pk=application.pk, status=row.source).update(**changes)
        if updated != 1:
            raise StaleTransition("该申报的状态刚刚已被他人更新，请刷新页面后再操作。")
        StatusChange.objects.create(
            application=application, action=action, from_status=row.source, to_status=row.target,
            actor=actor, reason=reason, at=now,
        )
        record(
            row.event,
            actor=actor,
            target=application,
            data={"from": row.source, "to": row.target, "action": action, "reason": reason, **(data or {})},
        )
        application.refresh_from_db()
        if row.notify:
            subject, body = notice_for(row.event, application, actor_label=str(actor), reason=reason)
            notify(
                recipients_for(application, row.notify),
                event=row.event,
                subject=subject,
                body=body,
                link=f"/home/applications/{application.pk}/",
            )
    return application


def available_actions(application: Application, actor) -> list[workflow.Transition]:
    """The moves this actor may offer as buttons now (permission only, not guards).

    Rows run by a city review step (``via``) are left out: they happen there, with their data.
    """
    return [
        row for row in workflow.moves_from(application.status) if not row.via and row.who.test(actor, application)
    ]
