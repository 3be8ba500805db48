"""The panel sees one story: an action's summary (its standing, the three views' statuses, its progress)
and the history listed under it come from one query, so they cannot disagree; the counts the panels and
the panel report give are the histories' counts."""

import re
from datetime import date

import pytest
from django.utils import timezone

from accounts.testing import sign_in
from tracking import panel_report, panels
from tracking.models import Action, Category, View
from tracking.panel_report import Quarter
from tracking.services import Change, record_update
from tracking.testing import make_action, office_people, status

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    return office_people()


def summary_of(html: str) -> dict[str, str]:
    """The action page's summary list: key to value, as text."""
    rows = re.findall(
        r'<dt class="govuk-summary-list__key">(.*?)</dt><dd class="govuk-summary-list__value">(.*?)</dd>',
        html,
        re.S,
    )
    return {key: re.sub(r"<[^>]+>", "", value).strip() for key, value in rows}


def views_listed(html: str) -> dict[str, list[str]]:
    """The three views as the history lists them: each view's statuses, newest first."""
    section = html.split('<h2 class="govuk-heading-m">The three views</h2>', 1)[1].split("<h2", 1)[0]
    listed = {}
    for label, body in re.findall(r'<h3 class="govuk-heading-s">(.*?)</h3>(.*?)(?=<h3|$)', section, re.S):
        listed[label] = re.findall(r"<li>[^:<]+: ([^(<,]+)", body)
    return listed


def closed_by_the_office(action, people, on: date, **extra):
    record_update(
        action=action,
        change=Change(
            effective_on=on,
            view=View.OPCC,
            status=status(action, View.OPCC, "Closed"),
            justification="The policy is in force.",
            **extra,
        ),
        user=people["officer"],
    )


def test_the_panel_sees_the_status_the_history_lists_when_the_office_kept_its_note_internal(client, people):
    action = make_action()
    record_update(
        action=action,
        change=Change(effective_on=date(2020, 6, 1), text="Training has begun.", public=True),
        user=people["officer"],
    )
    closed_by_the_office(action, people, date(2020, 9, 1))  # its note is internal, its status is not
    sign_in(client, people["panel"])
    html = client.get(action.get_absolute_url()).content.decode()
    summary, listed = summary_of(html), views_listed(html)
    office = listed["What the office concludes"]
    assert office, "the history lists no status for the office, under a summary that names one"
    assert summary["What the office concludes"] == office[0] == "Closed"
    assert "The policy is in force." not in html  # the internal note stays internal


def test_a_late_entry_of_an_earlier_status_leaves_the_standing_the_history_ends_with(client, people):
    action = make_action()
    closed_by_the_office(action, people, date(2020, 10, 1))
    record_update(  # entered afterwards: what the office thought in September
        action=action,
        change=Change(
            effective_on=date(2020, 9, 1), view=View.OPCC, status=status(action, View.OPCC, "Not assured")
        ),
        user=people["officer"],
    )
    sign_in(client, people["officer"])
    html = client.get(action.get_absolute_url()).content.decode()
    summary, listed = summary_of(html), views_listed(html)
    assert listed["What the office concludes"] == ["Closed", "Not assured"]
    assert summary["What the office concludes"] == listed["What the office concludes"][0]
    assert summary["Standing"] == "Closed, closed 1 October 2020"


def test_progress_entered_late_with_an_earlier_date_leaves_the_latest_progress(people):
    action = make_action()
    for day, progress in ((date(2020, 10, 1), 80), (date(2020, 9, 1), 40)):
        record_update(
            action=action, change=Change(effective_on=day, progress=progress), user=people["officer"]
        )
    action.refresh_from_db()
    assert action.progress == 80


def test_the_panels_counts_equal_what_the_history_lists(people):
    """The tallies on the home, report and force pages count what the panel report reads from the
    histories, for a scenario where they used to differ: a status entered late, with an earlier date."""
    first, second = make_action(), make_action()
    closed_by_the_office(first, people, date(2020, 10, 1))
    record_update(
        action=first,
        change=Change(
            effective_on=date(2020, 9, 1), view=View.OPCC, status=status(first, View.OPCC, "Partly assured")
        ),
        user=people["officer"],
    )
    closed_by_the_office(second, people, date(2020, 9, 15))
    today = timezone.localdate()
    office = people["officer"].office
    report = panel_report.build(office=office, quarter=Quarter.of(today), today=today, charts=False)
    figures = dict(report.figures)
    tally = panels.tally(Action.objects.filter(office=office), today)
    assert (tally["total"], tally["open"], tally["closed"]) == (
        figures["Actions tracked"],
        figures["Open"],
        figures["Closed"],
    )
    assert tally["closed"] == 2
    closed_on = dict(Action.objects.filter(category=Category.CLOSED).values_list("pk", "closed_on"))
    assert closed_on == {first.pk: date(2020, 10, 1), second.pk: date(2020, 9, 15)}


def test_the_data_fix_restates_a_contradicted_action_from_its_history(people):
    import importlib

    from django.apps import apps

    fix = importlib.import_module("tracking.migrations.0006_standing_from_history")
    action = make_action()
    closed_by_the_office(action, people, date(2020, 10, 1))
    Action.objects.filter(pk=action.pk).update(  # as a late entry left it before the fix
        opcc_status=status(action, View.OPCC, "Not assured"), category=Category.OPEN, closed_on=None
    )
    fix.restate(apps, None)
    action.refresh_from_db()
    assert (action.opcc_status.name, action.category, action.closed_on) == (
        "Closed",
        Category.CLOSED,
        date(2020, 10, 1),
    )
