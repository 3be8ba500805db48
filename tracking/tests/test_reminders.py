"""Owners are asked for updates on actions due soon and chased on overdue ones, never twice a day for the
same action and person."""

from datetime import date, timedelta

import pytest
from django.core import mail

from tracking.models import Category, Reminder
from tracking.reminders import count_due, send_due
from tracking.testing import make_action, office_people

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 26)


@pytest.fixture
def people():
    return office_people()


def test_due_soon_and_overdue_actions_are_sent_once_a_day_to_the_force(people):
    due = make_action(target_on=TODAY + timedelta(days=5))
    late = make_action(target_on=TODAY - timedelta(days=10))
    make_action(target_on=TODAY + timedelta(days=200))  # not yet
    make_action(target_on=TODAY - timedelta(days=3), category=Category.CLOSED)  # finished
    assert send_due(TODAY) == 2
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [people["force"].email]
    assert "1 overdue action and 1 action due soon" in message.subject
    assert due.get_absolute_url() in message.body and late.get_absolute_url() in message.body
    assert send_due(TODAY) == 0 and len(mail.outbox) == 1  # the same day: nothing again
    assert send_due(TODAY + timedelta(days=1)) == 2  # the next day, chased again
    assert Reminder.objects.count() == 4


def test_the_owner_is_asked_when_the_owner_uses_scrutiny(people):
    action = make_action(target_on=TODAY - timedelta(days=1))
    action.owner_user = people["officer"]
    action.save()
    assert send_due(TODAY) == 1
    assert mail.outbox[0].to == [people["officer"].email]


def test_a_dry_run_sends_and_records_nothing(people):
    make_action(target_on=TODAY)
    assert send_due(TODAY, dry_run=True) == count_due(TODAY) == 1
    assert not mail.outbox and not Reminder.objects.exists()


def test_a_failing_mail_server_records_nothing_so_the_next_run_retries(people, settings):
    make_action(target_on=TODAY)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    assert send_due(TODAY) == 0
    assert not Reminder.objects.exists()
