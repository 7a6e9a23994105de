"""Guards of the workflow: business conditions a transition needs beyond who may act.

Each guard returns a list of Chinese messages; an empty list means the move may go ahead.
"""

from django.utils import timezone

from shifan.applications.attachments import SLOTS
from shifan.applications.models import Application, ApplicationProfile, Attachment
from shifan.applications.sections import SECTIONS


def _local(value) -> str:
    return timezone.localtime(value).strftime("%Y年%m月%d日 %H:%M")


def batch_accepts_submissions(application: Application) -> list[str]:
    batch = application.batch
    now = timezone.now()
    if batch.state != batch.State.OPEN:
        return [f"「{batch.name}」当前不在申报期内，不能提交。"]
    if now < batch.opens_at:
        return [f"「{batch.name}」将于 {_local(batch.opens_at)} 开始受理申报。"]
    if now > batch.applicant_deadline:
        return [f"「{batch.name}」申报已于 {_local(batch.applicant_deadline)} 截止，不能再提交。"]
    return []


def district_window_open(application: Application) -> list[str]:
    deadline = application.batch.district_deadline_for(application.jurisdiction_id)
    if timezone.now() > deadline:
        return [f"县区推荐已于 {_local(deadline)} 截止；如需延期，请联系市中小企业服务局。"]
    return []


# The 申请表 fields a submission cannot do without (附件2 一), and the 附件6 declaration's.
BASIC_FIELDS = ("nature", "registered_on", "legal_representative_name", "contact_name", "contact_mobile")
DECLARATION_FIELDS = ("declaration_signed_by", "declaration_signed_on")


def _empty_labels(values: dict, names: tuple[str, ...]) -> list[str]:
    return [
        str(ApplicationProfile._meta.get_field(name).verbose_name) for name in names if values.get(name) in (None, "")
    ]


def completeness_items(application: Application) -> list[tuple[str, str]]:
    """第八条: what the application still lacks before it may be submitted, as (message, section code).

    The 申请表's basic facts, the 附件6 declaration (signer and date) and a file in every
    required slot of applications.attachments. Two queries whatever the application holds.
    """
    # Only these columns are read, so no other personal data is decrypted for the check.
    profile = ApplicationProfile.objects.filter(application=application).values(
        *BASIC_FIELDS, *DECLARATION_FIELDS).first() or {}
    items = []
    if missing := _empty_labels(profile, BASIC_FIELDS):
        items.append((f"申请表「一、平台基本情况」尚未填写：{'、'.join(missing)}。", "basics"))
    if missing := _empty_labels(profile, DECLARATION_FIELDS):
        items.append((f"附件6 申报材料真实性声明函尚未填写：{'、'.join(missing)}。", "declaration"))
    filled = set(Attachment.objects.filter(application=application).values_list("slot", flat=True).distinct())
    items += [
        (f"尚未上传{slot.article}「{slot.title}」。", _section_of_slot(slot.code))
        for slot in SLOTS if slot.required and slot.code not in filled
    ]
    return items


def _section_of_slot(code: str) -> str:
    return next(section.code for section in SECTIONS if code in section.uploads)


def application_complete(application: Application) -> list[str]:
    """The submit guard: one Chinese message per missing item (see completeness_items)."""
    return [message for message, _ in completeness_items(application)]
