"""Chinese texts of the notifications sent after each workflow event."""

from shifan.applications.models import Application

_SUBJECTS = {
    "application.submitted": "申报已提交：{platform}",
    "application.resubmitted": "申报已重新提交：{platform}",
    "application.withdrawn": "申报已撤回：{platform}",
    "application.returned": "申报被退回修改：{platform}",
    "application.declined": "县区不予推荐：{platform}",
    "application.recommended": "县区已推荐：{platform}",
    "application.accepted": "市局已受理：{platform}",
    "application.sent_back": "市局退回县区：{platform}",
    "application.not_proposed": "未列入拟认定名单：{platform}",
    "application.published": "拟认定名单公示：{platform}",
    "application.removed_from_list": "移出拟认定名单：{platform}",
    "application.recognised": "认定为南昌市中小企业公共服务示范平台：{platform}",
}


def notice_for(event: str, application: Application, *, actor_label: str, reason: str) -> tuple[str, str]:
    """Subject and body of the notification for one workflow event."""
    platform = application.platform_name
    subject = _SUBJECTS.get(event, "申报状态更新：{platform}").format(platform=platform)
    lines = [
        f"申报单位：{application.organization.name}",
        f"平台名称：{platform}",
        f"申报批次：{application.batch.name}",
        f"当前状态：{application.get_status_display()}",
        f"操作人：{actor_label}",
    ]
    if reason:
        lines.append(f"理由：{reason}")
    return subject, "\n".join(lines)
