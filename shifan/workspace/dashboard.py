"""The bureau's statistics of one batch (统计分析): plain rows for the page, the charts and the Excel files.

Pure reads: nothing here writes (the download's audit record is the view's). Every chart is a
``Chart``: a code (the URL slug of its .xlsx), a Chinese title, its columns (the ``documents.xlsx``
spec, so the table, the chart and the file can never disagree) and its rows.

Applications are fetched through ``applications_for_user``, so the numbers count exactly what the
user may see. An application "reached" a stage of the funnel when its current status, or any
status of its history (``StatusChange.to_status``), lies at or after that stage: one that was
recommended and later sent back and withdrawn still counts as submitted and recommended.

Queries (``BatchDashboard`` computes each chart once, on first use):
- the funnel, districts and service functions: 3 queries together (applications, history, profiles);
- expert workload: 3 queries (accepted seats, group sizes, submitted sheets);
- tracking (not by batch: the latest 动态跟踪 round): 3 queries (the round, its reports, their rectifications);
- conditions: 1 query for the visible ids and what their evaluations depend on; when any of that changed
  since the last visit, ``evaluate_applications``: 7 queries per chunk of 500 applications (the
  applications, their profiles and five lists), whatever their size.
"""

from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from django.core.cache import cache

from shifan.accounts.models import Jurisdiction
from shifan.applications import evaluation_cache
from shifan.applications.dossier_io import evaluate_applications
from shifan.applications.enums import Status
from shifan.applications.models import ApplicationProfile, StatusChange
from shifan.applications.queries import applications_for_user
from shifan.batches.models import Batch
from shifan.city_review.models import GroupMember, PanelSeat, Score
from shifan.documents.xlsx import Column, Kind, Sheet, export_rows
from shifan.policies.codes import ServiceFunction
from shifan.policies.results import FAIL, PASS, REVIEW
from shifan.tracking.domain import round_overview
from shifan.tracking.models import TrackingRound
from shifan.workspace.application_pages import CONDITIONS

S = Status
# Stage code → the statuses that can only be reached at or after it (DESIGN.md §4's workflow).
AFTER_REVIEW = (S.REVIEWED, S.PROPOSED, S.NOT_PROPOSED, S.IN_PUBLICITY, S.RECOGNISED)
AFTER_RECOMMENDATION = (S.RECOMMENDED, S.SENT_BACK, S.ACCEPTED, S.IN_REVIEW, *AFTER_REVIEW)
STAGES = (
    ("submitted", "已提交", frozenset((S.SUBMITTED, S.RETURNED, S.DISTRICT_DECLINED, *AFTER_RECOMMENDATION))),
    ("recommended", "县区已推荐", frozenset(AFTER_RECOMMENDATION)),
    ("reviewed", "评审完成", frozenset(AFTER_REVIEW)),
    ("proposed", "拟认定", frozenset((S.PROPOSED, S.IN_PUBLICITY, S.RECOGNISED))),
    ("recognised", "已认定", frozenset((S.RECOGNISED,))),
)
STAGE_COLUMNS = tuple(Column(code, label, Kind.INTEGER, width=12) for code, label, _ in STAGES)
HUNDRED = Decimal(100)
TENTH = Decimal("0.1")


def condition_tally(applications) -> tuple[int, dict[str, Counter]]:
    """How many of these applications were evaluated, and per 第五条 condition code a Counter of their
    results' statuses. Evaluating a batch is the rule engine's Python time (1.6 s for 3,000 applications),
    so the tally is cached under ``evaluations_digest``: a visit after no change costs one query. Cached as
    long as one application's evaluation (the time bounds how long it outlives a deployment that changes the
    rules). Side effects: on a miss, stores the tally in Django's cache."""
    digest, ids = evaluation_cache.evaluations_digest(applications)
    key = f"dashboard-conditions:{digest}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    counts: dict[str, Counter] = {code: Counter() for code in CONDITIONS}
    for evaluation in evaluate_applications(ids).values():
        for result in evaluation.conditions:
            counts.setdefault(result.code, Counter())[result.status] += 1
    cache.set(key, (len(ids), counts), evaluation_cache.TIMEOUT_SECONDS)
    return len(ids), counts


@dataclass(frozen=True)
class Chart:
    """One chart's numbers: ``columns[0]`` names the category, the INTEGER columns are the series."""

    code: str
    title: str
    kind: str  # "funnel", "bar" or "stacked": how static/js/dashboard.js draws it
    columns: tuple[Column, ...]
    rows: list[dict]
    notes: tuple[str, ...] = ()
    series_keys: tuple[str, ...] = field(default=())  # the columns drawn; all INTEGER columns if empty

    def series_columns(self) -> list[Column]:
        keys = self.series_keys or tuple(c.key for c in self.columns[1:] if c.kind is Kind.INTEGER)
        return [self.columns_by_key[key] for key in keys]

    @property
    def columns_by_key(self) -> dict[str, Column]:
        return {column.key: column for column in self.columns}

    def table(self) -> dict:
        """For the template: headers and rows of cells, in column order."""
        return {"headers": [c.header for c in self.columns],
                "rows": [["—" if row.get(c.key) is None else row[c.key] for c in self.columns] for row in self.rows]}

    def data(self) -> dict:
        """For ``json_script``: what static/js/dashboard.js draws (numbers only, no personal data beyond names)."""
        category = self.columns[0].key
        return {
            "title": self.title, "kind": self.kind,
            "categories": [str(row[category]) for row in self.rows],
            "series": [{"name": c.header, "data": [row.get(c.key, 0) for row in self.rows]}
                       for c in self.series_columns()],
        }

    def xlsx(self, batch: Batch) -> bytes:
        """The chart's numbers as .xlsx (documents.xlsx: no cell is a formula). Side effects: none."""
        notes = (f"本表由系统导出：{batch.name}·{self.title}。", *self.notes)
        return export_rows(Sheet(self.title[:31], self.columns, notes), self.rows)


def rate(part: int, whole: int) -> Decimal | None:
    """A percentage with one decimal, rounded half up; None when nothing was counted."""
    if not whole:
        return None
    return (Decimal(part) * HUNDRED / Decimal(whole)).quantize(TENTH, rounding=ROUND_HALF_UP)


class BatchDashboard:
    """The charts of one batch as ``user`` may see it; each chart computed once, when first asked for."""

    CODES = ("funnel", "districts", "functions", "conditions", "experts", "tracking")

    def __init__(self, batch: Batch, user):
        self.batch = batch
        self.user = user

    def chart(self, code: str) -> Chart | None:
        return getattr(self, code) if code in self.CODES else None

    def charts(self) -> list[Chart]:
        return [getattr(self, code) for code in self.CODES]

    # --- shared reads -----------------------------------------------------------------------

    @cached_property
    def _applications(self) -> dict[int, dict]:
        """id → {status, jurisdiction}: 1 query."""
        rows = applications_for_user(self.user).filter(batch=self.batch).order_by().values_list(
            "pk", "status", "jurisdiction_id")
        return {pk: {"status": status, "jurisdiction": jurisdiction} for pk, status, jurisdiction in rows}

    @cached_property
    def reached(self) -> dict[int, set[str]]:
        """application id → the stage codes it ever reached: 2 queries."""
        statuses = {pk: {row["status"]} for pk, row in self._applications.items()}
        history = (StatusChange.objects.filter(application__batch=self.batch, application_id__in=list(statuses))
                   .order_by().values_list("application_id", "to_status").distinct())
        for pk, status in history:
            statuses[pk].add(status)
        return {pk: {code for code, _, after in STAGES if seen & after} for pk, seen in statuses.items()}

    def _stage_counts(self, ids) -> dict:
        counts = Counter(stage for pk in ids for stage in self.reached[pk])
        return {code: counts.get(code, 0) for code, _, _ in STAGES}

    @cached_property
    def submitted_ids(self) -> list[int]:
        return sorted(pk for pk, stages in self.reached.items() if "submitted" in stages)

    # --- the charts ---------------------------------------------------------------------------

    @cached_property
    def funnel(self) -> Chart:
        counts = self._stage_counts(self.reached)
        return Chart("funnel", "申报进度漏斗", "funnel",
                     (Column("stage", "阶段", Kind.TEXT, width=14), Column("count", "申报数", Kind.INTEGER)),
                     [{"stage": label, "count": counts[code]} for code, label, _ in STAGES],
                     ("每个阶段计入曾经到达该阶段的申报（含其后被退回、撤回或未列入名单的），草稿不计。",))

    @cached_property
    def districts(self) -> Chart:
        by_district: dict[int, list[int]] = {}
        for pk, row in self._applications.items():
            if self.reached[pk]:
                by_district.setdefault(row["jurisdiction"], []).append(pk)
        names = Jurisdiction.objects.filter(pk__in=list(by_district)).order_by("sort_order", "code")
        rows = [{"district": j.name, **self._stage_counts(by_district[j.pk])} for j in names]
        return Chart("districts", "各县区申报情况", "bar",
                     (Column("district", "县区", Kind.TEXT, width=16), *STAGE_COLUMNS), rows,
                     ("按申报的初审辖区统计；每列计入曾经到达该阶段的申报。",))

    @cached_property
    def functions(self) -> Chart:
        wanted = set(self.submitted_ids)
        declared = ApplicationProfile.objects.filter(application_id__in=wanted).values_list(
            "application_id", "service_functions")
        holders: dict[str, list[int]] = {}
        for pk, codes in declared:
            for code in dict.fromkeys(codes or ()):
                holders.setdefault(code, []).append(pk)
        rows = [{"function": label, **self._stage_counts(holders.get(code, ()))}
                for code, label in ServiceFunction.choices]
        return Chart("functions", "按服务功能统计", "bar",
                     (Column("function", "服务功能", Kind.TEXT, width=16), *STAGE_COLUMNS), rows,
                     ("按申报表所填的服务功能统计；一个平台填报多项服务功能的，在每项中各计一次。",))

    @cached_property
    def conditions(self) -> Chart:
        evaluated, counts = condition_tally(applications_for_user(self.user).filter(pk__in=self.submitted_ids))
        rows = []
        for code, tally in counts.items():
            rows.append({
                "condition": CONDITIONS.get(code, (code, ""))[0],
                "passed": tally[PASS], "failed": tally[FAIL], "review": tally[REVIEW],
                "pass_rate": rate(tally[PASS], evaluated), "fail_rate": rate(tally[FAIL], evaluated),
            })
        return Chart("conditions", "认定条件通过情况", "stacked", (
            Column("condition", "认定条件", Kind.TEXT, width=30),
            Column("passed", "通过", Kind.INTEGER), Column("failed", "未通过", Kind.INTEGER),
            Column("review", "待评审", Kind.INTEGER),
            Column("pass_rate", "通过率（%）", Kind.DECIMAL), Column("fail_rate", "未通过率（%）", Kind.DECIMAL),
        ), rows, (
            f"对本批次已提交的 {evaluated} 件申报按所填材料的当前内容逐条检查（第五条，本批次所用办法版本）。",
            "通过率、未通过率以已检查的申报数为分母，保留一位小数；“待评审”为须由评审人员判断的条件。",
        ))

    @cached_property
    def experts(self) -> Chart:
        seats = (PanelSeat.objects.filter(draw__group__batch=self.batch, draw__superseded_at__isnull=True,
                                          state=PanelSeat.State.ACCEPTED)
                 .order_by("expert__name", "expert_id").values_list("expert_id", "expert__name", "draw__group_id"))
        sizes = Counter(GroupMember.objects.filter(group__batch=self.batch).order_by()
                        .values_list("group_id", flat=True))
        sheets = Counter(Score.objects.filter(group__batch=self.batch, seat__isnull=False,
                                              state=Score.State.SUBMITTED)
                         .order_by().values_list("seat__expert_id", flat=True))
        rows: dict[int, dict] = {}
        for expert_id, name, group_id in seats:
            row = rows.setdefault(expert_id, {"expert": name, "seats": 0, "assigned": 0, "submitted": 0})
            row["seats"] += 1
            row["assigned"] += sizes.get(group_id, 0)
        for row_id, row in rows.items():
            row["submitted"] = sheets.get(row_id, 0)
        return Chart("experts", "评审专家工作量", "bar", (
            Column("expert", "专家", Kind.TEXT, width=14), Column("seats", "已接受评审组", Kind.INTEGER),
            Column("assigned", "应评申报", Kind.INTEGER), Column("submitted", "已提交评分表", Kind.INTEGER),
        ), list(rows.values()), (
            "列出在本批次现行抽取结果中已接受邀请的专家；应评申报为其所在评审组的申报数之和。",
            "已提交评分表只计该专家在本批次提交的评分表（暂存的不计）。",
        ))

    @cached_property
    def tracking(self) -> Chart:
        latest = TrackingRound.objects.order_by("-year").first()
        columns = (Column("item", "项目", Kind.TEXT, width=18), Column("count", "示范平台数", Kind.INTEGER))
        if latest is None:
            return Chart("tracking", "动态跟踪报送情况", "bar", columns, [], ("尚未开启动态跟踪。",))
        overview = round_overview(latest)
        rows = [{"item": label, "count": overview[key]} for key, label in (
            ("total", "应报送"), ("submitted", "已提交"), ("late", "逾期未提交"),
            ("passed", "符合基本条件"), ("failed", "不符合基本条件"),
        )]
        return Chart("tracking", "动态跟踪报送情况", "bar", columns, rows, (
            f"动态跟踪不分申报批次：本表为最近一轮“{latest.title}”（{latest.year} 年度数据，"
            f"{latest.due_on:%Y-%m-%d} 截止报送）。",
            "符合、不符合基本条件按已提交报告的条件检查结果统计；逾期未提交为截止日期已过仍未提交的报告。",
        ))
