"""Reminders and the calendar: due dates brought to people, by e-mail and in their calendars."""

from datetime import date, datetime, timedelta
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model

from accounts.access import OFFICE_STAFF
from core.mail import send_once
from core.text import one_line
from responses import clock
from responses.models import Reminder, ResponseObligation


def office_recipients(obligation: ResponseObligation) -> list[str]:
    """The office's administrators and officers with an e-mail address."""
    users = (
        get_user_model()
        .objects.filter(office=obligation.body_id, is_active=True, role__in=sorted(OFFICE_STAFF))
        .exclude(email="")
    )
    return sorted(set(users.values_list("email", flat=True)))


def send_reminders(*, today: date, dry_run: bool = False) -> list[tuple[ResponseObligation, str, int]]:
    """E-mail each office about responses due within SCRUTINY_REMIND_DAYS and those overdue; running it
    again the same day sends nothing twice."""
    window = today + timedelta(days=settings.SCRUTINY_REMIND_DAYS)
    sent = []
    for obligation in ResponseObligation.objects.open().select_related("report", "body"):
        if obligation.due_on < today:
            kind = Reminder.Kind.OVERDUE
        elif obligation.due_on <= window:
            kind = Reminder.Kind.DUE_SOON
        else:
            continue
        if Reminder.objects.filter(obligation=obligation, kind=kind, sent_on=today).exists():
            continue
        recipients = office_recipients(obligation)
        if not recipients:
            continue
        if dry_run:
            sent.append((obligation, kind, len(recipients)))
            continue
        context = {
            "obligation": obligation,
            "kind": kind,
            "today": today,
            "day": obligation.day_of_period(today),
            "days_left": obligation.days_left(today),
        }
        if not send_once(
            log=partial(
                Reminder.objects.create,
                obligation=obligation,
                kind=kind,
                sent_on=today,
                recipients=len(recipients),
            ),
            subject="responses/email/reminder_subject.txt",
            body="responses/email/reminder.txt",
            context=context,
            recipients=recipients,
            what=f"reminder for obligation {obligation.pk}",
        ):
            continue
        sent.append((obligation, kind, len(recipients)))
    return sent


def chasers_due(today: date):
    """Invitations whose comments are late, with an address, not chased within the last
    SCRUTINY_CHASE_EVERY_DAYS days."""
    recent = today - timedelta(days=settings.SCRUTINY_CHASE_EVERY_DAYS - 1)
    return (
        ResponseObligation.objects.open()
        .filter(
            invitation_sent_on__isnull=False,
            comments_received_on__isnull=True,
            comments_due_on__lt=today,
            withdrawn_on__isnull=True,
        )
        .exclude(chief_officer_email="")
        .exclude(reminders__kind=Reminder.Kind.CHASER, reminders__sent_on__gte=recent)
        .select_related("report", "body", "body__force")
        .order_by("comments_due_on", "pk")
    )


def count_chasers(today: date) -> int:
    return chasers_due(today).count()


def send_chasers(today: date, *, base_url: str = "") -> int:
    """Chase chief officers whose comments are late: once the day after the date they were asked for,
    then every SCRUTINY_CHASE_EVERY_DAYS days; never twice a day. Returns how many were sent."""
    from django.urls import reverse

    from responses.models import OfficeSettings

    base_url = base_url or getattr(settings, "SCRUTINY_BASE_URL", "")
    sent = 0
    for obligation in chasers_due(today):
        context = {
            "obligation": obligation,
            "report": obligation.report,
            "settings": OfficeSettings.objects.filter(body=obligation.body_id).first(),
            "submit_url": f"{base_url.rstrip('/')}{reverse('responses:force-comments', kwargs={'pk': obligation.pk})}"
            if base_url
            else "",
        }
        if not send_once(
            log=partial(
                Reminder.objects.create,
                obligation=obligation,
                kind=Reminder.Kind.CHASER,
                sent_on=today,
                recipients=1,
            ),
            subject="responses/email/chaser_subject.txt",
            body="responses/email/chaser.txt",
            context=context,
            recipients=[obligation.chief_officer_email],
            what=f"chaser for obligation {obligation.pk}",
        ):
            continue
        sent += 1
    return sent


def escape(text: str) -> str:
    text = one_line(text)  # a calendar TEXT value: no control characters, and a title is one line
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """RFC 5545: lines longer than 75 octets continue on the next line after a space."""
    data, parts = line.encode(), []
    while len(data) > 75:
        cut = 75 if not parts else 74
        while cut > 0 and (data[cut] & 0xC0) == 0x80:  # never split a UTF-8 character
            cut -= 1
        parts.append(data[:cut].decode())
        data = data[cut:]
    parts.append(data.decode())
    return "\r\n ".join(parts)


def calendar(obligations, *, name: str, base_url: str, now: datetime) -> str:
    """An iCalendar document with an all-day event on each response's due date."""
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Scrutiny//Section 55 deadlines//EN",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{escape(name)}",
    ]
    for obligation in obligations.select_related("report", "body"):
        due = obligation.due_on
        lines += [
            "BEGIN:VEVENT",
            f"UID:obligation-{obligation.pk}@scrutiny",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{due:%Y%m%d}",
            f"DTEND;VALUE=DATE:{due + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{escape('Section 55 response due: ' + obligation.report.title)}",
            f"DESCRIPTION:{escape(f'{obligation.body.name}. Report published {obligation.report.published_on:%-d %B %Y}; day {clock.PERIOD_DAYS} of {clock.PERIOD_DAYS}.')}",
            f"URL:{base_url}{obligation.get_absolute_url()}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(fold(line) for line in lines) + "\r\n"
