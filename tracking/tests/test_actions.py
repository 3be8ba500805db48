"""Actions open when a report is recorded, follow their findings, and restate rather than duplicate."""

import pytest

from reports.models import Finding
from reports.services import FindingRefused, delete_finding
from tracking.models import Action, Category, View
from tracking.services import Change, open_actions, record_update
from tracking.testing import cheshire, make_report, office_people, status

pytestmark = pytest.mark.django_db


def test_a_report_naming_a_force_opens_an_action_per_tracked_finding_for_its_office():
    report = make_report(forces=("cheshire",), findings=3)
    actions = Action.objects.filter(finding__report=report)
    assert actions.count() == 3
    assert {action.office for action in actions} == {cheshire()}
    assert all(action.force.code == "cheshire" for action in actions)
    first = actions.first()
    assert first.target_on == first.original_target_on == first.finding.deadline_on
    assert first.force_status.name == "Not started" and first.category == Category.OPEN
    assert [theme.name for theme in first.themes.all()] == ["National thematic inspection"]


def test_an_all_forces_report_opens_one_action_per_force_and_running_again_changes_nothing():
    report = make_report(all_forces=True, findings=2)
    count = Action.objects.filter(finding__report=report).count()
    assert count == 2 * Action.objects.filter(finding__report=report).values("force").distinct().count()
    assert Action.objects.filter(finding__report=report).values("force").distinct().count() >= 43
    assert open_actions(report=report) == []
    assert Action.objects.filter(finding__report=report).count() == count


def test_promising_practice_asks_nothing_of_a_force():
    report = make_report(findings=0)
    Finding.objects.create(report=report, kind=Finding.Kind.PROMISING_PRACTICE, label="P", text="Good.")
    assert open_actions(report=report) == []


def test_a_restated_recommendation_is_followed_on_the_original_action():
    earlier = make_report(findings=2, title="First inspection of custody")
    later = make_report(
        findings=2, title="Re-inspection of custody", published_on=earlier.published_on.replace(year=2022)
    )
    later.linked_reports.add(earlier)
    Action.objects.filter(finding__report=later).delete()
    open_actions(report=later)
    assert not Action.objects.filter(finding__report=later).exists()
    original = Action.objects.get(finding__report=earlier, finding__label="Recommendation 1")
    assert list(original.restated_in.values_list("label", flat=True)) == ["Recommendation 1"]


def test_a_finding_with_updates_cannot_be_removed_but_an_untouched_one_takes_its_actions_with_it():
    report = make_report(findings=2)
    people = office_people()
    worked = Action.objects.get(finding__report=report, finding__label="Recommendation 1")
    record_update(
        action=worked,
        change=Change(
            effective_on=report.published_on,
            view=View.FORCE,
            status=status(worked, View.FORCE, "In progress"),
        ),
        user=people["force"],
    )
    with pytest.raises(FindingRefused, match="tracked action"):
        delete_finding(finding=worked.finding)
    untouched = Action.objects.get(finding__report=report, finding__label="Recommendation 2")
    delete_finding(finding=untouched.finding)
    assert not Action.objects.filter(pk=untouched.pk).exists()


@pytest.mark.django_db
def test_the_demo_force_contributor_can_sign_in_with_the_demo_password(client):
    from accounts.demo import DEMO_PASSWORD
    from tracking.demo import FORCE_USERNAME
    from tracking.testing import load_scenario

    load_scenario()
    response = client.post("/sign-in/", {"username": FORCE_USERNAME, "password": DEMO_PASSWORD}, follow=True)
    assert response.context["user"].username == FORCE_USERNAME
    assert client.get("/tracker/force/").status_code == 200
