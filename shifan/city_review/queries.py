"""Who sees what of the city review: scoped queries for experts, agencies and the bureau."""

from django.db.models import F, Q, QuerySet

from shifan.applications.enums import Status
from shifan.applications.models import Application
from shifan.city_review.models import ExpertDraw, GroupMember, PanelSeat, ReviewGroup
from shifan.core.single_row import single_row


def current_draw(group: ReviewGroup) -> ExpertDraw | None:
    return group.draws.filter(superseded_at__isnull=True).first()


def seats_of_expert(user) -> QuerySet[PanelSeat]:
    """The expert's seats on current draws that reached them (never a backup still waiting), without
    the draw's candidate, exclusion and result lists."""
    return (
        PanelSeat.objects.filter(expert__user=user, draw__superseded_at__isnull=True)
        .exclude(state__in=(PanelSeat.State.WAITING, PanelSeat.State.RELEASED))
        .select_related("draw__group__batch", "expert")
        # The draw's record of the whole pool (thousands of candidates at province scale) is for
        # the bureau's draw page, never an expert's: parsing it cost more than the rest of a page.
        .defer("draw__candidates", "draw__exclusions", "draw__result")
    )


def _reads(user, seat: str = "", draw: str = "draw__") -> Q:
    """A seat (at ``seat`` from the queried model, its draw at ``draw``) through which ``user`` may read:
    on a current draw, accepted and declared free of conflict. The one definition of a reading seat,
    written as plain conditions so that a query joins it instead of nesting a queryset (compiling and
    planning the nested form cost more than running it). An accepted seat is never waiting nor
    released, so this is ``seats_of_expert`` narrowed to accepted, conflict-free seats."""
    return Q(**{
        f"{seat}expert__user": user,
        f"{draw}superseded_at__isnull": True,
        f"{seat}state": PanelSeat.State.ACCEPTED,
        f"{seat}declaration": PanelSeat.Declaration.NO_CONFLICT,
    })


def reading_seats(user) -> QuerySet[PanelSeat]:
    """Seats on which the expert accepted and declared no conflict: the only way to read an application."""
    return seats_of_expert(user).filter(_reads(user))


def expert_application_ids(user) -> QuerySet:
    """Applications of the groups where this expert may read (registered as the expert's scope).

    One flat join from the membership to the seat: the conditions sit in one ``filter()``, so they all
    hold for the same seat."""
    reads = _reads(user, seat="group__draws__seats__", draw="group__draws__")
    return GroupMember.objects.filter(reads).values("application")


def expert_application(user, application_id: int) -> Application | None:
    """The application if this expert may read it, else None: ``applications_for_user`` for one application
    of an expert (in a group where the expert has a reading seat, never a draft), with its batch,
    organisation, district and review group, and ``reading_seat_id``, the seat through which the expert reads it.

    One flat join from the application through its group's current draw to the expert's seat, the seat's
    conditions in the same ``filter()`` as the application's so that they hold for one seat. Before
    PostgreSQL kept prepared statements (``settings.POSTGRES_OPTIONS``), planning this join on every request
    cost more than two small queries; planned once per connection, it is the cheaper (1.9 -> 1.55 ms on the
    bench) and one round trip fewer. Pure read."""
    if not (user.is_authenticated and user.is_active):
        return None
    reads = _reads(user, seat="review_membership__group__draws__seats__", draw="review_membership__group__draws__")
    # A group has one current draw and an expert one seat on a draw: at most one row matches.
    return single_row(Application.objects.exclude(status=Status.DRAFT)
                      .select_related("batch", "organization", "jurisdiction", "review_membership__group")
                      .filter(reads, pk=application_id)
                      .annotate(reading_seat_id=F("review_membership__group__draws__seats__id")))


def groups_of_agency(user) -> QuerySet[ReviewGroup]:
    if not user.organization_id:
        return ReviewGroup.objects.none()
    return ReviewGroup.objects.filter(mode=ReviewGroup.Mode.AGENCY, agency_id=user.organization_id)


def agency_application_ids(user) -> QuerySet:
    """Applications the bureau handed to this user's agency (registered as the agency's scope)."""
    return GroupMember.objects.filter(group__in=groups_of_agency(user)).values("application")


def seat_for(user, application, *, group_id: int | None = None) -> PanelSeat | None:
    """The expert's reading seat for this application's group (``group_id`` when the caller has read
    it already), if any: the seat's own row only (callers need its id), in ``reading_seats`` order."""
    if group_id is None:
        membership = GroupMember.objects.filter(application=application).first()
        if membership is None:
            return None
        group_id = membership.group_id
    return PanelSeat.objects.filter(_reads(user), draw__group_id=group_id).first()


def membership_of(application) -> GroupMember | None:
    """The application's review group membership (with the group), if it has one."""
    return GroupMember.objects.select_related("group").filter(application=application).first()
