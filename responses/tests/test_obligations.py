from datetime import date, timedelta

import pytest
from django.core.management import call_command

from core.testing import get_page
from directory.models import Force, LocalPolicingBody, ReportType
from reports.services import create_report, update_report
from responses.services import ObligationRefused, mark_not_applicable, record_obligations, record_published

pytestmark = pytest.mark.django_db


def recorded(**fields):
    defaults = {
        "title": "A report",
        "report_type": ReportType.objects.get(code="peel"),
        "published_on": date(2020, 2, 27),
        "inspectorates": [],
    }
    return create_report(**{**defaults, **fields})


def test_a_force_report_creates_an_obligation_for_the_body_in_office_that_day():
    report = recorded(forces=[Force.objects.get(code="north-yorkshire")])
    obligation = report.obligations.get()
    assert obligation.body.kind == LocalPolicingBody.Kind.PFCC and obligation.statutory
    assert obligation.due_on == date(2020, 4, 22)
    later = recorded(
        title="Later", forces=[Force.objects.get(code="north-yorkshire")], published_on=date(2025, 1, 6)
    )
    assert later.obligations.get().body.kind == LocalPolicingBody.Kind.MAYOR


def test_an_all_forces_report_creates_one_for_every_body():
    report = recorded(all_forces=True)
    assert report.obligations.count() == 43


def test_report_types_carry_the_statutory_default():
    report = recorded(
        report_type=ReportType.objects.get(code="jtai"), forces=[Force.objects.get(code="kent")]
    )
    assert report.obligations.get().statutory is False


def test_a_change_of_body_within_the_56_days_leaves_a_handover_note():
    report = recorded(forces=[Force.objects.get(code="north-yorkshire")], published_on=date(2024, 4, 1))
    note = report.obligations.get().handover_note
    assert (
        "Mayor of York and North Yorkshire takes office on 7 May 2024" in note
        and "due on 26 May 2024" in note
    )


def test_changing_the_forces_adds_obligations_and_removes_untouched_ones():
    kent, cheshire = Force.objects.get(code="kent"), Force.objects.get(code="cheshire")
    report = recorded(forces=[kent])
    update_report(report=report, forces=[cheshire])
    assert [o.body.force.code for o in report.obligations.all()] == ["cheshire"]
    assert record_obligations(report=report) == []


def test_an_office_marks_a_report_not_applicable_with_a_reason():
    obligation = recorded(all_forces=True).obligations.first()
    with pytest.raises(ObligationRefused, match="give the reason"):
        mark_not_applicable(obligation=obligation, reason=" ", user=None)
    mark_not_applicable(obligation=obligation, reason="About Welsh forces only.", user=None)
    obligation.refresh_from_db()
    assert obligation.state_label(date(2021, 1, 1)) == "Not applicable"


def test_late_and_published_late_are_kept_for_the_record():
    obligation = recorded(forces=[Force.objects.get(code="kent")]).obligations.get()
    assert obligation.state_label(date(2020, 4, 22)) == "Not started"
    assert obligation.state_label(date(2020, 4, 23)) == "Not started, late"
    record_published(obligation=obligation, published_on=date(2020, 4, 24))
    assert obligation.state_label(date(2021, 1, 1)) == "Published late"
    assert obligation.day_of_period(date(2021, 1, 1)) == 58


def test_the_deadlines_page_groups_by_how_soon_and_shows_the_on_time_rate(signed_in):
    from datetime import timedelta

    from django.utils import timezone

    today = timezone.localdate()
    recorded(title="Due soon", all_forces=True, published_on=today - timedelta(days=50))
    recorded(title="Overdue one", all_forces=True, published_on=today - timedelta(days=80))
    html = get_page(signed_in, "/deadlines/")
    assert html.index("Overdue one") < html.index("Due soon")
    assert "Not started, late" in html and "0 of 1" in html


def test_the_obligation_page_shows_the_clock_and_takes_not_applicable(signed_in):
    report = recorded(all_forces=True, published_on=date(2020, 2, 27))
    obligation = report.obligations.get(body__force__code="cheshire")
    html = get_page(signed_in, f"/obligations/{obligation.pk}/")
    assert "22 April 2020 (day 56, the last day)" in html
    response = signed_in.post(f"/obligations/{obligation.pk}/", {"action": "not-applicable", "reason": ""})
    assert "Enter the reason the report does not apply" in response.content.decode()
    assert obligation.statutory is True  # the report type's default
    refused = signed_in.post(f"/obligations/{obligation.pk}/", {"action": "statutory", "statutory": "false"})
    assert "Say why: a response to this report is statutory unless you say why not" in (
        refused.content.decode()
    )
    signed_in.post(
        f"/obligations/{obligation.pk}/",
        {"action": "statutory", "statutory": "false", "statutory_reason": "A survey."},
    )
    obligation.refresh_from_db()
    assert obligation.statutory is False and obligation.statutory_reason == "A survey."
    assert "decided by the office: A survey." in get_page(signed_in, f"/obligations/{obligation.pk}/")


def test_confirming_the_default_needs_no_reason_and_is_kept_as_the_office_s_decision(signed_in):
    report = recorded(all_forces=True, published_on=date(2020, 2, 27))
    obligation = report.obligations.get(body__force__code="cheshire")
    default = "true" if report.report_type.statutory else "false"
    response = signed_in.post(f"/obligations/{obligation.pk}/", {"action": "statutory", "statutory": default})
    assert response.status_code == 302
    obligation.refresh_from_db()
    assert obligation.statutory is report.report_type.statutory
    assert (
        obligation.statutory_reason
        == f"the default, confirmed: the report type, {report.report_type.name}, carries a section 55 duty"
    )


def test_changing_the_report_type_re_decides_obligations_the_office_has_not_decided(signed_in):
    from directory.models import ReportType
    from reports.services import update_report
    from responses.services import set_statutory

    report = recorded(all_forces=True, published_on=date(2020, 2, 27))
    cheshire = report.obligations.get(body__force__code="cheshire")
    kent = report.obligations.get(body__force__code="kent")
    set_statutory(obligation=kent, statutory=True, reason="Kent answers every report.", user=None)
    html = get_page(signed_in, f"/reports/{report.pk}/")
    assert "Statutory: a section 55 response is required" in html or "Voluntary: no section 55 duty" in html
    other = ReportType.objects.exclude(statutory=report.report_type.statutory).first()
    update_report(report=report, report_type=other)
    cheshire.refresh_from_db()
    kent.refresh_from_db()
    assert cheshire.statutory == other.statutory  # followed the type
    assert kent.statutory is True  # the office's decision, with its reason, stays
    assert f"by default: the report type, {other.name}" in get_page(signed_in, f"/obligations/{cheshire.pk}/")


def test_offices_see_only_their_own_obligations(signed_in):
    report = recorded(all_forces=True)
    other = report.obligations.get(body__force__code="kent")
    assert signed_in.get(f"/obligations/{other.pk}/").status_code == 404
    html = get_page(signed_in, "/deadlines/")
    assert "Police and Crime Commissioner for Cheshire" in html and "Commissioner for Kent" not in html


def test_the_deadlines_command_prints_the_table(capsys):
    from datetime import timedelta

    from django.utils import timezone

    recorded(title="Printed one", all_forces=True, published_on=timezone.localdate() - timedelta(days=52))
    call_command("deadlines", "--force", "cheshire")
    out = capsys.readouterr().out
    assert "Due within 7 days" in out and "day 53 of 56" in out and "Printed one" in out
    assert "Kent" not in out


@pytest.mark.parametrize(
    "left, bucket",
    [(-1, "overdue"), (0, "7"), (7, "7"), (8, "14"), (14, "14"), (15, "28"), (28, "28"), (29, "later")],
)
def test_days_left_fall_in_the_bucket_they_name(left, bucket):
    from responses.services import bucket_of
    from responses.testing import make_obligation

    obligation = make_obligation()
    today = obligation.due_on - timedelta(days=left)
    assert obligation.days_left(today) == left
    assert bucket_of(obligation, today) == bucket


def test_publishing_is_all_or_nothing(monkeypatch):
    from responses.services import publishing
    from responses.testing import make_obligation

    obligation = make_obligation()

    def fails(published):
        raise RuntimeError("the linked response could not be published")

    monkeypatch.setattr(publishing, "follow_publication", fails)
    with pytest.raises(RuntimeError):
        record_published(obligation=obligation, published_on=date(2020, 4, 17))
    obligation.refresh_from_db()
    assert obligation.published_on is None and obligation.status == obligation.Status.NOT_STARTED
