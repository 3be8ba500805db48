"""Who owes a response to a report, and the obligation's life outside drafting: marked not
applicable or history, returned to work, reopened, statutory or not."""

from django.db import transaction

from core.refusals import Refused
from directory.models import Force, LocalPolicingBody
from reports.models import Report
from responses import clock
from responses.models import OfficeSettings, ResponseObligation, statutory_default


class ObligationRefused(Refused):
    """A change to an obligation cannot be made as asked; the message says why."""


def bodies_owing(report: Report) -> list[LocalPolicingBody]:
    """The body in office on publication day for each force the report concerns (every force for an
    all-forces report)."""
    forces = Force.objects.all() if report.all_forces else report.forces.all()
    bodies = []
    for force in forces.prefetch_related("bodies"):
        body = next(
            (
                b
                for b in force.bodies.all()
                if b.starts_on <= report.published_on
                and (b.ends_on is None or b.ends_on >= report.published_on)
            ),
            None,
        )
        if body is not None:
            bodies.append(body)
    return bodies


def handover_note(body: LocalPolicingBody, report: Report) -> str:
    """When the body changes within the 56 days, say who takes over and when."""
    due = clock.due_date(report.published_on)
    # the force's bodies as `bodies_owing` fetched them: no query per body for a report on every force
    taking_over = [b for b in body.force.bodies.all() if report.published_on < b.starts_on <= due]
    successor = min(taking_over, key=lambda b: b.starts_on, default=None)
    if successor is None:
        return ""
    return (
        f"{body.name} was in office when the report was published; {successor.name} takes office on "
        f"{successor.starts_on:%-d %B %Y}, before the response is due on {due:%-d %B %Y}."
    )


@transaction.atomic
def record_obligations(*, report: Report) -> list[ResponseObligation]:
    """Make sure every body that owes a response has an obligation; safe to call after every change to
    the report. Obligations no longer owed are removed only if no work has started on them."""
    owing = bodies_owing(report)
    existing = {obligation.body_id: obligation for obligation in report.obligations.all()}
    statutory = statutory_default(report)[0]
    started = dict(
        OfficeSettings.objects.filter(body__in=owing, started_on__isnull=False).values_list(
            "body", "started_on"
        )
    )
    due = clock.due_date(report.published_on)
    created = ResponseObligation.objects.bulk_create(
        ResponseObligation(
            report=report,
            body=body,
            statutory=statutory,
            handover_note=handover_note(body, report),
            # a past report loaded for the record, or one whose 56 days ended before the office started
            # using Scrutiny, owes no work now
            history=report.history or (body.pk in started and due < started[body.pk]),
        )
        for body in owing
        if body.pk not in existing
    )
    for obligation in existing.values():  # the type changed: obligations that follow it are re-decided
        if (
            obligation.statutory != statutory
            and not obligation.statutory_reason
            and not obligation.published_on
        ):
            obligation.statutory = statutory
            obligation.save(update_fields=["statutory", "updated_at"])
    owed = {body.pk for body in owing}
    for body_id, obligation in existing.items():
        if (
            body_id not in owed
            and obligation.status == ResponseObligation.Status.NOT_STARTED
            and not (obligation.published_on or obligation.not_applicable)
        ):
            obligation.delete()
    return created


def mark_not_applicable(*, obligation: ResponseObligation, reason: str, user) -> ResponseObligation:
    """An office may say a report does not apply to it, with a reason that is kept."""
    if not reason.strip():
        raise ObligationRefused("give the reason the report does not apply to this office")
    if obligation.published_on:
        raise ObligationRefused("a response has already been published for this report")
    obligation.not_applicable, obligation.not_applicable_reason, obligation.updated_by = (
        True,
        reason.strip(),
        user,
    )
    obligation.save(update_fields=["not_applicable", "not_applicable_reason", "updated_by", "updated_at"])
    return obligation


def mark_history(*, obligations, user) -> list[ResponseObligation]:
    """Set responses aside as history, kept for the record: past reports loaded after the fact, whose
    period ended before the office used Scrutiny. Each is saved on its own, so the audit trail records
    every one with who did it. Published and not-applicable ones are left as they are."""
    marked = []
    with transaction.atomic():
        for obligation in obligations.filter(history=False, not_applicable=False):
            if obligation.published_on:
                continue
            obligation.history, obligation.updated_by = True, user
            obligation.save(update_fields=["history", "updated_by", "updated_at"])
            marked.append(obligation)
    return marked


def return_to_work(*, obligation: ResponseObligation, user) -> ResponseObligation:
    """A response set aside as history is owed after all: it counts again, and is overdue if late."""
    obligation.history, obligation.updated_by = False, user
    obligation.save(update_fields=["history", "updated_by", "updated_at"])
    return obligation


def reopen(*, obligation: ResponseObligation, user) -> ResponseObligation:
    obligation.not_applicable, obligation.not_applicable_reason, obligation.updated_by = False, "", user
    obligation.save(update_fields=["not_applicable", "not_applicable_reason", "updated_by", "updated_at"])
    return obligation


def set_statutory(
    *, obligation: ResponseObligation, statutory: bool, user, reason: str = ""
) -> ResponseObligation:
    """Report types carry a statutory or voluntary default; the office confirms it (no reason needed) or
    changes it (with its reason) per report. A decision the office made is kept when the report's type
    changes later."""
    reason = reason.strip()
    default, why = statutory_default(obligation.report)
    if not reason:
        if statutory != default:
            kind = "statutory" if default else "voluntary"
            raise ObligationRefused(
                f"say why: a response to this report is {kind} unless the office says why not ({why})"
            )
        reason = f"the default, confirmed: {why}"
    obligation.statutory, obligation.statutory_reason, obligation.updated_by = statutory, reason, user
    obligation.save(update_fields=["statutory", "statutory_reason", "updated_by", "updated_at"])
    return obligation
