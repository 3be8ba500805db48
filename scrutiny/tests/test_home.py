import pytest

from core.testing import get_page
from reports.models import Finding
from reports.testing import make_finding, make_report

pytestmark = pytest.mark.django_db


def test_home_shows_latest_reports_findings_by_kind_and_forces(signed_in):
    report = make_report(title="Latest thematic")
    make_finding(report=report)
    make_finding(report=report, kind=Finding.Kind.PROMISING_PRACTICE, label="Good work")
    html = get_page(signed_in, "/")
    assert "Latest thematic" in html
    assert "Innovative or promising practice" in html and "?kind=promising-practice" in html
    assert "Cheshire Constabulary" in html and "43 territorial police forces" in html


def test_home_needs_sign_in(client):
    response = client.get("/")
    assert response.status_code == 302 and response.url == "/sign-in/?next=/"


def test_pages_carry_a_content_security_policy_with_a_nonce(signed_in):
    response = signed_in.get("/")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in policy and "default-src 'self'" in policy
    nonce = policy.split("'nonce-")[1].split("'")[0]
    assert f'nonce="{nonce}"' in response.content.decode()


def test_the_accessibility_statement_is_public(client):
    assert "Accessibility statement for Scrutiny" in get_page(client, "/accessibility/")


def test_static_assets_come_from_this_server(signed_in):
    html = signed_in.get("/").content.decode()
    assert "/static/scrutiny/scrutiny.css" in html and "/static/django_htmx/htmx" in html
    assert "http://" not in html.replace("http://www.w3.org", "") and "https://" not in html


def test_a_missing_page_gets_the_services_own_not_found_page(signed_in):
    response = signed_in.get("/reports/999999/")
    assert response.status_code == 404 and "Page not found" in response.content.decode()


def test_each_role_home_page_shows_its_real_work(client):
    """Officers see what their responses need, with real counts; the panel sees what was published and
    what is late; a force contributor is not told about responses that are not theirs to see."""
    from datetime import timedelta

    from django.utils import timezone

    from accounts.testing import make_people
    from directory.models import ReportType
    from reports.services import create_report
    from responses.services import invite_chief_officer, record_published

    today = timezone.localdate()
    people = make_people()

    def report(title, days_ago):
        made = create_report(
            title=title,
            report_type=ReportType.objects.get(code="peel"),
            published_on=today - timedelta(days=days_ago),
            inspectorates=[],
            all_forces=True,
        )
        return made.obligations.get(body__force__code="cheshire")

    report("An overdue inspection", 70)
    report("A second overdue inspection", 60)
    soon = report("Due in five days", 50)
    invite_chief_officer(
        obligation=soon, to="cc@cheshire.example", sent_on=today - timedelta(days=40), user=people["officer"]
    )
    late = report("Published late", 90)
    record_published(obligation=late, published_on=today - timedelta(days=10))

    client.force_login(people["officer"])
    html = get_page(client, "/")
    assert "Overdue: 2" in html and "Due within 7 days: 1" in html
    assert "Waiting for the chief officer&#x27;s comments: 1" in html
    assert "copies to HM Inspectors and the Home Secretary not sent: 1" in html
    assert "Cheshire Police and Crime Commissioner" in html or people["officer"].office.name in html

    client.force_login(people["panel"])
    html = get_page(client, "/")
    assert "Published responses (1)" in html and "Late (3)" in html and "What your office" not in html

    client.force_login(people["force"])
    html = get_page(client, "/")
    assert "What your office" not in html and "Overdue" not in html


def test_office_staff_see_the_reports_whose_findings_are_still_to_check(client):
    from django.utils import timezone

    from accounts.roles import Role
    from accounts.testing import make_user

    unchecked = make_report(title="Not yet checked")
    checked = make_report(title="Checked already")
    type(checked).objects.filter(pk=checked.pk).update(reviewed_at=timezone.now())
    client.force_login(make_user())
    html = get_page(client, "/")
    assert "Findings to check: 1 report" in html and f"/reports/{unchecked.pk}/review/" in html
    assert f"/reports/{checked.pk}/review/" not in html
    client.force_login(make_user(username="panel", role=Role.PANEL_MEMBER))
    assert "Findings to check" not in get_page(client, "/")  # not theirs to check


def test_the_work_list_names_responses_not_yet_invited_or_not_yet_started(client):
    from datetime import timedelta

    from django.utils import timezone

    from accounts.testing import make_user
    from responses.models import ResponseObligation

    report = make_report(title="Far off", published_on=timezone.localdate() - timedelta(days=10))
    obligation = ResponseObligation.objects.get(report=report, body__force__code="cheshire")
    client.force_login(make_user())
    html = get_page(client, "/")
    assert "The chief officer not yet invited to comment: 1" in html
    ResponseObligation.objects.filter(pk=obligation.pk).update(
        status="comments-received",
        invitation_sent_on=report.published_on,
        comments_received_on=report.published_on,
    )
    html = get_page(client, "/")
    assert "Comments received, the response not started: 1" in html
    assert "The chief officer not yet invited to comment: 0" in html
