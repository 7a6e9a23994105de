"""The batch's 评审汇总表 as Excel: one row per application, as the bureau's ranking shows it."""

from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction

from shifan.accounts.rules import is_bureau_staff
from shifan.applications.documents import OfficeFile
from shifan.applications.enums import Status
from shifan.audit.recorder import record
from shifan.batches.models import Batch
from shifan.city_review.documents.formats import points
from shifan.city_review.domain.common import require
from shifan.city_review.domain.progress import Result, results_for
from shifan.city_review.domain.setup import settings_for
from shifan.city_review.models import Indicator, ScoreItem
from shifan.documents.xlsx import Column, Kind, Sheet, export_rows

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SUMMARY_DOWNLOADED = "review.summary_downloaded"
# Every application that reached the city review and was not withdrawn: the summary stays whole
# for the file after the proposed list has moved the applications on.
SUMMARY_STATUSES = (Status.IN_REVIEW, Status.REVIEWED, Status.PROPOSED, Status.NOT_PROPOSED,
                    Status.IN_PUBLICITY, Status.RECOGNISED)
FLAGGED = "（偏离较大）"
CENT = Decimal("0.01")


def summary_results(batch: Batch) -> list[Result]:
    """``results_for`` over every status of and after the review, in rank order."""
    return results_for(batch, statuses=SUMMARY_STATUSES)


def _indicator_header(indicator: Indicator) -> str:
    return f"{indicator.seq}.{indicator.name}（均分）"


def summary_sheet(batch: Batch, results: list[Result], indicators: list[Indicator]) -> Sheet:
    """The sheet's columns: 评分人1/评分1 … as many pairs as the largest panel, one mean per indicator."""
    settings = settings_for(batch)
    pairs = max((max(result.required, len(result.sheets)) for result in results), default=1)
    columns = [
        Column("rank", "排名", Kind.INTEGER, width=6),
        Column("platform", "平台名称", Kind.TEXT, width=28),
        Column("applicant", "申报单位", Kind.TEXT, width=28),
        Column("district", "辖区", Kind.TEXT, width=12),
        Column("group", "评审组", Kind.TEXT, width=14),
    ]
    for number in range(1, pairs + 1):
        columns += [Column(f"scorer_{number}", f"评分人{number}", Kind.TEXT, width=18),
                    Column(f"score_{number}", f"评分{number}", Kind.DECIMAL, width=8)]
    columns += [
        Column("submitted", "已交/应交评分表", Kind.TEXT, width=10),
        Column("complete", "评分完成", Kind.BOOLEAN, width=10),
        Column("aggregate", "汇总得分", Kind.DECIMAL, width=10),
        Column("flagged", "偏离较大", Kind.BOOLEAN, width=10),
        Column("below_pass_mark", "低于合格分数线", Kind.BOOLEAN, width=10),
        Column("status", "申报状态", Kind.TEXT, width=12),
    ]
    columns += [Column(f"indicator_{indicator.pk}", _indicator_header(indicator), Kind.DECIMAL, width=12,
                       hint=f"{indicator.category}·{indicator.name}，满分 {points(indicator.max_points)} 分")
                for indicator in indicators]
    return Sheet("评审汇总表", columns, [
        f"本表由系统导出：{batch.name}进入市局评审的申报（撤回的除外），每件一行，按排名排列；评分未完成的排在最后。",
        f"汇总得分按“{settings.get_aggregation_display()}”计算，第三方机构评审的为机构评分；只计入已提交的评分表，"
        "且专家须仍是已接受邀请并声明无利害关系的评审专家。",
        f"某位专家的总分与其他专家平均分相差 {points(settings.outlier_points)} 分及以上时标记“偏离较大”，"
        "并在该专家姓名后注明。",
        f"合格分数线 {points(settings.pass_mark)} 分。",
        "“评分1”“评分2”……依次是同一行“评分人1”“评分人2”……的总分。",
        "各指标均分是已计入的评分表该项得分的算术平均（不去掉最高分和最低分），保留两位小数。",
    ])


def _means(results: list[Result]) -> dict[int, dict[int, Decimal]]:
    """score id → indicator id → points, for every counted sheet (one query)."""
    counted = [line.score.pk for result in results for line in result.sheets]
    found: dict[int, dict[int, Decimal]] = {}
    for score_id, indicator_id, value in ScoreItem.objects.filter(score_id__in=counted).values_list(
        "score_id", "indicator_id", "points",
    ):
        found.setdefault(score_id, {})[indicator_id] = value
    return found


def summary_rows(batch: Batch, results: list[Result], indicators: list[Indicator]) -> list[dict]:
    """One row per result, in the order given. One query (the counted sheets' items)."""
    pass_mark = settings_for(batch).pass_mark
    items = _means(results)
    rows = []
    for result in results:
        application = result.application
        row = {
            "rank": result.rank,
            "platform": application.platform_name,
            "applicant": application.organization.name,
            "district": application.jurisdiction.name,
            "group": result.group.name,
            "submitted": f"{len(result.sheets)}/{result.required}",
            "complete": result.complete,
            "aggregate": result.aggregate,
            "flagged": result.flagged,
            "below_pass_mark": None if result.aggregate is None else result.aggregate < pass_mark,
            "status": application.get_status_display(),
        }
        for number, line in enumerate(result.sheets, start=1):
            row[f"scorer_{number}"] = line.scorer + (FLAGGED if line.flagged else "")
            row[f"score_{number}"] = line.score.total
        for indicator in indicators:
            given = [items[line.score.pk][indicator.pk] for line in result.sheets
                     if indicator.pk in items.get(line.score.pk, {})]
            if given:
                mean = sum(given, Decimal(0)) / len(given)
                row[f"indicator_{indicator.pk}"] = mean.quantize(CENT, rounding=ROUND_HALF_UP)
        rows.append(row)
    return rows


@transaction.atomic
def panel_summary_xlsx(batch: Batch, *, actor) -> OfficeFile:
    """The 评审汇总表 of ``batch`` for bureau staff (officers and heads); PermissionDenied otherwise.

    A constant number of queries whatever the batch's size. No cell is a formula.

    Side effects: records ``review.summary_downloaded`` on the batch, with the applications listed.
    """
    require(is_bureau_staff, actor, "只有市局工作人员可以下载评审汇总表。")
    results = summary_results(batch)
    indicators = list(batch.score_indicators.all())
    data = export_rows(summary_sheet(batch, results, indicators), summary_rows(batch, results, indicators))
    record(SUMMARY_DOWNLOADED, actor=actor, target=batch, data={
        "format": "xlsx", "applications": [result.application.pk for result in results],
    })
    return OfficeFile(f"评审汇总表-{batch.year}.xlsx", XLSX_CONTENT_TYPE, data)
