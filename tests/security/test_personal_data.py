"""Personal data on every page, export and document that shows it (DESIGN.md §9, T-catalogue: PII).

The table ``PLACES`` lists each place with the personas who reach it. Each row says whether
that persona is entitled to the clear value; if not, the response must carry only the masked
form although the clear value exists in the database; if so, the clear read must leave an
audit event. The audit trail itself must never hold a clear value (auditors read it).

Entitlements (and why):
- bureau officers and heads see experts' contact data masked; an officer reveals it on purpose
  (``experts.contact_viewed``).
- district officers read the served enterprises' mobiles in clear to run the survey calls
  (第七条(三)): ``application.personal_data_viewed``.
- bureau staff read an objector's name and phone to investigate (``publicity.objection_viewed``).
- the applicant organisation's own users read their own forms (附件2 as Word) in clear; each
  download is audited (``application.documents_downloaded``).
- everyone else, and every other place (application sections for officials, experts and agencies,
  the expert pool list and export, an expert's and a user's own profile), shows masks only.
"""

import io
import re
import zipfile
from dataclasses import dataclass, field

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from shifan.accounts.mobile import set_own_mobile, users_with_mobile
from shifan.applications.enums import Status
from shifan.applications.models import ApplicationProfile, ServedEnterprise
from shifan.audit.models import AuditEvent
from shifan.district_review.domain import draw_survey_sample
from shifan.experts.models import Expert
from tests.factories import ApplicationFactory, ExpertFactory
from tests.views.worlds import publicity as publicity_world
from tests.views.worlds import review as review_world

pytestmark = pytest.mark.django_db

ID_NUMBER, ID_MASKED = "360102199003070039", "3601**********0039"
LEGAL_MOBILE, LEGAL_MASKED = "13711112222", "137****2222"
CONTACT_MOBILE, CONTACT_MASKED = "13733334444", "137****4444"
SERVED_MOBILE, SERVED_MASKED = "13755556666", "137****6666"
POOL_MOBILE, POOL_MASKED = "13912340000", "139****0000"
POOL_EMAIL = "pool.expert@example.test"
OWN_EXPERT_MOBILE, OWN_EXPERT_MASKED = "13900000001", "139****0001"  # tests/views/worlds/review.py
USER_MOBILE, USER_MASKED = "13866667777", "138****7777"
OBJECTOR_MOBILE = "13800000009"  # tests/views/worlds/publicity.py
PROFILE_CLEAR = (ID_NUMBER, LEGAL_MOBILE, CONTACT_MOBILE)
PROFILE_MASKED = (ID_MASKED, LEGAL_MASKED, CONTACT_MASKED)


def _fill(application) -> None:
    ApplicationProfile.objects.update_or_create(application=application, defaults={
        "legal_representative_name": "张法人", "legal_representative_id_number": ID_NUMBER,
        "legal_representative_mobile": LEGAL_MOBILE, "contact_name": "李联系", "contact_mobile": CONTACT_MOBILE,
    })
    ServedEnterprise.objects.create(application=application, name="被服务企业甲", contact="赵六",
                                    mobile=SERVED_MOBILE, satisfied=True)


@pytest.fixture
def world(personas, org_a, batch):
    app_a = ApplicationFactory(organization=org_a, batch=batch, status=Status.SUBMITTED)
    world = {"batch": batch, "app_a": app_a}
    world.update(review_world.add(personas=personas, world=world))
    world.update(publicity_world.add(personas=personas, world=world))
    for application in (app_a, world["app_rev"], world["app_ag"]):
        _fill(application)
    draw_survey_sample(app_a, actor=personas["officer_x"])
    world["pool_expert"] = ExpertFactory(name="库中专家", mobile=POOL_MOBILE, email=POOL_EMAIL)
    world["own_expert"] = Expert.objects.get(user=personas["expert_1"])
    set_own_mobile(personas["applicant_a"], actor=personas["applicant_a"], mobile=USER_MOBILE)
    return world


@dataclass(frozen=True)
class Place:
    label: str
    url: str  # URL name
    kwargs: dict = field(default_factory=dict)  # kwarg → world key, or "=literal"
    method: str = "GET"
    body: str = "html"  # html | xlsx | docx
    clear: tuple[str, ...] = ()  # values that exist in the database and must not leak
    masked: tuple[str, ...] = ()  # what a non-entitled reader sees instead
    readers: tuple[str, ...] = ()  # personas reaching the place without entitlement: masks only
    entitled: tuple[str, ...] = ()  # personas entitled to the clear values
    audit: str = ""  # the event of an entitled clear read


PLACES = [
    Place("专家库列表", "bureau:experts", clear=(POOL_MOBILE, POOL_EMAIL), masked=(POOL_MASKED,),
          readers=("bureau_officer", "bureau_head")),
    Place("专家详情", "bureau:expert", {"pk": "pool_expert"}, clear=(POOL_MOBILE, POOL_EMAIL),
          masked=(POOL_MASKED, "p***@example.test"), readers=("bureau_officer", "bureau_head")),
    Place("专家详情·查看联系方式", "bureau:expert-contact", {"pk": "pool_expert"}, method="POST",
          clear=(POOL_MOBILE, POOL_EMAIL), entitled=("bureau_officer",), audit="experts.contact_viewed"),
    Place("专家库导出", "bureau:experts-export", body="xlsx", clear=(POOL_MOBILE, POOL_EMAIL),
          masked=(POOL_MASKED, "p***@example.test"), readers=("bureau_officer", "bureau_head")),
    Place("专家本人信息", "expert:profile", clear=(OWN_EXPERT_MOBILE,), masked=(OWN_EXPERT_MASKED,),
          readers=("expert_1",)),
    Place("个人信息", "home:profile", clear=(USER_MOBILE,), masked=(USER_MASKED,), readers=("applicant_a",)),
    Place("申报·基本情况（县区）", "district:section", {"pk": "app_a", "code": "=basics"}, clear=PROFILE_CLEAR,
          masked=PROFILE_MASKED, readers=("officer_x",)),
    Place("申报·基本情况（市局）", "bureau:section", {"pk": "app_a", "code": "=basics"}, clear=PROFILE_CLEAR,
          masked=PROFILE_MASKED, readers=("bureau_officer", "bureau_head")),
    Place("申报·基本情况（专家）", "expert:section", {"pk": "app_rev", "code": "=basics"}, clear=PROFILE_CLEAR,
          masked=PROFILE_MASKED, readers=("expert_1",)),
    Place("申报·基本情况（评审机构）", "agency:section", {"pk": "app_ag", "code": "=basics"}, clear=PROFILE_CLEAR,
          masked=PROFILE_MASKED, readers=("agency",)),
    Place("附件5（市局）", "bureau:section", {"pk": "app_a", "code": "=served"}, clear=(SERVED_MOBILE,),
          masked=(SERVED_MASKED,), readers=("bureau_officer", "bureau_head")),
    Place("附件5（专家）", "expert:section", {"pk": "app_rev", "code": "=served"}, clear=(SERVED_MOBILE,),
          masked=(SERVED_MASKED,), readers=("expert_1",)),
    Place("附件5（评审机构）", "agency:section", {"pk": "app_ag", "code": "=served"}, clear=(SERVED_MOBILE,),
          masked=(SERVED_MASKED,), readers=("agency",)),
    Place("附件5（县区，满意度调查用）", "district:section", {"pk": "app_a", "code": "=served"},
          clear=(SERVED_MOBILE,), entitled=("officer_x",), audit="application.personal_data_viewed"),
    Place("县区初审·抽样企业", "district:review", {"pk": "app_a"}, clear=(SERVED_MOBILE,),
          entitled=("officer_x",), audit="application.personal_data_viewed"),
    Place("异议详情", "bureau:objection", {"pk": "objection"}, clear=(OBJECTOR_MOBILE, "异议人甲"),
          entitled=("bureau_officer", "bureau_head"), audit="publicity.objection_viewed"),
    Place("附件2 申请报告（本单位）", "applicant:document", {"pk": "app_a", "code": "=report"}, body="docx",
          clear=PROFILE_CLEAR, entitled=("applicant_a", "applicant_a2"), audit="application.documents_downloaded"),
]
CASES = [(place, persona, False) for place in PLACES for persona in place.readers] + [
    (place, persona, True) for place in PLACES for persona in place.entitled
]


def _text(response, body: str) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if body == "xlsx":
        book = load_workbook(io.BytesIO(content), read_only=True)
        return "\n".join(str(v) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
                         for v in row if v is not None)
    if body == "docx":
        with zipfile.ZipFile(io.BytesIO(content)) as docx:
            return re.sub(r"<[^>]+>", "", docx.read("word/document.xml").decode())
    return content.decode()


@pytest.mark.parametrize(("place", "persona", "entitled"), CASES,
                         ids=[f"{p.label}-{persona}" for p, persona, _ in CASES])
def test_personal_data_is_masked_unless_entitled_and_clear_reads_are_audited(
    world, client_for, place, persona, entitled
):
    kwargs = {k: v[1:] if v.startswith("=") else world[v].pk for k, v in place.kwargs.items()}
    url = reverse(place.url, kwargs=kwargs)
    client = client_for(persona)
    before = AuditEvent.objects.count()
    response = client.get(url) if place.method == "GET" else client.post(url)
    assert response.status_code == 200, (place.label, persona, response.status_code)
    text = _text(response, place.body)
    events = list(AuditEvent.objects.filter(seq__gt=before).values_list("event", "actor_label"))
    if entitled:
        assert all(value in text for value in place.clear), (place.label, persona)
        assert (place.audit, persona) in events
    else:
        leaked = [value for value in place.clear if value in text]
        assert leaked == [], (place.label, persona, leaked)
        assert all(value in text for value in place.masked), (place.label, persona)
        assert not [e for e in events if e[0].endswith(("_viewed", "personal_data_viewed"))]


def test_the_audit_trail_never_holds_a_clear_value(world, client_for):
    """Auditors read the trail: after every place has been visited it holds no clear value."""
    for place, persona, _ in CASES:
        kwargs = {k: v[1:] if v.startswith("=") else world[v].pk for k, v in place.kwargs.items()}
        client = client_for(persona)
        url = reverse(place.url, kwargs=kwargs)
        client.get(url) if place.method == "GET" else client.post(url)
    client_for("applicant_a").post(reverse("home:profile"), {"mobile": "13866668888"})
    events = list(AuditEvent.objects.all())
    trail = "\n".join(f"{e.event} {e.data}" for e in events)
    secrets = {ID_NUMBER, LEGAL_MOBILE, CONTACT_MOBILE, SERVED_MOBILE, POOL_MOBILE, POOL_EMAIL, OWN_EXPERT_MOBILE,
               USER_MOBILE, "13866668888", OBJECTOR_MOBILE}
    assert [s for s in secrets if s in trail] == []
    changes = [e.data for e in events if e.event == "accounts.mobile_changed"]
    assert {"old": "138****7777", "new": "138****8888"} in changes


# --- the user's own mobile (个人信息) --------------------------------------------------------------

def test_a_user_sets_their_mobile_and_sees_it_masked(personas, client_for):
    client = client_for("officer_x")
    response = client.post(reverse("home:profile"), {"mobile": "+86 139-1234-5678"}, follow=True)
    page = response.content.decode()
    assert "手机号码已保存为 139****5678。" in page
    assert "13912345678" not in page
    officer = personas["officer_x"].__class__.objects.get(pk=personas["officer_x"].pk)
    assert officer.mobile == "13912345678"
    assert list(users_with_mobile("139 1234 5678")) == [officer]
    event = AuditEvent.objects.get(event="accounts.mobile_changed")
    assert (event.actor_label, event.data) == ("officer_x", {"old": "", "new": "139****5678"})


@pytest.mark.parametrize(("typed", "message"), [
    ("1391234567", "手机号码应为以 1 开头的 11 位数字（可带 +86）。"),
    ("139****5678", "这是脱敏后的手机号码（如 138****8000），请填写完整的 11 位手机号码。"),
])
def test_a_bad_mobile_is_refused_in_chinese_and_kept_in_the_form(personas, client_for, typed, message):
    response = client_for("applicant_a").post(reverse("home:profile"), {"mobile": typed})
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert f'value="{typed}"' in page
    assert personas["applicant_a"].__class__.objects.get(pk=personas["applicant_a"].pk).mobile == ""
    assert not AuditEvent.objects.filter(event="accounts.mobile_changed").exists()


def test_an_empty_mobile_removes_it(personas, client_for):
    user = personas["applicant_a"]
    set_own_mobile(user, actor=user, mobile="13912345678")
    response = client_for("applicant_a").post(reverse("home:profile"), {"mobile": ""}, follow=True)
    assert "手机号码已删除。" in response.content.decode()
    user.refresh_from_db()
    assert (user.mobile, user.mobile_index) == ("", "")
