"""Named personas shared by every test (notes/security-tests.md §2.0).

World: district X (东湖区) and Y (红谷滩区); org A in X with two users, org B in Y; officers
of X and Y; bureau officer and head; bureau admin; two experts; an agency; an auditor.
"""

import pytest
from django.test import Client

from shifan.accounts.roles import Role
from tests.factories import BatchFactory, JurisdictionFactory, OrganizationFactory, UserFactory

PASSWORD = "Test-Passw0rd!"
CSRF_SECRET = "k" * 32


class CsrfClient(Client):
    """A test client that enforces CSRF like a browser and sends a valid token with each POST.

    Django's default test client skips CSRF checks, so a view that lost its protection would
    still pass; this one fails then.
    """

    def __init__(self, **kwargs):
        super().__init__(enforce_csrf_checks=True, **kwargs)
        self.cookies["csrftoken"] = CSRF_SECRET

    def post(self, path, data=None, **kwargs):
        data = dict(data or {})
        # Login rotates the token, so always send the cookie's current value, as a browser would.
        data.setdefault("csrfmiddlewaretoken", self.cookies["csrftoken"].value)
        return super().post(path, data, **kwargs)


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Uploaded files go to this test's own directory, never to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (the portal keeps query results there for a minute)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def district_x(db):
    return JurisdictionFactory(code="360102")


@pytest.fixture
def district_y(db):
    return JurisdictionFactory(code="360113")


@pytest.fixture
def batch(db):
    return BatchFactory()


@pytest.fixture
def org_a(district_x):
    return OrganizationFactory(name="甲服务机构有限公司", jurisdiction=district_x)


@pytest.fixture
def org_b(district_y):
    return OrganizationFactory(name="乙服务机构有限公司", jurisdiction=district_y)


@pytest.fixture
def agency_org(district_y):
    """The third-party review agency's own organisation (its users belong to it)."""
    return OrganizationFactory(name="江西某某评估咨询有限公司", jurisdiction=district_y)


@pytest.fixture
def personas(org_a, org_b, district_x, district_y, agency_org) -> dict:
    """Every persona by name, created once per test."""
    specs = {
        "applicant_a": dict(role=Role.APPLICANT, organization=org_a, display_name="甲用户"),
        "applicant_a2": dict(role=Role.APPLICANT, organization=org_a, display_name="甲同事"),
        "applicant_b": dict(role=Role.APPLICANT, organization=org_b, display_name="乙用户"),
        "officer_x": dict(role=Role.DISTRICT_OFFICER, jurisdiction=district_x, display_name="东湖区经办"),
        "officer_y": dict(role=Role.DISTRICT_OFFICER, jurisdiction=district_y, display_name="红谷滩区经办"),
        "bureau_officer": dict(role=Role.BUREAU_OFFICER, display_name="市局经办"),
        "bureau_head": dict(role=Role.BUREAU_HEAD, display_name="市局领导"),
        "bureau_admin": dict(role=Role.BUREAU_ADMIN, display_name="系统管理员", is_staff=True),
        "expert_1": dict(role=Role.EXPERT, display_name="专家一"),
        "expert_2": dict(role=Role.EXPERT, display_name="专家二"),
        "agency": dict(role=Role.AGENCY, organization=agency_org, display_name="评审机构"),
        "auditor": dict(role=Role.AUDITOR, display_name="审计员"),
    }
    return {name: UserFactory(username=name, **spec) for name, spec in specs.items()}


@pytest.fixture
def client_for(personas):
    """A logged-in client for a persona name; None gives an anonymous client. CSRF enforced."""

    def make(name: str | None) -> Client:
        client = CsrfClient()
        if name is not None:
            client.force_login(personas[name])
        return client

    return make
