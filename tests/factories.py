"""Model factories: unsurprising, one per model, nothing hidden."""

from datetime import timedelta
from itertools import count

import factory
from django.utils import timezone
from stdnum.cn import uscc as stdnum_uscc

from shifan.accounts.models import Jurisdiction, Organization, User
from shifan.accounts.roles import Role
from shifan.applications.models import Application
from shifan.batches.models import Batch
from shifan.policies.models import Policy
from shifan.policies.seeds import seed_policies

_uscc_serial = count(1)


def make_uscc(kind: str = "91", area: str = "360102") -> str:
    first17 = f"{kind}{area}MA{next(_uscc_serial):07d}"
    return first17 + stdnum_uscc.calc_check_digit(first17)


def shipped_policy(code: str) -> Policy:
    """A seeded policy version, re-seeded if a transactional test flushed the tables."""
    seed_policies(Policy)
    return Policy.objects.get(code=code)


class JurisdictionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Jurisdiction
        django_get_or_create = ("code",)

    code = "360102"
    name = factory.LazyAttribute(lambda o: {"360102": "东湖区", "360113": "红谷滩区"}.get(o.code, f"辖区{o.code}"))
    kind = Jurisdiction.Kind.DISTRICT


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"测试服务机构{n}有限公司")
    uscc = factory.LazyFunction(make_uscc)
    jurisdiction = factory.SubFactory(JurisdictionFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    display_name = factory.Sequence(lambda n: f"用户{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.test")
    role = Role.BUREAU_OFFICER
    password = factory.django.Password("Test-Passw0rd!")


class BatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Batch
        django_get_or_create = ("year",)

    year = factory.LazyFunction(lambda: timezone.localdate().year)
    name = factory.LazyAttribute(lambda o: f"{o.year}年度南昌市中小企业公共服务示范平台认定")
    state = Batch.State.OPEN
    policy = factory.LazyFunction(lambda: shipped_policy("nanchang-2022"))
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=10))
    applicant_deadline = factory.LazyFunction(lambda: timezone.now() + timedelta(days=20))
    district_deadline = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
    review_starts_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=31))
    review_ends_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=40))


class ApplicationFactory(factory.django.DjangoModelFactory):
    """An application placed directly in a state (tests of transitions start from here)."""

    class Meta:
        model = Application

    batch = factory.SubFactory(BatchFactory)
    organization = factory.SubFactory(OrganizationFactory)
    jurisdiction = factory.LazyAttribute(lambda o: o.organization.jurisdiction)
    platform_name = factory.Sequence(lambda n: f"测试示范平台{n}")
