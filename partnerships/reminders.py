"""Follow-up reminders for referrals: `send_due(today)` e-mails each office about referrals whose
follow-up date has come; `scrutiny remind` calls it daily, and a second run the same day sends nothing."""

from datetime import date
from functools import partial

from django.contrib.auth import get_user_model
from django.db.models import F, Q

from accounts.access import OFFICE_STAFF
from core.mail import send_once
from partnerships.models import FollowUpReminder, Referral


def due(today: date):
    """Open referrals whose follow-up date has come and that have not been followed up since it."""
    return (
        Referral.objects.exclude(state=Referral.State.CLOSED)
        .filter(follow_up_on__lte=today)
        .filter(Q(followed_up_on__isnull=True) | Q(followed_up_on__lt=F("follow_up_on")))
        .select_related("office", "partnership", "report")
    )


def office_recipients(office_id: int) -> list[str]:
    users = (
        get_user_model()
        .objects.filter(office=office_id, is_active=True, role__in=sorted(OFFICE_STAFF))
        .exclude(email="")
    )
    return sorted(set(users.values_list("email", flat=True)))


def send_due(today: date) -> int:
    """E-mail the office about each referral due for follow-up; returns how many reminders were sent.
    None is sent twice a day: each is logged, and the log allows one per referral per day."""
    sent = 0
    for referral in due(today):
        if FollowUpReminder.objects.filter(referral=referral, sent_on=today).exists():
            continue
        recipients = office_recipients(referral.office_id)
        if not recipients:
            continue
        context = {"referral": referral, "today": today, "overdue_days": (today - referral.follow_up_on).days}
        if not send_once(
            log=partial(
                FollowUpReminder.objects.create, referral=referral, sent_on=today, recipients=len(recipients)
            ),
            subject="partnerships/email/follow_up_subject.txt",
            body="partnerships/email/follow_up.txt",
            context=context,
            recipients=recipients,
            what=f"follow-up reminder for referral {referral.pk}",
        ):
            continue
        sent += 1
    return sent


def count_due(today: date) -> int:
    """How many referrals are due for a follow-up reminder today (for `scrutiny remind --dry-run`)."""
    return due(today).count()
