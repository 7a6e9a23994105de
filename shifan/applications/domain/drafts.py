"""Starting an application."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from shifan.applications.models import Application
from shifan.audit.recorder import record


def start_application(*, organization, batch, platform_name: str, actor) -> Application:
    """Create the organisation's draft application in a batch (one per batch).

    Side effects: inserts the Application in ``draft``; records ``application.started``.
    Raises ValidationError if the batch is not open or the organisation already applied.
    """
    if not batch.accepts_submissions():
        raise ValidationError(f"「{batch.name}」当前不在申报期内。")
    try:
        with transaction.atomic():
            application = Application.objects.create(
                batch=batch,
                organization=organization,
                jurisdiction=organization.jurisdiction,
                platform_name=platform_name.strip(),
            )
            record("application.started", actor=actor, target=application, data={"batch": batch.year})
    except IntegrityError:
        raise ValidationError(f"本单位已在「{batch.name}」中有申报，不能重复创建。") from None
    return application
