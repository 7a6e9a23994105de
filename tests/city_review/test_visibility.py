"""Experts see nothing before declaring and nothing they are not assigned; agencies see only their own."""

import pytest

from shifan.applications.enums import Status
from shifan.applications.queries import applications_for_user
from shifan.city_review.domain.draws import draw_experts
from shifan.city_review.domain.panel import declare, respond
from tests.factories import ApplicationFactory, OrganizationFactory
from tests.review_factories import make_group, put_in_group

pytestmark = pytest.mark.django_db


def _visible(user) -> set[int]:
    return set(applications_for_user(user).values_list("pk", flat=True))


@pytest.fixture
def other_group_app(batch, officer, org_b):
    """Another group's application, in review: the data an expert of the first group must never see."""
    other = make_group(batch, actor=officer, name="第二组")
    application = ApplicationFactory(organization=org_b, batch=batch, status=Status.IN_REVIEW)
    put_in_group(application, other, officer)
    return application


def test_an_expert_sees_the_group_only_after_accepting_and_declaring(group, officer, app_a, expert_of,
                                                                   other_group_app, client_for):
    expert = expert_of("expert_1")
    seat = draw_experts(group, actor=officer).seats.get()
    client = client_for("expert_1")
    for step in ("invited", "accepted"):
        assert _visible(expert.user) == set(), step
        assert client.get(f"/expert/applications/{app_a.pk}/").status_code == 404
        assert client.get(f"/expert/applications/{app_a.pk}/score/").status_code == 404
        assert client.get(f"/expert/applications/{app_a.pk}/sections/basics/").status_code == 404
        if step == "invited":
            respond(seat, actor=expert.user, accept=True)
    home = client.get("/expert/").content.decode()
    assert app_a.platform_name not in home  # before the declaration: only organisation names, on the declaration page
    declare(seat, actor=expert.user, conflict=False)
    assert _visible(expert.user) == {app_a.pk}
    assert client.get(f"/expert/applications/{app_a.pk}/").status_code == 200
    assert client.get(f"/expert/applications/{other_group_app.pk}/").status_code == 404


def test_an_expert_who_declares_a_conflict_never_sees_the_group(group, officer, app_a, expert_of):
    expert = expert_of("expert_1")
    seat = draw_experts(group, actor=officer).seats.get()
    respond(seat, actor=expert.user, accept=True)
    declare(seat, actor=expert.user, conflict=True, detail="近亲属在该单位任职")
    assert _visible(expert.user) == set()


def test_a_redraw_takes_the_applications_away_from_the_released_experts(group, officer, app_a, expert_of):
    expert = expert_of("expert_1")
    expert_of("expert_2")
    seat = draw_experts(group, actor=officer).seats.get(position=1)
    respond(seat, actor=seat.expert.user, accept=True)
    declare(seat, actor=seat.expert.user, conflict=False)
    assert _visible(seat.expert.user) == {app_a.pk}
    draw_experts(group, actor=officer, reason="调整评审时间")
    assert _visible(seat.expert.user) == set()
    assert _visible(expert.user) == set()  # nobody on the new draw has declared yet


def test_agencies_see_only_what_was_handed_to_their_own_organisation(batch, officer, personas, agency_org, app_a,
                                                                    other_group_app):
    mine = make_group(batch, actor=officer, name="机构组", mode="agency", agency=agency_org)
    put_in_group(app_a, mine, officer)
    rival = OrganizationFactory(name="另一评审机构")
    theirs = make_group(batch, actor=officer, name="他组", mode="agency", agency=rival)
    rival_app = ApplicationFactory(batch=batch, status=Status.IN_REVIEW)
    put_in_group(rival_app, theirs, officer)
    assert _visible(personas["agency"]) == {app_a.pk}


def test_the_agency_workspace_answers_404_for_another_agency_s_work(batch, officer, agency_org, client_for):
    rival = OrganizationFactory(name="另一评审机构")
    theirs = make_group(batch, actor=officer, name="他组", mode="agency", agency=rival)
    rival_app = ApplicationFactory(batch=batch, status=Status.IN_REVIEW, platform_name="他组平台")
    put_in_group(rival_app, theirs, officer)
    client = client_for("agency")
    assert client.get(f"/agency/applications/{rival_app.pk}/").status_code == 404
    assert client.get(f"/agency/applications/{rival_app.pk}/score/").status_code == 404
    assert "他组平台" not in client.get("/agency/").content.decode()


def test_drawn_names_are_shown_to_the_bureau_only(group, officer, app_a, expert_of, client_for, personas):
    expert_of("expert_1")
    other = expert_of("expert_2")
    group.panel_size = 2
    group.save()
    draw_experts(group, actor=officer)
    assert "专家二" in client_for("bureau_officer").get(f"/bureau/review/groups/{group.pk}/").content.decode()
    for name, url in (("expert_1", "/expert/"), ("applicant_a", f"/applicant/applications/{app_a.pk}/"),
                      ("officer_x", f"/district/applications/{app_a.pk}/")):
        page = client_for(name).get(url).content.decode()
        assert other.name not in page, name
