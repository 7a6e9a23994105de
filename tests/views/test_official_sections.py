"""Officials read an application's content, with personal data masked unless their work needs it."""

import pytest

from shifan.applications.enums import Status
from shifan.applications.models import ApplicationProfile, ServedEnterprise
from shifan.audit.models import AuditEvent
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(org_a, batch):
    application = ApplicationFactory(organization=org_a, batch=batch, status=Status.SUBMITTED, platform_name="甲平台")
    ApplicationProfile.objects.create(
        application=application, nature="企业法人", legal_representative_name="张三",
        legal_representative_id_number="11010519491231002X", legal_representative_mobile="13812348000",
        service_functions=["information", "training"],
    )
    ServedEnterprise.objects.create(application=application, name="乙企业", mobile="13900001111", satisfied=True)
    return application


def test_the_district_reads_basics_masked_and_survey_mobiles_in_clear_with_an_audit(client_for, submitted):
    client = client_for("officer_x")
    basics = client.get(f"/district/applications/{submitted.pk}/sections/basics/").content.decode()
    assert "1101**********002X" in basics
    assert "11010519491231002X" not in basics
    assert "138****8000" in basics
    served = client.get(f"/district/applications/{submitted.pk}/sections/served/").content.decode()
    assert "13900001111" in served
    event = AuditEvent.objects.get(event="application.personal_data_viewed")
    assert event.data == {"list": "served_smes", "fields": ["mobile"], "page": 1}


def test_the_bureau_sees_every_personal_field_masked(client_for, submitted):
    client = client_for("bureau_officer")
    served = client.get(f"/bureau/applications/{submitted.pk}/sections/served/").content.decode()
    assert "139****1111" in served
    assert "13900001111" not in served
    capability = client.get(f"/bureau/applications/{submitted.pk}/sections/capability/").content.decode()
    assert "信息查询、培训服务" in capability
    assert not AuditEvent.objects.filter(event="application.personal_data_viewed").exists()


def test_another_district_finds_nothing(client_for, submitted):
    assert client_for("officer_y").get(f"/district/applications/{submitted.pk}/sections/basics/").status_code == 404


def test_the_readonly_pages_offer_no_editing(client_for, submitted):
    page = client_for("officer_x").get(f"/district/applications/{submitted.pk}/sections/served/").content.decode()
    assert "添加一行" not in page
    assert "删除" not in page
