"""Downloading the 公示 notice and the 认定决定 as Word: the bureau's pages and the public portal."""

import datetime as dt

import pytest

from shifan.audit.models import AuditEvent
from shifan.documents.docx import DOCX_CONTENT_TYPE
from shifan.publicity.domain import publish
from shifan.recognition.domain import approve_decision, prepare_decision, submit_decision
from tests.documents.docx_reading import body_paragraphs, open_docx
from tests.publicity.conftest import SEPT_24

pytestmark = pytest.mark.django_db
OCT_12 = dt.date(2026, 10, 12)


@pytest.fixture
def publicity(approved_list, officer):
    return publish(approved_list, actor=officer, published_on=SEPT_24, contact="创新创业服务科 0791-83869992")


@pytest.fixture
def decision(publicity, officer, head):
    draft = submit_decision(prepare_decision(publicity, actor=officer), actor=officer)
    return approve_decision(draft, actor=head, today=OCT_12)


def _assert_docx(response, first_lines: list[str]):
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX_CONTENT_TYPE
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-cache" in response["Cache-Control"]
    assert body_paragraphs(open_docx(response.content))[:len(first_lines)] == first_lines


@pytest.mark.parametrize("persona", ["bureau_officer", "bureau_head"])
def test_bureau_staff_download_the_notice_and_the_approved_decision(client_for, publicity, decision, persona):
    client = client_for(persona)
    page = client.get(f"/bureau/publicity/{publicity.pk}/").content.decode()
    assert "下载公示通知（Word）" in page and "下载认定决定（Word）" in page
    _assert_docx(client.get(f"/bureau/publicity/{publicity.pk}/notice.docx"),
                 ["南昌市中小企业服务局", "洪企服字〔2026〕1号", publicity.title])
    _assert_docx(client.get(f"/bureau/publicity/{publicity.pk}/decision.docx"),
                 ["南昌市中小企业服务局文件", "洪企服字〔2026〕2号", decision.title])
    assert AuditEvent.objects.get(event="publicity.notice_downloaded").actor_label == persona
    assert AuditEvent.objects.get(event="recognition.decision_downloaded").actor_label == persona


def test_others_may_not_download_from_the_bureau(client_for, publicity, decision):
    for url in (f"/bureau/publicity/{publicity.pk}/notice.docx", f"/bureau/publicity/{publicity.pk}/decision.docx"):
        assert client_for("applicant_a").get(url).status_code == 403
        assert client_for("officer_x").get(url).status_code == 403
        assert client_for(None).get(url).status_code == 302  # to the login page
    assert client_for("bureau_officer").get("/bureau/publicity/999999/notice.docx").status_code == 404
    assert not AuditEvent.objects.filter(event__in=["publicity.notice_downloaded",
                                                    "recognition.decision_downloaded"]).exists()


def test_a_decision_not_yet_approved_comes_back_to_the_page_with_the_reason(client_for, publicity, officer):
    client = client_for("bureau_officer")
    url = f"/bureau/publicity/{publicity.pk}/decision.docx"
    response = client.get(url, follow=True)
    assert response.redirect_chain == [(f"/bureau/publicity/{publicity.pk}/", 302)]
    assert "该公示尚未拟定认定决定。" in response.content.decode()
    assert "下载认定决定（Word）" not in response.content.decode()
    prepare_decision(publicity, actor=officer)
    response = client.get(url, follow=True)
    assert response.status_code == 200 and response.redirect_chain[-1][1] == 302
    assert "认定决定尚未经领导审批，还没有文号和成文日期，不能生成文件。" in response.content.decode()
    assert not AuditEvent.objects.filter(event="recognition.decision_downloaded").exists()


def test_anyone_downloads_the_notice_from_the_portal_and_it_names_no_person(client_for, publicity):
    page = client_for(None).get(f"/publicity/{publicity.pk}/").content.decode()
    assert f"/publicity/{publicity.pk}/notice.docx" in page and "下载公示通知（Word）" in page
    response = client_for(None).get(f"/publicity/{publicity.pk}/notice.docx")
    _assert_docx(response, ["南昌市中小企业服务局", "洪企服字〔2026〕1号", publicity.title])
    text = "\n".join(body_paragraphs(open_docx(response.content)))
    assert "张联系" not in text and "13912345678" not in text
    event = AuditEvent.objects.get(event="publicity.notice_downloaded")
    assert (event.actor_id, event.target_id) == (None, str(publicity.pk))
    assert client_for(None).get("/publicity/999999/notice.docx").status_code == 404
