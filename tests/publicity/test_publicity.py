"""公示 and 异议: the window in working days, the objection window's edges, rulings, the decision blockers."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from shifan.applications.enums import Status
from shifan.audit.models import AuditEvent
from shifan.documents.models import NumberSequence
from shifan.publicity.domain import decision_blockers, file_objection, publish, rule_on_objection
from shifan.publicity.models import Objection, ObjectionEvidence
from shifan.workdays.models import CalendarYear
from tests.factories import MINIMAL_PDF
from tests.publicity.conftest import SEPT_24

pytestmark = pytest.mark.django_db


def _publish(plist, officer, day=SEPT_24, **kwargs):
    return publish(plist, actor=officer, published_on=day, contact="市中小企业服务局 0791-83869992", **kwargs)


def test_publishing_on_24_september_2026_runs_five_working_days_to_9_october(approved_list, officer):
    publicity = _publish(approved_list, officer)
    assert (publicity.starts_on, publicity.ends_on, publicity.working_days) == (SEPT_24, dt.date(2026, 10, 9), 5)
    assert publicity.notice_number == "洪企服字〔2026〕1号"
    assert publicity.title == "2026年度南昌市中小企业公共服务示范平台拟认定名单公示"
    statuses = {e.application.platform_name: e.application.status for e in publicity.entries.all()}
    assert statuses == {"甲示范平台": Status.IN_PUBLICITY, "乙示范平台": Status.IN_PUBLICITY}
    event = AuditEvent.objects.get(event="publicity.published")
    assert (event.data["starts_on"], event.data["ends_on"]) == ("2026-09-24", "2026-10-09")


def test_counting_from_the_publication_day_itself_is_a_choice(approved_list, officer):
    publicity = _publish(approved_list, officer, from_next_day=False)
    # 24, 28, 29, 30 September, 8 October: 9/25 is 中秋节 and 10/1–10/7 国庆节.
    assert publicity.ends_on == dt.date(2026, 10, 8)


def test_a_year_without_a_holiday_arrangement_refuses_to_publish(approved_list, officer):
    CalendarYear.objects.filter(year=2031).delete()
    with pytest.raises(ValidationError) as error:
        _publish(approved_list, officer, day=dt.date(2031, 3, 2))
    assert "2031 年的节假日安排尚未录入" in error.value.message_dict["published_on"][0]
    assert not NumberSequence.objects.filter(last__gt=0).exists()  # no number was used up


def test_only_an_approved_list_is_published_once_by_an_officer(approved_list, officer, head):
    with pytest.raises(PermissionDenied):
        _publish(approved_list, head)
    _publish(approved_list, officer)
    with pytest.raises(ValidationError, match="已经公示"):
        _publish(approved_list, officer)


@pytest.fixture
def publicity(approved_list, officer):
    return _publish(approved_list, officer)


def _object(publicity, day, **overrides):
    values = dict(entry=publicity.entries.first(), name="王某", mobile="13800138000",
                  content="该平台申报的服务企业名单中有多家企业并未接受过其服务。", today=day)
    return file_objection(publicity, **{**values, **overrides})


def test_objections_are_taken_on_the_first_and_the_last_day_and_refused_outside(publicity):
    assert _object(publicity, SEPT_24).state == Objection.State.RECEIVED
    assert _object(publicity, dt.date(2026, 10, 9)).state == Objection.State.RECEIVED
    with pytest.raises(ValidationError) as after:
        _object(publicity, dt.date(2026, 10, 10))
    assert after.value.messages == ["公示期已于 2026年10月09日 结束，不再受理异议。"]
    with pytest.raises(ValidationError) as before:
        _object(publicity, dt.date(2026, 9, 23))
    assert before.value.messages == ["公示将于 2026年09月24日 开始，届时方可提出异议。"]
    assert Objection.objects.count() == 2


def test_an_objection_needs_a_real_name_a_valid_mobile_some_substance_and_clean_files(publicity):
    with pytest.raises(ValidationError) as error:
        _object(publicity, SEPT_24, name=" ", mobile="12345", content="不同意",
                files=[(b"MZ\x90\x00", "证据.pdf")])
    problems = error.value.message_dict
    assert problems["name"] == ["请填写真实姓名（匿名异议不予受理）。"]
    assert "mobile" in problems
    assert problems["content"] == ["请具体说明异议的事实和理由（至少 10 个字）。"]
    assert problems["evidence"] == ["证据.pdf：文件内容是可执行程序，出于安全原因不能上传。"]
    assert not Objection.objects.exists() and not ObjectionEvidence.objects.exists()


def test_an_objection_keeps_its_evidence_and_its_personal_data_out_of_the_audit_log(publicity, personas):
    made = _object(publicity, SEPT_24, files=[(MINIMAL_PDF, "情况说明.pdf")], email="wang@example.test")
    assert [e.name for e in made.evidence.all()] == ["情况说明.pdf"]
    event = AuditEvent.objects.get(event="publicity.objection_filed")
    assert "13800138000" not in str(event.data) and "王某" not in str(event.data)
    assert made.mobile == "13800138000"  # stored encrypted, read back in clear by the bureau


def test_an_upheld_objection_takes_the_platform_off_the_list(publicity, officer):
    objection = _object(publicity, SEPT_24)
    with pytest.raises(ValidationError):
        rule_on_objection(objection, actor=officer, upheld=True, investigation="")
    rule_on_objection(objection, actor=officer, upheld=True, investigation="经核实，名单中 12 家企业未接受服务。")
    entry = objection.entry
    entry.refresh_from_db()
    entry.application.refresh_from_db()
    assert entry.removed_at is not None and entry.application.status == Status.NOT_PROPOSED
    with pytest.raises(ValidationError, match="已经处理"):
        rule_on_objection(objection, actor=officer, upheld=False, investigation="再次处理")


def test_a_dismissed_objection_leaves_the_list_as_it_was(publicity, officer, head):
    objection = _object(publicity, SEPT_24)
    with pytest.raises(PermissionDenied):
        rule_on_objection(objection, actor=head, upheld=False, investigation="经核实不成立。")
    rule_on_objection(objection, actor=officer, upheld=False, investigation="经核实，企业均确认接受过服务。")
    objection.entry.application.refresh_from_db()
    assert objection.entry.application.status == Status.IN_PUBLICITY


def test_no_decision_during_the_window_or_while_an_objection_is_open(publicity, officer):
    assert decision_blockers(publicity, dt.date(2026, 10, 9)) == [
        "公示期至 2026年10月09日 结束，公示期满后方可作出认定决定。"]
    objection = _object(publicity, dt.date(2026, 10, 9))
    assert decision_blockers(publicity, dt.date(2026, 10, 10)) == ["尚有 1 件异议未处理完毕。"]
    rule_on_objection(objection, actor=officer, upheld=False, investigation="经核实不成立。")
    assert decision_blockers(publicity, dt.date(2026, 10, 10)) == []
