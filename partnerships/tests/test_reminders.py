"""Follow-up reminders: sent when the follow-up date has come, never twice a day."""

from datetime import date

import pytest
from django.core import mail

from partnerships import services
from partnerships.models import FollowUpReminder, Referral
from partnerships.reminders import send_due

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_referrals(scenario):
    mail.outbox.clear()
    return Referral.objects.filter(office=scenario["office"])


def test_nothing_is_due_before_the_follow_up_date(open_referrals):
    assert send_due(date(2020, 4, 13)) == 0 and not mail.outbox


def test_each_open_referral_is_reminded_once_a_day(open_referrals):
    assert send_due(date(2020, 4, 14)) == 4
    assert send_due(date(2020, 4, 14)) == 0  # the second run that day sends nothing
    # To the office's staff: the demo's officer, administrator and custody user.
    staff = ["demo-admin@example.org", "demo-custody@example.org", "demo-officer@example.org"]
    assert len(mail.outbox) == 4 and sorted(mail.outbox[0].to) == staff
    assert mail.outbox[0].subject.startswith("Follow up: ")
    assert send_due(date(2020, 4, 15)) == 4  # still not followed up the next day
    assert FollowUpReminder.objects.count() == 8


def test_followed_up_closed_and_later_dates_are_not_reminded(open_referrals, scenario):
    officer = scenario["officer"]
    by_name = {referral.partnership.name.split(" Safeguarding")[0]: referral for referral in open_referrals}
    services.record_followed_up(referral=by_name["Halton"], on=date(2020, 4, 14), user=officer)
    services.close(referral=by_name["Cheshire West and Chester"], user=officer)
    services.set_follow_up(referral=by_name["Warrington"], follow_up_on=date(2020, 5, 1), user=officer)
    assert send_due(date(2020, 4, 15)) == 1  # Cheshire East only
    assert "Cheshire East" in mail.outbox[0].subject


def test_a_reminder_that_cannot_be_sent_is_tried_again_the_next_run(open_referrals, monkeypatch):
    import smtplib

    def broken(**kwargs):
        raise smtplib.SMTPException("down")

    monkeypatch.setattr("core.mail.send_mail", broken)
    assert send_due(date(2020, 4, 14)) == 0 and not FollowUpReminder.objects.exists()
    monkeypatch.undo()
    assert send_due(date(2020, 4, 14)) == 4


def test_scrutiny_remind_sends_the_follow_ups_beside_the_response_reminders(open_referrals, monkeypatch):
    from io import StringIO

    from django.core.management import call_command
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args: date(2020, 4, 14))
    out = StringIO()
    call_command("remind", "--dry-run", stdout=out)
    assert "Referral follow-ups: 4 due" in out.getvalue() and not mail.outbox
    call_command("remind", stdout=out)
    assert "Referral follow-ups: 4 sent" in out.getvalue()
    assert sum(message.subject.startswith("Follow up: ") for message in mail.outbox) == 4
