import pytest
from django.db import IntegrityError

from shifan.accounts.models import Jurisdiction
from shifan.accounts.roles import Role
from tests.factories import JurisdictionFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_thirteen_nanchang_jurisdictions_are_seeded():
    assert list(Jurisdiction.objects.values_list("code", "name")) == [
        ("360102", "东湖区"),
        ("360103", "西湖区"),
        ("360104", "青云谱区"),
        ("360111", "青山湖区"),
        ("360112", "新建区"),
        ("360113", "红谷滩区"),
        ("360121", "南昌县"),
        ("360123", "安义县"),
        ("360124", "进贤县"),
        ("3601K1", "南昌高新技术产业开发区"),
        ("3601K2", "南昌经济技术开发区"),
        ("3601K3", "南昌小蓝经济技术开发区"),
        ("3601K4", "湾里管理局"),
    ]


def test_an_applicant_must_belong_to_an_organisation():
    with pytest.raises(IntegrityError):
        UserFactory(role=Role.APPLICANT, organization=None)


def test_a_district_officer_must_be_bound_to_a_jurisdiction():
    with pytest.raises(IntegrityError):
        UserFactory(role=Role.DISTRICT_OFFICER, jurisdiction=None)


def test_only_district_officers_carry_a_jurisdiction():
    with pytest.raises(IntegrityError):
        UserFactory(role=Role.BUREAU_OFFICER, jurisdiction=JurisdictionFactory(code="360102"))


def test_an_organisation_has_several_users_and_shows_its_registrant_kind():
    organization = OrganizationFactory(uscc="91110108551385082Q")
    UserFactory(role=Role.APPLICANT, organization=organization)
    UserFactory(role=Role.APPLICANT, organization=organization)
    assert organization.users.count() == 2
    assert organization.registrant_kind == "企业"


def test_the_uscc_is_unique():
    OrganizationFactory(uscc="91110108551385082Q")
    with pytest.raises(IntegrityError):
        OrganizationFactory(uscc="91110108551385082Q")
