"""公示 (第七条(四)): the approved proposed list published for 5 working days, and 异议 against it."""

import uuid

from django.conf import settings
from django.db import models

from shifan.applications.models import Application
from shifan.batches.models import Batch
from shifan.city_review.models import ProposedList
from shifan.core.fields import EncryptedCharField
from shifan.documents.files.storage import private_storage


class Publicity(models.Model):
    """One publication of a batch's approved proposed list, open for objections from start to end (inclusive)."""

    batch = models.ForeignKey(Batch, verbose_name="申报批次", on_delete=models.PROTECT, related_name="publicities")
    proposed_list = models.OneToOneField(ProposedList, verbose_name="拟认定名单", on_delete=models.PROTECT,
                                         related_name="publicity")
    title = models.CharField("公示标题", max_length=200)
    notice_number = models.CharField("文号", max_length=40, unique=True)
    body = models.TextField("公示说明")
    contact = models.CharField("异议受理联系方式", max_length=300)
    published_on = models.DateField("发布日期")
    from_next_day = models.BooleanField("自发布次日起计算", default=True)
    working_days = models.PositiveSmallIntegerField("公示期（工作日）")
    starts_on = models.DateField("公示开始日期")
    ends_on = models.DateField("公示截止日期")
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField("发布时间", auto_now_add=True)

    class Meta:
        verbose_name = "公示"
        verbose_name_plural = "公示"
        ordering = ["-published_on", "-id"]

    def __str__(self) -> str:
        return self.title

    def is_open(self, on) -> bool:
        return self.starts_on <= on <= self.ends_on


class PublicityEntry(models.Model):
    """One platform on a published list; an upheld objection takes it off (removed_at)."""

    publicity = models.ForeignKey(Publicity, verbose_name="公示", on_delete=models.CASCADE, related_name="entries")
    application = models.OneToOneField(Application, verbose_name="申报", on_delete=models.PROTECT,
                                       related_name="publicity_entry")
    seq = models.PositiveSmallIntegerField("序号")
    removed_at = models.DateTimeField("移出名单时间", null=True, blank=True)
    removed_reason = models.TextField("移出理由", blank=True)

    class Meta:
        verbose_name = "公示名单条目"
        verbose_name_plural = "公示名单条目"
        ordering = ["seq", "id"]

    def __str__(self) -> str:
        return f"{self.seq}. {self.application_id}"


class Objection(models.Model):
    """异议: filed by anyone, under their real name, during the publicity window."""

    class State(models.TextChoices):
        RECEIVED = "received", "已受理，调查中"
        UPHELD = "upheld", "异议成立"
        DISMISSED = "dismissed", "异议不成立"

    publicity = models.ForeignKey(Publicity, verbose_name="公示", on_delete=models.PROTECT, related_name="objections")
    entry = models.ForeignKey(PublicityEntry, verbose_name="异议对象", on_delete=models.PROTECT,
                              related_name="objections")
    # A random reference the objector keeps to ask about the outcome; never the row id.
    reference = models.UUIDField("受理编号", default=uuid.uuid4, unique=True, editable=False)
    name = EncryptedCharField("姓名", max_plain_length=50)
    mobile = EncryptedCharField("联系电话", max_plain_length=20)
    email = EncryptedCharField("电子邮箱", max_plain_length=254, blank=True)
    organization = models.CharField("工作单位", max_length=200, blank=True)
    content = models.TextField("异议内容")
    submitted_at = models.DateTimeField("提交时间", auto_now_add=True)
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.RECEIVED)
    investigation = models.TextField("调查核实情况", blank=True)
    ruled_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="处理人", on_delete=models.PROTECT,
                                 null=True, blank=True, related_name="+")
    ruled_at = models.DateTimeField("处理时间", null=True, blank=True)

    class Meta:
        verbose_name = "异议"
        verbose_name_plural = "异议"
        ordering = ["submitted_at", "id"]

    def __str__(self) -> str:
        return f"异议 {self.reference}"


def evidence_name(evidence: "ObjectionEvidence", filename: str) -> str:
    return f"objections/{uuid.uuid4().hex}.{evidence.extension}"


class ObjectionEvidence(models.Model):
    objection = models.ForeignKey(Objection, verbose_name="异议", on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField("证明材料", storage=private_storage, upload_to=evidence_name, max_length=200)
    name = models.CharField("文件名", max_length=120)
    extension = models.CharField("扩展名", max_length=10)
    content_type = models.CharField("内容类型", max_length=100)
    size = models.PositiveBigIntegerField("大小（字节）")
    sha256 = models.CharField("SHA-256", max_length=64)

    class Meta:
        verbose_name = "异议证明材料"
        verbose_name_plural = "异议证明材料"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name
