import pytest

from shifan.audit.models import AuditEvent
from shifan.batches.models import Batch
from tests.factories import BatchFactory, shipped_policy

pytestmark = pytest.mark.django_db

FORM = {
    "year": "2031", "name": "2031年度南昌市中小企业公共服务示范平台认定",
    "notice_title": "关于开展2031年度认定工作的通知",
    "notice_number": "洪企服字〔2031〕1号", "notice_text": "请各单位按时申报。",
    "opens_at": "2031-04-01T09:00", "applicant_deadline": "2031-05-31T17:30", "district_deadline": "2031-06-15T17:30",
    "review_starts_on": "2031-06-20", "review_ends_on": "2031-07-10", "publicity_starts_on": "", "decision_due_on": "",
}


@pytest.fixture(autouse=True)
def _form_policy():
    FORM["policy"] = str(shipped_policy("nanchang-2022").pk)


def test_an_officer_creates_a_batch_which_starts_preparing(client_for):
    response = client_for("bureau_officer").post("/bureau/batches/new/", FORM)
    assert response["Location"] == "/bureau/batches/"
    batch = Batch.objects.get(year=2031)
    assert (batch.state, batch.notice_number) == ("preparing", "洪企服字〔2031〕1号")
    assert batch.policy.code == "nanchang-2022"
    assert AuditEvent.objects.filter(event="batch.created", actor_label="bureau_officer").count() == 1


def test_dates_out_of_order_are_refused_naming_the_field_and_keeping_the_input(client_for):
    data = {**FORM, "district_deadline": "2031-05-01T09:00"}
    response = client_for("bureau_officer").post("/bureau/batches/new/", data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "县区推荐截止时间不能早于申报截止时间。" in page
    assert 'value="关于开展2031年度认定工作的通知"' in page
    assert not Batch.objects.filter(year=2031).exists()


def test_extending_the_district_deadline_is_audited_with_old_and_new_values(client_for):
    batch = BatchFactory(year=2031, state="open")
    old = str(batch.district_deadline)
    data = {**FORM, "opens_at": batch.opens_at.strftime("%Y-%m-%dT%H:%M"),
            "applicant_deadline": batch.applicant_deadline.strftime("%Y-%m-%dT%H:%M"),
            "review_starts_on": "2099-01-01", "review_ends_on": "2099-02-01",
            "district_deadline": "2098-12-31T17:30", "name": batch.name}
    response = client_for("bureau_officer").post(f"/bureau/batches/{batch.pk}/edit/", data)
    assert response.status_code == 302
    event = AuditEvent.objects.get(event="batch.updated")
    assert event.data["changed"]["district_deadline"][0] == old
    assert event.data["changed"]["district_deadline"][1].startswith("2098-12-31 ")


def test_opening_a_second_batch_is_refused_with_a_message(client_for):
    BatchFactory(year=2030, state="open")
    second = BatchFactory(year=2031, state="preparing")
    client = client_for("bureau_officer")
    response = client.post(f"/bureau/batches/{second.pk}/open/", follow=True)
    assert "已有正在申报的批次，请先结束该批次再开启新的批次。" in response.content.decode()
    assert Batch.objects.get(pk=second.pk).state == "preparing"


def test_the_head_sees_batches_but_no_management_buttons(client_for):
    BatchFactory(year=2031, state="preparing")
    page = client_for("bureau_head").get("/bureau/batches/").content.decode()
    assert "2031年度" in page
    assert "开启申报" not in page
    assert "新建批次" not in page


def test_a_closed_batch_cannot_be_edited(client_for):
    batch = BatchFactory(year=2029, state="closed")
    response = client_for("bureau_officer").post(f"/bureau/batches/{batch.pk}/edit/", {**FORM, "year": "2029"})
    assert response.status_code == 400
    assert "已结束的批次不能修改。" in response.content.decode()
