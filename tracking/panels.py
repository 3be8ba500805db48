"""What tracking shows on other apps' pages (registered in `TrackingConfig.ready`)."""

from django.db.models import Count, Q
from django.utils import timezone

from accounts import access
from tracking.access import reads_tracking
from tracking.models import Action, Category, Publication
from tracking.queries import late_filter


def sees_office_tracker(user) -> bool:
    return access.reads_deadlines(user)


def is_force_user(user) -> bool:
    return access.is_force_contributor(user) and user.force_id is not None


def tally(actions, today) -> dict:
    return actions.aggregate(
        total=Count("id"),
        open=Count("id", filter=Q(category=Category.OPEN)),
        late=Count("id", filter=late_filter("late", today)),
        newly=Count("id", filter=late_filter("newly", today)),
        closed=Count("id", filter=Q(category=Category.CLOSED)),
        done=Count("id", filter=Q(category__in=[Category.DONE, Category.NO_ACTION])),
    )


def report(request, report) -> dict | None:
    """On a report's page: the person's actions on it, with open and late counts."""
    if not reads_tracking(request.user):
        return None
    today = timezone.localdate()
    actions = (
        Action.objects.visible_to(request.user)
        .filter(Q(finding__report=report) | Q(restated_in__report=report))
        .distinct()
    )
    carried = actions.exclude(finding__report=report).select_related("finding", "finding__report")
    return {
        "report": report,
        "tally": tally(Action.objects.filter(pk__in=actions.values("pk")), today),
        "carried": list(carried[:10]),
        "may_open": access.is_office_staff(request.user) and request.user.office_id is not None,
        "office_id": request.user.office_id,
        "published": Publication.objects.filter(office=request.user.office_id, report=report).exists(),
    }


def force(request, force) -> dict | None:
    if not reads_tracking(request.user):
        return None
    actions = Action.objects.visible_to(request.user).filter(force=force)
    return {"force": force, "tally": tally(actions, timezone.localdate())}


def home(request, _=None) -> dict | None:
    if not reads_tracking(request.user):
        return None
    actions = Action.objects.visible_to(request.user)
    return {"tally": tally(actions, timezone.localdate()), "force_user": is_force_user(request.user)}
