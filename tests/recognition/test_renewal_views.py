"""The renewal buttons: the bureau's 邀请重新申报 and the applicant's 基于上次认定材料开始新申报."""

import pytest
from django.contrib.messages import get_messages

from shifan.applications.models import Application
from shifan.notifications.models import Notification
from tests.recognition.test_renewal import recognised

pytestmark = pytest.mark.django_db


@pytest.fixture
def expiring(personas, org_a):
    return recognised(personas, org_a, expires_in=60)


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_the_bureau_page_offers_the_invitation_to_officers_only(expiring, client_for):
    page = client_for("bureau_officer").get(f"/bureau/recognitions/{expiring.pk}/").content.decode()
    assert f'action="/bureau/renewals/{expiring.pk}/invite/"' in page
    assert "邀请重新申报" in page
    head_page = client_for("bureau_head").get(f"/bureau/recognitions/{expiring.pk}/").content.decode()
    assert "/bureau/renewals/" not in head_page


def test_inviting_notifies_the_organisation(expiring, client_for, batch):
    response = client_for("bureau_officer").post(f"/bureau/renewals/{expiring.pk}/invite/")
    assert (response.status_code, response["Location"]) == (302, f"/bureau/recognitions/{expiring.pk}/")
    assert _messages(response) == ["已邀请该单位重新申报，通知 2 名申报用户。"]
    assert set(Notification.objects.values_list("recipient__username", flat=True)) == {"applicant_a", "applicant_a2"}


def test_inviting_without_an_open_batch_says_why(expiring, client_for):
    response = client_for("bureau_officer").post(f"/bureau/renewals/{expiring.pk}/invite/")
    assert _messages(response) == ["目前没有正在受理的申报批次，请在申报通知发布后再开始重新申报。"]
    assert Notification.objects.count() == 0


def test_the_applicant_starts_the_renewal_from_the_home_page(expiring, client_for, batch):
    client = client_for("applicant_a")
    home = client.get("/applicant/").content.decode()
    assert f'action="/applicant/renewals/{expiring.pk}/start/"' in home
    assert "基于上次认定材料开始新申报" in home
    response = client.post(f"/applicant/renewals/{expiring.pk}/start/")
    new = Application.objects.get(batch=batch)
    assert (response.status_code, response["Location"]) == (302, f"/applicant/applications/{new.pk}/")
    assert _messages(response) == ["已基于上次认定材料创建新申报，请逐项核对更新并重新签署声明后提交。"]
    assert new.served_smes.count() == 3


def test_another_organisation_gets_404_and_nothing_is_created(expiring, client_for, batch):
    response = client_for("applicant_b").post(f"/applicant/renewals/{expiring.pk}/start/")
    assert response.status_code == 404
    assert not Application.objects.filter(batch=batch).exists()
    assert "/applicant/renewals/" not in client_for("applicant_b").get("/applicant/").content.decode()


def test_no_open_batch_sends_the_applicant_home_with_the_reason(expiring, client_for):
    response = client_for("applicant_a").post(f"/applicant/renewals/{expiring.pk}/start/")
    assert (response.status_code, response["Location"]) == (302, "/applicant/")
    assert _messages(response) == ["目前没有正在受理的申报批次，请在申报通知发布后再开始重新申报。"]
