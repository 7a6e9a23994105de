"""Editing an application's content: the 申请表 sections and the row lists.

Sections are protected by an optimistic lock on ``Application.version``: a form carries the
version it was read at, and a save against a newer version is refused (nothing is written, the
form keeps what the user typed). Rows are saved one by one, so two colleagues can fill different
lists at once.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Model
from django.utils import timezone

from shifan.applications.enums import Status
from shifan.applications.models import Application, ApplicationProfile
from shifan.audit.recorder import record


class StaleDraft(ValidationError):
    """Somebody saved the application after this form was opened."""


def ensure_editable(application: Application) -> None:
    if application.status not in Status.applicant_editable:
        raise ValidationError(
            f"申报当前状态为「{Status(application.status).label}」，不能修改；退回修改后方可编辑。"
        )


def profile_of(application: Application) -> ApplicationProfile:
    """The application's profile; an unsaved empty one if nothing was filled yet."""
    try:
        return application.profile
    except ApplicationProfile.DoesNotExist:
        return ApplicationProfile(application=application)


def claim_draft_version(application: Application, version: int) -> None:
    """Bump the version if it is still ``version`` and the draft editable, else raise StaleDraft."""
    claimed = Application.objects.filter(
        pk=application.pk, version=version, status__in=Status.applicant_editable
    ).update(version=F("version") + 1, updated_at=timezone.now())
    if claimed != 1:
        application.refresh_from_db()
        ensure_editable(application)
        raise StaleDraft("申报内容已被同事或其他窗口修改。您填写的内容仍在下方，请复制保存后刷新页面再提交。")
    application.version = version + 1


def mark_rows_changed(application: Application) -> None:
    """Rows are saved without claiming a version (see above), so their writers stamp the application.

    Side effects: sets ``Application.updated_at`` to now, in the database and on the instance; the
    eligibility cache (``applications.evaluation_cache``) keys on it.
    """
    now = timezone.now()
    Application.objects.filter(pk=application.pk).update(updated_at=now)
    application.updated_at = now


@transaction.atomic
def save_profile_section(application: Application, *, actor, changes: dict, version: int) -> ApplicationProfile:
    """Save one section of the 申请表 (a set of profile fields).

    Side effects: bumps ``Application.version`` (refused with StaleDraft if it moved since
    ``version``); creates or updates the profile; records ``application.section_saved`` with the
    names of the changed fields (never their values, which may be personal data).
    """
    ensure_editable(application)
    claim_draft_version(application, version)
    # Read it afresh: a form may have already written its values onto a cached instance.
    profile = ApplicationProfile.objects.filter(application=application).first() or ApplicationProfile(
        application=application
    )
    changed = sorted(name for name, value in changes.items() if getattr(profile, name) != value)
    for name, value in changes.items():
        setattr(profile, name, value)
    profile.full_clean()
    profile.save()
    record("application.section_saved", actor=actor, target=application, data={"fields": changed})
    return profile


@transaction.atomic
def save_row(application: Application, row: Model, *, actor, kind: str) -> Model:
    """Insert or update one row of a list (附件3–5 and the 申请表's tables).

    Side effects: saves the row (new rows go to the end: ``seq`` = max + 1); stamps the application
    (``mark_rows_changed``); records
    ``application.row_added`` or ``application.row_changed``.
    """
    ensure_editable(application)
    created = row.pk is None
    if created:
        manager = type(row).objects.filter(application=application)
        row.seq = (manager.order_by("-seq").values_list("seq", flat=True).first() or 0) + 1
    row.application = application
    row.full_clean()
    row.save()
    mark_rows_changed(application)
    event = "application.row_added" if created else "application.row_changed"
    record(event, actor=actor, target=application, data={"list": kind, "row": row.pk})
    return row


@transaction.atomic
def delete_row(application: Application, row: Model, *, actor, kind: str) -> None:
    """Side effects: deletes the row; stamps the application (``mark_rows_changed``); records
    ``application.row_deleted``."""
    ensure_editable(application)
    row_id = row.pk
    row.delete()
    mark_rows_changed(application)
    record("application.row_deleted", actor=actor, target=application, data={"list": kind, "row": row_id})
