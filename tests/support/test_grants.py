"""扶持 (第十一条): recording support grants, their checks, and what the public sees of them."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from shifan.audit.models import AuditEvent
from shifan.support.domain import GrantInput, delete_grant, record_grant, update_grant
from shifan.support.models import SupportGrant
from shifan.support.queries import grants_of_organization, public_grants
from tests.factories import MINIMAL_PDF
from tests.support.helpers import recognised

pytestmark = pytest.mark.django_db


@pytest.fixture
def recognition(personas, district_x):
    return recognised(district_x, personas, name="东湖示范平台", days_ago=30)


def _grant(**changes) -> GrantInput:
    values = {"kind": "funding", "granted_on": timezone.localdate() - timedelta(days=1), "amount": Decimal("50"),
              "document_number": "洪企服字〔2026〕30号", "note": "2026年度示范平台奖补"}
    return GrantInput(**{**values, **changes})


def _errors(recognition, actor, **changes) -> dict:
    with pytest.raises(ValidationError) as caught:
        record_grant(recognition, _grant(**changes), actor=actor)
    return caught.value.message_dict


def test_an_officer_records_a_grant_with_its_pdf_and_it_is_audited(recognition, personas):
    officer = personas["bureau_officer"]
    grant = record_grant(recognition, _grant(document=(MINIMAL_PDF, "奖补文件.pdf")), actor=officer)
    grant.refresh_from_db()
    assert (grant.kind, grant.amount, grant.public, grant.document_number) == (
        "funding", Decimal("50.0000"), False, "洪企服字〔2026〕30号")
    assert grant.document_name == "奖补文件.pdf"
    with grant.document.open("rb") as handle:
        assert handle.read() == MINIMAL_PDF
    assert grant.recorded_by == officer
    event = AuditEvent.objects.get(event="support.grant_recorded")
    assert event.data == {"grant": grant.pk, "kind": "funding", "public": False}


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"kind": ""}, "kind", "请选择扶持方式。"),
    ({"kind": "bribe"}, "kind", "请选择扶持方式。"),
    ({"amount": Decimal("-1")}, "amount", "扶持金额不能为负数。"),
    ({"amount": Decimal("0.00001")}, "amount", "扶持金额以万元为单位，最多保留四位小数。"),
    ({"amount": Decimal("100000000")}, "amount", "扶持金额超出范围：请以万元为单位填写。"),
    ({"amount": None}, "amount", "资金补助须填写扶持金额（万元）。"),
    ({"granted_on": None}, "granted_on", "请填写扶持日期。"),
    ({"granted_on": timezone.localdate() + timedelta(days=1)}, "granted_on", "扶持日期不能晚于今天。"),
    ({"document_number": "文" * 61}, "document_number", "文号不能超过60个字。"),
    ({"kind": "site", "amount": None, "public": True}, "public", "未填写扶持金额，无需公开金额。"),
    ({"document": (b"<html>not a pdf</html>", "通知.html")}, "document",
     "本项不接受 .html 格式的文件，只接受：PDF。"),
])
def test_bad_grants_are_refused_naming_the_field(recognition, personas, changes, field, message):
    assert _errors(recognition, personas["bureau_officer"], **changes) == {field: [message]}
    assert not SupportGrant.objects.exists()


def test_a_grant_before_the_recognition_is_refused_with_the_date(recognition, personas):
    start = recognition.starts_on
    errors = _errors(recognition, personas["bureau_officer"], granted_on=start - timedelta(days=1))
    expected = f"扶持日期不能早于该平台的认定日期（{start.year}年{start.month}月{start.day}日）。"
    assert errors == {"granted_on": [expected]}


def test_non_money_support_needs_no_amount(recognition, personas):
    grant = record_grant(recognition, _grant(kind="honour", amount=None, document_number=""),
                         actor=personas["bureau_officer"])
    assert grant.amount is None


@pytest.mark.parametrize("name", ["bureau_head", "officer_x", "applicant_a", "bureau_admin"])
def test_only_bureau_officers_record_grants(recognition, personas, name):
    with pytest.raises(PermissionDenied, match="只有市局经办人员可以登记扶持情况。"):
        record_grant(recognition, _grant(), actor=personas[name])


def test_an_officer_corrects_and_deletes_a_grant_audited(recognition, personas):
    officer = personas["bureau_officer"]
    grant = record_grant(recognition, _grant(document=(MINIMAL_PDF, "a.pdf")), actor=officer)
    update_grant(grant, _grant(amount=Decimal("60"), public=True), actor=officer, remove_document=True)
    grant.refresh_from_db()
    assert (grant.amount, grant.public, grant.document_name, bool(grant.document)) == (Decimal("60"), True, "", False)
    assert AuditEvent.objects.get(event="support.grant_updated").data == {
        "grant": grant.pk, "changed": ["amount", "public", "document"]}
    delete_grant(grant, actor=officer)
    assert not SupportGrant.objects.exists()
    assert AuditEvent.objects.get(event="support.grant_deleted").data == {
        "grant": grant.pk, "kind": "funding", "granted_on": grant.granted_on.isoformat()}


def test_update_refuses_bad_input_and_keeps_the_grant(recognition, personas):
    officer = personas["bureau_officer"]
    grant = record_grant(recognition, _grant(), actor=officer)
    with pytest.raises(ValidationError) as caught:
        update_grant(grant, _grant(amount=Decimal("-5")), actor=officer)
    assert caught.value.message_dict == {"amount": ["扶持金额不能为负数。"]}
    grant.refresh_from_db()
    assert grant.amount == Decimal("50")


def test_the_public_sees_kind_and_date_and_amounts_only_when_public(recognition, personas):
    officer, day = personas["bureau_officer"], timezone.localdate() - timedelta(days=2)
    record_grant(recognition, _grant(amount=Decimal("88.5"), granted_on=day), actor=officer)
    record_grant(recognition, _grant(amount=Decimal("12"), public=True, kind="voucher", granted_on=day),
                 actor=officer)
    summary = public_grants(recognition.verification_code)
    assert sorted((g.kind, g.granted_on, g.amount) for g in summary) == [
        ("服务券/购买服务", day, Decimal("12")), ("资金补助", day, None)]


def test_an_organisation_sees_only_its_own_grants(recognition, personas, district_y):
    other = recognised(district_y, personas, name="红谷滩示范平台")
    record_grant(recognition, _grant(), actor=personas["bureau_officer"])
    record_grant(other, _grant(amount=Decimal("7")), actor=personas["bureau_officer"])
    assert [g.amount for g in grants_of_organization(recognition.organization_id)] == [Decimal("50")]
    assert list(grants_of_organization(None)) == []
