"""The tracker's pages: the list with its filters, an action's page and its forms, the force's page."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.testing import sign_in
from tracking.models import Action, ActionUpdate, Category, Evidence, View
from tracking.testing import make_action, office_people, status

pytestmark = pytest.mark.django_db


def get_page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "duplicate id"
    assert html.count("<h1") == 1
    return html


def date_fields(name: str, day: date) -> dict:
    return {f"{name}_day": day.day, f"{name}_month": day.month, f"{name}_year": day.year}


@pytest.fixture
def people():
    return office_people()


def test_the_list_keeps_plain_overdue_apart_from_extension_partial_and_waiting(client, people):
    today = timezone.localdate()
    past, future = today - timedelta(days=40), today + timedelta(days=90)
    plain = make_action(target_on=past, original_target_on=past)
    extended = make_action(target_on=future, original_target_on=past)
    partial = make_action(target_on=past, original_target_on=past, progress=50)
    waiting = make_action(target_on=past, original_target_on=past, waiting_on="The local authority")
    sign_in(client, people["officer"])
    for kind, expected in [
        ("overdue", plain),
        ("extension-agreed", extended),
        ("partially-complete", partial),
        ("waiting", waiting),
    ]:
        html = get_page(client, reverse("tracking:action-list") + f"?late={kind}")
        shown = {
            action for action in (plain, extended, partial, waiting) if action.get_absolute_url() in html
        }
        assert shown == {expected}, kind
    html = get_page(client, reverse("tracking:action-list") + "?late=late")
    assert "40 days late" in html


def test_an_actions_page_shows_the_forms_and_refuses_closing_without_evidence(client, people):
    action = make_action()
    sign_in(client, people["officer"])
    html = get_page(client, action.get_absolute_url())
    assert "Add an update" in html and "Revise the target date" in html
    closed = status(action, View.OPCC, "Closed")
    response = client.post(
        action.get_absolute_url(),
        {"do": "update", "update-status": closed.pk, **date_fields("update-effective_on", date(2020, 7, 1))},
    )
    assert response.status_code == 200
    assert "closing needs evidence" in response.content.decode()
    action.refresh_from_db()
    assert action.category == Category.OPEN


def test_an_update_with_evidence_through_the_page(client, people):
    from django.core.files.uploadedfile import SimpleUploadedFile

    action = make_action()
    sign_in(client, people["force"])
    response = client.post(
        action.get_absolute_url(),
        {
            "do": "update",
            "update-text": "Protocol signed.",
            "update-status": status(action, View.FORCE, "Force reports complete").pk,
            "update-progress": "100",
            "update-files": [SimpleUploadedFile("protocol.txt", b"The signed protocol.")],
            **date_fields("update-effective_on", date(2020, 7, 1)),
        },
    )
    assert response.status_code == 302
    item = Evidence.objects.get(update__action=action)
    download = client.get(reverse("tracking:evidence-download", kwargs={"pk": item.pk}))
    assert b"".join(download.streaming_content) == b"The signed protocol."
    action.refresh_from_db()
    assert action.category == Category.DONE and action.progress == 100


def test_a_force_contributor_cannot_use_the_office_forms(client, people):
    action = make_action()
    sign_in(client, people["force"])
    response = client.post(action.get_absolute_url(), {"do": "owner", "owner-owner": "Someone"})
    assert response.status_code == 403
    assert Action.objects.get(pk=action.pk).owner == ""


def test_an_administrator_removes_evidence_and_the_note_stays(
    client, people, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tracking import evidence
    from tracking.services import Change, record_update

    action = make_action()
    with evidence.staged_files([SimpleUploadedFile("wrong.txt", b"A file sent by mistake.")]) as staged:
        record_update(
            action=action, change=Change(effective_on=date(2020, 7, 1), files=staged), user=people["officer"]
        )
    item = Evidence.objects.get(update__action=action)
    stored = item.file.path
    sign_in(client, people["admin"])
    url = reverse("tracking:evidence-remove", kwargs={"pk": item.pk})
    get_page(client, url)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"reason": "Holds personal data"}).status_code == 302
    item.refresh_from_db()
    assert item.removed and item.removal_reason == "Holds personal data" and not item.file
    import os

    assert not os.path.exists(stored)
    html = get_page(client, action.get_absolute_url())
    assert "Holds personal data" in html
    assert ActionUpdate.objects.filter(action=action).count() == 1


def test_the_force_page_shows_what_the_office_asked(client, people):
    action = make_action(target_on=timezone.localdate() - timedelta(days=3))
    from tracking.services import Change, record_update

    record_update(
        action=action,
        change=Change(
            effective_on=date(2020, 7, 1), text="When will the training start?", asked_by_office=True
        ),
        user=people["officer"],
    )
    sign_in(client, people["force"])
    html = get_page(client, reverse("tracking:force-actions"))
    assert "When will the training start?" in html and "3 days" in html


def test_bulk_edit_records_an_update_per_action(client, people):
    first, second = make_action(), make_action()
    sign_in(client, people["officer"])
    response = client.post(
        reverse("tracking:bulk-edit"), {"selected": [first.pk, second.pk], "bulk-owner": "Custody team"}
    )
    assert response.status_code == 302
    assert set(Action.objects.filter(pk__in=[first.pk, second.pk]).values_list("owner", flat=True)) == {
        "Custody team"
    }
    assert ActionUpdate.objects.filter(action__in=[first, second]).count() == 2


def test_the_report_page_shows_the_tracking_panel(client, people):
    action = make_action()
    sign_in(client, people["officer"])
    html = get_page(client, action.finding.report.get_absolute_url())
    assert "1 action" in html and "Choose which findings your force tracks" in html


def test_the_dashboards_per_report_force_and_theme_show_charts_with_their_figures(client, people):
    action = make_action()
    sign_in(client, people["panel"])
    theme = action.themes.get()
    for query in ("", f"?report={action.finding.report_id}", "?force=cheshire", f"?theme={theme.pk}"):
        html = get_page(client, reverse("tracking:dashboard") + query)
        assert "data:image/png;base64," in html and "Actions tracked" in html, query
    assert client.get(reverse("tracking:dashboard") + "?theme=999999").status_code == 404


def test_office_staff_see_their_forces_page_and_may_choose_another_force(client, people):
    from directory.models import LocalPolicingBody
    from tracking.testing import make_report

    report = make_report(all_forces=True, findings=1)
    merseyside = LocalPolicingBody.objects.filter(force__code="merseyside").current().get()
    Action.objects.filter(finding__report=report).update(office=people["officer"].office, target_on=None)
    ours = Action.objects.get(finding__report=report, force__code="cheshire")
    theirs = Action.objects.get(finding__report=report, force__code="merseyside")
    Action.objects.filter(pk__in=[ours.pk, theirs.pk]).update(
        target_on=timezone.localdate() - timedelta(days=5)
    )
    assert merseyside.force_id == theirs.force_id
    sign_in(client, people["officer"])
    html = get_page(client, reverse("tracking:force-actions"))
    assert "Cheshire Constabulary" in html and ours.get_absolute_url() in html
    assert theirs.get_absolute_url() not in html and '<select class="govuk-select" id="force"' in html
    other = get_page(client, reverse("tracking:force-actions") + "?force=merseyside")
    assert theirs.get_absolute_url() in other and ours.get_absolute_url() not in other


def test_an_update_from_the_page_keeps_the_body_the_action_waits_on(client, people):
    action = make_action(waiting_on="The local authority")
    sign_in(client, people["force"])
    html = get_page(client, action.get_absolute_url())
    assert 'value="The local authority"' in html
    response = client.post(
        action.get_absolute_url(),
        {
            "do": "update",
            "update-text": "Draft protocol sent to the council.",
            "update-waiting_on": "The local authority",  # as the form sends it back, unchanged
            **{
                f"update-{key}": value for key, value in date_fields("effective_on", date(2020, 7, 1)).items()
            },
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.waiting_on == "The local authority"
    assert "waiting_on" not in ActionUpdate.objects.get(action=action).changes


def test_a_target_revision_without_who_or_why_says_which_is_missing(client, people):
    action = make_action(target_on=date(2021, 3, 31), original_target_on=date(2021, 3, 31))
    sign_in(client, people["officer"])
    response = client.post(
        action.get_absolute_url(),
        {"do": "target", **{f"target-{k}": v for k, v in date_fields("new_on", date(2021, 9, 30)).items()}},
    )
    html = response.content.decode()
    assert "Say who agreed the new target date" in html and "Say why the target date changed" in html
    action.refresh_from_db()
    assert action.target_on == date(2021, 3, 31)


def test_a_mistaken_update_is_put_right_by_a_correction_and_the_history_keeps_both(client, people):
    action = make_action()
    other = make_action(force="cheshire")
    sign_in(client, people["officer"])
    day = date(2020, 7, 1)
    client.post(
        action.get_absolute_url(),
        {
            "do": "update",
            "update-text": "Protocol signed by all three.",
            **date_fields("update-effective_on", day),
        },
    )
    wrong = ActionUpdate.objects.get(action=action)
    page = get_page(client, f"{action.get_absolute_url()}?correct={wrong.pk}")
    assert "Correct the update of 1 July 2020" in page and "Add the correction" in page
    said_nothing = client.post(
        action.get_absolute_url(),
        {
            "do": "update",
            "update-corrects": wrong.pk,
            "update-text": "",
            **date_fields("update-effective_on", day),
        },
    )
    assert "say what was wrong in the update you correct" in said_nothing.content.decode()
    elsewhere = client.post(
        other.get_absolute_url(),
        {
            "do": "update",
            "update-corrects": wrong.pk,
            "update-text": "No.",
            **date_fields("update-effective_on", day),
        },
    )
    assert elsewhere.status_code == 302  # another action's update is not found: a plain update there
    assert ActionUpdate.objects.get(action=other).corrects is None
    client.post(
        action.get_absolute_url(),
        {
            "do": "update",
            "update-corrects": wrong.pk,
            "update-text": "Signed by two of the three; the council signs in August.",
            **date_fields("update-effective_on", day),
        },
    )
    correction = ActionUpdate.objects.get(action=action, corrects=wrong)
    history = get_page(client, action.get_absolute_url())
    assert "Protocol signed by all three." in history and "the council signs in August" in history
    assert f'href="#update-{wrong.pk}"' in history and f'href="#update-{correction.pk}"' in history
    assert ActionUpdate.objects.filter(action=action).count() == 2  # nothing was changed or removed
