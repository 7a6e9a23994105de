from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from shifan.audit.models import AuditEvent
from shifan.batches.domain import close_batch, create_batch, current_batch, open_batch, policy_in_use
from shifan.batches.models import Batch
from shifan.policies.domain import update_policy
from shifan.policies.models import Policy

pytestmark = pytest.mark.django_db


def _fields(year: int, **overrides) -> dict:
    now, today = timezone.now(), timezone.localdate()
    fields = dict(
        year=year, name=f"{year}年度认定", opens_at=now - timedelta(days=1),
        applicant_deadline=now + timedelta(days=10), district_deadline=now + timedelta(days=20),
        review_starts_on=today + timedelta(days=21), review_ends_on=today + timedelta(days=30),
    )
    fields.update(overrides)
    return fields


def test_a_batch_is_created_preparing_with_the_default_policy_and_audited(personas):
    batch = create_batch(actor=personas["bureau_officer"], **_fields(2031))
    assert (batch.state, batch.policy.code) == (Batch.State.PREPARING, "nanchang-2022")
    assert AuditEvent.objects.filter(event="batch.created", target_id=str(batch.pk)).count() == 1
    assert current_batch() is None


def test_dates_out_of_order_are_refused_naming_the_field(personas):
    now = timezone.now()
    with pytest.raises(ValidationError) as error:
        create_batch(actor=personas["bureau_officer"], **_fields(2031, district_deadline=now))
    assert error.value.message_dict == {"district_deadline": ["县区推荐截止时间不能早于申报截止时间。"]}


def test_only_one_batch_is_open_at_a_time(personas):
    officer = personas["bureau_officer"]
    first = open_batch(create_batch(actor=officer, **_fields(2031)), actor=officer)
    second = create_batch(actor=officer, **_fields(2032))
    with pytest.raises(ValidationError) as error:
        open_batch(second, actor=officer)
    assert error.value.messages == ["已有正在申报的批次，请先结束该批次再开启新的批次。"]
    close_batch(first, actor=officer)
    assert open_batch(second, actor=officer).state == Batch.State.OPEN
    assert current_batch() == second


def test_submissions_are_accepted_only_inside_the_window(personas):
    officer = personas["bureau_officer"]
    batch = open_batch(create_batch(actor=officer, **_fields(2031)), actor=officer)
    assert batch.accepts_submissions()
    assert not batch.accepts_submissions(batch.applicant_deadline + timedelta(seconds=1))
    assert not batch.accepts_submissions(batch.opens_at - timedelta(seconds=1))


def test_a_policy_pinned_by_a_batch_can_no_longer_change(personas):
    admin = personas["bureau_admin"]
    draft = Policy.objects.get(code="national-2017")
    assert not policy_in_use(draft)
    update_policy(draft, actor=admin, changes={"min_staff": 21}, in_use=policy_in_use)
    assert Policy.objects.get(pk=draft.pk).min_staff == 21

    create_batch(actor=personas["bureau_officer"], policy=draft, **_fields(2031))
    with pytest.raises(ValidationError) as error:
        update_policy(draft, actor=admin, changes={"min_staff": 22}, in_use=policy_in_use)
    assert "已被申报批次采用" in error.value.messages[0]
    assert Policy.objects.get(pk=draft.pk).min_staff == 21
