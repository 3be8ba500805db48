"""History without noise: past reports' responses are kept for the record, never overdue, never reminded,
not in the calendar, the home page's work list or the on-time record; an officer sets existing ones aside
in bulk from the deadlines page, with a confirmation, and every change is in the audit trail."""

from datetime import date, timedelta

import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from core.testing import get_page
from directory.models import ReportType
from reports.services import create_report
from responses.models import CalendarFeed, ResponseObligation
from responses.panels import work_list
from responses.reminders import send_reminders
from responses.services import deadlines

pytestmark = pytest.mark.django_db


def past_report(title, *, history, days_ago=400):
    return create_report(
        title=title,
        report_type=ReportType.objects.get(code="peel"),
        published_on=timezone.localdate() - timedelta(days=days_ago),
        inspectorates=[],
        all_forces=True,
        history=history,
    )


def cheshire(report) -> ResponseObligation:
    return report.obligations.get(body__force__code="cheshire")


def test_a_report_recorded_as_history_makes_history_obligations_for_every_office():
    report = past_report("Vetting 2021", history=True)
    assert report.obligations.count() > 40 and not report.obligations.filter(history=False).exists()
    assert not past_report("Vetting 2022", history=False).obligations.filter(history=True).exists()


def test_history_is_apart_from_the_overdue_list_and_the_on_time_record():
    history = cheshire(past_report("Stop and search 2021", history=True))
    overdue = cheshire(past_report("Custody 2021", history=False))
    today = timezone.localdate()
    summary = deadlines(ResponseObligation.objects.filter(body=history.body), today)
    assert summary.buckets["overdue"] == [overdue]
    assert summary.buckets["history"] == [history]
    year = history.report.published_on.year
    assert (summary.by_year[year].on_time, summary.by_year[year].late) == (0, 1)  # only the current one
    assert not history.is_late(today) and history.state_label(today) == "History"


def test_history_is_never_reminded_nor_in_the_calendar_nor_in_the_work_list(client, user, settings):
    settings.SCRUTINY_REMIND_DAYS = 7
    history = cheshire(past_report("Fraud 2021", history=True))
    current = cheshire(past_report("Roads 2021", history=False))
    reminded = {obligation for obligation, _, _ in send_reminders(today=timezone.localdate())}
    assert current in reminded and history not in reminded
    feed = CalendarFeed.objects.create(body=current.body)
    ics = client.get(f"/calendar/{feed.token}.ics").content.decode()
    assert "Roads 2021" in ics and "Fraud 2021" not in ics
    groups = {
        g["key"]: g for g in work_list(ResponseObligation.objects.filter(body=current.body), date.today())
    }
    assert groups["overdue"]["count"] == 1 and groups["overdue"]["items"] == [current]


def test_an_officer_marks_overdue_ones_as_history_in_bulk_after_confirming(signed_in, user):
    first = cheshire(past_report("Missing children 2020", history=False, days_ago=900))
    second = cheshire(past_report("Missing children 2021", history=False, days_ago=600))
    kept = cheshire(past_report("Missing children 2024", history=False, days_ago=70))
    page = get_page(signed_in, "/deadlines/")
    assert "Overdue (3)" in page and 'name="obligation"' in page and "Mark all 3 as history" in page

    # Choosing is not doing: the next page asks, and nothing changes until the officer says yes.
    confirm = signed_in.post("/deadlines/history/", {"obligation": [first.pk, second.pk]})
    html = confirm.content.decode()
    assert confirm.status_code == 200 and "Mark 2 responses as history?" in html
    assert "Missing children 2020" in html and "Missing children 2024" not in html
    assert not ResponseObligation.objects.filter(history=True).exists()

    done = signed_in.post("/deadlines/history/", {"obligation": [first.pk, second.pk], "confirm": "yes"})
    assert done.status_code == 302 and done["Location"].endswith("/deadlines/#history")
    assert set(ResponseObligation.objects.filter(history=True)) == {first, second}
    page = get_page(signed_in, "/deadlines/")
    assert "Overdue (1)" in page and "History: past reports kept for the record (2)" in page
    entries = LogEntry.objects.get_for_object(first).filter(actor=user)
    assert any("history" in (entry.changes_dict or {}) for entry in entries)

    # And one that is owed after all goes back to work from its own page.
    signed_in.post(f"/obligations/{first.pk}/", {"action": "return-to-work"})
    first.refresh_from_db()
    assert not first.history and first.is_late(timezone.localdate())
    assert kept.history is False


def test_a_whole_group_is_marked_at_once_and_nothing_selected_is_refused(signed_in, user):
    for year in (2019, 2020, 2021):
        past_report(f"Child protection {year}", history=False, days_ago=400 + (2021 - year) * 365)
    nothing = signed_in.post("/deadlines/history/", {}, follow=True)
    assert "Select the responses to mark as history" in nothing.content.decode()
    confirm = signed_in.post("/deadlines/history/", {"group": "overdue"}).content.decode()
    assert "Mark 3 responses as history?" in confirm
    assert confirm.count('name="obligation"') == 3  # the confirmation carries the ids, not the group


def test_another_offices_responses_cannot_be_marked(signed_in, user):
    report = past_report("Neighbourhood policing 2021", history=False)
    theirs = report.obligations.get(body__force__code="merseyside")
    signed_in.post("/deadlines/history/", {"obligation": [theirs.pk], "confirm": "yes"})
    theirs.refresh_from_db()
    assert not theirs.history


def test_the_panel_cannot_mark_history(client, user):
    from accounts.roles import Role
    from accounts.testing import make_user

    panel = make_user(username="panel-member", role=Role.PANEL_MEMBER)
    client.force_login(panel)
    obligation = cheshire(past_report("Stalking 2021", history=False))
    response = client.post("/deadlines/history/", {"obligation": [obligation.pk], "confirm": "yes"})
    assert response.status_code == 403
    obligation.refresh_from_db()
    assert not obligation.history


def test_a_report_entered_by_hand_is_asked_about_and_can_be_history(signed_in):
    from reports.tests.test_pages import report_form_data

    page = get_page(signed_in, "/reports/add/")
    assert "Is this a current report or a past one?" in page
    unanswered = signed_in.post("/reports/add/", report_form_data(history="")).content.decode()
    assert "Say whether this is a current report or a past one loaded as history" in unanswered
    signed_in.post("/reports/add/", report_form_data(history="history"))
    obligation = ResponseObligation.objects.get(report__title="Custody thematic")
    assert obligation.history and obligation.report.history
