"""Status badges and timelines (issue 11): the reviewers' application pages, and every other object
with a state shown as the same badge (``<span class="badge badge-<tone>" data-status="<code>">label``)."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from shifan.applications.enums import Action, Status
from shifan.applications.models import StatusChange
from shifan.jobs.domain import create_job, fail_job, finish_job, start_job
from shifan.publicity.models import Objection
from shifan.recognition.models import STATUS_LABELS, Approval, Revocation
from shifan.support.domain import decline_case, publish_case
from shifan.tracking.domain import issue_rectification, open_round, save_report, submit_report
from shifan.workspace.states import RECOGNITION_TONES, TONES
from tests.factories import ApplicationFactory, BatchFactory
from tests.recognition_factories import make_recognition
from tests.review_factories import make_expert, make_group, put_in_group, seat_expert
from tests.support.helpers import recognised as recognised_in
from tests.support.helpers import submitted_case
from tests.tracking.helpers import ACTIVITIES, FAILING, recognised

pytestmark = pytest.mark.django_db

TONE_CLASSES = {"success", "danger", "warning", "info", "neutral"}
SHANGHAI = ZoneInfo("Asia/Shanghai")


def badge(tone: str, code: str, label: str) -> str:
    return f'<span class="badge badge-{tone}" data-status="{code}">{label}</span>'


# --- the tone table ----------------------------------------------------------------------------------


def test_every_state_of_every_object_has_a_meaningful_tone():
    for model, (field, tones) in TONES.items():
        codes = {code for code, _ in model._meta.get_field(field).choices}
        assert set(tones) == codes, model
        assert set(tones.values()) <= TONE_CLASSES, model
    assert set(RECOGNITION_TONES) == set(STATUS_LABELS)
    # The same meaning, the same colour.
    assert RECOGNITION_TONES == {"valid": "success", "expired": "neutral", "revoked": "danger"}
    assert TONES[Revocation][1][Approval.APPROVED] == "danger"  # an approved revocation: the title is gone
    assert TONES[Objection][1] == {"received": "warning", "upheld": "danger", "dismissed": "neutral"}


# --- the reviewers' application pages ----------------------------------------------------------------

LEAKY_REASON = "专家二评分仅58分，服务业绩存疑"
RETURN_REASON = "附件4缺少社保缴纳证明"


def _at(day: int, hour: int) -> datetime:
    return datetime(2026, 3, day, hour, 0, tzinfo=SHANGHAI)


@pytest.fixture
def in_review(batch, org_a, personas):
    """An application in review with a history whose actors and reasons must not reach the reviewers."""
    application = ApplicationFactory(organization=org_a, batch=batch, status=Status.IN_REVIEW,
                                     platform_name="甲评审平台")
    steps = [
        (Action.SUBMIT, Status.DRAFT, Status.SUBMITTED, "applicant_a", "", _at(2, 9)),
        (Action.RETURN, Status.SUBMITTED, Status.RETURNED, "officer_x", RETURN_REASON, _at(3, 10)),
        (Action.SUBMIT, Status.RETURNED, Status.SUBMITTED, "applicant_a", "", _at(4, 11)),
        (Action.RECOMMEND, Status.SUBMITTED, Status.RECOMMENDED, "officer_x", "", _at(5, 14)),
        (Action.ACCEPT, Status.RECOMMENDED, Status.ACCEPTED, "bureau_officer", LEAKY_REASON, _at(9, 15)),
        (Action.START_REVIEW, Status.ACCEPTED, Status.IN_REVIEW, "bureau_officer", "", _at(10, 16)),
    ]
    for action, source, target, actor, reason, at in steps:
        StatusChange.objects.create(application=application, action=action, from_status=source, to_status=target,
                                    actor=personas[actor], reason=reason, at=at)
    return application


EXPECTED_STEPS = [
    ("2026-03-02T09:00:00+08:00", "提交申报", "info", "submitted", "待县区初审"),
    ("2026-03-03T10:00:00+08:00", "退回修改", "warning", "returned", "退回修改"),
    ("2026-03-04T11:00:00+08:00", "提交申报", "info", "submitted", "待县区初审"),
    ("2026-03-05T14:00:00+08:00", "推荐", "info", "recommended", "县区已推荐"),
    ("2026-03-09T15:00:00+08:00", "受理", "info", "accepted", "市局已受理"),
    ("2026-03-10T16:00:00+08:00", "进入评审", "info", "in_review", "评审中"),
]
NAMES = ("甲用户", "东湖区经办", "市局经办")


def _steps(page: str) -> list[tuple]:
    timeline = re.search(r'<ol class="timeline" data-timeline="reviewer">(.*?)</ol>', page, re.S)
    assert timeline, "the reviewer timeline is missing"
    return re.findall(r'<time datetime="([^"]+)">[^<]*</time>\s*<span class="what">([^<]*)</span> → '
                      r'<span class="badge badge-(\w+)" data-status="(\w+)">([^<]*)</span>', timeline[1])


def _assert_reviewer_page(page: str):
    assert f'<h1>甲评审平台 {badge("info", "in_review", "评审中")}</h1>' in page
    assert _steps(page) == EXPECTED_STEPS
    assert "3月10日 16:00" in page  # the time is shown, in Beijing time
    for secret in (*NAMES, LEAKY_REASON, RETURN_REASON, "理由："):
        assert secret not in page, secret


def test_the_full_timeline_names_actors_and_reasons_so_the_reviewers_pages_could_leak_them(client_for, in_review):
    page = client_for("bureau_officer").get(f"/bureau/applications/{in_review.pk}/").content.decode()
    for secret in (*NAMES, LEAKY_REASON, RETURN_REASON):
        assert secret in page, secret


def test_the_expert_sees_the_status_and_the_steps_but_not_who_or_why(client_for, in_review, personas):
    officer = personas["bureau_officer"]
    group = make_group(in_review.batch, actor=officer)
    put_in_group(in_review, group, officer)
    seat_expert(group, make_expert(user=personas["expert_1"], name="专家一"), actor=officer)
    response = client_for("expert_1").get(f"/expert/applications/{in_review.pk}/")
    assert response.status_code == 200
    _assert_reviewer_page(response.content.decode())


def test_the_agency_sees_the_status_and_the_steps_but_not_who_or_why(client_for, in_review, personas, agency_org):
    officer = personas["bureau_officer"]
    group = make_group(in_review.batch, actor=officer, mode="agency", agency=agency_org)
    put_in_group(in_review, group, officer)
    response = client_for("agency").get(f"/agency/applications/{in_review.pk}/")
    assert response.status_code == 200
    _assert_reviewer_page(response.content.decode())


# --- background jobs ---------------------------------------------------------------------------------


def test_the_job_page_shows_its_state_as_a_badge(client_for, personas, batch, org_a):
    application = ApplicationFactory(organization=org_a, batch=batch)
    client = client_for("applicant_a")

    def job(*, started: bool = True):
        created = create_job(kind="documents_zip", title="打包下载全部申报材料", actor=personas["applicant_a"],
                             target=application)
        if started:
            assert start_job(created)
        return created

    queued = job(started=False)
    page = client.get(f"/jobs/{queued.pk}/").content.decode()
    assert f'<span data-job-state="queued">{badge("warning", "queued", "排队中")}</span>' in page
    running = job()
    assert badge("info", "running", "处理中") in client.get(f"/jobs/{running.pk}/").content.decode()
    done = finish_job(job(), data=b"PK\x05\x06" + b"\x00" * 18, name="申报材料.zip",
                      content_type="application/zip")
    assert badge("success", "done", "已完成") in client.get(f"/jobs/{done.pk}/").content.decode()
    failed = fail_job(job(), "打包失败。")
    assert badge("danger", "failed", "失败") in client.get(f"/jobs/{failed.pk}/").content.decode()


# --- recognitions, revocations, the decision and objections --------------------------------------------


@pytest.fixture
def platforms(personas, org_a):
    officer, head = personas["bureau_officer"], personas["bureau_head"]
    today = timezone.localdate()
    def platform(name: str, year: int):  # one application per organisation and batch
        return ApplicationFactory(organization=org_a, batch=BatchFactory(year=year), platform_name=name)

    valid = make_recognition(platform("有效平台", today.year - 1), officer=officer, head=head)
    expired = make_recognition(platform("过期平台", today.year - 4), officer=officer, head=head,
                               starts_on=today - timedelta(days=1200), expires_on=today - timedelta(days=1))
    revoked = make_recognition(platform("撤销平台", today.year - 2), officer=officer, head=head, revoked=True)
    return {"valid": valid, "expired": expired, "revoked": revoked}


def test_the_bureau_recognition_list_and_pages_show_badges(client_for, platforms, personas):
    client = client_for("bureau_officer")
    listing = client.get("/bureau/recognitions/").content.decode()
    assert badge("success", "valid", "有效") in listing
    assert badge("neutral", "expired", "已过期") in listing
    assert badge("danger", "revoked", "已撤销") in listing
    revoked = client.get(f"/bureau/recognitions/{platforms['revoked'].pk}/").content.decode()
    assert f'<h1>撤销平台</h1>{badge("danger", "revoked", "已撤销")}' in revoked
    assert badge("danger", "approved", "已审批") in revoked  # the approved revocation
    valid = platforms["valid"]
    Revocation.objects.create(recognition=valid, reason="理由", public_reason="公开原因",
                              prepared_by=personas["bureau_officer"], state=Approval.SUBMITTED)
    page = client.get(f"/bureau/recognitions/{valid.pk}/").content.decode()
    assert badge("success", "valid", "有效") in page and badge("warning", "submitted", "待领导审批") in page


def test_the_applicant_home_shows_its_recognitions_as_badges(client_for, platforms):
    page = client_for("applicant_a").get("/applicant/").content.decode()
    for tone, code, label in (("success", "valid", "有效"), ("neutral", "expired", "已过期"),
                              ("danger", "revoked", "已撤销")):
        assert badge(tone, code, label) in page


def test_objections_and_the_decision_show_badges(client_for, platforms):
    decision = platforms["valid"].decision
    publicity, entry = decision.publicity, decision.publicity.entries.get()
    objection = Objection.objects.create(publicity=publicity, entry=entry, name="异议人甲", mobile="13800000009",
                                         content="异议内容足够长的一段文字。")
    client = client_for("bureau_officer")
    page = client.get(f"/bureau/publicity/{publicity.pk}/").content.decode()
    assert badge("warning", "received", "已受理，调查中") in page
    assert badge("success", "approved", "已审批") in page  # the decision
    page = client.get(f"/bureau/publicity/objections/{objection.pk}/").content.decode()
    assert f'<dd>{badge("warning", "received", "已受理，调查中")}</dd>' in page
    Objection.objects.filter(pk=objection.pk).update(state=Objection.State.UPHELD, investigation="查实。",
                                                     ruled_at=timezone.now())
    page = client.get(f"/bureau/publicity/objections/{objection.pk}/").content.decode()
    assert badge("danger", "upheld", "异议成立") in page


# --- typical cases (support) ------------------------------------------------------------------------


def test_typical_cases_show_badges_to_the_district_and_the_bureau(client_for, personas, district_x):
    recognition = recognised_in(district_x, personas)
    officer, bureau_officer = personas["officer_x"], personas["bureau_officer"]
    case = submitted_case(recognition, officer)
    submitted = badge("warning", "submitted", "已报送")
    district = client_for("officer_x")
    assert f"<td>{submitted}</td>" in district.get("/district/cases/").content.decode()
    assert submitted in district.get(f"/district/cases/{case.pk}/").content.decode()
    bureau = client_for("bureau_officer")
    assert submitted in bureau.get(f"/bureau/support/cases/{case.pk}/").content.decode()
    publish_case(case, actor=bureau_officer)
    declined = decline_case(submitted_case(recognition, officer, title="另一篇做法"), actor=bureau_officer,
                            reason="内容与已发布的经验重复。")
    listing = bureau.get("/bureau/support/cases/").content.decode()
    assert f'<td>{badge("success", "published", "已发布")}</td>' in listing
    assert f'<td>{badge("danger", "declined", "未采用")}</td>' in listing
    assert badge("danger", "declined", "未采用") in district.get(f"/district/cases/{declined.pk}/").content.decode()


# --- tracking reports and rectifications ----------------------------------------------------------------


def test_tracking_reports_and_rectifications_show_badges(client_for, personas, batch, org_a):
    officer, applicant = personas["bureau_officer"], personas["applicant_a"]
    today = timezone.localdate()
    recognition = recognised(org_a, officer=officer, head=personas["bureau_head"], year=batch.year - 9,
                             starts_on=today - timedelta(days=5), platform_name="甲跟踪平台")
    tracking_round = open_round(actor=officer, year=batch.year - 1, title="年度跟踪", opens_on=today,
                                due_on=today + timedelta(days=30))
    report = tracking_round.reports.get(recognition=recognition)
    client = client_for("applicant_a")
    draft = badge("warning", "draft", "未提交")
    assert draft in client.get("/applicant/tracking/").content.decode()
    assert draft in client.get("/applicant/").content.decode()  # the card of reports to file
    save_report(report, actor=applicant, figures=FAILING, activities=ACTIVITIES, summary="总结。")
    submit_report(report, actor=applicant)
    issue_rectification(report, actor=officer, due_on=today + timedelta(days=20), requirements="整改要求。")
    submitted, open_ = badge("success", "submitted", "已提交"), badge("warning", "open", "整改中")
    page = client.get(f"/applicant/tracking/{report.pk}/").content.decode()
    assert f'<span data-state="submitted">{submitted}</span>' in page and open_ in page
    assert submitted in client.get("/applicant/").content.decode()  # still on the card: a rectification is open
    page = client_for("officer_x").get(f"/district/tracking/reports/{report.pk}/").content.decode()
    assert f'<span data-state="submitted">{submitted}</span>' in page and open_ in page
    page = client_for("bureau_officer").get(f"/bureau/tracking/reports/{report.pk}/").content.decode()
    assert submitted in page and open_ in page


def test_policies_batches_and_review_seats_show_badges(client_for, personas, batch):
    officer = personas["bureau_officer"]
    policies = client_for("bureau_officer").get("/bureau/policies/").content.decode()
    assert badge("success", "active", "现行") in policies
    batches = client_for("bureau_officer").get("/bureau/batches/").content.decode()
    assert badge("success", "open", batch.get_state_display()) in batches

    group = make_group(batch, actor=officer)
    seat_expert(group, make_expert(name="评审专家甲"), actor=officer)
    page = client_for("bureau_officer").get(f"/bureau/review/groups/{group.pk}/").content.decode()
    assert badge("success", "accepted", "已接受") in page
