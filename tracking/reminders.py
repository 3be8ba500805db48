"""Asking owners for updates: actions due within SCRUTINY_TRACKING_REMIND_DAYS, and chasing overdue ones.

`send_due(today)` is what `scrutiny remind` calls each day. Each person gets one e-mail listing their
actions; an action is never sent to the same person twice in a day, however often it runs.
"""

from collections import defaultdict
from datetime import date, timedelta

from django.contrib.auth import get_user_model

from accounts.roles import Role
from core.mail import send_once
from tracking.models import Action, Category, Reminder
from tracking.services import remind_days


def contributors_by_force() -> dict[tuple[int, int], list]:
    """The active force contributors with an e-mail address, by (office, force)."""
    people = defaultdict(list)
    users = (
        get_user_model()
        .objects.filter(
            is_active=True, role=Role.FORCE_CONTRIBUTOR, office__isnull=False, force__isnull=False
        )
        .exclude(email="")
    )
    for user in users:
        people[(user.office_id, user.force_id)].append(user)
    return people


def recipients(action: Action, contributors: dict) -> list:
    """The action's owner when the owner uses Scrutiny; otherwise whoever reports for the force."""
    owner = action.owner_user
    if owner is not None and owner.is_active and owner.email and owner.office_id == action.office_id:
        return [owner]
    return contributors.get((action.office_id, action.force_id), [])


def send_due(today: date, *, dry_run: bool = False) -> int:
    """E-mail each person about their actions due soon and overdue; returns how many action reminders
    were sent (one per action and person). Running it again the same day sends nothing twice."""
    window = today + timedelta(days=remind_days())
    due = (
        Action.objects.filter(category=Category.OPEN, target_on__isnull=False, target_on__lte=window)
        .select_related("finding", "finding__report", "office", "force", "owner_user")
        .order_by("target_on", "id")
    )
    contributors = contributors_by_force()
    already = set(Reminder.objects.filter(sent_on=today).values_list("action_id", "person_id"))
    waiting: dict = defaultdict(list)
    for action in due.iterator(chunk_size=2000):
        for person in recipients(action, contributors):
            if (action.pk, person.pk) not in already:
                waiting[person].append(action)
    sent = 0
    for person, actions in waiting.items():
        if dry_run:
            sent += len(actions)
            continue
        sent += remind(person, actions, today)
    return sent


def remind(person, actions: list[Action], today: date) -> int:
    overdue = [action for action in actions if action.target_on < today]
    soon = [action for action in actions if action.target_on >= today]
    context = {
        "office": actions[0].office.name,
        "force": actions[0].force.name,
        "overdue": overdue,
        "due": soon,
        "days": remind_days(),
    }
    sent = send_once(
        log=lambda: Reminder.objects.bulk_create(
            Reminder(
                action=action,
                person=person,
                sent_on=today,
                kind=Reminder.Kind.OVERDUE if action.target_on < today else Reminder.Kind.DUE_SOON,
            )
            for action in actions
        ),
        subject="tracking/email/reminder_subject.txt",
        body="tracking/email/reminder.txt",
        context=context,
        recipients=[person.email],
        what=f"tracking reminder to user {person.pk}",
    )
    if not sent:
        return 0
    return len(actions)


def count_due(today: date) -> int:
    """How many action reminders `send_due(today)` would send now (for `scrutiny remind --dry-run`)."""
    return send_due(today, dry_run=True)
