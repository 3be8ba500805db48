"""Every tracking write operation through the API: updates as JSON or as a multipart form with evidence
files (checked as on the page), and target-date revisions; a force contributor attaches nothing to
another force's action."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.testing import sign_in
from directory.models import LocalPolicingBody
from documents.uploads import staging_root
from tracking.models import Action, ActionUpdate, Category, Evidence, TargetRevision, View
from tracking.testing import make_action, make_report, office_people, status

pytestmark = pytest.mark.django_db

MINUTES = b"Board minutes: the custody protocol was signed on 1 June."


def minutes(name="minutes.txt", body=MINUTES):
    return SimpleUploadedFile(name, body, content_type="text/plain")


@pytest.fixture
def people():
    return office_people()


def post(client, action, data, **kwargs):
    return client.post(f"/api/actions/{action.pk}/updates", data, **kwargs)


def test_an_officer_adds_an_update_with_evidence_files(client, people):
    action = make_action()
    sign_in(client, people["officer"])
    response = post(
        client,
        action,
        {
            "effective_on": "2020-06-01",
            "text": "Protocol signed.",
            "progress": "60",
            "evidence": [minutes(), minutes("plan.txt", b"The plan, in three steps.")],
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert sorted(body["evidence"]) == ["minutes.txt", "plan.txt"] and body["progress"] == 60
    update = ActionUpdate.objects.get(action=action)
    files = {item.original_name: item for item in Evidence.objects.filter(update=update)}
    assert files["minutes.txt"].file.read() == MINUTES
    assert files["minutes.txt"].size == len(MINUTES) and files["minutes.txt"].media_type == "text/plain"
    assert not any(staging_root().iterdir()), "staged copies are removed"


def test_closing_through_the_api_takes_the_evidence_sent_with_it(client, people):
    action = make_action()
    closed = status(action, View.OPCC, "Closed")
    sign_in(client, people["officer"])
    refused = post(
        client,
        action,
        {"effective_on": "2020-06-01", "status_id": closed.pk},
        content_type="application/json",
    )
    assert refused.status_code == 422 and "closing needs evidence" in refused.json()["detail"]
    response = post(
        client, action, {"effective_on": "2020-06-01", "status_id": str(closed.pk), "evidence": minutes()}
    )
    assert response.status_code == 201, response.content
    action.refresh_from_db()
    assert action.category == Category.CLOSED and action.closed_on == date(2020, 6, 1)


def test_a_file_that_is_not_what_it_says_is_refused_by_name_and_nothing_is_saved(client, people):
    action = make_action()
    sign_in(client, people["officer"])
    fake = SimpleUploadedFile("photo.pdf", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    response = post(client, action, {"effective_on": "2020-06-01", "text": "See photo", "evidence": fake})
    assert response.status_code == 422 and "photo.pdf" in response.json()["detail"]
    assert not ActionUpdate.objects.filter(action=action).exists() and not Evidence.objects.exists()


def test_a_too_big_file_is_refused_by_name(client, people, settings):
    action = make_action()
    sign_in(client, people["officer"])
    settings.SCRUTINY_MAX_UPLOAD_BYTES = 10
    response = post(client, action, {"effective_on": "2020-06-01", "evidence": minutes("big.txt")})
    assert response.status_code == 422 and "big.txt" in response.json()["detail"], response.content
    assert not Evidence.objects.exists()


def test_files_must_come_in_the_evidence_field_and_no_more_than_ten(client, people):
    action = make_action()
    sign_in(client, people["officer"])
    wrong = post(client, action, {"effective_on": "2020-06-01", "file": minutes()})
    assert wrong.status_code == 422 and "`evidence`" in wrong.json()["detail"]
    many = post(
        client, action, {"effective_on": "2020-06-01", "evidence": [minutes(f"{n}.txt") for n in range(11)]}
    )
    assert many.status_code == 422 and "at most 10" in many.json()["detail"]
    assert not ActionUpdate.objects.filter(action=action).exists()


def test_a_body_that_is_neither_json_nor_a_form_or_is_wrong_says_so(client, people):
    action = make_action()
    sign_in(client, people["officer"])
    assert post(client, action, "effective_on=2020-06-01", content_type="text/plain").status_code == 415
    broken = post(client, action, "{", content_type="application/json")
    assert broken.status_code == 422 and "not JSON" in broken.json()["detail"]
    missing = post(client, action, {"text": "No date"}, content_type="application/json")
    assert missing.status_code == 422 and "effective_on" in missing.json()["detail"]
    nul = post(
        client, action, {"effective_on": "2020-06-01", "text": "a\x00b"}, content_type="application/json"
    )
    assert nul.status_code == 422 and "NUL" in nul.json()["detail"]
    assert not ActionUpdate.objects.filter(action=action).exists()


def test_a_force_contributor_attaches_evidence_to_its_own_forces_action_only(client):
    report = make_report(all_forces=True, findings=1)
    cheshire = office_people()
    office_people(LocalPolicingBody.objects.filter(force__code="merseyside").current().get())
    ours = Action.objects.get(finding__report=report, force__code="cheshire")
    theirs = Action.objects.get(finding__report=report, force__code="merseyside")
    sign_in(client, cheshire["force"])
    refused = post(client, theirs, {"effective_on": "2020-06-01", "text": "Ours now", "evidence": minutes()})
    assert refused.status_code == 404
    assert not ActionUpdate.objects.filter(action=theirs).exists() and not Evidence.objects.exists()
    assert not any(staging_root().iterdir()), "the file was never received into staging"
    done = post(
        client, ours, {"effective_on": "2020-06-01", "text": "Protocol signed.", "evidence": minutes()}
    )
    assert done.status_code == 201, done.content
    assert Evidence.objects.get().update.action == ours


def test_an_officer_revises_a_target_date_through_the_api_and_the_original_stays(client, people):
    action = make_action(target_on=date(2021, 3, 31), original_target_on=date(2021, 3, 31))
    sign_in(client, people["officer"])
    response = client.post(
        f"/api/actions/{action.pk}/target",
        {"new_on": "2021-09-30", "agreed_by": "The commissioner", "reason": "The suite opens late."},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert (
        response.json()["target_on"] == "2021-09-30" and response.json()["original_target_on"] == "2021-03-31"
    )
    revision = TargetRevision.objects.get(action=action)
    assert revision.agreed_by == "The commissioner" and revision.previous_on == date(2021, 3, 31)


def test_a_force_contributor_cannot_revise_a_target_date_through_the_api(client, people):
    action = make_action(target_on=date(2021, 3, 31))
    sign_in(client, people["force"])
    response = client.post(
        f"/api/actions/{action.pk}/target",
        {"new_on": "2021-09-30", "agreed_by": "Us", "reason": "Later."},
        content_type="application/json",
    )
    assert response.status_code == 403 and not TargetRevision.objects.exists()


def test_an_empty_waiting_on_in_a_form_clears_it_as_it_does_in_json(client, people):
    action = make_action()
    sign_in(client, people["officer"])
    sent = post(client, action, {"effective_on": "2020-06-01", "waiting_on": "The council's reply"})
    assert sent.status_code == 201, sent.content
    action.refresh_from_db()
    assert action.waiting_on == "The council's reply"
    cleared = post(client, action, {"effective_on": "2020-06-02", "text": "Reply in.", "waiting_on": ""})
    assert cleared.status_code == 201, cleared.content
    action.refresh_from_db()
    assert action.waiting_on == ""
    kept = post(client, action, {"effective_on": "2020-06-03", "text": "No change to what we wait on."})
    assert kept.status_code == 201
    action.refresh_from_db()
    assert action.waiting_on == ""
