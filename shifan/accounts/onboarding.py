"""How organisations and their people get accounts: registration, join requests, invitations."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from shifan.accounts.domain import create_organization, create_user
from shifan.accounts.models import Invitation, JoinRequest, Jurisdiction, Organization, User
from shifan.accounts.roles import Role
from shifan.accounts.uscc import validate_uscc
from shifan.audit.recorder import record
from shifan.notifications.domain import notify

INVITATION_DAYS = 7


@dataclass(frozen=True)
class NewAccount:
    username: str
    display_name: str
    email: str
    password: str


def _check_account(account: NewAccount) -> None:
    errors = {}
    if User.objects.filter(username__iexact=account.username).exists():
        errors["username"] = ["该用户名已被使用，请换一个。"]
    try:
        validate_password(account.password, User(username=account.username, email=account.email))
    except ValidationError as error:
        errors["password"] = error.messages
    if errors:
        raise ValidationError(errors)


def find_registered(uscc: str) -> Organization | None:
    """The organisation already registered under this USCC, if any (input is normalised)."""
    return Organization.objects.filter(uscc=validate_uscc(uscc)).first()


@transaction.atomic
def register_organization(*, name: str, uscc: str, jurisdiction: Jurisdiction, account: NewAccount) -> User:
    """Register an organisation with its first user, who can then invite colleagues.

    Side effects: inserts the organisation and an active applicant user; records
    ``organization.created`` and ``user.created``. Refuses a USCC that is already registered
    (the caller offers a join request instead).
    """
    if find_registered(uscc) is not None:
        raise ValidationError({"uscc": ["该统一社会信用代码已经注册。"]})
    _check_account(account)
    organization = create_organization(name=name, uscc=uscc, jurisdiction=jurisdiction, actor=None)
    return create_user(
        username=account.username, password=account.password, display_name=account.display_name,
        role=Role.APPLICANT, email=account.email, organization=organization,
    )


@transaction.atomic
def request_to_join(*, organization: Organization, account: NewAccount, message: str) -> JoinRequest:
    """Ask to join a registered organisation; its users decide.

    Side effects: inserts an inactive applicant user and a pending JoinRequest; records
    ``organization.join_requested``; notifies the organisation's active users.
    """
    _check_account(account)
    user = create_user(
        username=account.username, password=account.password, display_name=account.display_name,
        role=Role.APPLICANT, email=account.email, organization=organization,
    )
    User.objects.filter(pk=user.pk).update(is_active=False)
    request = JoinRequest.objects.create(organization=organization, user=user, message=message.strip())
    record("organization.join_requested", actor=None, target=organization, data={"username": user.username})
    notify(
        organization.users.filter(is_active=True),
        event="organization.join_requested",
        subject=f"{account.display_name} 申请加入本单位",
        body=(
            f"{account.display_name}（用户名 {account.username}）申请以本单位名义使用系统。\n"
            f"申请说明：{message or '无'}"
        ),
        link="/applicant/colleagues/",
    )
    return request


@transaction.atomic
def decide_join_request(request: JoinRequest, *, actor: User, approve: bool) -> JoinRequest:
    """A user of the organisation approves (activates the account) or declines a join request.

    Side effects: updates the request; activates the user on approval; records
    ``organization.join_approved`` or ``organization.join_declined``; notifies the requester.
    """
    request = JoinRequest.objects.select_for_update().select_related("user").get(pk=request.pk)
    if actor.organization_id != request.organization_id or actor.role != Role.APPLICANT or not actor.is_active:
        raise ValidationError("只有本单位的用户可以审核加入申请。")
    if request.status != JoinRequest.Status.PENDING:
        raise ValidationError("该申请已经处理过了。")
    request.status = JoinRequest.Status.APPROVED if approve else JoinRequest.Status.DECLINED
    request.decided_by, request.decided_at = actor, timezone.now()
    request.save()
    if approve:
        User.objects.filter(pk=request.user_id).update(is_active=True)
    record(
        "organization.join_approved" if approve else "organization.join_declined",
        actor=actor, target=request.organization, data={"username": request.user.username},
    )
    _mail(
        request.user.email,
        "加入单位申请已通过" if approve else "加入单位申请未通过",
        f"您申请加入「{request.organization.name}」{'已获同意，现在可以登录系统。' if approve else '未获同意。'}",
    )
    return request


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _mail(to: str, subject: str, body: str) -> None:
    if to:
        transaction.on_commit(lambda: send_mail(subject, body, None, [to], fail_silently=True))


@transaction.atomic
def invite_colleague(*, organization: Organization, email: str, actor: User) -> tuple[Invitation, str]:
    """Invite a colleague by e-mail; returns the invitation and the one-time token.

    Side effects: inserts an Invitation (only the token's hash is stored); records
    ``organization.colleague_invited``; e-mails the link after commit.
    """
    if actor.organization_id != organization.pk:
        raise ValidationError("只能邀请同事加入本单位。")
    if organization.users.filter(email__iexact=email, is_active=True).exists():
        raise ValidationError({"email": ["该邮箱已是本单位的用户。"]})
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        organization=organization, email=email, token_hash=_token_hash(token), invited_by=actor,
        expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
    )
    record("organization.colleague_invited", actor=actor, target=organization, data={"email": email})
    _mail(
        email,
        f"{actor.display_name} 邀请您加入「{organization.name}」",
        f"{actor.display_name} 邀请您以「{organization.name}」的名义使用南昌市中小企业公共服务示范平台认定管理系统。\n"
        f"请在 {INVITATION_DAYS} 天内打开以下链接设置账号：\n{settings.SITE_URL}/invite/{token}/",
    )
    return invitation, token


def open_invitation(token: str) -> Invitation:
    """The usable invitation behind a token, or ValidationError saying why it is not usable."""
    invitation = Invitation.objects.select_related("organization").filter(token_hash=_token_hash(token)).first()
    if invitation is None or invitation.revoked_at is not None:
        raise ValidationError("邀请链接无效。请向邀请您的同事索取新的邀请。")
    if invitation.accepted_at is not None:
        raise ValidationError("该邀请已经使用过了。请直接登录。")
    if invitation.expires_at < timezone.now():
        raise ValidationError("邀请链接已过期。请向邀请您的同事索取新的邀请。")
    return invitation


@transaction.atomic
def accept_invitation(*, token: str, account: NewAccount) -> User:
    """Create the invited colleague's account in the inviting organisation.

    Side effects: inserts an active applicant user; marks the invitation accepted; records
    ``organization.invitation_accepted``.
    """
    invitation = Invitation.objects.select_for_update().get(pk=open_invitation(token).pk)
    _check_account(account)
    user = create_user(
        username=account.username, password=account.password, display_name=account.display_name,
        role=Role.APPLICANT, email=invitation.email, organization=invitation.organization,
    )
    Invitation.objects.filter(pk=invitation.pk).update(accepted_at=timezone.now(), accepted_user=user)
    record("organization.invitation_accepted", actor=user, target=invitation.organization,
           data={"username": user.username})
    return user


def colleagues_of(user: User):
    """The people and pending requests of the user's own organisation (nothing else)."""
    organization_id = user.organization_id if user.role == Role.APPLICANT else None
    return {
        "users": User.objects.filter(organization_id=organization_id, is_active=True).order_by("date_joined"),
        "requests": JoinRequest.objects.filter(organization_id=organization_id, status=JoinRequest.Status.PENDING)
        .select_related("user"),
        "invitations": Invitation.objects.filter(organization_id=organization_id, accepted_at__isnull=True,
                                                 revoked_at__isnull=True, expires_at__gte=timezone.now()),
    }
