"""The demo world of `make run`: one open batch, a user per role, two districts' organisations,
applications in several states. Everything goes through domain functions, so the audit trail,
timelines and inboxes look as they would in real use.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from stdnum.cn import uscc as stdnum_uscc

from shifan.accounts.domain import create_organization, create_user
from shifan.accounts.models import Jurisdiction, Organization, User
from shifan.accounts.roles import Role
from shifan.applications.domain.drafts import start_application
from shifan.applications.domain.transitions import transition
from shifan.applications.enums import Action, Status
from shifan.applications.models import Application
from shifan.batches.domain import create_batch, current_batch, open_batch
from shifan.batches.models import Batch
from shifan.demo.content import complete_district_review, fill_minimum, fill_served_list
from shifan.demo.review import publish_and_recognise, review_and_propose

DEMO_PASSWORD = "Shifan@2026"


def with_check_digit(first17: str) -> str:
    return first17 + stdnum_uscc.calc_check_digit(first17)


# (key, name, USCC without check digit, jurisdiction code)
ORGANIZATIONS = [
    ("a", "南昌东湖创新服务有限公司", "91360102MA35DH001", "360102"),
    ("c", "南昌市东湖区企业发展促进会", "51360102MJD000017", "360102"),
    ("e", "南昌豫章科技服务有限公司", "91360102MA35DH023", "360102"),
    ("b", "南昌红谷滩企业服务中心有限公司", "91360113MA38HG002", "360113"),
    ("d", "南昌赣江数字科技有限公司", "91360113MA38HG010", "360113"),
    ("f", "南昌红谷质量检测技术有限公司", "91360113MA38HG029", "360113"),
    ("g", "江西某某评估咨询有限公司", "91360111MA39PG031", "360111"),  # the third-party review agency
]

# (username, display name, role, organization key or jurisdiction code)
USERS = [
    ("applicant_a", "张伟（东湖创新）", Role.APPLICANT, "a"),
    ("applicant_a2", "李娜（东湖创新）", Role.APPLICANT, "a"),
    ("applicant_c", "王芳（东湖促进会）", Role.APPLICANT, "c"),
    ("applicant_e", "陈静（豫章科技）", Role.APPLICANT, "e"),
    ("applicant_b", "刘洋（红谷滩服务中心）", Role.APPLICANT, "b"),
    ("applicant_d", "赵磊（赣江数字）", Role.APPLICANT, "d"),
    ("applicant_f", "孙丽（红谷质检）", Role.APPLICANT, "f"),
    ("district_donghu", "周敏（东湖区）", Role.DISTRICT_OFFICER, "360102"),
    ("district_honggutan", "吴刚（红谷滩区）", Role.DISTRICT_OFFICER, "360113"),
    ("bureau_officer", "郑洁（市局经办）", Role.BUREAU_OFFICER, None),
    ("bureau_head", "黄建国（市局领导）", Role.BUREAU_HEAD, None),
    ("bureau_admin", "许强（系统管理员）", Role.BUREAU_ADMIN, None),
    ("expert_1", "冯教授（专家）", Role.EXPERT, None),
    ("expert_2", "何高工（专家）", Role.EXPERT, None),
    ("expert_3", "秦研究员（专家）", Role.EXPERT, None),
    ("agency", "江西某某评估咨询有限公司", Role.AGENCY, "g"),
    ("auditor", "邓审计（审计管理员）", Role.AUDITOR, None),
]

# (organization key, platform name, the actions that bring it to its demo state)
APPLICATIONS = [
    ("a", "南昌东湖中小企业创新服务平台", [("applicant_a", Action.SUBMIT, "")]),
    ("c", "东湖区中小企业公共服务平台", []),
    ("b", "红谷滩中小企业综合服务平台", [
        ("applicant_b", Action.SUBMIT, ""), ("district_honggutan", Action.RECOMMEND, "")]),
    ("d", "赣江数字化转型服务平台", [
        ("applicant_d", Action.SUBMIT, ""),
        ("district_honggutan", Action.RETURN, "附件5 服务企业名单不足 100 家，请补充后重新提交。")]),
    ("e", "豫章科技成果转化服务平台", [
        ("applicant_e", Action.SUBMIT, ""), ("district_donghu", Action.RECOMMEND, ""),
        ("bureau_officer", Action.ACCEPT, "")]),
    ("f", "红谷质量技术公共服务平台", [
        ("applicant_f", Action.SUBMIT, ""), ("district_honggutan", Action.RECOMMEND, ""),
        ("bureau_officer", Action.ACCEPT, "")]),
]
# Taken through the city review, the publicity and the decision (demo/review.py) to 已认定.
AFTER_REVIEW = ("e", "f")


def _organizations() -> dict[str, Organization]:
    found = {}
    for key, name, first17, code in ORGANIZATIONS:
        uscc = with_check_digit(first17)
        found[key] = Organization.objects.filter(uscc=uscc).first() or create_organization(
            name=name, uscc=uscc, jurisdiction=Jurisdiction.objects.get(code=code), actor=None
        )
    return found


def _users(organizations: dict[str, Organization]) -> dict[str, User]:
    found = {}
    for username, display_name, role, scope in USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = create_user(
                username=username,
                password=DEMO_PASSWORD,
                display_name=display_name,
                role=role,
                email=f"{username}@demo.shifan.local",
                organization=organizations.get(scope) if role in (Role.APPLICANT, Role.AGENCY) else None,
                jurisdiction=Jurisdiction.objects.get(code=scope) if role == Role.DISTRICT_OFFICER else None,
            )
        found[username] = user
    return found


def _batch(actor: User) -> Batch:
    batch = current_batch()
    if batch is not None:
        return batch
    now = timezone.now()
    today = timezone.localdate()
    batch = Batch.objects.filter(year=today.year).first() or create_batch(
        actor=actor,
        year=today.year,
        name=f"{today.year}年度南昌市中小企业公共服务示范平台认定",
        notice_title=f"关于开展{today.year}年度南昌市中小企业公共服务示范平台认定工作的通知",
        notice_number=f"洪企服字〔{today.year}〕1号",
        notice_text="请符合条件的服务机构对照《南昌市中小企业公共服务示范平台认定管理办法》在线填报申请材料，并提交所在县区、开发区、湾里管理局中小企业服务主管部门。",
        opens_at=now - timedelta(days=30),
        applicant_deadline=now + timedelta(days=30),
        district_deadline=now + timedelta(days=45),
        review_starts_on=today + timedelta(days=50),
        review_ends_on=today + timedelta(days=70),
    )
    return open_batch(batch, actor=actor)


@transaction.atomic
def load_demo() -> list[User]:
    """Create whatever part of the demo world is missing; running it twice changes nothing.

    Side effects: creates organisations, users, a batch and applications through domain
    functions (audit events, timelines and notifications included); the submitted ones get the
    minimum content and a demo PDF per required slot, stored in private storage.
    """
    organizations = _organizations()
    users = _users(organizations)
    batch = _batch(users["bureau_officer"])
    for key, platform_name, steps in APPLICATIONS:
        organization = organizations[key]
        if Application.objects.filter(batch=batch, organization=organization).exists():
            continue
        application = start_application(
            organization=organization, batch=batch, platform_name=platform_name,
            actor=users[steps[0][0]] if steps else organization.users.first(),
        )
        if steps:  # every demo application but the fresh draft is submitted: give it what submitting needs
            fill_minimum(application, key, actor=users[steps[0][0]])
            fill_served_list(application, actor=users[steps[0][0]])
        for username, action, reason in steps:
            if action == Action.RECOMMEND:
                complete_district_review(application, officer=users[username])
            transition(application, action, actor=users[username], reason=reason)
    reviewed = [Application.objects.get(batch=batch, organization=organizations[key]) for key in AFTER_REVIEW]
    if all(a.status == Status.ACCEPTED for a in reviewed):
        plist = review_and_propose(reviewed, users)
        publish_and_recognise(plist, users)
    return [users[username] for username, *_ in USERS]
