"""The city review's objects for the authorization matrix.

``app_rev`` is in an expert group where expert_1 holds an accepted, conflict-free seat; ``app_ag``
is in an agency group handed to the agency persona's organisation. Each could leak to the other
side, and both to every other persona.
"""

from shifan.applications.enums import Status
from shifan.city_review.models import ProposedList
from shifan.experts.models import Expert
from tests.factories import ApplicationFactory, AttachmentFactory, OrganizationFactory
from tests.review_factories import agency_report, make_group, put_in_group, seat_expert, submit_score


def add(*, personas, world) -> dict:
    officer, batch = personas["bureau_officer"], world["batch"]
    district = world["app_a"].jurisdiction
    app_rev = ApplicationFactory(organization=OrganizationFactory(jurisdiction=district), batch=batch,
                                 status=Status.IN_REVIEW)
    app_ag = ApplicationFactory(organization=OrganizationFactory(jurisdiction=district), batch=batch,
                                status=Status.IN_REVIEW)
    group_exp = make_group(batch, actor=officer, name="专家组")
    put_in_group(app_rev, group_exp, officer)
    expert = Expert.objects.filter(user=personas["expert_1"]).first() or Expert.objects.create(
        user=personas["expert_1"], name="专家一", employer_name="某大学", title="教授", title_level="senior",
        mobile="13900000001", email="e1@example.test",
    )
    seat = seat_expert(group_exp, expert, actor=officer)
    group_ag = make_group(batch, actor=officer, name="机构组", mode="agency", agency=personas["agency"].organization)
    put_in_group(app_ag, group_ag, officer)
    report = agency_report(group_ag, personas["agency"])
    return {
        "app_rev": app_rev,
        "app_rev_file": AttachmentFactory(application=app_rev, uploaded_by=personas["applicant_a"]),
        "app_ag": app_ag,
        "app_ag_file": AttachmentFactory(application=app_ag, uploaded_by=personas["applicant_a"]),
        "group_exp": group_exp,
        "group_ag": group_ag,
        "draw": seat.draw,
        "seat_1": seat,
        "score_1": submit_score(app_rev, group=group_exp, scorer=personas["expert_1"], seat=seat, points=80),
        "report": report,
        "plist": ProposedList.objects.create(batch=batch, prepared_by=officer),
    }
