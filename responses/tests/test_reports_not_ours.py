"""Reports that are not the office's to answer under section 55: another sector's, or from before the
office started using Scrutiny. Neither is counted late, nor enters the on-time record."""

from datetime import date

import pytest

from accounts.roles import Role
from accounts.testing import make_user, sign_in
from directory.models import Force, LocalPolicingBody, ReportType
from reports.models import Report
from reports.services import create_report
from responses.models import OfficeSettings, ResponseObligation, statutory_default
from responses.services import record_obligations
from responses.services.clock import deadlines

pytestmark = pytest.mark.django_db


def recorded(**fields) -> Report:
    defaults = {
        "title": "A report",
        "report_type": ReportType.objects.get(code="peel"),
        "published_on": date(2020, 2, 27),
        "inspectorates": [],
        "forces": [Force.objects.get(code="cheshire")],
    }
    return create_report(**{**defaults, **fields})


def test_a_report_another_body_published_is_voluntary_by_default_and_never_late():
    # An old NHS review uploaded as if it were a police inspection: its type says section 55, its
    # publisher says otherwise.
    report = recorded(publisher="Care Quality Commission", subject_kind="other")
    obligation = report.obligations.get()
    assert statutory_default(report) == (
        False,
        "published by Care Quality Commission, not HM Inspectorate of Constabulary",
    )
    assert obligation.statutory is False
    long_after = date(2022, 11, 1)  # day 991
    assert not obligation.is_late(long_after)
    record = deadlines(ResponseObligation.objects.filter(pk=obligation.pk), long_after)
    assert not record.by_year and not record.by_type  # outside the on-time record


def test_a_police_inspectorate_report_or_one_that_says_nothing_keeps_its_types_default():
    assert statutory_default(
        recorded(publisher="HM Inspectorate of Constabulary and Fire & Rescue Services")
    )[0]
    assert statutory_default(recorded(title="Unsaid"))[0]
    council = recorded(title="Council", subject_kind=Report.SubjectKind.LOCAL_AUTHORITY)
    assert statutory_default(council) == (False, "about a local authority, not a police force")


def test_a_report_whose_56_days_ended_before_the_office_started_is_history_and_never_late():
    cheshire = LocalPolicingBody.objects.current().get(force__code="cheshire")
    OfficeSettings.objects.create(body=cheshire, started_on=date(2021, 1, 4))
    old = recorded(published_on=date(2020, 2, 27)).obligations.get()
    current = recorded(title="Within the start", published_on=date(2020, 12, 1)).obligations.get()
    assert old.history and not old.is_late(date(2021, 6, 1))
    assert not current.history  # its 56 days run past the start: the office still owes it
    assert record_obligations(report=old.report) == []  # recording again changes nothing


def test_setting_the_start_date_sets_earlier_responses_aside_as_history(client):
    cheshire = LocalPolicingBody.objects.current().get(force__code="cheshire")
    old = recorded(published_on=date(2020, 2, 27)).obligations.get()
    assert not old.history and old.is_late(date(2021, 6, 1))
    sign_in(client, make_user(username="admin-cheshire", role=Role.OPCC_ADMIN, office=cheshire))
    response = client.post(
        "/office/settings/",
        {"started_on_day": "4", "started_on_month": "1", "started_on_year": "2021"},
        follow=True,
    )
    assert (
        "1 response whose 56 days ended before the office started using Scrutiny" in response.content.decode()
    )
    old.refresh_from_db()
    assert old.history and old.updated_by is not None
