"""Query-count guards (issue 10): each key page costs the same number of SQL queries whatever the data.

One world is built small, every key page is measured, the world is grown (more applications in every
state, more recognitions than a publicity page holds, a longer 附件5 list, more messages, more review
groups), and every page is measured again: the counts must be equal, exactly. A page whose count grows
with the data (a query per row, a list loaded whole) fails here, with the page named.

The portal's short cache and the header's unread count are emptied before each measurement, so the
counts are those of a cold request.
"""

from datetime import timedelta
from itertools import count

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from shifan.applications.enums import Status
from shifan.applications.models import ServedEnterprise
from shifan.notifications.domain import notify
from tests.factories import ApplicationFactory, OrganizationFactory, make_recommendable, make_submittable
from tests.portal.helpers import make_decision, make_recognition
from tests.review_factories import make_expert, make_group, put_in_group, seat_expert

pytestmark = pytest.mark.django_db

_serial = count(1)


class World:
    """The key objects of every page, and ``grow(n)`` to add n more of everything around them."""

    def __init__(self, batch, personas, district_x):
        self.batch, self.personas, self.district_x = batch, personas, district_x
        officer = personas["bureau_officer"]
        self.decision = make_decision(batch, officer, decided_on=timezone.localdate() - timedelta(days=30))
        # The applicant's own application, recommended by its district (formal check on the bureau's page).
        self.application = ApplicationFactory(batch=batch, organization=personas["applicant_a"].organization,
                                              status=Status.SUBMITTED, platform_name="甲示范平台")
        make_submittable(self.application)
        make_recommendable(self.application, personas["officer_x"])
        ApplicationFactory._meta.model.objects.filter(pk=self.application.pk).update(status=Status.RECOMMENDED)
        self.application.refresh_from_db()
        # An application in review, scored by expert_1.
        self.reviewed = self._application(Status.IN_REVIEW)
        self.group = make_group(batch, actor=officer)
        put_in_group(self.reviewed, self.group, officer)
        self.expert = make_expert(user=personas["expert_1"], name="专家一")
        seat_expert(self.group, self.expert, actor=officer)

    def _application(self, status):
        organization = OrganizationFactory(jurisdiction=self.district_x, name=f"服务机构{next(_serial)}有限公司")
        return ApplicationFactory(batch=self.batch, organization=organization, status=status)

    def grow(self, n: int) -> None:
        officer = self.personas["bureau_officer"]
        for _ in range(n):
            for status in (Status.SUBMITTED, Status.RECOMMENDED, Status.ACCEPTED, Status.RETURNED):
                self._application(status)
            make_recognition(batch=self.batch, officer=officer, decision=self.decision,
                             platform_name=f"检测服务示范平台{next(_serial)}", functions=("technology", "quality"))
            other = self._application(Status.IN_REVIEW)
            group = make_group(self.batch, actor=officer)
            put_in_group(other, group, officer)
            seat_expert(group, self.expert, actor=officer)
        start = ServedEnterprise.objects.filter(application=self.application).count()
        ServedEnterprise.objects.bulk_create([
            ServedEnterprise(application=self.application, seq=start + i + 1, name=f"企业{start + i}", satisfied=True)
            for i in range(n * 5)])
        for name in ("applicant_a", "officer_x", "bureau_officer", "expert_1"):
            notify([self.personas[name]] * 1, event="test.note", subject="测试消息", body="正文")
            for _ in range(n // 10):
                notify([self.personas[name]], event="test.note", subject="测试消息", body="正文")

    def pages(self) -> list[tuple[str, str | None, str]]:
        """(name, persona or None for the public, URL) of every key page."""
        app, publicity = self.application, self.decision.publicity
        return [
            ("base layout (inbox)", "bureau_officer", "/home/inbox/"),
            ("applicant: application page", "applicant_a", f"/applicant/applications/{app.pk}/"),
            ("district: inbox", "officer_x", "/district/"),
            ("district: inbox, filtered", "officer_x", "/district/?status=recommended&q=服务"),
            ("district: application page", "officer_x", f"/district/applications/{app.pk}/"),
            ("bureau: application list", "bureau_officer", "/bureau/applications/"),
            ("bureau: list, filtered", "bureau_officer",
             f"/bureau/applications/?batch={self.batch.pk}&status=submitted&q=服务"),
            ("bureau: application page", "bureau_officer", f"/bureau/applications/{app.pk}/"),
            ("expert: home", "expert_1", "/expert/"),
            ("expert: scoring page", "expert_1", f"/expert/applications/{self.reviewed.pk}/score/"),
            ("public: home", None, "/"),
            ("public: directory", None, "/platforms/"),
            ("public: directory search", None, "/platforms/?q=检测&function=quality"),
            ("public: publicity list", None, "/publicity/"),
            ("public: publicity notice", None, f"/publicity/{publicity.pk}/"),
            ("public: API", None, "/api/v1/platforms/?q=检测"),
        ]


@pytest.fixture
def world(batch, personas, district_x):
    return World(batch, personas, district_x)


def measure(client_for, world: World) -> dict[str, int]:
    counts = {}
    for name, persona, url in world.pages():
        client = client_for(persona)
        client.get(url)  # warm: the session's first touch and lazy one-off reads are not the page's cost
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, f"{name}: GET {url} answered {response.status_code}"
        counts[name] = len(captured)
    return counts


def test_every_key_page_costs_the_same_queries_at_two_data_sizes(client_for, world):
    world.grow(2)
    small = measure(client_for, world)
    world.grow(110)  # more than a publicity page (100 entries) and a list page (50 rows)
    large = measure(client_for, world)
    grown = {name: (small[name], large[name]) for name in small if small[name] != large[name]}
    assert grown == {}, f"query counts that grow with the data (small, large): {grown}"


def test_the_bureau_page_evaluates_the_application_once(client_for, world):
    """The eligibility panel and the formal check share one evaluation (its facts are read once), and
    the next request takes it from the cache (its facts are not read at all)."""
    client = client_for("bureau_officer")
    url = f"/bureau/applications/{world.application.pk}/"
    client.get(url)

    def fact_reads() -> int:
        with CaptureQueriesContext(connection) as captured:
            page = client.get(url).content.decode()
        assert "符合基本条件（第五条）" in page
        return sum('FROM "applications_operatingyear"' in q["sql"] for q in captured.captured_queries)

    cache.clear()
    assert fact_reads() == 1
    assert fact_reads() == 0
