import pytest
from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from directory.models import SafeguardingPartnership
from reports.demo import PUBLISHED_ON
from reports.models import Finding, Report
from responses.models import ResponseSection
from scrutiny.demo import DEMO_PASSWORD, DEMO_USERNAME, REPORT_TITLE

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "reports": list(Report.objects.values_list("id", "title", "published_on", "updated_at")),
        "findings": list(Finding.objects.values_list("id", "label", "text", "parent_id")),
        "users": list(User.objects.values_list("id", "username", "password")),
        "authenticators": list(TOTPDevice.objects.values_list("id", "user_id", "key", "confirmed")),
        "partnerships": list(SafeguardingPartnership.objects.values_list("id", "name")),
        "sections": list(
            ResponseSection.objects.values_list(
                "id", "body", "updated_at", "comments_stance", "comments_confirmed_at"
            )
        ),
    }


def test_the_demo_loads_the_scenario_and_prints_how_to_sign_in(capsys):
    call_command("demo")
    out = capsys.readouterr().out
    report = Report.objects.get(title=REPORT_TITLE)
    assert report.published_on == PUBLISHED_ON and report.all_forces
    assert report.findings.filter(kind="recommendation").count() >= 6
    assert report.findings.get(label="5a").parent.label == "Recommendation 5"
    admin = User.objects.get(username=DEMO_USERNAME)
    assert admin.check_password(DEMO_PASSWORD) and admin.office.force.code == "cheshire"
    assert f"as {DEMO_USERNAME} with password {DEMO_PASSWORD}" in out
    assert f"/reports/{report.pk}/" in out
    assert SafeguardingPartnership.objects.filter(local_authorities__forces__code="cheshire").count() == 4
    obligation = report.obligations.get(body=admin.office)
    assert obligation.invitation_sent_on.isoformat() == "2020-03-03" and obligation.comments_text
    assert obligation.approved_on.isoformat() == "2020-04-15" and obligation.status == "published"
    assert obligation.day_of_period(obligation.published_on) == 51 and not obligation.published_late
    answers = obligation.sections.filter(kind="recommendation")
    assert answers.count() == 7 and not answers.filter(body="").exists()
    assert obligation.sections.filter(kind="free").count() == 3
    # The chief constable's letter was read, linked to each recommendation and the links confirmed.
    assert obligation.comments_document.name.endswith(".docx")
    stances = dict(answers.values_list("title", "comments_stance"))
    assert stances == {
        "Recommendation 1": "accepted",
        "Recommendation 2": "accepted",
        "Recommendation 3": "accepted",
        "Recommendation 4": "noted",
        "Recommendation 5": "accepted",
        "5a": "accepted",
        "Recommendation 6": "partially accepted",
    }
    assert not answers.filter(comments_confirmed_at=None).exists()


def test_running_the_demo_twice_changes_nothing():
    call_command("demo")
    before = snapshot()
    call_command("demo")
    assert snapshot() == before
