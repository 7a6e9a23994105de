"""Bureau admins add a policy version in the UI: no code changes for new rules."""

import pytest

from shifan.audit.models import AuditEvent
from shifan.policies.domain import default_policy
from shifan.policies.forms import PolicyForm
from shifan.policies.models import Policy
from tests.factories import BatchFactory, shipped_policy

pytestmark = pytest.mark.django_db


def _form_data(policy: Policy, **overrides) -> dict:
    form = PolicyForm(instance=policy)
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = str(value)
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_an_admin_creates_activates_a_successor_and_new_batches_use_it(client_for):
    current = shipped_policy("nanchang-2022")
    client = client_for("bureau_admin")
    data = _form_data(current, code="nanchang-2027", document_number="洪企服规〔2027〕1号",
                      effective_on="2027-01-01", min_staff="15", activity_technology="3", activity_quality="")
    response = client.post(f"/bureau/policies/{current.pk}/successor/", data)
    successor = Policy.objects.get(code="nanchang-2027")
    assert response["Location"] == f"/bureau/policies/{successor.pk}/"
    assert (successor.status, successor.min_staff, successor.supersedes) == ("draft", 15, current)
    assert successor.activity_minimums == {
        "information": 4, "technology": 3, "startup": 4, "consulting": 2, "informatization": 2,
    }

    client.post(f"/bureau/policies/{successor.pk}/activate/")
    assert Policy.objects.get(pk=current.pk).status == "superseded"
    assert default_policy() == successor
    assert list(AuditEvent.objects.filter(event__startswith="policy.").values_list("event", flat=True)) == [
        "policy.created", "policy.superseded", "policy.activated",
    ]


def test_bad_values_are_refused_naming_the_field_and_keeping_the_input(client_for):
    current = shipped_policy("nanchang-2022")
    data = _form_data(current, code="nanchang-2022", min_qualified_ratio="170", notes="试行稿")
    response = client_for("bureau_admin").post(f"/bureau/policies/{current.pk}/successor/", data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "该版本代码已被使用。" in page
    assert "确保该值小于或等于100。" in page
    assert "试行稿</textarea>" in page
    assert Policy.objects.count() == 2


def test_a_version_in_use_offers_no_edit_and_refuses_a_posted_edit(client_for):
    batch = BatchFactory()
    client = client_for("bureau_admin")
    page = client.get(f"/bureau/policies/{batch.policy.pk}/").content.decode()
    assert "此版本已被申报批次采用，条件数值不能再修改。" in page
    assert f'href="/bureau/policies/{batch.policy.pk}/edit/"' not in page
    response = client.post(f"/bureau/policies/{batch.policy.pk}/edit/", _form_data(batch.policy, min_staff="5"))
    assert response.status_code == 400
    assert "已被申报批次采用，不能再修改" in response.content.decode()
    assert Policy.objects.get(pk=batch.policy.pk).min_staff == 10


def test_the_detail_page_shows_every_parameter_in_chinese(client_for):
    national = shipped_policy("national-2017")
    page = client_for("bureau_officer").get(f"/bureau/policies/{national.pk}/").content.decode()
    assert "资产总额下限（万元）</th><td>300.00" in page
    assert "培训类平台年培训人次下限</th><td>不设此项" in page
    assert "信息查询类平台年大型服务活动下限（次）</th><td>8" in page
    assert "基于此版本新建版本" not in page  # officers read, admins manage
