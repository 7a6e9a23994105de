"""公示, 异议 and 认定决定 through the pages: the bureau's and the public's."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from shifan.applications.enums import Status
from shifan.publicity.domain import publish
from shifan.publicity.models import Objection, Publicity
from shifan.recognition.models import Decision, Recognition
from tests.factories import MINIMAL_PDF

pytestmark = pytest.mark.django_db


def test_the_officer_publishes_the_approved_list_from_the_page(client_for, approved_list, batch):
    client = client_for("bureau_officer")
    page = client.get(f"/bureau/publicity/?batch={batch.pk}").content.decode()
    assert "发布拟认定名单公示" in page and "5 个工作日" in page
    response = client.post(f"/bureau/publicity/publish/?batch={batch.pk}", {
        "published_on": "2026-09-24", "from_next_day": "on", "contact": "创新创业服务科 0791-83869992"})
    publicity = Publicity.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/bureau/publicity/{publicity.pk}/"
    assert publicity.ends_on == dt.date(2026, 10, 9)


def test_a_bad_publication_comes_back_with_the_reason_and_the_typed_values(client_for, approved_list, batch):
    response = client_for("bureau_officer").post(f"/bureau/publicity/publish/?batch={batch.pk}", {
        "published_on": "2031-03-03", "contact": "联系电话 0791-1"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "2031 年的节假日安排尚未录入" in page and 'value="联系电话 0791-1"' in page
    assert not Publicity.objects.exists()


@pytest.fixture
def open_publicity(approved_list, personas):
    return publish(approved_list, actor=personas["bureau_officer"], published_on=timezone.localdate(),
                   contact="市中小企业服务局 0791-83869992")


def test_the_public_page_shows_the_list_and_how_to_object_and_nothing_personal(client_for, open_publicity):
    page = client_for(None).get("/publicity/").content.decode()
    assert open_publicity.title in page and "甲示范平台" in page and "技术服务" in page
    assert "在线提出异议（实名）" in page and "0791-83869992" in page
    assert "张联系" not in page and "13912345678" not in page  # the applicants' contacts exist in the data


def test_anyone_files_an_objection_with_evidence_and_gets_a_reference(client_for, open_publicity):
    entry = open_publicity.entries.first()
    client = client_for(None)
    response = client.post(f"/publicity/{open_publicity.pk}/objection/", {
        "entry": entry.pk, "name": "王某", "mobile": "1380013800", "content": "太短"})
    page = response.content.decode()
    assert response.status_code == 400 and "请具体说明异议的事实和理由（至少 10 个字）。" in page
    assert 'value="王某"' in page and 'value="1380013800"' in page  # nothing typed is lost
    response = client.post(f"/publicity/{open_publicity.pk}/objection/", {
        "entry": entry.pk, "name": "王某", "mobile": "13800138000", "content": "该平台的服务企业名单与实际不符。",
        "evidence": [SimpleUploadedFile("材料.pdf", MINIMAL_PDF, "application/pdf")]})
    objection = Objection.objects.get()
    assert response.status_code == 201 and str(objection.reference) in response.content.decode()
    assert [e.name for e in objection.evidence.all()] == ["材料.pdf"]


def test_the_objection_form_says_why_it_is_closed_after_the_window(client_for, approved_list, personas):
    publicity = publish(approved_list, actor=personas["bureau_officer"], published_on=dt.date(2026, 9, 24),
                        contact="市局")
    page = client_for(None).get(f"/publicity/{publicity.pk}/objection/").content.decode()
    assert "公示期已于 2026年10月09日 结束，不再受理异议。" in page
    assert client_for(None).post(f"/publicity/{publicity.pk}/objection/", {}).status_code == 403


def test_the_officer_rules_on_an_objection_and_the_head_approves_the_decision(client_for, approved_list, personas):
    publicity = publish(approved_list, actor=personas["bureau_officer"], published_on=dt.date(2026, 9, 24),
                        contact="市局")
    entry = publicity.entries.get(application__platform_name="乙示范平台")
    objection = Objection.objects.create(publicity=publicity, entry=entry, name="王某", mobile="13800138000",
                                         content="异议的具体内容，足够长。")
    officer_client = client_for("bureau_officer")
    page = officer_client.get(f"/bureau/publicity/objections/{objection.pk}/").content.decode()
    assert "王某" in page and "13800138000" in page  # the investigating officer reads it (audited)
    response = officer_client.post(f"/bureau/publicity/objections/{objection.pk}/",
                                   {"upheld": "1", "investigation": ""})
    assert response.status_code == 400
    officer_client.post(f"/bureau/publicity/objections/{objection.pk}/",
                        {"upheld": "1", "investigation": "经核实异议成立，移出名单。"})
    response = officer_client.post(f"/bureau/publicity/{publicity.pk}/decision/", {"submit": "1"})
    assert response.status_code == 302
    response = client_for("bureau_head").post(f"/bureau/publicity/{publicity.pk}/decision/decide/",
                                              {"decision": "approve"}, follow=True)
    decision = Decision.objects.get()
    assert decision.state == "approved" and decision.number in response.content.decode()
    assert list(Recognition.objects.values_list("platform_name", flat=True)) == ["甲示范平台"]
    entry.application.refresh_from_db()
    assert entry.application.status == Status.NOT_PROPOSED


def test_the_bureau_revokes_a_recognition_through_two_people(client_for, approved_list, personas):
    from shifan.recognition.domain import approve_decision, prepare_decision, submit_decision

    publicity = publish(approved_list, actor=personas["bureau_officer"], published_on=dt.date(2026, 9, 24),
                        contact="市局")
    decision = submit_decision(prepare_decision(publicity, actor=personas["bureau_officer"]),
                               actor=personas["bureau_officer"])
    approve_decision(decision, actor=personas["bureau_head"], today=dt.date(2026, 10, 12))
    recognition = Recognition.objects.first()
    response = client_for("bureau_officer").post(f"/bureau/recognitions/{recognition.pk}/", {
        "reason": "", "public_reason": "虚假材料"})
    page = response.content.decode()
    assert response.status_code == 400 and "请写明撤销的事实和依据（第十条）。" in page and 'value="虚假材料"' in page
    client_for("bureau_officer").post(f"/bureau/recognitions/{recognition.pk}/", {
        "reason": "跟踪核查发现申报材料虚假。", "public_reason": "提供虚假材料"})
    revocation = recognition.revocations.get()
    client_for("bureau_head").post(f"/bureau/recognitions/{recognition.pk}/revocations/{revocation.pk}/decide/",
                                   {"decision": "approve"})
    recognition.refresh_from_db()
    assert recognition.revoked_at is not None
    page = client_for("bureau_officer").get(f"/bureau/recognitions/{recognition.pk}/").content.decode()
    assert "已撤销" in page


def test_an_approved_revocation_is_announced_on_the_notices_page(client_for, approved_list, personas):
    from shifan.recognition.domain import (
        approve_decision,
        decide_revocation,
        prepare_decision,
        prepare_revocation,
        submit_decision,
    )

    officer, head = personas["bureau_officer"], personas["bureau_head"]
    publicity = publish(approved_list, actor=officer, published_on=dt.date(2026, 9, 24), contact="市局")
    approve_decision(submit_decision(prepare_decision(publicity, actor=officer), actor=officer), actor=head,
                     today=dt.date(2026, 10, 12))
    recognition = Recognition.objects.get(platform_name="甲示范平台")
    revocation = prepare_revocation(recognition, actor=officer, reason="跟踪核查发现虚假材料。",
                                    public_reason="提供虚假申报材料")
    decide_revocation(revocation, actor=head, approve=True)
    page = client_for(None).get("/notices/").content.decode()
    assert "撤销认定公告" in page and "提供虚假申报材料" in page and "跟踪核查发现虚假材料" not in page
