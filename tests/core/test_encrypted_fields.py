"""Personal data is encrypted at rest with SM4-GCM and read back in clear by the code."""

import pytest
from django.db import connection
from django.test import override_settings

from shifan.applications.models import ApplicationProfile
from shifan.core.crypto import DecryptionError, decrypt_field, encrypt_field
from shifan.core.fields import mask_id_number, mask_mobile
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db

ID_NUMBER = "360102199001011234"
MOBILE = "13812348000"


@pytest.fixture
def profile():
    return ApplicationProfile.objects.create(
        application=ApplicationFactory(),
        legal_representative_id_number=ID_NUMBER,
        legal_representative_mobile=MOBILE,
    )


def _raw(column: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM applications_applicationprofile WHERE id = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


def test_the_database_holds_ciphertext_and_the_code_reads_clear_text(profile):
    stored = _raw("legal_representative_id_number", profile.pk)
    assert stored.startswith("sm4gcm:t1:")
    assert ID_NUMBER not in stored
    fresh = ApplicationProfile.objects.get(pk=profile.pk)
    assert (fresh.legal_representative_id_number, fresh.legal_representative_mobile) == (ID_NUMBER, MOBILE)


def test_the_same_value_encrypts_differently_each_time(profile):
    aad = b"applications.applicationprofile.legal_representative_mobile"
    again = encrypt_field(MOBILE, key_id="t1", key=bytes.fromhex("3c" * 16), aad=aad)
    assert _raw("legal_representative_mobile", profile.pk) != again
    assert decrypt_field(again, keys={"t1": bytes.fromhex("3c" * 16)}, aad=aad) == MOBILE


def test_a_value_moved_to_another_column_does_not_decrypt(profile):
    token = _raw("legal_representative_mobile", profile.pk)
    with pytest.raises(DecryptionError):
        aad = b"applications.applicationprofile.contact_mobile"
        decrypt_field(token, keys={"t1": bytes.fromhex("3c" * 16)}, aad=aad)


def test_values_written_under_an_older_key_still_read_after_rotation(profile):
    old_token = _raw("legal_representative_mobile", profile.pk)
    with override_settings(FIELD_ENCRYPTION_KEYS="t2:" + "5e" * 16 + ",t1:" + "3c" * 16):
        assert ApplicationProfile.objects.get(pk=profile.pk).legal_representative_mobile == MOBILE
        ApplicationProfile.objects.filter(pk=profile.pk).update(contact_mobile="13900001111")
        assert _raw("contact_mobile", profile.pk).startswith("sm4gcm:t2:")
        assert _raw("legal_representative_mobile", profile.pk) == old_token


def test_empty_values_stay_empty(profile):
    assert _raw("contact_mobile", profile.pk) == ""
    assert ApplicationProfile.objects.get(pk=profile.pk).contact_mobile == ""


def test_masks():
    assert mask_mobile(MOBILE) == "138****8000"
    assert mask_id_number(ID_NUMBER) == "3601**********1234"
