"""The city review's documents: a score sheet and a draw record (.docx), the panel summary (.xlsx)."""

import io
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from shifan.applications.enums import Status
from shifan.audit.models import AuditEvent
from shifan.batches.models import Batch
from shifan.city_review.documents import (
    draw_record_docx,
    panel_summary_xlsx,
    render_draw_record,
    render_score_sheet,
    score_sheet_docx,
)
from shifan.city_review.documents.formats import moment
from shifan.city_review.domain.draws import draw_experts
from shifan.city_review.domain.panel import declare, respond
from shifan.city_review.domain.progress import results_for
from shifan.city_review.domain.setup import DEFAULT_SHEET
from shifan.city_review.models import PanelSeat, Score, ScoreItem
from tests.documents.docx_reading import body_paragraphs, open_docx, table_rows
from tests.factories import ApplicationFactory, OrganizationFactory
from tests.review_factories import make_expert, make_group, put_in_group, seat_expert, submit_score

pytestmark = pytest.mark.django_db

SUBMITTED_AT = datetime(2026, 5, 2, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET_HEADER = ["序号", "一级指标", "评分指标", "分值", "得分", "评分意见"]


def _seated(group, expert, officer) -> PanelSeat:
    return seat_expert(group, expert, actor=officer)


@pytest.fixture
def sheet(app_a, group, officer, expert_of) -> Score:
    """expert_1's submitted sheet on A's application: 80.5 points, two comments, submitted on 2 May."""
    seat = _seated(group, expert_of("expert_1"), officer)
    score = submit_score(app_a, group=group, scorer=seat.expert.user, seat=seat, points=Decimal("80.5"))
    ScoreItem.objects.filter(score=score, indicator__seq=1).update(comment="成立五年，资产稳定。")
    ScoreItem.objects.filter(score=score, indicator__seq=13).update(comment="案例较少。")
    Score.objects.filter(pk=score.pk).update(comment="服务能力较强。\n建议认定。", submitted_at=SUBMITTED_AT)
    score.refresh_from_db()
    return score


def _expected_indicator_rows() -> list[list[str]]:
    """The default sheet filled in order up to 80.5: full marks to 12, then 0.5 and 0."""
    given = [str(row.max_points) for row in DEFAULT_SHEET[:12]] + ["0.5", "0"]
    comments = {1: "成立五年，资产稳定。", 13: "案例较少。"}
    return [[str(seq), row.category, row.name, str(row.max_points), given[seq - 1], comments.get(seq, "")]
            for seq, row in enumerate(DEFAULT_SHEET, start=1)]


# --- the score sheet ------------------------------------------------------------------------


def test_the_score_sheet_holds_every_indicator_the_total_the_comment_and_the_signature_line(sheet, app_a, batch):
    document = open_docx(render_score_sheet(sheet))

    assert body_paragraphs(document) == [
        "南昌市中小企业公共服务示范平台认定评审", "专家评分表", "专家签字：____________　　日期：____________",
    ]
    rows = table_rows(document.tables[0])
    assert rows[0] == ["申报批次", batch.name, "评审组", sheet.group.name]
    assert rows[1] == ["申报单位", "甲服务机构有限公司"]
    assert rows[2] == ["平台名称", app_a.platform_name]
    assert rows[3] == SHEET_HEADER
    assert rows[4:18] == _expected_indicator_rows()
    assert rows[18] == ["合计", "100", "80.5", ""]
    assert rows[19] == ["综合评价意见", "服务能力较强。\n建议认定。"]
    assert rows[20] == ["评分专家", "专家一", "提交时间", "2026年5月2日"]
    assert len(rows) == 21
    assert document.sections[0].page_width.twips == 11906


def test_an_agency_sheet_names_the_agency_and_asks_for_its_stamp(batch, officer, org_b, personas):
    application = ApplicationFactory(organization=org_b, batch=batch, status=Status.IN_REVIEW, platform_name="乙平台")
    agency_group = make_group(batch, actor=officer, mode="agency", agency=personas["agency"].organization)
    put_in_group(application, agency_group, officer)
    score = submit_score(application, group=agency_group, scorer=personas["agency"], points=Decimal(70))

    document = open_docx(render_score_sheet(score))

    assert body_paragraphs(document) == [
        "南昌市中小企业公共服务示范平台认定评审", "评审机构评分表",
        "评审机构（盖章）：____________　　日期：____________",
    ]
    rows = table_rows(document.tables[0])
    assert rows[1:3] == [["申报单位", "乙服务机构有限公司"], ["平台名称", "乙平台"]]
    assert rows[18:20] == [["合计", "100", "70", ""], ["综合评价意见", "（无）"]]
    assert rows[20][:2] == ["评审机构", "江西某某评估咨询有限公司"]
    office_file = score_sheet_docx(score, actor=personas["agency"])
    assert office_file.name == "评审机构评分表-江西某某评估咨询有限公司.docx"


def test_a_sheet_not_yet_submitted_is_refused_and_nothing_is_audited(app_a, group, officer, expert_of, personas):
    seat = _seated(group, expert_of("expert_1"), officer)
    draft = Score.objects.create(group=group, application=app_a, seat=seat, scorer=personas["expert_1"])

    for actor in (officer, personas["bureau_head"], personas["expert_1"]):
        with pytest.raises(ValidationError) as error:
            score_sheet_docx(draft, actor=actor)
        assert error.value.messages == ["评分表尚未提交，提交后才能下载。"]
    assert not AuditEvent.objects.filter(event="review.score_sheet_downloaded").exists()


def test_a_sheet_is_for_bureau_staff_and_its_own_scorer_and_the_download_is_audited(sheet, group, officer, app_a,
                                                                                  expert_of, personas):
    _seated(group, expert_of("expert_2"), officer)  # on the same panel, but not this sheet's expert
    for name in ("expert_2", "agency", "applicant_a", "officer_x", "auditor", "bureau_admin"):
        with pytest.raises(PermissionDenied):
            score_sheet_docx(sheet, actor=personas[name])
    assert not AuditEvent.objects.filter(event="review.score_sheet_downloaded").exists()

    for name in ("bureau_officer", "bureau_head", "expert_1"):
        office_file = score_sheet_docx(sheet, actor=personas[name])
        assert (office_file.name, office_file.content_type) == ("专家评分表-专家一.docx", DOCX)
        assert "专家评分表" in body_paragraphs(open_docx(office_file.data))
    events = AuditEvent.objects.filter(event="review.score_sheet_downloaded").order_by("seq")
    assert [(e.actor_label, e.target_type, e.target_id) for e in events] == [
        (name, "applications.application", str(app_a.pk)) for name in ("bureau_officer", "bureau_head", "expert_1")
    ]
    assert events[0].data == {"format": "docx", "score": sheet.pk, "group": group.pk, "seat": sheet.seat_id}


# --- the draw record ------------------------------------------------------------------------


@pytest.fixture
def pool(app_a, expert_of):
    """Four candidates and four experts excluded, one of them for two reasons."""
    candidates = [expert_of("expert_1"), expert_of("expert_2"), make_expert(), make_expert()]
    excluded = [
        make_expert(name="回避甲", employer_uscc=app_a.organization.uscc),
        make_expert(name="回避乙", employer_name="南昌大学科技园", available=False, availability_note="出国访学"),
        make_expert(name="回避丙", with_account=False),
        make_expert(name="回避丁", employer_name="江西某投资集团有限公司"),
    ]
    return candidates, excluded


def test_the_draw_record_holds_the_facts_the_candidates_every_exclusion_and_every_answer(group, officer, pool,
                                                                                       batch, app_a):
    candidates, _ = pool
    draw = draw_experts(group, actor=officer)
    seats = {seat.position: seat for seat in draw.seats.select_related("expert__user")}
    respond(seats[1], actor=seats[1].expert.user, accept=False, reason="出差在外")
    respond(seats[2], actor=seats[2].expert.user, accept=True)
    declare(seats[2], actor=seats[2].expert.user, conflict=True, detail="近三年为该单位提供过咨询")
    respond(seats[3], actor=seats[3].expert.user, accept=True)
    declare(seats[3], actor=seats[3].expert.user, conflict=False)
    seats = {seat.position: seat for seat in draw.seats.all()}
    draw.refresh_from_db()

    document = open_docx(render_draw_record(draw))

    assert body_paragraphs(document) == [
        "南昌市中小企业公共服务示范平台认定评审", "专家抽取记录", "一、抽取情况", "二、候选专家（4 人，按专家库顺序）",
        "三、回避与排除（4 人）", "四、抽取结果（按抽中顺序）",
        "经办人签字：____________　　监督人签字：____________", "日期：____________",
    ]
    facts, listed, exclusions, drawn = (table_rows(table) for table in document.tables)
    assert facts == [
        ["申报批次", batch.name],
        ["评审组", group.name],
        ["抽取编号", str(draw.pk)],
        ["抽取时间", moment(draw.drawn_at)],
        ["经办人员", "市局经办"],
        ["记录状态", "有效（本组当前的抽取）"],
        ["重新抽取理由", "无（首次抽取）"],
        ["随机种子", draw.seed],
        ["候选名单指纹（SHA-256）", draw.fingerprint],
        ["抽取人数", "评审专家 1 人，备选 5 人"],
        ["所需专业", "不限"],
        ["适用的回避规则", "不可参加评审、账号未激活、专业不符、工作单位为申报单位、工作单位为申报单位的合作单位、"
                     "工作单位为申报单位的主要投资方、申报了与申报单位的利害关系、与申报单位同属一个辖区、"
                     "上一批次评审过同一申报单位"],
        ["复算核验", "核验一致：按记录的随机种子和候选名单复算，抽取结果一致，且与审计日志相符。"],
    ]
    assert listed == [["序号", "姓名", "工作单位"]] + [
        [str(n), e.name, e.employer_name] for n, e in enumerate(candidates, start=1)]
    assert exclusions == [
        ["序号", "姓名", "工作单位", "回避与排除原因"],
        ["1", "回避甲", exclusions[1][2], f"工作单位为申报单位：工作单位「{exclusions[1][2]}」即申报单位"],
        ["2", "回避乙", "南昌大学科技园", "不可参加评审：出国访学\n"
                                         "工作单位为申报单位的合作单位：工作单位「南昌大学科技园」是「甲服务机构有限公司」的合作单位"],
        ["3", "回避丙", exclusions[3][2], "账号未激活：尚未激活系统账号"],
        ["4", "回避丁", "江西某投资集团有限公司",
         "工作单位为申报单位的主要投资方：工作单位「江西某投资集团有限公司」是「甲服务机构有限公司」的主要投资方"],
    ]
    # Every reason stored with the draw appears in the record.
    text = "\n".join(row[3] for row in exclusions[1:])
    assert all(f"{r['label']}：{r['detail']}" in text for e in draw.exclusions for r in e["reasons"])
    names = {c["id"]: c for c in draw.candidates}
    assert drawn[0] == ["顺序", "姓名", "工作单位", "身份", "答复情况"]
    assert [row[:3] for row in drawn[1:]] == [
        [str(n), names[pk]["name"], names[pk]["employer"]] for n, pk in enumerate(draw.result, start=1)]
    assert [row[3:] for row in drawn[1:]] == [
        ["评审专家", f"已谢绝（{moment(seats[1].responded_at)}）：出差在外"],
        ["备选（已递补）", f"声明存在利害关系，已回避（{moment(seats[2].declared_at)}）：近三年为该单位提供过咨询"],
        ["备选（已递补）",
         f"已接受（{moment(seats[3].responded_at)}）；声明无利害关系（{moment(seats[3].declared_at)}）"],
        ["备选", "备选，未递补"],
    ]


def test_a_superseded_draw_keeps_its_record_with_the_redraw_reason_on_the_new_one(group, officer, pool, personas):
    first = draw_experts(group, actor=officer)
    second = draw_experts(group, actor=officer, reason="评审时间调整")
    first.refresh_from_db()

    old = dict(table_rows(open_docx(render_draw_record(first)).tables[0]))
    assert old["记录状态"] == f"已于{moment(first.superseded_at)}被重新抽取，本记录留存备查"
    assert old["重新抽取理由"] == "无（首次抽取）"
    assert old["复算核验"].startswith("核验一致")
    assert {row[4] for row in table_rows(open_docx(render_draw_record(first)).tables[3])[1:]} == {"已解除（重新抽取）"}
    new = dict(table_rows(open_docx(render_draw_record(second)).tables[0]))
    assert (new["记录状态"], new["重新抽取理由"]) == ("有效（本组当前的抽取）", "评审时间调整")


def test_an_edited_draw_says_so_in_its_record(group, officer, pool):
    draw = draw_experts(group, actor=officer)
    draw.result = list(reversed(draw.result))
    draw.save()
    facts = dict(table_rows(open_docx(render_draw_record(draw)).tables[0]))
    assert facts["复算核验"] == "核验不一致：抽取记录与审计日志中的记录不一致。"


def test_the_draw_record_is_for_bureau_staff_and_its_download_is_audited(group, officer, pool, personas, batch):
    draw = draw_experts(group, actor=officer)
    for name in ("expert_1", "agency", "applicant_a", "officer_x", "auditor", "bureau_admin"):
        with pytest.raises(PermissionDenied):
            draw_record_docx(draw, actor=personas[name])
    office_file = draw_record_docx(draw, actor=personas["bureau_head"])
    assert (office_file.name, office_file.content_type) == (
        f"专家抽取记录-{batch.year}-{group.name}-{draw.pk}.docx", DOCX)
    event = AuditEvent.objects.get(event="review.draw_record_downloaded")
    assert (event.actor_label, event.target_type, event.target_id) == (
        "bureau_head", "city_review.expertdraw", str(draw.pk))
    assert event.data == {"format": "docx", "group": group.pk, "verified": True}


# --- the panel summary ----------------------------------------------------------------------


def _workbook(data: bytes):
    return load_workbook(io.BytesIO(data))


def _rows(data: bytes) -> list[list]:
    return [list(row) for row in _workbook(data)["评审汇总表"].iter_rows(values_only=True)]


def _panel(batch, officer, application, totals, *, panel_size=None, name=None):
    group = make_group(batch, actor=officer, panel_size=panel_size or len(totals), **({"name": name} if name else {}))
    put_in_group(application, group, officer)
    scores = []
    for total in totals:
        seat = seat_expert(group, make_expert(), actor=officer)
        scores.append(submit_score(application, group=group, scorer=seat.expert.user, seat=seat,
                                   points=Decimal(total)))
    return group, scores


@pytest.fixture
def reviewed_batch(batch, officer, app_a, org_b, personas, district_x):
    """A: three experts 80, 82, 60 (60 deviates); B: the agency's 75; C: one of two sheets in."""
    _panel(batch, officer, app_a, [80, 82, 60], name="第一组")
    app_b = ApplicationFactory(organization=org_b, batch=batch, status=Status.REVIEWED, platform_name="乙平台")
    agency_group = make_group(batch, actor=officer, name="机构组", mode="agency",
                              agency=personas["agency"].organization)
    put_in_group(app_b, agency_group, officer)
    submit_score(app_b, group=agency_group, scorer=personas["agency"], points=Decimal(75))
    app_c = ApplicationFactory(organization=OrganizationFactory(name="丙服务机构", jurisdiction=district_x),
                               batch=batch, status=Status.IN_REVIEW, platform_name="丙平台")
    _panel(batch, officer, app_c, [66], panel_size=2, name="第三组")
    ApplicationFactory(organization=OrganizationFactory(jurisdiction=district_x), batch=batch,
                       status=Status.ACCEPTED)  # not in review: not listed
    return batch


def test_the_summary_lists_each_application_with_its_scores_aggregate_and_rank(reviewed_batch, officer, app_a):
    office_file = panel_summary_xlsx(reviewed_batch, actor=officer)
    assert (office_file.name, office_file.content_type) == (f"评审汇总表-{reviewed_batch.year}.xlsx", XLSX)
    rows = _rows(office_file.data)

    header = rows[0]
    assert header[:19] == [
        "排名", "平台名称", "申报单位", "辖区", "评审组", "评分人1", "评分1", "评分人2", "评分2", "评分人3", "评分3",
        "已交/应交评分表", "评分完成", "汇总得分", "偏离较大", "低于合格分数线", "申报状态",
        "1.运营年限与资产（均分）", "2.场所与设施设备（均分）",
    ]
    assert header[-1] == "14.社会影响、承担政府委托任务（均分）" and len(header) == 17 + 14
    sheets = results_for(reviewed_batch)[0].sheets
    experts = [line.scorer for line in sheets]
    assert [row[:17] for row in rows[1:]] == [
        [1, app_a.platform_name, "甲服务机构有限公司", "东湖区", "第一组", experts[0], 80, experts[1], 82,
         f"{experts[2]}（偏离较大）", 60, "3/3", "是", 80, "是", "否", "评审中"],
        [2, "乙平台", "乙服务机构有限公司", "红谷滩区", "机构组", "江西某某评估咨询有限公司", 75,
         None, None, None, None, "1/1", "是", 75, "否", "否", "评审完成"],
        [None, "丙平台", "丙服务机构", "东湖区", "第三组", rows[3][5], 66, None, None, None, None, "1/2", "否", None,
         "否", None, "评审中"],
    ]
    # Per-indicator means: A's 13th indicator got 0, 2 and 0 → 0.67; its first, full marks from all.
    assert (rows[1][17], rows[1][29], rows[1][30]) == (5, 0.67, 0)
    assert rows[2][17:] == [5, 5, 5, 5, 5, 5, 10, 5, 10, 5, 10, 5, 0, 0]


def test_the_summary_agrees_with_the_ranking(reviewed_batch, officer):
    rows = _rows(panel_summary_xlsx(reviewed_batch, actor=officer).data)[1:]
    results = results_for(reviewed_batch)
    assert [(row[0], row[1], None if row[13] is None else Decimal(str(row[13]))) for row in rows] == [
        (result.rank, result.application.platform_name, result.aggregate) for result in results]


def test_no_cell_of_the_summary_is_a_formula(reviewed_batch, officer):
    workbook = _workbook(panel_summary_xlsx(reviewed_batch, actor=officer).data)
    cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]
    assert cells
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    assert [cell.value for cell in cells if isinstance(cell.value, str) and cell.value.startswith("=")] == []


def test_formula_like_names_stay_text(batch, officer, app_a):
    app_a.platform_name = '=HYPERLINK("http://example.test","点我")'
    app_a.save()
    _panel(batch, officer, app_a, [80])
    cell = _workbook(panel_summary_xlsx(batch, actor=officer).data)["评审汇总表"]["B2"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == (app_a.platform_name, "s", True)


def test_the_summary_keeps_applications_the_list_has_moved_on(reviewed_batch, officer, app_a):
    app_a.status = Status.PROPOSED
    app_a.save()
    rows = _rows(panel_summary_xlsx(reviewed_batch, actor=officer).data)
    assert [(row[0], row[16]) for row in rows[1:]] == [(1, "拟认定"), (2, "评审完成"), (None, "评审中")]


def test_the_summary_takes_a_constant_number_of_queries(reviewed_batch, officer, district_x):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            panel_summary_xlsx(Batch.objects.get(pk=reviewed_batch.pk), actor=officer)
        return len(queries)

    before = count()
    for n in range(3):
        application = ApplicationFactory(organization=OrganizationFactory(jurisdiction=district_x),
                                         batch=reviewed_batch, status=Status.IN_REVIEW)
        _panel(reviewed_batch, officer, application, [70 + n, 71, 72])
    assert count() == before


def test_the_summary_is_for_bureau_staff_and_its_download_is_audited(reviewed_batch, personas, app_a):
    for name in ("expert_1", "agency", "applicant_a", "officer_x", "auditor", "bureau_admin"):
        with pytest.raises(PermissionDenied):
            panel_summary_xlsx(reviewed_batch, actor=personas[name])
    panel_summary_xlsx(reviewed_batch, actor=personas["bureau_head"])
    event = AuditEvent.objects.get(event="review.summary_downloaded")
    listed = [result.application.pk for result in results_for(reviewed_batch)]
    assert (event.actor_label, event.target_type, event.target_id, event.data) == (
        "bureau_head", "batches.batch", str(reviewed_batch.pk), {"format": "xlsx", "applications": listed})
