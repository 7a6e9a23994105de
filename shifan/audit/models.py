from django.conf import settings
from django.db import models


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("审计记录只能追加，不能修改。")

    def delete(self):
        raise AppendOnlyError("审计记录只能追加，不能删除。")


class AppendOnlyError(Exception):
    pass


class AuditEvent(models.Model):
    """One append-only, hash-chained record of something that happened.

    ``hash = HMAC-SM3(key, prev_hash || canonical(fields))``: editing, deleting or
    reordering a row breaks the chain, and ``verify_audit`` finds where.
    """

    seq = models.BigIntegerField("序号", unique=True)
    occurred_at = models.DateTimeField("时间", db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_label = models.CharField("操作人（记录时）", max_length=150, blank=True)
    actor_role = models.CharField("角色", max_length=20, blank=True)
    event = models.CharField("事件", max_length=60, db_index=True)
    target_type = models.CharField("对象类型", max_length=60, blank=True)
    target_id = models.CharField("对象编号", max_length=40, blank=True)
    ip = models.CharField("IP 地址", max_length=45, blank=True)
    request_id = models.CharField("请求编号", max_length=32, blank=True)
    data = models.JSONField("详情", default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = "审计事件"
        verbose_name_plural = "审计事件"
        ordering = ["seq"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.event}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("审计记录只能追加，不能修改。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("审计记录只能追加，不能删除。")


class AuditChainHead(models.Model):
    """The single row that holds the chain's tip.

    Locking it serialises writers so that the chain never forks, and comparing it with the
    last event reveals a truncated tail. After a retention prune it also holds the anchor the
    remaining chain starts from.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64)
    # The anchor left by ``prune_audit``: the last removed event's seq and hash. Verification starts
    # from here, and the ``audit.pruned`` event written by the prune (itself chained) vouches for it.
    pruned_seq = models.BigIntegerField("已清理至序号", default=0)
    pruned_hash = models.CharField("已清理的最后一条哈希", max_length=64, default="0" * 64)

    class Meta:
        verbose_name = "审计链头"
        verbose_name_plural = "审计链头"

    def __str__(self) -> str:
        return f"审计链头 #{self.seq}"
