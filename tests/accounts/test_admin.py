"""Bureau admins edit the jurisdiction table in the Chinese Django admin; every edit is audited."""

import pytest

from shifan.accounts.models import Jurisdiction
from shifan.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_bureau_admin_renames_a_jurisdiction_and_it_is_audited(client_for):
    jurisdiction = Jurisdiction.objects.get(code="3601K4")
    client = client_for("bureau_admin")
    page = client.get(f"/admin/accounts/jurisdiction/{jurisdiction.pk}/change/").content.decode()
    assert "修改 辖区" in page
    response = client.post(
        f"/admin/accounts/jurisdiction/{jurisdiction.pk}/change/",
        {
            "code": "3601K4", "name": "湾里管理局", "kind": "administration", "gb_code": "",
            "authority_name": "湾里管理局经济发展部", "sort_order": 13, "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert Jurisdiction.objects.get(pk=jurisdiction.pk).authority_name == "湾里管理局经济发展部"
    event = AuditEvent.objects.get(event="jurisdiction.updated")
    assert (event.actor_label, event.data["code"]) == ("bureau_admin", "3601K4")


def test_bureau_admin_adds_a_jurisdiction(client_for):
    response = client_for("bureau_admin").post(
        "/admin/accounts/jurisdiction/add/",
        {"code": "3601K5", "name": "南昌临空经济区", "kind": "development_zone", "gb_code": "",
         "authority_name": "", "sort_order": 14, "is_active": "on"},
    )
    assert response.status_code == 302
    assert Jurisdiction.objects.filter(code="3601K5").exists()
    assert AuditEvent.objects.filter(event="jurisdiction.created").count() == 1


def test_a_duplicate_code_is_refused_and_the_input_kept(client_for):
    response = client_for("bureau_admin").post(
        "/admin/accounts/jurisdiction/add/",
        {"code": "360102", "name": "重复的东湖区", "kind": "district", "sort_order": 1, "is_active": "on"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "具有 辖区编码 的 辖区 已存在。" in page
    assert 'value="重复的东湖区"' in page


@pytest.mark.parametrize("persona", ["bureau_officer", "bureau_head", "auditor", "officer_x", "applicant_a"])
def test_nobody_else_can_edit_jurisdictions(client_for, persona):
    response = client_for(persona).post(
        "/admin/accounts/jurisdiction/add/", {"code": "3601K9", "name": "伪造", "kind": "district", "sort_order": 1}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert not Jurisdiction.objects.filter(code="3601K9").exists()
