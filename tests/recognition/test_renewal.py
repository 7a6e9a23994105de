"""重新申报: the bureau invites an expiring platform; its applicant starts a draft from last time's content."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from shifan.applications.enums import Status
from shifan.applications.models import Application, ApplicationProfile, ServedEnterprise, StaffMember
from shifan.audit.models import AuditEvent
from shifan.batches.models import Batch
from shifan.notifications.models import Notification
from shifan.recognition.renewal import invite_to_renew, start_renewal
from tests.factories import SUBMITTABLE_PROFILE, ApplicationFactory, BatchFactory
from tests.recognition_factories import make_recognition

pytestmark = pytest.mark.django_db


def recognised(personas, organization, *, expires_in: int, revoked: bool = False, year: int = 2023):
    old_batch = BatchFactory(year=year, state=Batch.State.CLOSED)
    application = ApplicationFactory(organization=organization, batch=old_batch, platform_name="甲科技服务平台",
                                     status=Status.RECOGNISED)
    ApplicationProfile.objects.create(application=application, **SUBMITTABLE_PROFILE,
                                      report_basics="平台基本情况（上次）", total_assets=1200)
    ServedEnterprise.objects.bulk_create([
        ServedEnterprise(application=application, name=f"被服务企业{i}", satisfied=True, seq=i) for i in range(1, 4)
    ])
    StaffMember.objects.create(application=application, name="王五", seq=1)
    today = timezone.localdate()
    return make_recognition(application, officer=personas["bureau_officer"], head=personas["bureau_head"],
                            starts_on=today - timedelta(days=3 * 365), expires_on=today + timedelta(days=expires_in),
                            revoked=revoked)


@pytest.fixture
def expiring(personas, org_a):
    return recognised(personas, org_a, expires_in=60)


def test_the_new_draft_carries_last_times_profile_and_lists(expiring, personas, batch):
    renewal = start_renewal(expiring, batch, actor=personas["applicant_a"])

    new = renewal.application
    assert renewal.problems == ()
    assert (new.batch, new.organization, new.status, new.platform_name) == (batch, expiring.organization,
                                                                            Status.DRAFT, "甲科技服务平台")
    profile = ApplicationProfile.objects.get(application=new)
    assert (profile.report_basics, profile.total_assets, profile.contact_mobile) == (
        "平台基本情况（上次）", 1200, "13900001111")
    assert (profile.declaration_signed_by, profile.declaration_signed_on) == ("", None)  # 附件6 is signed anew
    assert list(new.served_smes.order_by("seq").values_list("name", "seq")) == [
        ("被服务企业1", 1), ("被服务企业2", 2), ("被服务企业3", 3)]
    assert list(new.staff.values_list("name", flat=True)) == ["王五"]
    assert expiring.application.served_smes.count() == 3  # the recognised application is untouched
    assert list(AuditEvent.objects.filter(target_id=str(expiring.pk), event="recognition.renewal_started")
                .values_list("data", flat=True)) == [{"batch": batch.year, "application": new.pk, "copied": True}]


def test_an_expired_platform_may_renew(personas, org_a, batch):
    expired = recognised(personas, org_a, expires_in=-10)
    assert start_renewal(expired, batch, actor=personas["applicant_a2"]).application.batch == batch


def test_another_organisation_is_refused(expiring, personas, batch):
    with pytest.raises(PermissionDenied, match="只有本单位的申报用户可以基于本单位的认定重新申报。"):
        start_renewal(expiring, batch, actor=personas["applicant_b"])
    with pytest.raises(PermissionDenied):
        start_renewal(expiring, batch, actor=personas["bureau_officer"])
    assert not Application.objects.filter(batch=batch).exists()


def test_no_open_batch_gives_a_clear_message(expiring, personas, batch):
    Batch.objects.filter(pk=batch.pk).update(state=Batch.State.CLOSED)
    batch.refresh_from_db()
    for closed in (None, batch):
        with pytest.raises(ValidationError) as caught:
            start_renewal(expiring, closed, actor=personas["applicant_a"])
        assert caught.value.messages == ["目前没有正在受理的申报批次，请在申报通知发布后再开始重新申报。"]


def test_too_early_revoked_or_already_applied_is_refused(personas, org_a, org_b, batch):
    early = recognised(personas, org_b, expires_in=200, year=2022)
    until = early.expires_on
    with pytest.raises(ValidationError) as caught:
        start_renewal(early, batch, actor=personas["applicant_b"])
    assert caught.value.messages == [
        f"认定有效期至{until.year}年{until.month}月{until.day}日，到期前90天内或到期后方可重新申报。"]
    revoked = recognised(personas, org_a, expires_in=30, revoked=True)
    with pytest.raises(ValidationError) as caught:
        start_renewal(revoked, batch, actor=personas["applicant_a"])
    assert caught.value.messages == ["该平台的认定已被撤销，不能基于该认定重新申报。"]


def test_starting_twice_is_refused(expiring, personas, batch):
    start_renewal(expiring, batch, actor=personas["applicant_a"])
    with pytest.raises(ValidationError) as caught:
        start_renewal(expiring, batch, actor=personas["applicant_a2"])
    assert caught.value.messages == [f"该单位已在「{batch.name}」中有申报。"]


def test_the_bureau_invites_the_organisations_applicants(expiring, personas, batch):
    assert invite_to_renew(expiring, batch, actor=personas["bureau_officer"]) == 2
    notes = Notification.objects.filter(event="recognition.renewal_invited").order_by("recipient__username")
    assert [(n.recipient.username, n.subject, n.link) for n in notes] == [
        ("applicant_a", "邀请重新申报示范平台：甲科技服务平台", "/applicant/"),
        ("applicant_a2", "邀请重新申报示范平台：甲科技服务平台", "/applicant/"),
    ]
    assert "基于上次认定材料开始新申报" in notes[0].body
    assert AuditEvent.objects.get(event="recognition.renewal_invited").data == {"batch": batch.year, "notified": 2}


def test_only_a_bureau_officer_invites_and_only_when_renewal_is_possible(expiring, personas, batch):
    for name in ("bureau_head", "applicant_a", "officer_x"):
        with pytest.raises(PermissionDenied, match="只有市局经办人员可以邀请重新申报。"):
            invite_to_renew(expiring, batch, actor=personas[name])
    with pytest.raises(ValidationError) as caught:
        invite_to_renew(expiring, None, actor=personas["bureau_officer"])
    assert caught.value.messages == ["目前没有正在受理的申报批次，请在申报通知发布后再开始重新申报。"]
    assert Notification.objects.count() == 0


def test_a_dossier_that_no_longer_imports_leaves_an_empty_draft_and_says_why(expiring, personas, batch):
    ApplicationProfile.objects.filter(application=expiring.application).update(contact_mobile="123")
    renewal = start_renewal(expiring, batch, actor=personas["applicant_a"])
    assert renewal.application.status == Status.DRAFT
    assert renewal.problems
    assert not renewal.application.served_smes.exists()
    assert AuditEvent.objects.get(event="recognition.renewal_started").data["copied"] is False

