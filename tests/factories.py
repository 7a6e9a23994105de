"""Model factories: unsurprising, one per model, nothing hidden."""

import hashlib
from datetime import date, timedelta
from itertools import count

import factory
from django.utils import timezone
from stdnum.cn import uscc as stdnum_uscc

from shifan.accounts.models import Jurisdiction, Organization, User
from shifan.accounts.roles import Role
from shifan.applications.attachments import SLOTS
from shifan.applications.domain.content import mark_rows_changed
from shifan.applications.models import Application, ApplicationProfile, Attachment, ServedEnterprise
from shifan.batches.models import Batch
from shifan.district_review.domain import draw_survey_sample, record_response, save_review
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


# A small PDF that passes documents.files.check_upload (a page, no active content).
MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
    b"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n"
    b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
)


class AttachmentFactory(factory.django.DjangoModelFactory):
    """A stored attachment, placed directly (tests of uploads go through add_attachment instead)."""

    class Meta:
        model = Attachment

    application = factory.SubFactory(ApplicationFactory)
    slot = "licence"
    file = factory.django.FileField(filename="upload.pdf", data=MINIMAL_PDF)
    name = "营业执照.pdf"
    kind = "pdf"
    extension = "pdf"
    content_type = "application/pdf"
    size = len(MINIMAL_PDF)
    sha256 = hashlib.sha256(MINIMAL_PDF).hexdigest()
    uploaded_by = factory.LazyAttribute(
        lambda o: o.application.organization.users.first()
        or UserFactory(role=Role.APPLICANT, organization=o.application.organization)
    )


# The least an application needs to pass the submission guard (applications.guards.application_complete).
SUBMITTABLE_PROFILE = {
    "nature": "企业法人", "registered_on": date(2018, 3, 1), "legal_representative_name": "张三",
    "contact_name": "李四", "contact_mobile": "13900001111",
    "declaration_signed_by": "张三", "declaration_signed_on": date(2026, 4, 20),
}


def make_submittable(application: Application) -> Application:
    """Fill the 申请表 basics and the 附件6 declaration, and put a file in every required slot."""
    ApplicationProfile.objects.update_or_create(application=application, defaults=SUBMITTABLE_PROFILE)
    for slot in SLOTS:
        if slot.required and not application.attachments.filter(slot=slot.code).exists():
            AttachmentFactory(application=application, slot=slot.code)
    # As the product's writers do, so that a page viewed before this does not show its cached "still missing".
    mark_rows_changed(application)
    return application


def make_recommendable(application: Application, officer) -> Application:
    """Everything 第七条(三) asks of the district before it recommends, done through the domain."""
    if not application.served_smes.exists():
        ServedEnterprise.objects.bulk_create([
            ServedEnterprise(application=application, name=f"被服务企业{i}", satisfied=True, seq=i) for i in range(15)
        ])
    survey_draw = draw_survey_sample(application, actor=officer)
    for enterprise in ServedEnterprise.objects.filter(pk__in=survey_draw.sample_ids):
        record_response(survey_draw, enterprise, actor=officer, method=2, interviewee="被访人", position="经理",
                        mobile="13900000000", service="咨询", satisfied=True)
    save_review(application, actor=officer, uscc_checked_on=timezone.localdate(), uscc_check="matches",
                opinion="同意推荐。")
    return application


_mobile_serial = count(1)


class ExpertFactory(factory.django.DjangoModelFactory):
    """A member of the expert pool, without an account unless ``user`` is given."""

    class Meta:
        model = "experts.Expert"

    name = factory.Sequence(lambda n: f"专家{n}")
    employer_name = factory.Sequence(lambda n: f"南昌某某研究院{n}")
    title = "高级工程师"
    title_level = "deputy_senior"
    specialties = factory.LazyFunction(lambda: ["technology", "quality"])
    mobile = factory.LazyFunction(lambda: f"137{next(_mobile_serial):08d}")
    email = factory.Sequence(lambda n: f"expert{n}@example.test")
