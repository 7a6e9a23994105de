"""Domain functions of the district's preliminary review. Each is audited."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from shifan.applications.enums import Status
from shifan.applications.models import Application, ServedEnterprise
from shifan.applications.rules import district_of_application
from shifan.audit.recorder import record
from shifan.district_review.models import DistrictReview, ReviewNote, SurveyDraw, SurveyResponse
from shifan.district_review.sampling import draw, new_seed, population_of

# A sample satisfaction this many points below the applicant's own figure is flagged.
GAP_WARNING_POINTS = Decimal(15)


def _check_actor(application: Application, actor) -> None:
    if not district_of_application.test(actor, application):
        raise PermissionDenied("只有申报单位所在辖区的主管部门可以办理初审。")
    if application.status not in Status.district_stage:
        raise ValidationError(f"申报当前状态为「{application.get_status_display()}」，不在县区初审阶段。")


def review_of(application: Application) -> DistrictReview:
    try:
        return application.district_review
    except DistrictReview.DoesNotExist:
        return DistrictReview(application=application)


def current_draw(application: Application) -> SurveyDraw | None:
    return application.survey_draws.filter(superseded_at__isnull=True).first()


@transaction.atomic
def draw_survey_sample(
    application: Application, *, actor, sample_size: int | None = None, reason: str = ""
) -> SurveyDraw:
    """Draw the enterprises to survey from 附件5: at least the policy's sample size (附件1: 12 家以上).

    A redraw needs a reason. A list shorter than the sample size is drawn whole.

    Side effects: marks the previous draw superseded; inserts a SurveyDraw with its seed,
    the list's fingerprint and the sample; records ``district.sample_drawn`` (or
    ``district.sample_redrawn``) with seed and fingerprint so the draw can be replayed.
    """
    _check_actor(application, actor)
    previous = current_draw(application)
    if previous is not None and not reason.strip():
        raise ValidationError("重新抽取须填写理由，原抽样结果将保留备查。")
    minimum = application.batch.policy.survey_sample_size
    sample_size = minimum if sample_size is None else sample_size
    if sample_size < minimum:
        raise ValidationError(f"抽取数量不能少于 {minimum} 家（附件1：随机抽取服务企业名单 {minimum} 家以上）。")
    population = population_of(application)
    if not population.ids:
        raise ValidationError("申报单位的附件5服务企业名单为空，无法抽样。")
    seed = new_seed()
    if previous is not None:
        SurveyDraw.objects.filter(pk=previous.pk).update(superseded_at=timezone.now())
    sample = draw(population.ids, seed, sample_size)
    created = SurveyDraw.objects.create(
        application=application, seed=seed, fingerprint=population.fingerprint, population=len(population.ids),
        sample_size=len(sample), sample_ids=sample, reason=reason.strip(), drawn_by=actor,
    )
    record(
        "district.sample_redrawn" if previous else "district.sample_drawn",
        actor=actor, target=application,
        data={"seed": seed, "fingerprint": population.fingerprint, "population": len(population.ids),
              "sample": sample, "reason": reason.strip()},
    )
    return created


def replay(survey_draw: SurveyDraw) -> tuple[bool, str]:
    """Re-run a draw from its seed against the list as it is now: (same result?, explanation)."""
    population = population_of(survey_draw.application)
    if population.fingerprint != survey_draw.fingerprint:
        return False, "附件5名单在抽样后已发生变化，无法复核；请重新抽取。"
    again = draw(population.ids, survey_draw.seed, survey_draw.sample_size)
    if again != survey_draw.sample_ids:
        return False, "按记录的随机种子复算，抽样结果不一致。"
    return True, "按记录的随机种子和名单指纹复算，抽样结果一致。"


@transaction.atomic
def record_response(survey_draw: SurveyDraw, enterprise: ServedEnterprise, *, actor, **answers) -> SurveyResponse:
    """Record (or correct) the survey of one drawn enterprise.

    Side effects: inserts or updates the SurveyResponse; records ``district.survey_recorded``.
    """
    _check_actor(survey_draw.application, actor)
    if survey_draw.superseded_at is not None:
        raise ValidationError("该抽样已被重新抽取，请在新的抽样结果上记录。")
    if enterprise.pk not in survey_draw.sample_ids:
        raise ValidationError("该企业不在本次抽样名单中。")
    response, _ = SurveyResponse.objects.update_or_create(
        draw=survey_draw, enterprise=enterprise,
        defaults={"enterprise_name": enterprise.name, "recorded_by": actor, **answers},
    )
    record("district.survey_recorded", actor=actor, target=survey_draw.application,
           data={"enterprise": enterprise.pk, "method": answers.get("method"), "satisfied": answers.get("satisfied")})
    return response


@dataclass(frozen=True)
class SurveySummary:
    drawn: int
    recorded: int
    satisfied: int
    sample_satisfaction: Decimal | None  # percent
    declared_satisfaction: Decimal | None  # percent, from 附件5
    gap_warning: bool

    @property
    def complete(self) -> bool:
        return self.drawn > 0 and self.recorded == self.drawn


def _percent(part: int, whole: int) -> Decimal | None:
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.1")) if whole else None


def survey_summary(application: Application) -> SurveySummary:
    """How far the survey is and how the sample compares with the applicant's own figure."""
    survey_draw = current_draw(application)
    served = ServedEnterprise.objects.filter(application=application)
    declared = _percent(served.filter(satisfied=True).count(), served.count())
    if survey_draw is None:
        return SurveySummary(0, 0, 0, None, declared, False)
    responses = survey_draw.responses.all()
    recorded, satisfied = responses.count(), responses.filter(satisfied=True).count()
    sample = _percent(satisfied, recorded)
    gap = sample is not None and declared is not None and declared - sample >= GAP_WARNING_POINTS
    return SurveySummary(survey_draw.sample_size, recorded, satisfied, sample, declared, gap)


@transaction.atomic
def save_review(application: Application, *, actor, **fields) -> DistrictReview:
    """Save the USCC check and/or 附件1's assessment texts.

    Side effects: creates or updates the DistrictReview; records ``district.review_saved`` with
    the names of the changed fields.
    """
    _check_actor(application, actor)
    review = review_of(application)
    changed = sorted(name for name, value in fields.items() if getattr(review, name) != value)
    for name, value in fields.items():
        setattr(review, name, value)
    review.updated_by = actor
    review.full_clean()
    review.save()
    record("district.review_saved", actor=actor, target=application, data={"fields": changed})
    return review


@transaction.atomic
def add_note(application: Application, *, actor, text: str) -> ReviewNote:
    """Side effects: inserts an internal note; records ``district.note_added``."""
    if not district_of_application.test(actor, application):
        raise PermissionDenied("只有申报单位所在辖区的主管部门可以添加内部备注。")
    if not text.strip():
        raise ValidationError("备注不能为空。")
    note = ReviewNote.objects.create(application=application, author=actor, text=text.strip())
    record("district.note_added", actor=actor, target=application, data={"note": note.pk})
    return note


def recommendation_problems(application: Application) -> list[str]:
    """What is still missing before the district may recommend (第七条(三)); empty when ready."""
    sample_size = application.batch.policy.survey_sample_size
    problems = []
    review = review_of(application)
    if not (review.uscc_checked_on and review.uscc_check):
        problems.append("尚未记录统一社会信用代码证的查验日期和结果。")
    elif review.uscc_check == DistrictReview.UsccCheck.MISMATCH:
        problems.append("统一社会信用代码证查验结果为“不一致”，不能推荐。")
    problems += _survey_problems(application, sample_size)
    if not review.opinion.strip():
        problems.append("尚未填写推荐意见。")
    return problems


def _survey_problems(application: Application, sample_size: int) -> list[str]:
    summary = survey_summary(application)
    if summary.drawn == 0:
        return [f"尚未抽取测评企业（须随机抽取 {sample_size} 家以上）。"]
    if not summary.complete:
        return [f"测评尚未完成：已记录 {summary.recorded} / {summary.drawn} 家。"]
    replayed, explanation = replay(current_draw(application))
    return [] if replayed else [explanation]
