"""回避: why an expert may not review a group's applications.

Rules that always apply: the expert is unavailable or has no active account; the expert lacks
every specialty the group asks for; the expert's employer is an applicant, or a partner or
investor that an application lists; the expert declared a relationship with an applicant.
Rules the batch switches on: the same jurisdiction as an applicant; having reviewed the same
applicant in the previous batch. Names are compared after NFKC normalisation, without spaces.
"""

import unicodedata
from dataclasses import dataclass, field

from shifan.applications.models import Investor, Partner
from shifan.batches.models import Batch
from shifan.city_review.models import GroupMember, PanelSeat, ReviewGroup
from shifan.experts.models import Expert, Relationship

# code -> label; the codes are stored in draws, the labels shown to people.
RULES = {
    "unavailable": "不可参加评审",
    "no_account": "账号未激活",
    "specialty": "专业不符",
    "employer_is_applicant": "工作单位为申报单位",
    "employer_is_partner": "工作单位为申报单位的合作单位",
    "employer_is_investor": "工作单位为申报单位的主要投资方",
    "declared_relationship": "申报了与申报单位的利害关系",
    "same_jurisdiction": "与申报单位同属一个辖区",
    "previous_reviewer": "上一批次评审过同一申报单位",
}
OPTIONAL_RULES = ("same_jurisdiction", "previous_reviewer")


def normalized(name: str) -> str:
    """A name as compared: NFKC (full-width brackets and letters folded), no spaces, case-folded."""
    return "".join(unicodedata.normalize("NFKC", name or "").split()).casefold()


@dataclass
class Applicant:
    """What the rules need to know about one application of the group."""

    label: str
    organization_id: int
    uscc: str
    name: str
    jurisdiction_id: int
    partners: set[str] = field(default_factory=set)
    investors: set[str] = field(default_factory=set)


def applicants_of(group: ReviewGroup) -> list[Applicant]:
    members = GroupMember.objects.filter(group=group).select_related("application__organization")
    found = {}
    for member in members:
        application = member.application
        organization = application.organization
        found[application.pk] = Applicant(
            label=organization.name, organization_id=organization.pk, uscc=organization.uscc,
            name=normalized(organization.name), jurisdiction_id=application.jurisdiction_id,
        )
    for row in Partner.objects.filter(application_id__in=found).values("application_id", "name"):
        found[row["application_id"]].partners.add(normalized(row["name"]))
    for row in Investor.objects.filter(application_id__in=found).values("application_id", "name"):
        found[row["application_id"]].investors.add(normalized(row["name"]))
    return list(found.values())


def previous_batch(batch: Batch) -> Batch | None:
    return Batch.objects.filter(year__lt=batch.year).order_by("-year").first()


def previous_reviewers(batch: Batch, organization_ids: set[int]) -> dict[int, set[int]]:
    """expert id -> the organisations (of these) whose review the expert served on in the previous batch."""
    earlier = previous_batch(batch)
    if earlier is None:
        return {}
    groups_by_org: dict[int, set[int]] = {}
    for group_id, organization_id in GroupMember.objects.filter(
        group__batch=earlier, application__organization_id__in=organization_ids
    ).values_list("group_id", "application__organization_id"):
        groups_by_org.setdefault(group_id, set()).add(organization_id)
    served: dict[int, set[int]] = {}
    for expert_id, group_id in PanelSeat.objects.filter(
        draw__group_id__in=groups_by_org, draw__superseded_at__isnull=True, state=PanelSeat.State.ACCEPTED,
    ).values_list("expert_id", "draw__group_id"):
        served.setdefault(expert_id, set()).update(groups_by_org[group_id])
    return served


@dataclass(frozen=True)
class Exclusion:
    code: str
    detail: str

    def as_dict(self) -> dict:
        return {"code": self.code, "label": RULES[self.code], "detail": self.detail}


@dataclass
class Screening:
    """The pool split into candidates (in pool order) and the excluded, each with every reason."""

    candidates: list[Expert]
    excluded: list[tuple[Expert, list[Exclusion]]]
    rules: list[str]


def _employer_reasons(expert: Expert, applicants: list[Applicant]) -> list[Exclusion]:
    employer = normalized(expert.employer_name)
    reasons = []
    for applicant in applicants:
        if (expert.employer_uscc and expert.employer_uscc == applicant.uscc) or employer == applicant.name:
            reasons.append(Exclusion("employer_is_applicant", f"工作单位「{expert.employer_name}」即申报单位"))
        if employer in applicant.partners:
            reasons.append(Exclusion(
                "employer_is_partner", f"工作单位「{expert.employer_name}」是「{applicant.label}」的合作单位"))
        if employer in applicant.investors:
            reasons.append(Exclusion(
                "employer_is_investor", f"工作单位「{expert.employer_name}」是「{applicant.label}」的主要投资方"))
    return reasons


def _relationship_reasons(relationships: list[Relationship], applicants: list[Applicant]) -> list[Exclusion]:
    reasons = []
    for relation in relationships:
        for applicant in applicants:
            same_uscc = relation.organization_uscc and relation.organization_uscc == applicant.uscc
            if same_uscc or normalized(relation.organization_name) == applicant.name:
                reasons.append(Exclusion(
                    "declared_relationship",
                    f"申报了与「{applicant.label}」的{relation.get_kind_display()}关系",
                ))
    return reasons


def screen(group: ReviewGroup, settings) -> Screening:
    """Apply every rule to the whole pool for this group. Reads only; the result is stored by the draw."""
    applicants = applicants_of(group)
    rules = [code for code in RULES if code not in OPTIONAL_RULES]
    if settings.avoid_same_jurisdiction:
        rules.append("same_jurisdiction")
    if settings.avoid_previous_reviewers:
        rules.append("previous_reviewer")
    served = (
        previous_reviewers(group.batch, {a.organization_id for a in applicants})
        if "previous_reviewer" in rules else {}
    )
    relationships: dict[int, list[Relationship]] = {}
    for relation in Relationship.objects.all():
        relationships.setdefault(relation.expert_id, []).append(relation)
    jurisdictions = {a.jurisdiction_id: a.label for a in applicants}
    labels = {a.organization_id: a.label for a in applicants}
    candidates, excluded = [], []
    for expert in Expert.objects.select_related("user", "jurisdiction").order_by("id"):
        reasons = []
        if not expert.available:
            reasons.append(Exclusion("unavailable", expert.availability_note or "专家库标记为不可参加评审"))
        if expert.user is None or not expert.user.is_active:
            reasons.append(Exclusion("no_account", "尚未激活系统账号"))
        if group.specialties and not set(group.specialties) & set(expert.specialties):
            reasons.append(Exclusion("specialty", "擅长领域不含本组所需专业"))
        reasons += _employer_reasons(expert, applicants)
        reasons += _relationship_reasons(relationships.get(expert.pk, []), applicants)
        if "same_jurisdiction" in rules and expert.jurisdiction_id in jurisdictions:
            reasons.append(Exclusion(
                "same_jurisdiction", f"工作单位与「{jurisdictions[expert.jurisdiction_id]}」同在{expert.jurisdiction}"))
        for organization_id in sorted(served.get(expert.pk, ())):
            reasons.append(Exclusion("previous_reviewer", f"上一批次评审过「{labels[organization_id]}」"))
        if reasons:
            excluded.append((expert, reasons))
        else:
            candidates.append(expert)
    return Screening(candidates, excluded, rules)
