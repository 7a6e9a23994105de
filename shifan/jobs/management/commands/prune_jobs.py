from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from shifan.jobs.prune import prune_finished_jobs, reap_stuck_jobs


class Command(BaseCommand):
    help = ("清理后台任务：先把处理进程已停止的任务标记为失败（可重试），再删除结束超过保存期"
            "（SHIFAN_JOB_RETENTION_DAYS，默认 7 天）的任务及其文件。")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--days", type=int, default=None,
                            help="保存天数，覆盖 SHIFAN_JOB_RETENTION_DAYS（默认 7）。")
        parser.add_argument("--stale-minutes", type=int, default=None,
                            help="处理中超过多少分钟视为中断，覆盖 SHIFAN_JOB_STALE_MINUTES（默认 60）。")

    def handle(self, *args, days: int | None = None, stale_minutes: int | None = None, **options) -> None:
        days = settings.SHIFAN_JOB_RETENTION_DAYS if days is None else days
        stale_minutes = settings.SHIFAN_JOB_STALE_MINUTES if stale_minutes is None else stale_minutes
        if days < 0 or stale_minutes < 1:
            raise CommandError("保存天数不能为负数，中断判定时间至少为 1 分钟。")
        reaped = reap_stuck_jobs(stale_after_minutes=stale_minutes)
        pruned = prune_finished_jobs(older_than_days=days)
        cutoff = timezone.localtime(pruned.cutoff).strftime("%Y年%m月%d日 %H:%M")
        self.stdout.write(
            f"后台任务清理完成：{reaped.running} 个处理中断的任务、{reaped.queued} 个长时间排队的任务已标记为失败；"
            f"已删除 {cutoff} 之前结束的任务 {pruned.removed} 个（文件 {pruned.files} 个）。")
