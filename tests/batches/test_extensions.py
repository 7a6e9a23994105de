"""A district deadline extended by the bureau for one jurisdiction, with a reason."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from shifan.applications.domain.transitions import transition
from shifan.applications.enums import Action, Status
from shifan.applications.errors import TransitionBlocked
from shifan.audit.models import AuditEvent
from shifan.batches.domain import close_batch, current_batch_for_district, extend_district_deadline, open_batch
from shifan.batches.models import Batch, DistrictDeadlineExtension
from shifan.notifications.models import Notification
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def past_deadline(batch):
    batch.district_deadline = timezone.now() - timedelta(hours=1)
    batch.applicant_deadline = batch.district_deadline - timedelta(days=1)
    batch.save()
    return batch


def test_an_extension_reopens_one_district_only(past_deadline, personas, org_a, org_b, district_x):
    app_x = ApplicationFactory(organization=org_a, batch=past_deadline, status=Status.SUBMITTED)
    app_y = ApplicationFactory(organization=org_b, batch=past_deadline, status=Status.SUBMITTED)
    until = timezone.now() + timedelta(days=3)
    extend_district_deadline(past_deadline, jurisdiction=district_x, until=until, reason="辖区系统故障",
                             actor=personas["bureau_officer"])
    assert past_deadline.district_deadline_for(district_x.pk) == until
    transition(app_x, Action.RETURN, actor=personas["officer_x"], reason="请补充材料")
    with pytest.raises(TransitionBlocked):
        transition(app_y, Action.RETURN, actor=personas["officer_y"], reason="请补充材料")
    assert AuditEvent.objects.get(event="batch.district_deadline_extended").data["reason"] == "辖区系统故障"
    assert list(Notification.objects.filter(event="batch.district_deadline_extended")
                .values_list("recipient__username", flat=True)) == ["officer_x"]


def test_an_extension_needs_a_reason_and_a_later_time(past_deadline, personas, district_x):
    with pytest.raises(ValidationError) as no_reason:
        extend_district_deadline(past_deadline, jurisdiction=district_x, until=timezone.now() + timedelta(days=1),
                                 reason=" ", actor=personas["bureau_officer"])
    assert no_reason.value.message_dict == {"reason": ["延长截止时间须填写理由。"]}
    with pytest.raises(ValidationError) as earlier:
        extend_district_deadline(past_deadline, jurisdiction=district_x, until=past_deadline.district_deadline,
                                 reason="理由", actor=personas["bureau_officer"])
    assert earlier.value.message_dict == {"extended_until": ["延长后的截止时间须晚于该辖区现在的截止时间。"]}


def test_the_bureau_page_grants_an_extension_and_heads_only_read(client_for, past_deadline, district_x):
    url = f"/bureau/batches/{past_deadline.pk}/extensions/"
    until = (timezone.localtime() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = client_for("bureau_officer").post(url, {"jurisdiction": district_x.pk, "extended_until": until,
                                                       "reason": "辖区人员变动"})
    assert response.status_code == 302
    page = client_for("bureau_head").get(url).content.decode()
    assert "辖区人员变动" in page
    assert "延长并通知该辖区" not in page


def test_the_inbox_reads_the_open_batch_with_the_district_s_own_deadline(past_deadline, personas, district_x,
                                                                        district_y, django_assert_num_queries):
    past_deadline.state = past_deadline.State.OPEN
    past_deadline.save()
    with django_assert_num_queries(2):  # the batch, and its extensions by district
        assert current_batch_for_district(district_x.pk) == (past_deadline, past_deadline.district_deadline)
    with django_assert_num_queries(0):  # then from the cache, until a batch or an extension changes
        assert current_batch_for_district(district_x.pk) == (past_deadline, past_deadline.district_deadline)
    earlier, later = timezone.now() - timedelta(days=2), timezone.now() + timedelta(days=3)
    DistrictDeadlineExtension.objects.create(batch=past_deadline, jurisdiction=district_x, extended_until=earlier,
                                             reason="早于截止时间的记录", granted_by=personas["bureau_officer"])
    assert current_batch_for_district(district_x.pk)[1] == past_deadline.district_deadline  # never earlier
    extend_district_deadline(past_deadline, jurisdiction=district_x, until=later, reason="辖区系统故障",
                             actor=personas["bureau_officer"])
    with django_assert_num_queries(2):
        assert current_batch_for_district(district_x.pk) == (past_deadline, later)
    assert current_batch_for_district(district_y.pk) == (past_deadline, past_deadline.district_deadline)
    for jurisdiction in (district_x, district_y):  # the same as the batch's own rule
        assert current_batch_for_district(jurisdiction.pk)[1] == past_deadline.district_deadline_for(jurisdiction.pk)
    past_deadline.state = past_deadline.State.CLOSED
    past_deadline.save()
    assert current_batch_for_district(district_x.pk) == (None, None)


def test_opening_closing_or_deleting_a_batch_forgets_the_inbox_s_batch(past_deadline, personas, district_x):
    officer = personas["bureau_officer"]
    assert current_batch_for_district(district_x.pk) == (past_deadline, past_deadline.district_deadline)
    close_batch(past_deadline, actor=officer)  # an update(): no signal
    assert current_batch_for_district(district_x.pk) == (None, None)
    open_batch(past_deadline, actor=officer)
    assert current_batch_for_district(district_x.pk) == (past_deadline, past_deadline.district_deadline)
    extension = extend_district_deadline(past_deadline, jurisdiction=district_x, reason="辖区系统故障",
                                         until=timezone.now() + timedelta(days=3), actor=officer)
    assert current_batch_for_district(district_x.pk)[1] == extension.extended_until
    extension.delete()
    assert current_batch_for_district(district_x.pk)[1] == past_deadline.district_deadline
    Batch.objects.filter(pk=past_deadline.pk).delete()
    assert current_batch_for_district(district_x.pk) == (None, None)
