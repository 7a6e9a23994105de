"""The expert's mobile blind index: kept on save, unique in the database, found under any key."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from shifan.core.crypto import blind_index
from shifan.experts.checks import expert_with_mobile
from shifan.experts.domain import update_expert
from shifan.experts.models import Expert
from tests.factories import ExpertFactory

pytestmark = pytest.mark.django_db


def test_the_index_follows_the_mobile_on_every_save():
    expert = ExpertFactory(mobile="13700000001")
    assert expert.mobile_index == blind_index("13700000001", "mobile")
    assert expert.mobile_index.startswith("i1:")
    expert.mobile = "13700000002"
    expert.save()
    assert Expert.objects.get(pk=expert.pk).mobile_index == blind_index("13700000002", "mobile")
    assert expert_with_mobile("+86 137 0000 0002") == expert


def test_the_database_refuses_a_second_expert_with_the_same_mobile():
    ExpertFactory(mobile="13700000003")
    with pytest.raises(IntegrityError), transaction.atomic():
        ExpertFactory(mobile="13700000003")


def test_changing_a_mobile_to_one_in_the_pool_is_refused_in_chinese(personas):
    ExpertFactory(name="甲", mobile="13700000004")
    other = ExpertFactory(name="乙", mobile="13700000005")
    with pytest.raises(ValidationError) as excinfo:
        update_expert(other, actor=personas["bureau_officer"], mobile="137 0000 0004")
    assert excinfo.value.message_dict == {
        "mobile": ["手机号码 137****0004 已登记为专家「甲」，同一手机号码不能重复入库。"]
    }
    assert Expert.objects.get(pk=other.pk).mobile == "13700000005"
