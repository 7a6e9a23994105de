import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from shifan.accounts.onboarding import NewAccount, request_to_join
from shifan.applications.enums import Status
from shifan.applications.list_excel import check_list_import, list_template
from shifan.applications.models import ServedEnterprise, StaffMember
from shifan.notifications.domain import notify
from shifan.policies.domain import supersede_policy
from tests.factories import ApplicationFactory, AttachmentFactory, BatchFactory, OrganizationFactory
from tests.views.matrix import ADMIN_PREFIX, PERSONAS, ROWS
from tests.views.worlds import WORLD_EXTENSIONS

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(personas, org_a, org_b, batch, district_x):
    """Objects a leak could expose: A's submitted application and its file, A's draft, a note for A."""
    draft_org = OrganizationFactory(jurisdiction=district_x)
    app_a = ApplicationFactory(organization=org_a, batch=batch, status=Status.SUBMITTED)
    draft_own = ApplicationFactory(organization=org_a, batch=BatchFactory(year=batch.year - 2), status=Status.DRAFT)
    world = {
        "draft_own": draft_own,
        "staff_row": StaffMember.objects.create(application=draft_own, name="甲员工", full_time=True),
        "staff_import": check_list_import(draft_own, "staff", list_template("staff"), file_name="t.xlsx",
                                          actor=personas["applicant_a"]),
        "app_a": app_a,
        "attachment_draft": AttachmentFactory(application=draft_own, uploaded_by=personas["applicant_a"]),
        "attachment_a": AttachmentFactory(application=app_a, uploaded_by=personas["applicant_a"]),
        "served_a": ServedEnterprise.objects.create(application=app_a, name="甲服务的企业", satisfied=True),
        "draft_a": ApplicationFactory(organization=draft_org, batch=batch, status=Status.DRAFT),
        "batch": batch,
        "org_b": org_b,
        "join_b": request_to_join(organization=org_b, account=NewAccount("newcomer_b", "新人", "n@example.test",
                                                                          "Join-Passw0rd!"), message=""),
        "policy": batch.policy,
        "draft_policy": supersede_policy(batch.policy, actor=personas["bureau_admin"], code="nanchang-draft"),
        "closed_batch": BatchFactory(year=batch.year - 1, state="closed"),
        "note_a": notify([personas["applicant_a"]], event="x", subject="给甲", body="甲", link="/applicant/")[0],
    }
    # Later stages add their objects from their own modules (tests/views/worlds/), one each.
    for add in WORLD_EXTENSIONS:
        world.update(add(personas=personas, world=world))
    return world


def _row_id(row) -> str:
    return f"{row.method} {row.name} {row.kwargs or ''}".strip()


@pytest.mark.parametrize("row", ROWS, ids=_row_id)
def test_each_persona_gets_the_expected_answer(row, world, client_for):
    kwargs = {k: v[1:] if v.startswith("=") else world[v].pk for k, v in row.kwargs.items()}
    url = reverse(row.name, kwargs=kwargs)
    answers = {}
    for persona in PERSONAS:
        client = client_for(None if persona == "anon" else persona)
        response = client.get(url) if row.method == "GET" else client.post(url, row.data)
        answers[persona] = response.status_code
        if response.streaming:
            b"".join(response.streaming_content)  # a download holds its file open until read to the end
    assert answers == {p: row.status_for(p) for p in PERSONAS}


def _url_names(resolver: URLResolver, namespace: str = "") -> set[str]:
    names = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _url_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def test_matrix_is_complete():
    covered = {row.name for row in ROWS}
    missing = {n for n in _url_names(get_resolver()) if not n.startswith(ADMIN_PREFIX)} - covered
    assert missing == set(), f"URLs without a row in tests/views/matrix.py: {sorted(missing)}"


def _readers(row) -> list[str]:
    return [p for p in PERSONAS if row.status_for(p) == 200 and p != "anon"]


GET_ONLY = sorted({(r.name, tuple(sorted(r.kwargs.items()))): r for r in ROWS if r.method == "GET"}.values(),
                  key=_row_id)
POST_NAMES = {r.name for r in ROWS if r.method == "POST"}


@pytest.mark.parametrize("row", [r for r in GET_ONLY if r.name not in POST_NAMES and _readers(r)], ids=_row_id)
def test_a_url_that_writes_has_a_post_row(row, world, client_for):
    """The writing verb needs its own rows: a URL read-only in the matrix must refuse POST (405).

    Posting an empty form as someone who may read the page tells whether the view accepts writes;
    a view that does is a write whose permissions the matrix would not cover.
    """
    kwargs = {k: v[1:] if v.startswith("=") else world[v].pk for k, v in row.kwargs.items()}
    response = client_for(_readers(row)[0]).post(reverse(row.name, kwargs=kwargs), {})
    if response.streaming:
        b"".join(response.streaming_content)
    assert response.status_code == 405, f"{row.name} accepts POST ({response.status_code}) but has no POST row"
