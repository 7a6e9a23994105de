"""Recognised platforms for the portal's tests, with a profile full of personal data.

The chain of rows (approved list → publicity → approved decision → recognition, and an approved
revocation when asked) comes from tests/recognition_factories.py. What this module adds is the
application's profile: a contact person, a mobile, an ID number and an e-mail, so that tests can
prove none of them reaches a public page, next to the office phone, address and website that may.
"""

from datetime import timedelta
from itertools import count

from django.utils import timezone

from shifan.applications.enums import Status
from shifan.applications.models import ApplicationProfile
from shifan.recognition.models import Decision, Recognition
from tests import recognition_factories
from tests.factories import ApplicationFactory

_serial = count(1)

# Personal data declared in every test profile: none of it may appear on a public page.
CONTACT_NAME = "王联系人"
LEGAL_NAME = "赵法人"
CONTACT_MOBILE = "13912345678"
LEGAL_ID = "360102198001011234"
LEGAL_MOBILE = "13800001111"
EMAIL = "wang.contact@example.test"
# The organisation's public contact.
OFFICE_PHONE = "0791-86123456"
ADDRESS = "南昌市东湖区某某路 88 号"
WEBSITE = "www.example-platform.test"


def make_decision(batch, officer, *, head=None, decided_on=None) -> Decision:
    """An approved 认定决定 with a number (30 days ago unless told), for several recognitions."""
    return recognition_factories.make_decision(batch, officer=officer, head=head or officer,
                                               decided_on=decided_on or timezone.localdate() - timedelta(days=30))


def make_recognition(*, batch, officer, head=None, organization=None, platform_name=None, functions=("technology",),
                     decision=None, starts_on=None, expires_on=None, revoked=False, code=None,
                     profile: dict | None = None) -> Recognition:
    """A recognition of a fresh application of ``organization`` (a new one if None) in ``batch``.

    ``profile`` overrides or adds profile fields (e.g. ``{"contact_phone": "13900001111"}``).
    """
    head = head or officer
    decision = decision or make_decision(batch, officer, head=head, decided_on=starts_on)
    extra = {"organization": organization} if organization is not None else {}
    application = ApplicationFactory(batch=batch, status=Status.RECOGNISED,
                                     platform_name=platform_name or f"测试示范平台{next(_serial)}", **extra)
    ApplicationProfile.objects.create(application=application, **{
        "service_functions": list(functions), "address": ADDRESS, "website": WEBSITE,
        "contact_name": CONTACT_NAME, "contact_phone": OFFICE_PHONE, "contact_mobile": CONTACT_MOBILE,
        "legal_representative_name": LEGAL_NAME, "legal_representative_id_number": LEGAL_ID,
        "legal_representative_mobile": LEGAL_MOBILE, "email": EMAIL,
        "report_services": f"平台为中小企业提供检测和咨询服务，联系人{CONTACT_NAME}，手机{CONTACT_MOBILE}，"
                           f"邮箱{EMAIL}，法定代表人{LEGAL_NAME}（身份证{LEGAL_ID}）。",
        **(profile or {}),
    })
    fields = {"verification_code": code} if code else {}
    return recognition_factories.make_recognition(
        application, officer=officer, head=head, decision=decision, starts_on=starts_on, expires_on=expires_on,
        revoked=revoked, service_functions=list(functions), **fields,
    )
