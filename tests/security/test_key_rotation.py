"""Key rotation (DESIGN.md §9): ``manage.py rotate_keys`` moves every encrypted column and every
blind index to the current keys, idempotently and audited; afterwards the old keys can go."""

from io import StringIO

import pytest
from django.core.checks import Warning
from django.core.management import call_command
from django.db import connection

from shifan.accounts.models import User
from shifan.applications.models import ApplicationProfile
from shifan.audit.models import AuditEvent
from shifan.core.checks import personal_data_keys
from shifan.core.crypto import blind_index
from shifan.core.fields import encrypted_fields, index_fields
from shifan.core.rotation import models_with_personal_data
from shifan.experts.checks import expert_with_mobile
from shifan.experts.models import Expert
from tests.factories import ApplicationFactory, ExpertFactory, UserFactory

pytestmark = pytest.mark.django_db

T0, T1 = "t0:" + "4d" * 16, "t1:" + "3c" * 16
I0, I1 = "i0:" + "7e" * 16, "i1:" + "6b" * 16
ID_NUMBER = "36010219900307002x"  # lower-case x: the index upper-cases it


def _raw(obj, column: str) -> str:
    table = obj._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT "{column}" FROM "{table}" WHERE id = %s', [obj.pk])  # noqa: S608 -- our names
        return cursor.fetchone()[0]


@pytest.fixture
def old_world(settings):
    """Data written while only t0 / i0 existed."""
    settings.FIELD_ENCRYPTION_KEYS, settings.INDEX_KEYS = T0, I0
    expert = ExpertFactory(mobile="13912345678", email="zhang@example.test")
    user = UserFactory(mobile="13887654321")
    profile, _ = ApplicationProfile.objects.update_or_create(
        application=ApplicationFactory(),
        defaults={"legal_representative_id_number": ID_NUMBER, "legal_representative_mobile": "13700001111",
                  "contact_mobile": "13700002222"},
    )
    return {"expert": expert, "user": user, "profile": profile}


ENCRYPTED = [("expert", "mobile", "13912345678"), ("expert", "email", "zhang@example.test"),
             ("user", "mobile", "13887654321"), ("profile", "legal_representative_id_number", ID_NUMBER),
             ("profile", "legal_representative_mobile", "13700001111"), ("profile", "contact_mobile", "13700002222")]
INDEXES = [("expert", "mobile_index", "13912345678", "mobile"), ("user", "mobile_index", "13887654321", "mobile"),
           ("profile", "legal_representative_id_index", ID_NUMBER.upper(), "id_number")]


def _assert_under(world, field_key: str, index_key: str) -> None:
    for name, column, plain in ENCRYPTED:
        obj = world[name]
        assert _raw(obj, column).startswith(f"sm4gcm:{field_key}:"), (name, column)
        assert getattr(type(obj).objects.get(pk=obj.pk), column) == plain
    for name, column, plain, purpose in INDEXES:
        obj = world[name]
        assert _raw(obj, column) == blind_index(plain, purpose)
        assert _raw(obj, column).startswith(f"{index_key}:")


def test_rotation_moves_every_value_to_the_new_keys_and_the_old_keys_can_then_go(old_world, settings):
    _assert_under(old_world, "t0", "i0")

    settings.FIELD_ENCRYPTION_KEYS, settings.INDEX_KEYS = f"{T1},{T0}", f"{I1},{I0}"
    # Before the rotation old rows still read, and a lookup still finds them under the old index key.
    assert expert_with_mobile("139 1234 5678") == old_world["expert"]
    out = StringIO()
    call_command("rotate_keys", "--batch-size", "1", stdout=out)
    _assert_under(old_world, "t1", "i1")
    text = out.getvalue()
    assert "当前字段加密密钥：t1；当前盲索引密钥：i1" in text
    assert "评审专家（experts.Expert）：检查 1 条，重新加密 1 条，重算索引 1 条" in text
    assert "密钥轮换完成：共检查 3 条记录，重新加密 3 条，重算索引 3 条。" in text
    event = AuditEvent.objects.get(event="security.keys_rotated")
    assert (event.data["rows"], event.data["reencrypted"], event.data["reindexed"]) == (3, 3, 3)
    assert event.data["models"]["applications.ApplicationProfile"]["fields"] == {
        "legal_representative_id_number": 1, "legal_representative_mobile": 1, "contact_mobile": 1,
        "legal_representative_id_index": 1,
    }
    assert (event.data["field_key"], event.data["index_key"]) == ("t1", "i1")

    # Idempotent: a second run finds nothing to do (and is audited with zero counts).
    again = StringIO()
    call_command("rotate_keys", stdout=again)
    assert "重新加密 0 条，重算索引 0 条。" in again.getvalue()
    assert AuditEvent.objects.filter(event="security.keys_rotated").count() == 2

    # The old keys are removed: everything still reads and every lookup works.
    settings.FIELD_ENCRYPTION_KEYS, settings.INDEX_KEYS = T1, I1
    _assert_under(old_world, "t1", "i1")
    assert expert_with_mobile("+8613912345678") == old_world["expert"]
    assert User.objects.get(mobile_index=blind_index("13887654321", "mobile")) == old_world["user"]
    assert ApplicationProfile.objects.get(
        legal_representative_id_index=blind_index(ID_NUMBER, "id_number")
    ) == old_world["profile"]


def test_rotation_repairs_an_index_left_stale_by_a_queryset_update(settings):
    settings.FIELD_ENCRYPTION_KEYS, settings.INDEX_KEYS = T1, I1
    expert = ExpertFactory(mobile="13911112222")
    Expert.objects.filter(pk=expert.pk).update(mobile="13933334444")  # bypasses the index field
    call_command("rotate_keys", stdout=StringIO())
    assert _raw(expert, "mobile_index") == blind_index("13933334444", "mobile")


def test_every_model_with_personal_data_is_rotated():
    labels = {m._meta.label for m in models_with_personal_data()}
    assert labels >= {"accounts.User", "experts.Expert", "experts.ExpertImport", "applications.ApplicationProfile",
                      "district_review.SurveyResponse", "publicity.Objection"}
    for model in models_with_personal_data():
        for f in index_fields(model):
            assert f.source in {e.name for e in encrypted_fields(model)}


@pytest.mark.parametrize(("debug", "field_keys", "index_keys", "expected"), [
    (False, "dev:" + "0f" * 16, "dev:" + "1e" * 16, ["SHIFAN_FIELD_KEYS", "SHIFAN_INDEX_KEYS"]),
    (False, "p1:" + "a1" * 16 + ",dev:" + "0f" * 16, "p1:" + "b2" * 16, ["SHIFAN_FIELD_KEYS"]),
    (False, "p1:" + "a1" * 16, "p1:" + "b2" * 16, []),
    (True, "dev:" + "0f" * 16, "dev:" + "1e" * 16, []),
])
def test_a_system_check_warns_about_public_keys_when_debug_is_off(settings, debug, field_keys, index_keys,
                                                                  expected):
    settings.DEBUG, settings.FIELD_ENCRYPTION_KEYS, settings.INDEX_KEYS = debug, field_keys, index_keys
    found = personal_data_keys()
    assert [w.msg.split(" ")[0] for w in found] == expected
    assert all(isinstance(w, Warning) and w.id == "core.W001" for w in found)
