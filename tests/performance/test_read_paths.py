"""The read paths made cheap for issue 10: bulk eligibility, the paged publicity list, the portal's
short cache and the header's cached unread count — each still giving exactly the same answer."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from shifan.applications.dossier_io import evaluate_application, evaluate_applications
from shifan.applications.enums import Status
from shifan.applications.models import OperatingYear, ServedEnterprise
from shifan.notifications.domain import mark_read, notify
from shifan.notifications.models import Notification
from shifan.portal.publicity import ENTRIES_PER_PAGE
from tests.factories import ApplicationFactory, OrganizationFactory, make_submittable
from tests.portal.helpers import make_decision, make_recognition

pytestmark = pytest.mark.django_db


def _applications(batch, district, n: int, start: int = 0) -> list:
    made = []
    for i in range(start, start + n):
        organization = OrganizationFactory(jurisdiction=district, name=f"机构{i}有限公司")
        application = ApplicationFactory(batch=batch, status=Status.SUBMITTED, organization=organization)
        make_submittable(application)
        if i % 2:  # half with operating years and served SMEs, half with none
            OperatingYear.objects.create(application=application, year=batch.year - 1, smes_served=120 + i,
                                         training_person_times=300, service_volume=50, public_welfare_volume=10)
            ServedEnterprise.objects.bulk_create([
                ServedEnterprise(application=application, seq=k, name=f"企业{k}", satisfied=bool(k % 3))
                for k in range(1, 8 + i)])
        made.append(application)
    return made


def test_bulk_eligibility_gives_the_same_results_in_a_constant_number_of_queries(batch, district_x):
    applications = _applications(batch, district_x, 3)
    with CaptureQueriesContext(connection) as few:
        bulk = evaluate_applications(applications)
    assert bulk == {a.pk: evaluate_application(a) for a in applications}
    applications += _applications(batch, district_x, 5, start=3)
    with CaptureQueriesContext(connection) as more:
        bulk = evaluate_applications([a.pk for a in applications])
    assert bulk == {a.pk: evaluate_application(a) for a in applications}
    assert len(few) == len(more) == 7  # applications, profiles, five lists


def test_a_long_publicity_list_is_paged_and_the_notice_keeps_it_whole(client, batch, personas):
    officer = personas["bureau_officer"]
    decision = make_decision(batch, officer, decided_on=timezone.localdate() - timedelta(days=30))
    for i in range(ENTRIES_PER_PAGE + 3):
        make_recognition(batch=batch, officer=officer, decision=decision, platform_name=f"公示平台{i:03d}号",
                         functions=("technology", "quality"))
    url = f"/publicity/{decision.publicity.pk}/"
    first = client.get(url).content.decode()
    assert "第 1 / 2 页" in first and f"名单共 {ENTRIES_PER_PAGE + 3} 项" in first
    assert "公示平台000号" in first and "公示平台102号" not in first
    assert "<td>技术服务、质量管理</td>" in first  # the labels, joined in the view
    second = client.get(url + "?page=2").content.decode()
    assert "公示平台102号" in second and "公示平台000号" not in second
    assert f'href="/publicity/{decision.publicity.pk}/notice.docx"' in first  # the whole list, as Word


def test_the_portal_serves_its_data_from_the_short_cache(client, batch, personas):
    officer = personas["bureau_officer"]
    make_recognition(batch=batch, officer=officer, platform_name="缓存示范平台")
    assert "缓存示范平台" in client.get("/platforms/?q=缓存").content.decode()
    with CaptureQueriesContext(connection) as captured:
        page = client.get("/platforms/?q=缓存").content.decode()
    assert "缓存示范平台" in page and "共 1 家示范平台" in page
    assert not [q for q in captured.captured_queries if "recognition_recognition" in q["sql"]]
    cache.clear()
    make_recognition(batch=batch, officer=officer, platform_name="缓存示范平台二")
    assert "共 2 家示范平台" in client.get("/platforms/?q=缓存").content.decode()


def test_the_header_count_follows_new_and_read_messages_at_once(client_for, personas):
    user = personas["applicant_a"]
    client = client_for("applicant_a")
    assert "条未读" not in client.get("/home/inbox/").content.decode()
    notify([user], event="test.note", subject="第一条", body="正文")
    assert 'aria-label="1 条未读"' in client.get("/home/inbox/").content.decode()
    with CaptureQueriesContext(connection) as captured:
        client.get("/home/inbox/")
    assert not [q for q in captured.captured_queries
                if 'COUNT(*)' in q["sql"] and '"read_at" IS NULL' in q["sql"]]
    mark_read(Notification.objects.get(recipient=user))
    assert "条未读" not in client.get("/home/inbox/").content.decode()
