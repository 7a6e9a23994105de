"""Lists that grow with the years are paged (50 a page) and cost the same queries at any size.

For each page a small world is built and the page is measured; the data is grown by more than a
page (+60 rows) and the page is measured again: the query counts must be equal, exactly, page 1
must show 50 rows, newest first, and page 2 the rest. As in test_query_counts.py, the cached unread
count is emptied right before each measured request, so the counts are those of a cold request.
"""

import re
from datetime import timedelta
from decimal import Decimal
from itertools import count

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from shifan.applications.enums import Status
from shifan.city_review.models import PanelSeat
from shifan.support.domain import save_case
from shifan.tracking.models import Rectification, TrackingReport, TrackingRound
from tests.factories import ApplicationFactory, BatchFactory
from tests.portal.helpers import make_recognition
from tests.recognition_factories import make_decision
from tests.review_factories import make_expert, make_group, put_in_group, seat_expert, submit_score
from tests.support.helpers import BODY
from tests.support.helpers import recognised as recognised_in

pytestmark = pytest.mark.django_db

GROWTH = 60  # more than one page of 50
TODAY = timezone.localdate()
_serial = count(1)


def measured(client, url: str) -> tuple[int, str]:
    """(queries, page) of a cold GET: warmed once, then the cached unread count is emptied."""
    client.get(url)
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, f"GET {url} answered {response.status_code}"
    return len(captured), response.content.decode()


def rows(page: str, pattern: str) -> list[str]:
    return re.findall(pattern, page)


# --- 县区：动态跟踪 -------------------------------------------------------------------------------


def _round(year: int, officer) -> TrackingRound:
    return TrackingRound.objects.create(year=year, title=f"{year}年度示范平台动态跟踪", opens_on=TODAY,
                                        due_on=TODAY + timedelta(days=30), opened_by=officer)


def test_district_tracking_list_is_paged_at_a_constant_cost(client_for, personas, batch, org_a, org_b):
    officer = personas["bureau_officer"]
    ours = make_recognition(batch=batch, officer=officer, organization=org_a, platform_name="甲跟踪平台")
    theirs = make_recognition(batch=batch, officer=officer, organization=org_b, platform_name="乙跟踪平台")
    first = _round(1900, officer)
    failed = TrackingReport.objects.create(
        round=first, recognition=ours, state=TrackingReport.State.SUBMITTED, submitted_at=timezone.now(),
        eligible=False, evaluation={"conditions": [{"code": "5-2", "status": "fail"}]})
    Rectification.objects.create(report=failed, requirements="整改。", due_on=TODAY + timedelta(days=60),
                                 issued_by=officer)
    TrackingReport.objects.create(round=_round(1901, officer), recognition=ours)
    TrackingReport.objects.create(round=first, recognition=theirs)  # another district's: never listed
    client, url = client_for("officer_x"), "/district/tracking/"
    small, _ = measured(client, url)

    for year in range(1902, 1902 + GROWTH):
        report = TrackingReport.objects.create(round=_round(year, officer), recognition=ours)
        Rectification.objects.create(report=report, requirements="整改。", due_on=TODAY, issued_by=officer)
    large, page = measured(client, url)
    assert large == small
    years = rows(page, r'<tr data-report="\d+">\s*<td>(\d+)</td>')
    assert len(years) == 50 and years[0] == str(1901 + GROWTH) and years == sorted(years, reverse=True)
    second = client.get(url, {"page": 2}).content.decode()
    assert rows(second, r'<tr data-report="\d+">\s*<td>(\d+)</td>') == [str(y) for y in range(1911, 1899, -1)]
    assert "乙跟踪平台" not in page + second


def test_district_tracking_list_empty_says_what_comes_next(client_for):
    page = client_for("officer_x").get("/district/tracking/").content.decode()
    assert ('<p class="empty">本辖区暂无示范平台的动态跟踪报告。市中小企业服务局开启年度动态跟踪后，'
            "本辖区示范平台报送的年度报告和核查结果会出现在这里。</p>") in page


# --- 市局：动态跟踪轮次 ----------------------------------------------------------------------------


def test_bureau_tracking_rounds_are_paged_at_a_constant_cost(client_for, personas, batch, org_a):
    officer = personas["bureau_officer"]
    recognition = make_recognition(batch=batch, officer=officer, organization=org_a)
    for year in (1900, 1901):
        TrackingReport.objects.create(round=_round(year, officer), recognition=recognition)
    client, url = client_for("bureau_officer"), "/bureau/tracking/"
    small, _ = measured(client, url)

    for year in range(1902, 1902 + GROWTH):
        TrackingReport.objects.create(round=_round(year, officer), recognition=recognition)
    large, page = measured(client, url)
    assert large == small
    pattern = r'<tr>\s*<td>(\d+)</td><td><a href="/bureau/tracking/\d+/">'
    years = rows(page, pattern)
    assert len(years) == 50 and years[0] == str(1901 + GROWTH) and years == sorted(years, reverse=True)
    second = client.get(url, {"page": 2}).content.decode()
    assert rows(second, pattern) == [str(y) for y in range(1911, 1899, -1)]
    assert re.search(r"<td>1900</td>.*?<td>1</td>\s*</tr>", second, re.S)  # the round's report count


def test_bureau_tracking_rounds_empty_says_what_to_do(client_for):
    page = client_for("bureau_officer").get("/bureau/tracking/").content.decode()
    assert "还没有开启过动态跟踪。每年在下方开启一轮年度动态跟踪" in page
    page = client_for("bureau_head").get("/bureau/tracking/").content.decode()
    assert "还没有开启过动态跟踪。市局经办人员开启年度动态跟踪后，各轮次会出现在这里。" in page


# --- 市局：公示 -------------------------------------------------------------------------------------


def _publicity(batch, officer, days_ago: int):
    return make_decision(batch, officer=officer, head=officer,
                         decided_on=TODAY - timedelta(days=days_ago)).publicity


def test_bureau_publicity_list_is_paged_at_a_constant_cost_and_keeps_the_batch(client_for, personas, batch):
    officer = personas["bureau_officer"]
    other_batch = BatchFactory(year=batch.year - 1)
    _publicity(other_batch, officer, 1)  # another batch's: never listed
    for days in (1000, 999):
        _publicity(batch, officer, days)
    client, url = client_for("bureau_officer"), f"/bureau/publicity/?batch={batch.pk}"
    small, _ = measured(client, url)

    newest = [_publicity(batch, officer, days) for days in range(998, 998 - GROWTH, -1)][-1]
    large, page = measured(client, url)
    assert large == small
    pattern = r'<li><a href="/bureau/publicity/(\d+)/">'
    listed = rows(page, pattern)
    assert len(listed) == 50 and listed[0] == str(newest.pk)
    assert f"?batch={batch.pk}&amp;page=2" in page  # the pager keeps the chosen batch
    second = client.get(url + "&page=2").content.decode()
    assert len(rows(second, pattern)) == 12
    assert other_batch.name not in second and len(set(listed + rows(second, pattern))) == 62


# --- 专家工作台 -------------------------------------------------------------------------------------


def _finished_group(batch, expert, officer, *, scored: bool):
    """A group whose review has ended (its application reviewed), with the expert's reading seat."""
    group = make_group(batch, actor=officer, name=f"历史组{next(_serial)}")
    application = ApplicationFactory(batch=batch, status=Status.REVIEWED)
    put_in_group(application, group, officer)
    seat = seat_expert(group, expert, actor=officer)
    if scored:
        submit_score(application, group=group, scorer=expert.user, seat=seat, points=Decimal(80))
    return group


def _declined_group(batch, expert, officer):
    group = make_group(batch, actor=officer, name=f"谢绝组{next(_serial)}")
    put_in_group(ApplicationFactory(batch=batch, status=Status.REVIEWED), group, officer)
    PanelSeat.objects.filter(pk=seat_expert(group, expert, actor=officer, declared=False).pk).update(
        state=PanelSeat.State.DECLINED, decline_reason="时间冲突。")
    return group


def _invited_group(batch, expert, officer, *, name: str, status: str):
    """A group with one application in ``status`` whose seat invites the expert (not answered yet)."""
    group = make_group(batch, actor=officer, name=name)
    put_in_group(ApplicationFactory(batch=batch, status=status), group, officer)
    PanelSeat.objects.filter(pk=seat_expert(group, expert, actor=officer, declared=False).pk).update(
        state=PanelSeat.State.INVITED, invited_at=timezone.now())
    return group


def _undeclared_group(batch, expert, officer, *, name: str, status: str):
    """A group with one application in ``status`` where the expert accepted but has not declared."""
    group = make_group(batch, actor=officer, name=name)
    put_in_group(ApplicationFactory(batch=batch, status=status), group, officer)
    seat_expert(group, expert, actor=officer, declared=False)
    return group


def test_expert_home_keeps_the_work_whole_and_pages_the_history(client_for, personas, batch):
    officer = personas["bureau_officer"]
    expert = make_expert(user=personas["expert_1"], name="专家一")
    # Actionable: an invitation, a seat to declare, an open review with an application to score.
    _invited_group(batch, expert, officer, name="邀请组", status=Status.IN_REVIEW)
    _undeclared_group(batch, expert, officer, name="待声明组", status=Status.IN_REVIEW)
    open_group = make_group(batch, actor=officer, name="评审中组")
    to_score = ApplicationFactory(batch=batch, status=Status.IN_REVIEW, platform_name="待评分平台")
    put_in_group(to_score, open_group, officer)
    seat_expert(open_group, expert, actor=officer)
    # History: one finished group and one declined invitation.
    oldest = _finished_group(batch, expert, officer, scored=True)
    _declined_group(batch, expert, officer)
    client, url = client_for("expert_1"), "/expert/"
    small, _ = measured(client, url)

    grown = [_finished_group(batch, expert, officer, scored=i % 2 == 0) if i % 3 else
             _declined_group(batch, expert, officer) for i in range(GROWTH)]
    large, page = measured(client, url)
    assert large == small
    history = r'<li>[^<]*· ((?:历史组|谢绝组)\d+)：'
    listed = rows(page, history)
    assert len(listed) == 50 and listed[0] == grown[-1].name
    second = client.get(url, {"page": 2}).content.decode()
    assert len(rows(second, history)) == 12 and rows(second, history)[-1] == oldest.name
    assert len(set(listed + rows(second, history))) == 62
    for shown in (page, second):  # the work to do is on every page, whole
        assert "接受邀请" in shown and "邀请组" in shown
        assert 'href="/expert/seats/' in shown and "待声明组" in shown
        assert "待评分平台" in shown and f"/expert/applications/{to_score.pk}/score/" in shown
    assert "评审已结束，提交评分 1 份" in page + second and "已谢绝" in page + second


def test_an_invitation_or_declaration_of_a_review_that_ended_moves_to_the_history(client_for, personas, batch):
    officer = personas["bureau_officer"]
    expert = make_expert(user=personas["expert_1"], name="专家一")
    _invited_group(batch, expert, officer, name="已结束邀请组", status=Status.REVIEWED)
    _undeclared_group(batch, expert, officer, name="已结束声明组", status=Status.REVIEWED)

    page = client_for("expert_1").get("/expert/").content.decode()
    # nothing can be answered any more: no invitation section, no declaration link
    assert 'id="invited-title"' not in page and "/declare/" not in page
    history = page.split('id="review-history"')[1]
    assert "已结束邀请组：评审已结束，未答复邀请" in history
    assert "已结束声明组：评审已结束，提交评分 0 份" in history


def test_district_case_list_is_paged_at_a_constant_cost(client_for, personas, district_x, district_y):
    officer = personas["officer_x"]
    ours = recognised_in(district_x, personas, name="甲经验平台")
    theirs = recognised_in(district_y, personas, name="乙经验平台")
    save_case(theirs, actor=personas["officer_y"], title="他区的经验", summary="摘要。", body=BODY)
    first = save_case(ours, actor=officer, title="经验0", summary="摘要。", body=BODY)
    client, url = client_for("officer_x"), "/district/cases/"
    small, _ = measured(client, url)

    for n in range(1, GROWTH + 1):
        save_case(ours, actor=officer, title=f"经验{n}", summary="摘要。", body=BODY)
    large, page = measured(client, url)
    assert large == small
    titles = rows(page, r'<a href="/district/cases/\d+/">(经验\d+)</a>')
    assert len(titles) == 50 and titles[0] == f"经验{GROWTH}"  # last changed first
    second = client.get(url, {"page": 2}).content.decode()
    more = rows(second, r'<a href="/district/cases/\d+/">(经验\d+)</a>')
    assert len(more) == 11 and more[-1] == first.title
    assert "他区的经验" not in page + second
