"""A batch's review settings and score sheet: defaults from the regulation, edited by the bureau."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from shifan.accounts.rules import is_bureau_officer
from shifan.audit.recorder import record
from shifan.batches.models import Batch
from shifan.city_review.domain.common import require
from shifan.city_review.models import Indicator, ReviewSettings, Score
from shifan.core.reference import forget


@dataclass(frozen=True)
class IndicatorRow:
    category: str
    name: str
    max_points: Decimal
    guidance: str = ""


# The suggested sheet of notes/domain-facts.md §2.4, built on 第五条's conditions (100 points).
# The bureau confirms or edits it per batch before scoring starts.
DEFAULT_SHEET = (
    IndicatorRow("基础条件", "运营年限与资产", Decimal(5), "第五条（一）：营业执照、上年度审计报告"),
    IndicatorRow("基础条件", "场所与设施设备", Decimal(5), "第五条（一）：附件3 设施设备清单"),
    IndicatorRow("基础条件", "管理制度与收费公示", Decimal(5), "第五条（四）：服务管理制度、收费标准及小微企业优惠"),
    IndicatorRow("服务团队", "专职人数", Decimal(5), "第五条（二）：附件4 从业人员名单"),
    IndicatorRow("服务团队", "大专以上学历或中级以上职称占比", Decimal(5), "第五条（二）：附件4"),
    IndicatorRow("服务团队", "专家库与外部合作机构", Decimal(5), "第五条（五）：合作协议"),
    IndicatorRow("服务业绩", "年服务企业数", Decimal(10), "第五条（三）：附件5 服务企业名单"),
    IndicatorRow("服务业绩", "近两年服务企业数增长", Decimal(5), "第五条（三）：申请表运营情况"),
    IndicatorRow("服务业绩", "服务活动场次", Decimal(10), "第五条（三）：按服务功能类别的大型服务活动，活动佐证材料"),
    IndicatorRow("服务业绩", "培训人次", Decimal(5), "第五条（三）：培训服务类年培训 1000 人次以上"),
    IndicatorRow("服务质量与公益性", "随机抽查满意度", Decimal(10), "第七条（三）：附件1 测评结果"),
    IndicatorRow("服务质量与公益性", "公益性或低收费服务占比", Decimal(10), "第五条（六）：附件5、申请表"),
    IndicatorRow("示范带动与特色", "服务模式创新和典型案例", Decimal(10), "第六条：特色优势和示范性，申请报告"),
    IndicatorRow("示范带动与特色", "社会影响、承担政府委托任务", Decimal(10), "第五条（三）：声誉和品牌影响力"),
)


def settings_for(batch: Batch) -> ReviewSettings:
    """The batch's review settings; the defaults until the bureau saves its own (nothing is written)."""
    try:
        return batch.review_settings
    except ReviewSettings.DoesNotExist:
        return ReviewSettings(batch=batch)


# Every scoring page and save reads the sheet. From the first score on it cannot change (replace_indicators
# refuses), so from then on it is kept in the cache; replace_indicators forgets it all the same, in case the
# scores are ever gone and the sheet is edited again.
SHEET_CACHE_SECONDS = 24 * 3600


def _sheet_key(batch_id: int) -> str:
    return f"score-sheet:{batch_id}"


def indicators_for(batch: Batch) -> list[Indicator]:
    """The batch's score sheet, creating the default sheet on first use.

    Side effects: inserts the default indicators the first time a batch's sheet is read; reads the cache, and
    writes it once scoring has started.
    """
    key = _sheet_key(batch.pk)
    indicators = cache.get(key)
    if indicators is None:
        indicators = list(batch.score_indicators.all()) or _create_default_sheet(batch)
        if scoring_started(batch):
            cache.set(key, indicators, SHEET_CACHE_SECONDS)
    return indicators


def _create_default_sheet(batch: Batch) -> list[Indicator]:
    try:
        with transaction.atomic():
            Indicator.objects.bulk_create(
                Indicator(batch=batch, seq=seq, category=row.category, name=row.name, max_points=row.max_points,
                          guidance=row.guidance)
                for seq, row in enumerate(DEFAULT_SHEET, start=1)
            )
    except IntegrityError:
        pass  # another request created the default sheet first
    return list(batch.score_indicators.all())


def sheet_maximum(indicators) -> Decimal:
    return sum((indicator.max_points for indicator in indicators), Decimal(0))


def scoring_started(batch: Batch) -> bool:
    return Score.objects.filter(group__batch=batch).exists()


@transaction.atomic
def save_settings(batch: Batch, *, actor, **fields) -> ReviewSettings:
    """Side effects: creates or updates the batch's ReviewSettings; records ``review.settings_saved``
    with the old and new values of what changed."""
    require(is_bureau_officer, actor, "只有市局经办人员可以设置评审规则。")
    current = settings_for(batch)
    changes = {
        name: [str(getattr(current, name)), str(value)]
        for name, value in fields.items() if getattr(current, name) != value
    }
    for name, value in fields.items():
        setattr(current, name, value)
    current.full_clean()
    current.save()
    record("review.settings_saved", actor=actor, target=batch, data={"changes": changes})
    return current


@transaction.atomic
def replace_indicators(batch: Batch, rows: list[IndicatorRow], *, actor) -> list[Indicator]:
    """Replace the batch's score sheet. Refused once anyone has started scoring.

    Side effects: deletes and re-inserts the batch's indicators; forgets the cached sheet, now and when the
    transaction commits; records ``review.sheet_saved``.
    """
    require(is_bureau_officer, actor, "只有市局经办人员可以设置评分表。")
    if scoring_started(batch):
        raise ValidationError("已有评分记录，评分表不能再修改。")
    if not rows:
        raise ValidationError("评分表至少需要一项指标。")
    forget(_sheet_key(batch.pk))
    Indicator.objects.filter(batch=batch).delete()
    created = Indicator.objects.bulk_create(
        Indicator(batch=batch, seq=seq, category=row.category, name=row.name, max_points=row.max_points,
                  guidance=row.guidance)
        for seq, row in enumerate(rows, start=1)
    )
    record("review.sheet_saved", actor=actor, target=batch, data={
        "indicators": [[row.category, row.name, str(row.max_points)] for row in rows],
        "maximum": str(sum((row.max_points for row in rows), Decimal(0))),
    })
    return created
