"""到期提醒: reminders 90 and 30 days before a recognition expires (第十条: valid for three years).

Run daily by ``manage.py send_expiry_reminders``. Each threshold is sent at most once per
recognition (an ``ExpiryReminder`` row, unique per recognition and threshold), so running the
job twice, or late, never repeats a reminder; a run that missed the 90-day day and finds 30 or
fewer days left sends only the 30-day reminder.
"""

from datetime import date, timedelta

from django.db import IntegrityError, transaction

from shifan.accounts.models import User
from shifan.accounts.roles import Role
from shifan.audit.recorder import record
from shifan.notifications.domain import notify
from shifan.recognition.models import ExpiryReminder, Recognition

THRESHOLDS = (90, 30)


def _due(recognition: Recognition, today: date, sent: set[int]) -> list[int]:
    days_left = (recognition.expires_on - today).days
    return [n for n in THRESHOLDS if days_left <= n and n not in sent]


def send_expiry_reminders(today: date) -> int:
    """Remind each unrevoked, unexpired recognition reaching 90 or 30 days before ``expires_on``.

    Recipients: the organisation's applicant users (link to their home page, where renewal
    starts) and the bureau officers (link to the recognition page).

    Side effects, per recognition in its own transaction: inserts ``ExpiryReminder`` rows for every
    threshold reached and not yet sent; notifies (inbox, e-mail after commit); records
    ``recognition.expiry_reminder_sent``. Returns the number of reminders sent.
    """
    horizon = today + timedelta(days=max(THRESHOLDS))
    candidates = (Recognition.objects.filter(revoked_at__isnull=True, expires_on__gte=today, expires_on__lte=horizon)
                  .select_related("organization").order_by("expires_on", "pk"))
    sent_count = 0
    for recognition in candidates:
        sent = set(recognition.expiry_reminders.values_list("days_before", flat=True))
        due = _due(recognition, today, sent)
        if not due:
            continue
        try:
            with transaction.atomic():
                for days_before in due:
                    ExpiryReminder.objects.create(recognition=recognition, days_before=days_before, sent_on=today)
                _remind(recognition, today, min(due))
        except IntegrityError:  # a concurrent run sent it first
            continue
        sent_count += 1
    return sent_count


def _chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _remind(recognition: Recognition, today: date, days_before: int) -> None:
    days_left = (recognition.expires_on - today).days
    name, until = recognition.platform_name, _chinese_date(recognition.expires_on)
    subject = f"示范平台认定将于{days_left}天后到期：{name}"
    notify(recognition.organization.users.filter(role=Role.APPLICANT, is_active=True),
           event="recognition.expiry_reminder", subject=subject,
           body=f"「{name}」的南昌市中小企业公共服务示范平台认定有效期至{until}，还有{days_left}天到期。"
                "有效期满后如需继续保持称号，请在申报批次开放时重新申报，可基于本次认定材料开始新申报。",
           link="/applicant/")
    notify(User.objects.filter(role=Role.BUREAU_OFFICER, is_active=True), event="recognition.expiry_reminder",
           subject=subject,
           body=f"「{name}」（{recognition.organization.name}）的示范平台认定有效期至{until}，还有{days_left}天到期。"
                "可在申报批次开放后邀请其重新申报。",
           link=f"/bureau/recognitions/{recognition.pk}/")
    record("recognition.expiry_reminder_sent", target=recognition,
           data={"days_before": days_before, "days_left": days_left, "expires_on": recognition.expires_on.isoformat()})
