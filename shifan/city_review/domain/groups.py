"""Review groups: assign accepted applications to experts or to a third-party agency, and close the review."""

from django.core.exceptions import ValidationError
from django.db import transaction

from shifan.accounts.models import Organization
from shifan.accounts.roles import Role
from shifan.accounts.rules import is_bureau_officer
from shifan.applications.domain.transitions import transition
from shifan.applications.enums import Action, Status
from shifan.applications.errors import TransitionError
from shifan.applications.models import Application
from shifan.audit.recorder import record
from shifan.batches.models import Batch
from shifan.city_review.domain.common import require
from shifan.city_review.domain.progress import review_problems
from shifan.city_review.models import GroupMember, ReviewGroup
from shifan.notifications.domain import notify
from shifan.policies.codes import ServiceFunction


def agencies():
    """Organisations that have at least one active agency account: the third-party agencies."""
    return Organization.objects.filter(users__role=Role.AGENCY, users__is_active=True).distinct().order_by("name")


@transaction.atomic
def create_group(batch: Batch, *, actor, name: str, mode: str, panel_size: int = 5, backup_count: int = 3,
                 specialties=(), agency: Organization | None = None) -> ReviewGroup:
    """Side effects: inserts the group; records ``review.group_created``."""
    require(is_bureau_officer, actor, "只有市局经办人员可以设置评审组。")
    unknown = set(specialties) - set(ServiceFunction.values)
    if unknown:
        raise ValidationError({"specialties": [f"未知的服务功能：{'、'.join(sorted(unknown))}。"]})
    if mode == ReviewGroup.Mode.AGENCY and (agency is None or not agencies().filter(pk=agency.pk).exists()):
        raise ValidationError({"agency": ["请选择一家已开通账号的第三方评审机构。"]})
    if mode == ReviewGroup.Mode.EXPERTS and not 1 <= panel_size <= 25:
        raise ValidationError({"panel_size": ["专家人数须在 1 到 25 之间（一般为 5 人以上单数）。"]})
    group = ReviewGroup(
        batch=batch, name=name.strip(), mode=mode, panel_size=panel_size, backup_count=backup_count,
        specialties=list(specialties), agency=agency if mode == ReviewGroup.Mode.AGENCY else None, created_by=actor,
    )
    group.full_clean()
    group.save()
    record("review.group_created", actor=actor, target=group, data={
        "batch": batch.pk, "name": group.name, "mode": mode, "panel_size": panel_size, "backup_count": backup_count,
        "specialties": list(specialties), "agency": agency.pk if agency else None,
    })
    return group


def assignable(batch: Batch):
    """Applications the formal check accepted and no group has yet."""
    return Application.objects.filter(batch=batch, status=Status.ACCEPTED, review_membership__isnull=True) \
        .select_related("organization", "jurisdiction")


@transaction.atomic
def assign(group: ReviewGroup, applications, *, actor) -> list[Application]:
    """Put accepted applications into the group; each enters review (进入评审).

    Refused for an application of the agency itself (the agency would review itself), one
    that is not accepted or already in a group, and for a group whose experts are already drawn
    (the avoidance rules were applied to its applications as they were then).

    Side effects: inserts GroupMembers; moves each application ``start_review`` through
    ``transition`` (its audit event and timeline); records ``review.applications_assigned``.
    """
    require(is_bureau_officer, actor, "只有市局经办人员可以分配评审组。")
    group = ReviewGroup.objects.select_for_update().get(pk=group.pk)
    if group.draws.exists():
        raise ValidationError("该组已抽取专家，不能再加入申报；请新建评审组。")
    moved = []
    for application in applications:
        if application.batch_id != group.batch_id or application.status != Status.ACCEPTED:
            raise ValidationError(f"「{application.platform_name}」不是本批次已受理、待评审的申报。")
        if group.agency_id and application.organization_id == group.agency_id:
            raise ValidationError(f"「{application.platform_name}」是该评审机构自己的申报，须回避。")
        if GroupMember.objects.filter(application=application).exists():
            raise ValidationError(f"「{application.platform_name}」已分配评审组。")
        GroupMember.objects.create(group=group, application=application, added_by=actor)
        moved.append(transition(application, Action.START_REVIEW, actor=actor, data={"group": group.pk}))
    record("review.applications_assigned", actor=actor, target=group,
           data={"applications": [a.pk for a in moved]})
    if group.mode == ReviewGroup.Mode.AGENCY and moved:
        notify(group.agency.users.filter(role=Role.AGENCY), event="review.agency_assigned",
               subject=f"评审任务：{group.batch.name}", link="/agency/",
               body=f"市局将 {len(moved)} 份申报交由贵机构评审（{group.name}），请登录系统评分并上传评审报告。")
    return moved


@transaction.atomic
def complete_group(group: ReviewGroup, *, actor) -> tuple[list[Application], dict[str, list[str]]]:
    """结束评审 for every application of the group whose scores are complete.

    Returns the applications moved and, for the others, what is still missing (by platform).

    Side effects: moves each complete application ``complete_review`` through ``transition``.
    """
    require(is_bureau_officer, actor, "只有市局经办人员可以结束评审。")
    moved, waiting = [], {}
    for member in group.members.select_related("application").filter(application__status=Status.IN_REVIEW):
        problems = review_problems(member.application)
        if problems:
            waiting[member.application.platform_name] = problems
            continue
        try:
            moved.append(transition(member.application, Action.COMPLETE_REVIEW, actor=actor))
        except TransitionError as error:
            waiting[member.application.platform_name] = error.problems or [str(error)]
    return moved, waiting
