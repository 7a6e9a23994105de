"""The 公示 notice and the 认定决定 as Word documents (GB/T 9704 basics), read back as Word shows them."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from shifan.applications.models import ApplicationProfile
from shifan.audit.models import AuditEvent
from shifan.documents.docx import DOCX_CONTENT_TYPE
from shifan.publicity.documents import publicity_notice_context, publicity_notice_docx, render_publicity_notice
from shifan.publicity.domain import file_objection, publish, rule_on_objection
from shifan.recognition.documents import decision_notice_context, decision_notice_docx, render_decision_notice
from shifan.recognition.domain import approve_decision, prepare_decision, submit_decision
from tests.documents.docx_reading import body_paragraphs, open_docx, part, table_rows
from tests.publicity.conftest import SEPT_24

pytestmark = pytest.mark.django_db
OCT_12 = dt.date(2026, 10, 12)
CONTACT = "创新创业服务科 0791-83869992"
# Personal data the applications hold: none of it may appear in a notice.
PERSONAL = ("张联系", "13912345678", "王法人", "13700000001", "360102199001011234", "李异议", "13800138001")


@pytest.fixture
def publicity(approved_list, officer):
    for profile in ApplicationProfile.objects.all():  # the contact 张联系 / 13912345678 is there already
        profile.legal_representative_name, profile.contact_mobile = "王法人", "13700000001"
        profile.legal_representative_id_number = "360102199001011234"
        profile.save()
    return publish(approved_list, actor=officer, published_on=SEPT_24, contact=CONTACT)


def _approved(publicity, officer, head):
    decision = submit_decision(prepare_decision(publicity, actor=officer), actor=officer)
    return approve_decision(decision, actor=head, comment="同意", today=OCT_12)


@pytest.fixture
def decision(publicity, officer, head):
    return _approved(publicity, officer, head)


def _text(data: bytes) -> tuple[list[str], list[list[str]], str]:
    document = open_docx(data)
    return body_paragraphs(document), table_rows(document.tables[0]), part(data, "word/document.xml")


def test_the_publicity_notice_carries_its_number_title_list_dates_and_how_to_object(publicity):
    assert ApplicationProfile.objects.filter(contact_name="张联系", legal_representative_name="王法人").count() == 2
    paragraphs, rows, xml = _text(render_publicity_notice(publicity))
    assert paragraphs[:3] == ["南昌市中小企业服务局", publicity.notice_number, publicity.title]
    assert publicity.notice_number == "洪企服字〔2026〕1号"
    assert any(p.startswith("根据《南昌市中小企业公共服务示范平台认定管理办法》") for p in paragraphs)
    assert rows == [
        ["序号", "平台名称", "运营单位", "所在辖区", "服务功能"],
        ["1", "甲示范平台", "甲服务机构有限公司", "东湖区", "技术服务"],
        ["2", "乙示范平台", "乙服务机构有限公司", "红谷滩区", "技术服务"],
    ]
    assert "公示期：2026年9月24日至2026年10月9日（5个工作日）。" in paragraphs
    assert f"异议受理联系方式：{CONTACT}" in paragraphs
    assert any(f"/publicity/{publicity.pk}/" in p and "匿名异议" in p for p in paragraphs)
    assert paragraphs[-2:] == ["南昌市中小企业服务局", "2026年9月24日"]
    assert 'w:color w:val="FF0000"' in xml and '<w:bottom w:val="single"' in xml  # red mark and red rule
    assert not [value for value in PERSONAL if value in xml]


def test_the_decision_notice_carries_number_date_body_and_the_list_with_its_validity(decision):
    data = render_decision_notice(decision)
    document = open_docx(data)
    paragraphs, xml = body_paragraphs(document), part(data, "word/document.xml")
    assert paragraphs[:3] == ["南昌市中小企业服务局文件", "洪企服字〔2026〕2号", decision.title]
    assert paragraphs[3] == "各县（区）、开发区、湾里管理局中小企业服务主管部门，各有关单位："  # 主送机关
    assert any("（洪企服字〔2026〕1号）" in p and "有效期3年" in p for p in paragraphs)
    attachment = "2026年度南昌市中小企业公共服务示范平台认定名单"
    assert f"附件：{attachment}" in paragraphs
    signature = paragraphs.index("2026年10月12日")
    assert paragraphs[signature - 1] == "南昌市中小企业服务局"
    assert paragraphs[signature + 1:] == ["附件", attachment]
    assert table_rows(document.tables[0]) == [
        ["序号", "平台名称", "运营单位", "所在辖区", "服务功能", "有效期"],
        ["1", "甲示范平台", "甲服务机构有限公司", "东湖区", "技术服务", "2026年10月12日至2029年10月11日"],
        ["2", "乙示范平台", "乙服务机构有限公司", "红谷滩区", "技术服务", "2026年10月12日至2029年10月11日"],
    ]
    assert not [value for value in PERSONAL if value in xml]


def test_a_platform_taken_off_by_an_upheld_objection_stays_on_the_notice_but_not_on_the_decision(
        publicity, officer, head):
    entry = publicity.entries.get(seq=1)
    objection = file_objection(publicity, entry=entry, name="李异议", mobile="13800138001",
                               content="该平台场地面积与申报不符，请核实。", today=dt.date(2026, 10, 9))
    rule_on_objection(objection, actor=officer, upheld=True, investigation="经实地核查，异议属实。")
    notice = publicity_notice_context(publicity)
    assert [e["platform"] for e in notice["entries"]] == ["甲示范平台", "乙示范平台"]
    decision = _approved(publicity, officer, head)
    assert decision_notice_context(decision)["entries"] == [{
        "seq": "1", "platform": "乙示范平台", "organization": "乙服务机构有限公司", "district": "红谷滩区",
        "functions": "技术服务", "validity": "2026年10月12日至2029年10月11日",
    }]
    _, _, xml = _text(render_publicity_notice(publicity))
    assert "李异议" not in xml and "13800138001" not in xml


def test_a_draft_or_submitted_decision_has_no_document(publicity, officer, personas):
    draft = prepare_decision(publicity, actor=officer)
    with pytest.raises(ValidationError, match="尚未经领导审批"):
        decision_notice_docx(draft, actor=officer)
    submitted = submit_decision(draft, actor=officer)
    with pytest.raises(ValidationError, match="尚未经领导审批"):
        render_decision_notice(submitted)
    assert not AuditEvent.objects.filter(event="recognition.decision_downloaded").exists()


def test_only_bureau_staff_download_the_decision(decision, personas):
    for persona in ("applicant_a", "officer_x", "expert_1"):
        with pytest.raises(PermissionDenied):
            decision_notice_docx(decision, actor=personas[persona])
    assert not AuditEvent.objects.filter(event="recognition.decision_downloaded").exists()


def test_downloads_are_audited(decision, publicity, officer, head):
    office_file = decision_notice_docx(decision, actor=head)
    assert (office_file.name, office_file.content_type) == ("认定决定-洪企服字〔2026〕2号.docx", DOCX_CONTENT_TYPE)
    event = AuditEvent.objects.get(event="recognition.decision_downloaded")
    assert (event.actor_label, event.target_id, event.data) == (
        "bureau_head", str(decision.pk), {"format": "docx", "number": "洪企服字〔2026〕2号", "platforms": 2})
    notice = publicity_notice_docx(publicity, actor=officer)
    assert notice.name == "拟认定名单公示-洪企服字〔2026〕1号.docx"
    publicity_notice_docx(publicity, actor=None)  # the portal's anonymous download
    events = AuditEvent.objects.filter(event="publicity.notice_downloaded").order_by("seq")
    assert [(e.actor_label, e.data["number"]) for e in events] == [
        ("bureau_officer", "洪企服字〔2026〕1号"), ("", "洪企服字〔2026〕1号")]
