"""A job a user asked for and waits on: its state, progress with a Chinese step, and the private result."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from shifan.documents.files.storage import private_storage


def input_file_name(job: "Job", filename: str) -> str:
    return f"jobs/input/{uuid.uuid4().hex}"


def result_file_name(job: "Job", filename: str) -> str:
    return f"jobs/result/{uuid.uuid4().hex}"


class Job(models.Model):
    """One background run of a heavy operation (kind: a stable code such as ``documents_zip``).

    The target is named by type and id (infrastructure does not import the domain); the runner
    that knows the kind reads it. Files are in private storage and leave only through the job page.
    """

    class State(models.TextChoices):
        QUEUED = "queued", "排队中"
        RUNNING = "running", "处理中"
        DONE = "done", "已完成"
        FAILED = "failed", "失败"

    requester = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="发起人", on_delete=models.PROTECT,
                                  related_name="+")
    kind = models.CharField("任务类型", max_length=40)
    title = models.CharField("任务名称", max_length=200)
    target_type = models.CharField("对象类型", max_length=100, blank=True)
    target_id = models.CharField("对象编号", max_length=64, blank=True)
    params = models.JSONField("参数", default=dict, blank=True)
    input_file = models.FileField("输入文件", storage=private_storage, upload_to=input_file_name, max_length=200,
                                  blank=True)
    input_name = models.CharField("输入文件名", max_length=200, blank=True)
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField("进度（%）", default=0)
    step = models.CharField("当前步骤", max_length=200, blank=True)
    result_file = models.FileField("结果文件", storage=private_storage, upload_to=result_file_name, max_length=200,
                                   blank=True)
    result_name = models.CharField("结果文件名", max_length=200, blank=True)
    result_content_type = models.CharField("结果内容类型", max_length=100, blank=True)
    result_size = models.PositiveBigIntegerField("结果大小（字节）", default=0)
    result_data = models.JSONField("结果数据", default=dict, blank=True)
    error = models.TextField("错误信息", blank=True)
    attempts = models.PositiveSmallIntegerField("运行次数", default=0)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    # When it was last queued (created or retried): a queued job waits from here, not from its creation.
    queued_at = models.DateTimeField("排队时间", default=timezone.now)
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)

    class Meta:
        verbose_name = "后台任务"
        verbose_name_plural = "后台任务"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["requester", "kind", "target_type", "target_id", "state"])]
        constraints = [models.CheckConstraint(condition=models.Q(progress__lte=100), name="jobs_progress_at_most_100")]

    def __str__(self) -> str:
        return self.title

    @property
    def finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)
