from datetime import UTC, date, datetime, timedelta

import pytest
from django.core import mail
from django.core.management import call_command

from accounts.testing import make_user
from directory.models import ReportType
from reports.services import create_report
from responses.models import CalendarFeed, Reminder
from responses.reminders import calendar, fold, send_reminders

pytestmark = pytest.mark.django_db
TODAY = date(2024, 5, 20)


@pytest.fixture
def office_reports():
    def report(title, published_on):
        return create_report(
            title=title,
            report_type=ReportType.objects.get(code="peel"),
            published_on=published_on,
            inspectorates=[],
            all_forces=True,
        )

    report("Due in five days", TODAY - timedelta(days=50))
    report("Overdue report", TODAY - timedelta(days=70))
    report("Due later", TODAY - timedelta(days=10))
    return make_user(username="cheshire-officer", email="officer@cheshire.example")


def test_reminders_go_to_the_office_once_a_day(office_reports, settings):
    settings.SCRUTINY_REMIND_DAYS = 7
    sent = send_reminders(today=TODAY)
    cheshire = [(o.report.title, kind) for o, kind, _ in sent if o.body.force.code == "cheshire"]
    assert sorted(cheshire) == [("Due in five days", "due-soon"), ("Overdue report", "overdue")]
    subjects = sorted(message.subject for message in mail.outbox)
    assert subjects[0].startswith("Due 25 May") and subjects[1].startswith("Overdue")
    assert "day 71" in next(m.body for m in mail.outbox if m.subject.startswith("Overdue"))
    assert send_reminders(today=TODAY) == [] and len(mail.outbox) == 2
    assert Reminder.objects.count() == 2
    assert len(send_reminders(today=TODAY + timedelta(days=1))) == 2  # a new day: reminded again


def test_the_remind_command_can_say_what_it_would_send(office_reports, capsys):
    call_command("remind", "--dry-run")
    out = capsys.readouterr().out
    assert "to send" in out and not mail.outbox


def test_the_calendar_feed_has_each_due_date_and_needs_its_secret_address(client, office_reports, signed_in):
    assert "Make a calendar address" in signed_in.get("/deadlines/").content.decode()
    assert not CalendarFeed.objects.exists()  # looking at the page makes nothing
    signed_in.post("/deadlines/", {"action": "calendar-address"})
    html = signed_in.get("/deadlines/").content.decode()
    feed = CalendarFeed.objects.get()
    assert f"/calendar/{feed.token}.ics" in html
    response = client.get(f"/calendar/{feed.token}.ics")
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar") and body.startswith("BEGIN:VCALENDAR\r\n")
    assert "DTSTART;VALUE=DATE:20240525" in body and body.count("BEGIN:VEVENT") == 3
    assert client.get("/calendar/wrong-token.ics").status_code == 404


def test_long_lines_are_folded_without_splitting_characters():
    line = "SUMMARY:" + "é" * 80
    folded = fold(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line


def test_text_in_the_calendar_is_escaped(office_reports):
    from responses.models import ResponseObligation

    obligations = ResponseObligation.objects.filter(body__force__code="cheshire")
    obligations.first().report.__class__.objects.filter(pk=obligations.first().report_id).update(
        title="A, B; C"
    )
    text = calendar(
        obligations, name="x", base_url="https://example.org", now=datetime(2024, 5, 1, tzinfo=UTC)
    )
    assert "A\\, B\\; C" in text


def test_a_newline_or_ampersand_in_a_title_keeps_reminders_going_for_every_office(office_reports, settings):
    # a newline in a subject is refused by the mail library: it stopped `remind` for every office
    settings.SCRUTINY_REMIND_DAYS = 7
    from reports.models import Report

    Report.objects.filter(title="Overdue report").update(title="Overdue\nreport on children & custody")
    make_user(username="kent-officer", email="officer@kent.example", office=kent_office())
    sent = send_reminders(today=TODAY)
    assert {o.body.force.code for o, _, _ in sent} == {"cheshire", "kent"}
    subjects = [message.subject for message in mail.outbox]
    assert "Overdue: section 55 response to Overdue report on children & custody" in subjects
    assert not any("&amp;" in subject or "\n" in subject for subject in subjects)


def test_one_office_whose_mail_fails_does_not_stop_the_others(office_reports, settings, monkeypatch):
    import smtplib

    from core import mail as reminders  # (where every reminder is sent once)

    settings.SCRUTINY_REMIND_DAYS = 7
    make_user(username="kent-officer", email="officer@kent.example", office=kent_office())
    real = reminders.send_mail

    def failing_for_kent(**kwargs):
        if "officer@kent.example" in kwargs["recipient_list"]:
            raise smtplib.SMTPRecipientsRefused({})
        return real(**kwargs)

    monkeypatch.setattr(reminders, "send_mail", failing_for_kent)
    sent = send_reminders(today=TODAY)
    assert {o.body.force.code for o, _, _ in sent} == {"cheshire"} and len(mail.outbox) == 2
    assert not Reminder.objects.filter(obligation__body__force__code="kent").exists()  # retried next run


def kent_office():
    from directory.models import LocalPolicingBody

    return LocalPolicingBody.objects.filter(force__code="kent").current().get()


def test_the_calendar_address_can_be_changed_and_the_old_one_stops(client, office_reports, signed_in):
    signed_in.post("/deadlines/", {"action": "calendar-address"})
    old = CalendarFeed.objects.get().token
    response = signed_in.post("/deadlines/", {"action": "calendar-address"})
    assert response.status_code == 302
    new = CalendarFeed.objects.get().token
    assert new != old
    assert client.get(f"/calendar/{old}.ics").status_code == 404
    assert client.get(f"/calendar/{new}.ics").status_code == 200


def test_the_calendar_address_changes_when_someone_in_the_office_leaves(office_reports):
    from accounts.models import Role
    from accounts.services import update_user

    admin = make_user(username="cheshire-admin", role=Role.OPCC_ADMIN)
    old = CalendarFeed.objects.create(body=office_reports.office).token
    update_user(person=office_reports, role=office_reports.role, is_active=True, by=admin)
    assert CalendarFeed.objects.get().token == old  # a change that is not leaving keeps the address
    update_user(person=office_reports, role=office_reports.role, is_active=False, by=admin)
    assert CalendarFeed.objects.get().token != old


def test_a_panel_member_cannot_change_the_calendar_address(office_reports, client):
    from accounts.models import Role

    panel = make_user(username="panel", role=Role.PANEL_MEMBER)
    client.force_login(panel)
    assert client.post("/deadlines/", {"action": "calendar-address"}).status_code == 403
    assert not CalendarFeed.objects.exists()


def test_the_deadlines_download_as_csv_and_excel_with_the_on_time_record(office_reports, signed_in):
    import csv
    import io

    import openpyxl

    response = signed_in.get("/deadlines.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Report", "Report type", "Report published"]
    titles = {row[0] for row in rows[1:]}
    assert {"Due in five days", "Overdue report", "Due later"} <= titles
    workbook = openpyxl.load_workbook(io.BytesIO(signed_in.get("/deadlines.xlsx").content))
    assert workbook.sheetnames == ["Deadlines", "On time by year", "On time by report type"]
    assert workbook["Deadlines"].max_row == len(rows)


def test_a_formula_typed_into_a_title_is_text_in_the_csv(signed_in):
    from core.exports import csv_cell

    assert csv_cell('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert csv_cell("Plain\x0b title") == "Plain\n title"
