"""An expert's account, set up through a one-time link the bureau e-mails (激活邀请).

Only the token's SHA-256 hash is stored. A link is valid for 7 days and works once. Sending a
new link revokes the expert's earlier unused links at once (their expiry is moved to now), so
only the latest e-mail works: a forwarded or leaked old e-mail cannot be used after a resend.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from shifan.accounts.domain import create_user
from shifan.accounts.models import User
from shifan.accounts.roles import Role
from shifan.audit.recorder import record
from shifan.experts.domain import require_officer
from shifan.experts.models import Activation, Expert

ACTIVATION_DAYS = 7
INVALID = "激活链接无效。请核对邮件中的链接是否完整，或联系市中小企业服务局重新发送。"
USED = "该激活链接已经使用过了。请直接登录。"
ALREADY_ACTIVE = "该专家的账号已经激活。请直接登录。"
REPLACED = "该激活链接已失效：市中小企业服务局已重新发送了激活链接，请使用最新邮件中的链接。"
EXPIRED = f"激活链接已过期（有效期 {ACTIVATION_DAYS} 天）。请联系市中小企业服务局重新发送。"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def activation_path(token: str) -> str:
    return f"/expert/activate/{token}/"


@transaction.atomic
def send_activation(expert: Expert, *, actor) -> tuple[Activation, str]:
    """E-mail the expert a link to set up their account; returns the activation and the token.

    Refuses an expert who already has an account or has no e-mail address.
    Side effects: locks the expert; moves the expiry of the expert's earlier unused links to now
    (revoking them); inserts an Activation holding only the token's hash; records
    ``experts.activation_sent`` (without the address); e-mails the link after commit.
    """
    require_officer(actor)
    expert = Expert.objects.select_for_update(of=("self",)).select_related("user").get(pk=expert.pk)
    if expert.user is not None:
        raise ValidationError(f"该专家已经激活账号（用户名 {expert.user.username}），无需再发送激活链接。")
    if not expert.email:
        raise ValidationError("该专家没有登记电子邮箱。请先在“修改信息”中补充电子邮箱，再发送激活链接。")
    now = timezone.now()
    revoked = Activation.objects.filter(expert=expert, used_at__isnull=True, expires_at__gt=now).update(expires_at=now)
    token = secrets.token_urlsafe(32)
    activation = Activation.objects.create(
        expert=expert, token_hash=token_hash(token), created_by=actor, expires_at=now + timedelta(days=ACTIVATION_DAYS),
    )
    record("experts.activation_sent", actor=actor, target=expert,
           data={"activation": activation.pk, "expires_at": activation.expires_at, "revoked": revoked})
    subject = "南昌市中小企业公共服务示范平台认定管理系统：评审专家账号激活"
    body = (
        f"{expert.name}专家：您好！\n\n"
        "南昌市中小企业服务局已将您纳入南昌市中小企业公共服务示范平台认定评审专家库。"
        f"请在 {ACTIVATION_DAYS} 天内打开以下链接，设置您的用户名和密码：\n"
        f"{settings.SITE_URL}{activation_path(token)}\n\n"
        "该链接只能使用一次；如再次收到激活邮件，请以最新一封为准。如非本人操作，请忽略本邮件。"
    )
    recipient = expert.email
    transaction.on_commit(lambda: send_mail(subject, body, None, [recipient], fail_silently=True))
    return activation, token


def _problem(activation: Activation | None, now) -> str | None:
    if activation is None:
        return INVALID
    if activation.used_at is not None:
        return USED
    if activation.expert.user_id is not None:
        return ALREADY_ACTIVE
    if activation.expires_at <= now:
        newer = Activation.objects.filter(expert_id=activation.expert_id, created_at__gt=activation.created_at)
        return REPLACED if newer.exists() else EXPIRED
    return None


def open_activation(token: str) -> Activation:
    """The usable activation behind a token, or ValidationError saying in Chinese why it is not usable."""
    activation = Activation.objects.select_related("expert").filter(token_hash=token_hash(token)).first()
    problem = _problem(activation, timezone.now())
    if problem:
        raise ValidationError(problem, code="unusable")
    return activation


def _check_account(username: str, password: str, email: str) -> None:
    errors = {}
    if User.objects.filter(username__iexact=username).exists():
        errors["username"] = ["该用户名已被使用，请换一个。"]
    try:
        validate_password(password, User(username=username, email=email))
    except ValidationError as error:
        errors["password"] = error.messages
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def activate_account(*, token: str, username: str, password: str) -> User:
    """Create the expert's account from an activation link and link it to the pool entry.

    The account is active, has the role ``expert``, the expert's name and e-mail; the password
    goes through Django's validators (length, character classes, common passwords).
    Side effects: locks the activation; inserts the user (``user.created``); sets ``expert.user``;
    marks the activation used; records ``experts.account_activated``.
    """
    # Locks the activation and the expert: two tabs submitting the same link cannot both win.
    activation = (
        Activation.objects.select_for_update().select_related("expert").filter(token_hash=token_hash(token)).first()
    )
    problem = _problem(activation, timezone.now())
    if problem:
        raise ValidationError(problem, code="unusable")
    expert = activation.expert
    _check_account(username, password, expert.email)
    user = create_user(username=username, password=password, display_name=expert.name, role=Role.EXPERT,
                       email=expert.email)
    if Expert.objects.filter(pk=expert.pk, user__isnull=True).update(user=user) != 1:
        raise ValidationError(ALREADY_ACTIVE, code="unusable")
    Activation.objects.filter(pk=activation.pk).update(used_at=timezone.now())
    record("experts.account_activated", actor=user, target=expert,
           data={"username": user.username, "activation": activation.pk})
    return user
