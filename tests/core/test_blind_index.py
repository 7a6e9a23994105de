"""Blind indexes (HMAC-SM3 under SHIFAN_INDEX_KEYS): normalised, keyed, separated by purpose."""

import re

import pytest
from django.core.exceptions import ImproperlyConfigured

from shifan.accounts.models import User
from shifan.applications.models import ApplicationProfile
from shifan.core.crypto import blind_index, blind_indexes, hmac_sm3, index_key_id_of, parse_keys
from tests.factories import ApplicationFactory, UserFactory

I1_KEY = bytes.fromhex("6b" * 16)  # the current test key (shifan/settings_test.py)


def test_the_index_is_the_current_key_id_and_a_truncated_hmac_sm3_of_the_normalised_value():
    index = blind_index("+86 139-1234-5678", "mobile")
    assert re.fullmatch(r"i1:[0-9a-f]{48}", index)
    assert index == "i1:" + hmac_sm3(I1_KEY, b"mobile\x0013912345678").hex()[:48]
    assert index_key_id_of(index) == "i1"
    assert len(index) <= 64  # fits the index columns


@pytest.mark.parametrize(("a", "b", "purpose"), [
    ("13912345678", "＋８６ 139 1234 5678", "mobile"),  # full-width, prefix and spaces
    ("36010219900307002X", " 36010219900307002x ", "id_number"),  # upper-cased, trimmed
])
def test_spellings_of_the_same_value_share_one_index(a, b, purpose):
    assert blind_index(a, purpose) == blind_index(b, purpose)


def test_purposes_and_values_are_separated_and_empty_has_no_index():
    assert blind_index("13912345678", "mobile") != blind_index("13912345678", "id_number")
    assert blind_index("13912345678", "mobile") != blind_index("13912345679", "mobile")
    assert blind_index("", "mobile") == "" and blind_indexes("  ", "mobile") == []


def test_lookups_match_under_every_listed_key_current_first(settings):
    settings.INDEX_KEYS = "i2:" + "aa" * 16 + ",i1:" + "6b" * 16
    assert [index_key_id_of(i) for i in blind_indexes("13912345678", "mobile")] == ["i2", "i1"]
    assert blind_indexes("13912345678", "mobile")[1] == "i1:" + hmac_sm3(I1_KEY, b"mobile\x0013912345678").hex()[:48]


@pytest.mark.parametrize("value", [
    "", "k1", "k1:zz", "k1:" + "ab" * 8 + ",:" + "ab" * 16, "a-very-long-key-id:" + "ab" * 16, "k1:" + "ab" * 4,
])
def test_malformed_index_keys_are_refused(value):
    with pytest.raises(ImproperlyConfigured):
        parse_keys(value, name="SHIFAN_INDEX_KEYS", max_id_length=15)


@pytest.mark.django_db
def test_models_keep_their_indexes_on_save():
    user = UserFactory(mobile="139 1234 5678")
    assert User.objects.get(mobile_index=blind_index("13912345678", "mobile")) == user
    user.mobile = ""
    user.save()
    assert User.objects.get(pk=user.pk).mobile_index == ""
    profile = ApplicationProfile.objects.create(application=ApplicationFactory(),
                                                legal_representative_id_number="36010219900307002x")
    assert ApplicationProfile.objects.get(
        legal_representative_id_index=blind_index("36010219900307002X", "id_number")) == profile
