"""What responses shows on other apps' pages (registered in `ResponsesConfig.ready`)."""

from django.utils import timezone

from accounts import access
from responses import clock
from responses.models import ResponseObligation


def report(request, report) -> dict | None:
    """On a report's page: the section 55 response the person's office owes, for those who read
    deadlines (office staff and the panel); for people at a force, the comments an office asked of it;
    nothing for people who cannot see obligations."""
    if access.is_force_contributor(request.user):
        asked = list(
            ResponseObligation.objects.asked_of(request.user).filter(report=report).select_related("body")
        )
        return {"force_asks": asked} if asked else None
    if not access.reads_deadlines(request.user):
        return None
    obligations = (
        ResponseObligation.objects.visible_to(request.user).filter(report=report).select_related("body")
    )
    return {
        "obligations": list(obligations[:5]),
        "obligation_count": obligations.count(),
        "today": timezone.localdate(),
        "period_days": clock.PERIOD_DAYS,
        "own_office": request.user.office_id is not None,
        "may_change": access.is_office_staff(request.user),
    }


def work_list(obligations, today) -> list[dict]:
    """The office's responses that need someone, by what they need, each with up to five of them."""
    obligations = obligations.current()  # history is kept for the record, never work
    open_ones = list(obligations.open().select_related("report", "body"))
    due = sorted(open_ones, key=lambda obligation: obligation.due_on)
    groups = [
        ("overdue", "Overdue", [o for o in due if o.days_left(today) < 0]),
        ("7", "Due within 7 days", [o for o in due if 0 <= o.days_left(today) <= 7]),
        ("14", "Due in 8 to 14 days", [o for o in due if 8 <= o.days_left(today) <= 14]),
        ("28", "Due in 15 to 28 days", [o for o in due if 15 <= o.days_left(today) <= 28]),
        (
            "comments",
            "Waiting for the chief officer's comments",
            [o for o in due if o.invitation_sent_on and not o.comments_received_on],
        ),
        (
            "invite",
            "The chief officer not yet invited to comment",
            [o for o in due if not o.invitation_sent_on and not o.comments_received_on],
        ),
        (
            "start",
            "Comments received, the response not started",
            [o for o in due if o.status == ResponseObligation.Status.COMMENTS_RECEIVED],
        ),
        ("drafting", "Being drafted", [o for o in due if o.status == ResponseObligation.Status.DRAFTING]),
        (
            "approval",
            "Sent for approval, waiting for the approver",
            [o for o in due if o.status == ResponseObligation.Status.AWAITING_APPROVAL],
        ),
        (
            "publish",
            "Approved, not yet published",
            [o for o in due if o.status == ResponseObligation.Status.APPROVED],
        ),
        (
            "copies",
            "Published, copies to HM Inspectors and the Home Secretary not sent",
            list(
                obligations.filter(
                    published_on__isnull=False, copies_sent_on__isnull=True, withdrawn_on__isnull=True
                )
                .select_related("report", "body")
                .order_by("-published_on")
            ),
        ),
    ]
    return [
        {"key": key, "label": label, "count": len(items), "items": items[:5]} for key, label, items in groups
    ]


def home(request, _=None) -> dict | None:
    """On the home page: for office staff, what their office's responses need, in order of urgency; for
    the panel, the office's published responses and the late ones. Others see nothing here."""
    user = request.user
    if access.is_force_contributor(user):
        return force_home(user)
    if not access.reads_deadlines(user) or not user.office_id:
        return None
    today = timezone.localdate()
    obligations = ResponseObligation.objects.visible_to(user).filter(body=user.office_id).current()
    context = {"office": user.office, "today": today, "staff": access.is_office_staff(user)}
    if context["staff"]:
        context["groups"] = work_list(obligations, today)
    else:
        published = obligations.filter(published_on__isnull=False).select_related("report")
        context["published"] = list(published.order_by("-published_on")[:5])
        context["published_count"] = published.count()
        late_open = [o for o in obligations.open().select_related("report") if o.is_late(today)]
        late_published = [o for o in published if o.published_late]
        context["late"] = late_open + late_published
    return context


def force_home(user) -> dict | None:
    """For someone at a force: the chief officer's comments offices have asked of it."""
    asked = list(
        ResponseObligation.objects.asked_of(user)
        .select_related("report", "body")
        .order_by("comments_received_on", "comments_due_on")
    )
    return {
        "force_view": True,
        "force": user.force,
        "today": timezone.localdate(),
        "waiting": [o for o in asked if o.comments_received_on is None],
        "submitted": [o for o in asked if o.comments_received_on is not None],
    }
