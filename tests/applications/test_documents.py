"""The application's documents: 附件2–6 filled from one application, and the dossier zip."""

import io
import json
import zipfile
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from shifan.applications.documents import DOCUMENTS, archive_for, document_for, render_document
from shifan.applications.dossier_io import import_dossier
from shifan.applications.enums import Status
from shifan.applications.models import Application, ApplicationProfile, Investor, ServedEnterprise
from shifan.audit.models import AuditEvent
from tests.applications.dossiers import as_exported, sample_batch, sample_for
from tests.documents.docx_reading import body_paragraphs, open_docx, table_rows
from tests.factories import ApplicationFactory, AttachmentFactory, BatchFactory, shipped_policy

pytestmark = pytest.mark.django_db

SUBMITTED_AT = datetime(2026, 4, 21, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
COVER_AND_CONTENTS = [
    "附件2", "南昌市中小企业公共服务示范平台", "申请报告", "申报单位（盖章）：甲服务机构有限公司",
    "填报日期：2026年4月21日", "南昌市中小企业服务局 制",
    "申请报告的主要内容",
    "一、《南昌市中小企业公共服务示范平台申请表》",
    "二、申报单位的基本情况（包括：发展沿革、发展现状、发展目标）；",
    "三、服务对象所在区域的行业状况，在区域经济发展中的地位和作用，中小企业发展情况和公共服务需求情况；",
    "四、管理运营情况（包括：主要管理制度、人员激励、能力提升、可持续发展等）；",
    "五、近年来的服务情况（包括：主要服务内容、服务对象、服务规模、方式、收费等）；",
    "六、主要服务业绩及对区域经济和中小企业健康发展的贡献（包括：自测情况或典型案例）；",
    "七、获得政府扶持的情况；",
    "八、下一步发展设想。",
    "南昌市中小企业公共服务示范平台申请表", "申报单位（盖章）：甲服务机构有限公司",
]
REPORT_SECTIONS = [
    "二、申报单位的基本情况", "公司成立于 2018 年，致力于为中小企业提供信息、技术和培训服务。",
    "三、服务对象所在区域的行业状况，在区域经济发展中的地位和作用，中小企业发展情况和公共服务需求情况",
    "东湖区中小企业以电子信息、现代服务业为主，公共服务需求旺盛。",
    "四、管理运营情况", "建立了服务质量管理、财务管理、人员考核等制度。",
    "五、近年来的服务情况", "主要提供政策信息、检验检测和管理培训服务，对小微企业检测费用八折优惠。",
    "六、主要服务业绩及对区域经济和中小企业健康发展的贡献",
    "2025 年服务中小企业 120 户，协助 12 家企业获得专利授权。",
    "七、获得政府扶持的情况", "2024 年获市级补助 20 万元。",
    "八、下一步发展设想", "三年内建成覆盖全市的线上线下一体化服务网络。",
]
DOCUMENT_NAMES = [
    "附件2 南昌市中小企业公共服务示范平台申请报告.docx", "附件3 主要服务设施、软件及仪器设备清单.docx",
    "附件4 主要从业人员情况表.docx", "附件5 上一年度服务中小企业名单及服务评价表.docx",
    "附件6 申报材料真实性声明函.docx",
]
LIST_NAMES = [
    "名单（Excel）/申请表 主要投资方.xlsx", "名单（Excel）/申请表 年度运营情况.xlsx",
    "名单（Excel）/申请表 主要服务产品.xlsx", "名单（Excel）/申请表 合作资源.xlsx",
    "名单（Excel）/申请表 大型服务活动.xlsx", "名单（Excel）/附件3 主要服务设施、软件及仪器设备.xlsx",
    "名单（Excel）/附件4 主要从业人员.xlsx", "名单（Excel）/附件5 上一年度服务中小企业.xlsx",
]


def form_rows(uscc: str) -> list[list[str]]:
    """The 申请表 of the sample dossier, row by row, as Word shows it."""
    information = "南昌市东湖区示范大厦报告厅"
    technology = "南昌市红谷滩区会展中心"
    return [
        ["一、平台基本情况"],
        ["单位性质：企业法人", f"统一社会信用代码：{uscc}", "发证部门：南昌市东湖区市场监督管理局"],
        ["注册日期：2018年3月15日", "注册地址：江西省南昌市东湖区示范路 1 号", "邮编：330006"],
        ["法定代表人：章示范", "身份证号：360102198001010013", "手机：13800009999"],
        ["联系人：罗联络", "联系电话及传真：0791-86000000；传真：0791-86000001", "手机：13800009998"],
        ["网址：www.example.cn", "备案号：赣ICP备00000000号", "电子邮箱：service@example.cn"],
        ["注册资本：500.00 万元", "其中：主要投资方名称", "性质"],
        ["", "南昌示范投资有限公司", "民营企业"],
        ["上年末总资产：260.00 万元", "仪器、设备数量：36 台（套），购买价格：85.50 万元，占总资产 32.88%"],
        ["", "服务场地面积：200.50 平方米（其中：自有 80.00 平方米，租用 120.50 平方米）"],
        ["从业人数：共 14 人，其中大专及以上学历或中级及以上技术职称的专业人员 11 人，占总人数 78.57%"],
        ["二、平台运营情况（单位：万元、户、%）"],
        ["年度", "资产总额", "营业收入", "服务收入", "利润总额"],
        ["2024", "230.00", "310.00", "260.00", "18.20"],
        ["2025", "260.00", "365.00", "300.00", "-2.50"],
        ["三、服务能力及业绩情况"],
        ["申报服务功能", "信息查询、技术服务、培训服务"],
        ["获得专业服务资质情况", "检验检测机构资质认定证书；ISO 9001 质量管理体系认证"],
        ["主要服务产品", "服务企业户数", "服务人次", "服务收入（万元）", "占总服务收入比（%）", "服务满意度（%）"],
        ["政策信息查询", "120", "800", "40.00", "13.30", "95.00"],
        ["检验检测", "45", "45", "180.00", "60.00", "92.50"],
        ["经营管理培训", "70", "1500", "80.00", "26.70", "90.00"],
        ["合作资源（共 3 家）", "签订合作协议的单位名称", "其他合作单位名称"],
        ["", "南昌大学", "南昌市样例行业协会"],
        ["", "江西省样例科学研究院", ""],
        ["大型服务活动开展情况（次数、时间、地点、参加企业户数、参加人数等）：共 9 次"],
        ["时间", "活动名称", "地点", "服务功能", "参加企业户数", "参加人数"],
        ["2025年2月20日", "中小企业政策信息发布会（第1期）", information, "信息查询", "40", "90"],
        ["2025年4月18日", "中小企业政策信息发布会（第2期）", information, "信息查询", "45", "100"],
        ["2025年6月12日", "中小企业政策信息发布会（第3期）", information, "信息查询", "50", "110"],
        ["2025年9月9日", "中小企业政策信息发布会（第4期）", information, "信息查询", "55", "120"],
        ["2025年11月21日", "中小企业政策信息发布会（第5期）", information, "信息查询", "60", "130"],
        ["2025年3月28日", "技术对接与知识产权服务沙龙（第1期）", technology, "技术服务", "25", "60"],
        ["2025年7月16日", "技术对接与知识产权服务沙龙（第2期）", technology, "技术服务", "28", "65"],
        ["2025年10月30日", "技术对接与知识产权服务沙龙（第3期）", technology, "技术服务", "31", "70"],
        ["2024年12月10日", "年终政策解读会", information, "信息查询", "35", "80"],
        ["四、参加相关公益性服务活动情况"],
        ["2025 年举办免费政策宣讲 5 场，为小微企业减免检测费用 30 万元。"],
        ["五、得到政府扶持的情况"],
        ["2024 年获南昌市中小企业公共服务体系建设补助 20 万元。"],
        ["六、对区域中小企业发展的影响及作用（自测情况）"],
        ["服务覆盖东湖区、红谷滩区 120 家中小企业，自测满意度 93%。"],
    ]


@pytest.fixture
def batch(db):
    return sample_batch()  # 上一年度 2025, the sample's year


@pytest.fixture
def filled(personas, org_a, batch):
    """Org A's application with the whole sample dossier, submitted on 2026-04-21."""
    application = ApplicationFactory(organization=org_a, batch=batch, status=Status.DRAFT, platform_name="甲示范平台")
    import_dossier(application, sample_for(application), actor=personas["applicant_a"])
    Application.objects.filter(pk=application.pk).update(status=Status.SUBMITTED, submitted_at=SUBMITTED_AT)
    application.refresh_from_db()
    return application


@pytest.fixture
def empty(personas, org_a, batch):
    return ApplicationFactory(organization=org_a, batch=BatchFactory(year=2024), status=Status.DRAFT)


def _document(application, code):
    return open_docx(render_document(application, code))


# --- 附件2 ---------------------------------------------------------------------------------


def test_the_report_opens_with_the_regulation_cover_and_its_list_of_contents(filled):
    paragraphs = body_paragraphs(_document(filled, "report"))
    assert paragraphs[:len(COVER_AND_CONTENTS)] == COVER_AND_CONTENTS


def test_the_application_form_shows_every_label_and_every_value_of_a_full_application(filled):
    tables = _document(filled, "report").tables
    assert len(tables) == 1
    assert table_rows(tables[0]) == form_rows(filled.organization.uscc)


def test_the_report_sections_two_to_eight_follow_the_form(filled):
    paragraphs = body_paragraphs(_document(filled, "report"))
    assert paragraphs[len(COVER_AND_CONTENTS):] == REPORT_SECTIONS


def test_an_empty_application_gives_a_form_to_fill_by_hand(empty):
    document = _document(empty, "report")
    rows = table_rows(document.tables[0])
    assert rows[1] == ["单位性质：", f"统一社会信用代码：{empty.organization.uscc}", "发证部门："]
    assert rows[6:10] == [
        ["注册资本：　　 万元", "其中：主要投资方名称", "性质"],
        ["上年末总资产：　　 万元", "仪器、设备数量：　　 台（套），购买价格：　　 万元，占总资产 　　%"],
        ["", "服务场地面积：　　 平方米（其中：自有 　　 平方米，租用 　　 平方米）"],
        ["从业人数：共 　　 人，其中大专及以上学历或中级及以上技术职称的专业人员 　　 人，占总人数 　　%"],
    ]
    assert rows[16][0] == "合作资源（共 0 家）"
    assert body_paragraphs(document)[-2:] == ["八、下一步发展设想", "（未填写）"]


# --- 附件3–6 -------------------------------------------------------------------------------


def test_the_equipment_list_has_one_row_per_item(filled):
    document = _document(filled, "equipment")
    assert body_paragraphs(document)[:3] == [
        "附件3", "主要服务设施、软件及仪器设备清单", "申报单位（盖章）：甲服务机构有限公司",
    ]
    assert table_rows(document.tables[0]) == [
        ["序号", "名称", "数量", "购买价格（万元）", "购买时间", "备注"],
        ["1", "万能材料试验机", "2", "36.00", "2021年5月10日", ""],
        ["2", "企业服务管理系统", "1", "12.50", "2022年8月1日", "软件"],
    ]


def test_the_staff_list_has_the_two_level_header_and_one_row_per_person(filled):
    rows = table_rows(_document(filled, "staff").tables[0])
    assert rows[:2] == [
        ["序号", "姓名", "年龄", "学历情况", "技术职称情况", "在服务平台工作年限", "岗位", "联系方式"],
        ["", "", "", "学历", "毕业院校及专业", "职称等级", "评定部门", "", "", ""],
    ]
    assert len(rows) == 2 + 14
    assert rows[2] == [
        "1", "王伟伟", "26", "硕士研究生", "南昌大学 工商管理", "中级", "江西省人力资源和社会保障厅", "1", "主任",
        "0791-86000001",
    ]
    assert rows[-1][:6] == ["14", "罗明霞", "52", "初中及以下", "江西职业技术学院 机电一体化", "无"]


def test_the_served_list_ticks_satisfaction_and_states_the_actual_count(filled):
    document = _document(filled, "served")
    rows = table_rows(document.tables[0])
    assert rows[:2] == [
        ["序号", "服务企业名称", "企业联系人", "职务", "手机", "服务内容简述", "服务满意度"],
        ["", "", "", "", "", "", "满意", "不满意"],
    ]
    assert len(rows) == 2 + 120
    assert rows[2] == ["1", "南昌机械样例001有限公司", "王伟", "总经理", "13800000001", "政策咨询", "✓", ""]
    data = rows[2:]
    assert (sum(row[6] == "✓" for row in data), sum(row[7] == "✓" for row in data)) == (112, 8)
    assert all((row[6] == "✓") != (row[7] == "✓") for row in data)
    assert body_paragraphs(document)[-1] == "注：实际服务（120）家企业，名单必须100家以上。"


def test_the_note_follows_the_policy_minimum_and_says_nothing_when_there_is_none(empty):
    empty.batch.policy = shipped_policy("national-2017")
    assert body_paragraphs(_document(empty, "served"))[-1] == "注：实际服务（0）家企业。"
    assert table_rows(_document(empty, "served").tables[0])[2] == ["（无）"]


def test_the_declaration_is_signed_and_dated(filled):
    paragraphs = body_paragraphs(_document(filled, "declaration"))
    assert paragraphs == [
        "附件6", "申报材料真实性声明函", "南昌市中小企业服务局：",
        "本单位知悉并保证所提供的南昌市中小企业公共服务示范平台申报材料和相关材料的真实性，并承担因材料虚假而产生的全部后果。",
        "申报单位（盖章）：甲服务机构有限公司", "法定代表人（签字）：章示范", "2026年4月20日",
    ]


def test_an_unsigned_declaration_leaves_the_signature_and_date_to_write_by_hand(empty):
    paragraphs = body_paragraphs(_document(empty, "declaration"))
    assert paragraphs[-2:] == ["法定代表人（签字）：", "　　年　　月　　日"]


# --- what people type --------------------------------------------------------------------


def test_typed_values_appear_exactly_and_control_characters_never(filled):
    ApplicationProfile.objects.filter(application=filled).update(nature="A & B <公司>", email="x\x01@\x1bexample.cn")
    Investor.objects.filter(application=filled).update(name="甲\x07乙 & <丙>")
    rows = table_rows(_document(filled, "report").tables[0])
    assert rows[1][0] == "单位性质：A & B <公司>"
    assert rows[5][2] == "电子邮箱：x@example.cn"
    assert rows[7][1] == "甲乙 & <丙>"


def test_a_long_text_keeps_its_paragraphs(filled):
    ApplicationProfile.objects.filter(application=filled).update(report_plans="第一年。\r\n\r\n第二年。\n第三年。")
    assert body_paragraphs(_document(filled, "report"))[-3:] == ["第一年。", "第二年。", "第三年。"]


def test_the_served_list_costs_the_same_queries_for_3_or_60_rows(filled):
    def queries(count):
        ServedEnterprise.objects.filter(application=filled, seq__gt=count).delete()
        application = Application.objects.select_related("batch", "organization").get(pk=filled.pk)
        with CaptureQueriesContext(connection) as captured:
            render_document(application, "served")
        return len(captured)

    assert queries(60) == queries(3)


# --- downloads: audit, permission, the zip ------------------------------------------------------


def test_a_document_download_is_audited(filled, personas):
    office_file = document_for(filled, "served", actor=personas["officer_x"])
    assert office_file.name == "附件5 上一年度服务中小企业名单及服务评价表.docx"
    event = AuditEvent.objects.get(event="application.documents_downloaded")
    assert (event.actor, event.target_id, event.data) == (
        personas["officer_x"], str(filled.pk), {"format": "docx", "documents": ["served"]})


@pytest.mark.parametrize("persona", ["applicant_b", "officer_y", "expert_1"])
def test_someone_who_may_not_see_the_application_gets_nothing(filled, personas, persona):
    with pytest.raises(PermissionDenied):
        document_for(filled, "report", actor=personas[persona])
    with pytest.raises(PermissionDenied):
        archive_for(filled, actor=personas[persona])
    assert not AuditEvent.objects.filter(event="application.documents_downloaded").exists()


def test_the_archive_holds_every_document_list_the_dossier_and_the_uploads(filled, personas):
    AttachmentFactory(application=filled, slot="licence", name="营业执照.pdf")
    AttachmentFactory(application=filled, slot="licence", name="营业执照.pdf")
    AttachmentFactory(application=filled, slot="audit_report", name="../../审计报告.pdf")
    office_file = archive_for(filled, actor=personas["applicant_a"])
    assert (office_file.name, office_file.content_type) == ("申报材料.zip", "application/zip")
    with zipfile.ZipFile(io.BytesIO(office_file.data)) as archive:
        names = archive.namelist()
        assert names == [*DOCUMENT_NAMES, *LIST_NAMES, "申报材料.json",
                         "附件材料/第八条（二）法人证书或营业执照副本复印件/营业执照.pdf",
                         "附件材料/第八条（二）法人证书或营业执照副本复印件/营业执照（2）.pdf",
                         "附件材料/第八条（四）上一年度包含服务收支情况的审计报告/_.._审计报告.pdf"]
        assert all(info.flag_bits & 0x800 for info in archive.infolist())  # UTF-8 names, shown right on Windows
        contents = {name: archive.read(name) for name in names}
    assert [len(open_docx(contents[name]).paragraphs) > 0 for name in DOCUMENT_NAMES] == [True] * 5
    served = load_workbook(io.BytesIO(contents[LIST_NAMES[-1]])).worksheets[0]
    assert served.max_row == 1 + 120
    assert json.loads(contents["申报材料.json"]) == as_exported(sample_for(filled))
    assert all(contents[name].startswith(b"%PDF") for name in names if name.startswith("附件材料/"))
    event = AuditEvent.objects.get(event="application.documents_downloaded")
    assert event.data == {"format": "zip", "files": sorted(names)}


def test_every_document_of_the_catalogue_renders_for_an_empty_application(empty):
    assert sorted(DOCUMENTS) == ["declaration", "equipment", "report", "served", "staff"]
    for code in DOCUMENTS:
        assert open_docx(render_document(empty, code)).sections[0].page_width.twips == 11906
