"""Where each application of the city review stands: scores in, the aggregate, the rank."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from shifan.applications.enums import Status
from shifan.applications.models import Application
from shifan.batches.models import Batch
from shifan.city_review import aggregation
from shifan.city_review.domain.setup import settings_for
from shifan.city_review.models import AgencyReport, GroupMember, PanelSeat, ReviewGroup, Score


@dataclass
class SheetLine:
    """One submitted sheet as the bureau sees it."""

    score: Score
    scorer: str
    flagged: bool = False


@dataclass
class Result:
    application: Application
    group: ReviewGroup
    required: int
    sheets: list[SheetLine] = field(default_factory=list)
    aggregate: Decimal | None = None
    rank: int | None = None

    @property
    def complete(self) -> bool:
        return len(self.sheets) >= self.required

    @property
    def flagged(self) -> bool:
        return any(line.flagged for line in self.sheets)


def _reading_seats(group_ids) -> dict[int, set[int]]:
    """group id -> ids of the seats (current draws) that may score."""
    seats: dict[int, set[int]] = {}
    for seat_id, group_id in PanelSeat.objects.filter(
        draw__group_id__in=group_ids, draw__superseded_at__isnull=True, state=PanelSeat.State.ACCEPTED,
        declaration=PanelSeat.Declaration.NO_CONFLICT,
    ).values_list("pk", "draw__group_id"):
        seats.setdefault(group_id, set()).add(seat_id)
    return seats


def results_for(batch: Batch, *, statuses=(Status.IN_REVIEW, Status.REVIEWED)) -> list[Result]:
    """Every application of the batch's review groups in these statuses, scored and ranked.

    A constant number of queries whatever the batch's size. Only submitted sheets count; an
    expert's sheet counts only while the expert still holds a conflict-free seat.
    """
    settings = settings_for(batch)
    members = list(
        GroupMember.objects.filter(group__batch=batch, application__status__in=statuses)
        .select_related("group__agency", "application__organization", "application__jurisdiction", "application__batch")
        .prefetch_related(Prefetch(
            "application__review_scores",
            queryset=Score.objects.filter(state=Score.State.SUBMITTED).select_related("seat__expert", "scorer"),
        ))
    )
    seats = _reading_seats({m.group_id for m in members})
    results = []
    for member in members:
        group = member.group
        result = Result(member.application, group, group.panel_size if group.mode == group.Mode.EXPERTS else 1)
        for score in member.application.review_scores.all():
            if score.group_id != group.pk:
                continue
            if group.mode == group.Mode.EXPERTS and score.seat_id not in seats.get(group.pk, set()):
                continue
            name = score.seat.expert.name if score.seat else group.agency.name
            result.sheets.append(SheetLine(score, name))
        totals = {line.score.pk: line.score.total for line in result.sheets}
        flagged = aggregation.outliers(totals, settings.outlier_points) if group.mode == group.Mode.EXPERTS else set()
        for line in result.sheets:
            line.flagged = line.score.pk in flagged
        if result.complete:
            method = settings.aggregation if group.mode == group.Mode.EXPERTS else aggregation.MEAN
            result.aggregate = aggregation.aggregate(list(totals.values()), method)
        results.append(result)
    ranks = aggregation.rank({r.application.pk: r.aggregate for r in results})
    for result in results:
        result.rank = ranks.get(result.application.pk)
    return sorted(results, key=lambda r: (r.rank is None, r.rank or 0, r.application.organization.name))


def review_problems(application: Application) -> list[str]:
    """What is missing before this application's review is complete; empty when it is."""
    member = GroupMember.objects.select_related("group").filter(application=application).first()
    if member is None:
        return ["尚未分配评审组。"]
    group = member.group
    submitted = Score.objects.filter(application=application, group=group, state=Score.State.SUBMITTED)
    if group.mode == ReviewGroup.Mode.AGENCY:
        problems = [] if submitted.filter(seat__isnull=True).exists() else ["第三方评审机构尚未提交评分。"]
        if not AgencyReport.objects.filter(group=group).exists():
            problems.append("第三方评审机构尚未上传评审报告。")
        return problems
    seats = _reading_seats([group.pk]).get(group.pk, set())
    done = submitted.filter(seat_id__in=seats).count()
    if done < group.panel_size:
        return [f"专家评分尚未完成：已提交 {done} / {group.panel_size} 份。"]
    return []
