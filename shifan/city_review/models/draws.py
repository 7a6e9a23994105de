"""专家随机抽取: a stored, replayable draw and the seats it fills."""

from django.conf import settings
from django.db import models

from shifan.city_review.models.groups import ReviewGroup
from shifan.experts.models import Expert


class ExpertDraw(models.Model):
    """One random draw of experts for a review group.

    Everything needed to check it later is kept: the candidates that survived the avoidance
    rules (in pool order, with a fingerprint of who they were), every exclusion with its
    reasons, the seed and the drawn order. A redraw is a new row with a reason; the earlier
    one is kept, marked superseded.
    """

    group = models.ForeignKey(ReviewGroup, verbose_name="评审组", on_delete=models.CASCADE, related_name="draws")
    seed = models.CharField("随机种子", max_length=64)
    panel_size = models.PositiveSmallIntegerField("专家人数")
    backup_count = models.PositiveSmallIntegerField("备选人数")
    specialties = models.JSONField("所需专业", default=list)
    rules = models.JSONField("适用的回避规则", default=list)
    candidates = models.JSONField("候选专家", default=list)
    fingerprint = models.CharField("候选名单指纹", max_length=64)
    exclusions = models.JSONField("回避与排除", default=list)
    result = models.JSONField("抽取结果（按抽中顺序）", default=list)
    reason = models.CharField("重新抽取的理由", max_length=300, blank=True)
    drawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    drawn_at = models.DateTimeField("抽取时间", auto_now_add=True)
    superseded_at = models.DateTimeField("被重新抽取时间", null=True, blank=True)

    class Meta:
        verbose_name = "专家抽取"
        verbose_name_plural = "专家抽取"
        ordering = ["-drawn_at", "-id"]

    def __str__(self) -> str:
        return f"{self.group} 抽取 #{self.pk}"


class PanelSeat(models.Model):
    """One drawn expert: on the panel (invited) or a backup waiting, in drawn order."""

    class State(models.TextChoices):
        WAITING = "waiting", "备选待补"
        INVITED = "invited", "已邀请"
        ACCEPTED = "accepted", "已接受"
        DECLINED = "declined", "已谢绝"
        CONFLICTED = "conflicted", "申报回避"
        RELEASED = "released", "已解除"

    class Declaration(models.TextChoices):
        NONE = "", "未声明"
        NO_CONFLICT = "no_conflict", "无利害关系"
        CONFLICT = "conflict", "存在利害关系"

    draw = models.ForeignKey(ExpertDraw, verbose_name="抽取", on_delete=models.CASCADE, related_name="seats")
    expert = models.ForeignKey(Expert, verbose_name="专家", on_delete=models.PROTECT, related_name="seats")
    position = models.PositiveSmallIntegerField("抽中顺序")
    state = models.CharField("状态", max_length=12, choices=State.choices, default=State.WAITING)
    invited_at = models.DateTimeField("邀请时间", null=True, blank=True)
    responded_at = models.DateTimeField("答复时间", null=True, blank=True)
    decline_reason = models.CharField("谢绝理由", max_length=300, blank=True)
    declaration = models.CharField("回避声明", max_length=12, choices=Declaration.choices, blank=True)
    conflict_detail = models.CharField("利害关系说明", max_length=300, blank=True)
    declared_at = models.DateTimeField("声明时间", null=True, blank=True)

    class Meta:
        verbose_name = "评审专家席位"
        verbose_name_plural = "评审专家席位"
        ordering = ["draw", "position"]
        constraints = [
            models.UniqueConstraint(fields=["draw", "expert"], name="one_seat_per_expert_per_draw"),
            models.UniqueConstraint(fields=["draw", "position"], name="one_seat_per_position"),
        ]

    def __str__(self) -> str:
        return f"{self.expert}（第{self.position}位）"

    @property
    def may_read(self) -> bool:
        """Accepted and declared free of conflict: only now may the expert read applications."""
        return self.state == self.State.ACCEPTED and self.declaration == self.Declaration.NO_CONFLICT
