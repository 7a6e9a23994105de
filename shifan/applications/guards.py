"""Guards of the workflow: business conditions a transition needs beyond who may act.

Each guard returns a list of Chinese messages; an empty list means the move may go ahead.
"""

from django.utils import timezone

from shifan.applications.models import Application


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
    batch = application.batch
    if timezone.now() > batch.district_deadline:
        return [f"县区推荐已于 {_local(batch.district_deadline)} 截止；如需延期，请联系市中小企业服务局。"]
    return []
