"""The chief officer's side: the force submits its comments into Scrutiny; late comments are chased."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.roles import Role
from accounts.testing import make_user
from core.testing import check_page, get_page
from directory.models import Force, ReportType
from reports.services import FindingInput, create_report
from responses.models import Reminder, ResponseObligation
from responses.reminders import count_chasers, send_chasers
from responses.services import invite_chief_officer

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def obligation():
    report = create_report(
        title="Thematic",
        report_type=ReportType.objects.get(code="national-thematic"),
        published_on=TODAY - timedelta(days=30),
        inspectorates=[],
        all_forces=True,
        findings=[FindingInput("recommendation", "Recommendation 1", "Chief constables should act.")],
    )
    return report.obligations.get(body__force__code="cheshire")


@pytest.fixture
def force_user():
    return make_user(
        username="cheshire-force", role=Role.FORCE_CONTRIBUTOR, force=Force.objects.get(code="cheshire")
    )


def invited(obligation, days_ago=10, due_days_ago=None):
    sent = TODAY - timedelta(days=days_ago)
    due = sent + timedelta(days=days_ago - (due_days_ago or 0)) if due_days_ago is not None else None
    return invite_chief_officer(
        obligation=obligation,
        to="cc@cheshire.example",
        sent_on=sent,
        comments_due_on=due,
        user=None,
        send=False,
    )


def test_the_invited_force_types_its_comments_and_the_office_is_told(
    client, obligation, force_user, user, django_capture_on_commit_callbacks
):
    client.force_login(force_user)
    assert client.get(f"/obligations/{obligation.pk}/force-comments/").status_code == 404  # not invited yet
    invited(obligation)
    home = get_page(client, "/")
    assert "Comments asked of Cheshire Constabulary" in home and "Thematic" in home
    page = get_page(client, f"/obligations/{obligation.pk}/force-comments/")
    assert "Continue" in page
    assert (
        "Type the comments or attach the letter"
        in client.post(f"/obligations/{obligation.pk}/force-comments/", {"text": " "}).content.decode()
    )
    check = client.post(
        f"/obligations/{obligation.pk}/force-comments/", {"text": "The force accepts it.\n\nAnd acts."}
    )
    checked = check_page(check.content.decode())
    assert "Check the comments before you submit them" in checked and "The force accepts it." in checked
    obligation.refresh_from_db()
    assert obligation.comments_received_on is None  # nothing is sent before the check
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/obligations/{obligation.pk}/force-comments/", {"step": "submit"})
    assert response.status_code == 302
    obligation.refresh_from_db()
    assert obligation.comments_received_on == TODAY and obligation.comments_submitted_by == force_user
    assert obligation.status == ResponseObligation.Status.COMMENTS_RECEIVED
    assert obligation.comments_text == "The force accepts it.\n\nAnd acts."
    (notice,) = mail.outbox
    assert (
        notice.to == ["officer@example.org"] and "has submitted the chief officer's comments" in notice.body
    )
    page = get_page(client, f"/obligations/{obligation.pk}/force-comments/")
    assert "To change them, contact" in page and "Submit the comments" not in page
    again = client.post(f"/obligations/{obligation.pk}/force-comments/", {"text": "Second thoughts."})
    assert again.status_code == 200
    assert ResponseObligation.objects.get(pk=obligation.pk).comments_text.startswith("The force accepts")


def test_the_force_can_attach_its_letter_which_the_worker_reads(client, obligation, force_user):
    invited(obligation)
    client.force_login(force_user)
    content = b"Recommendation 1: the force accepts it and has acted."
    letter = SimpleUploadedFile("comments.txt", content)
    check = client.post(f"/obligations/{obligation.pk}/force-comments/", {"document": letter})
    assert f"comments.txt ({len(content)}\xa0bytes)" in check.content.decode()  # the letter, named, its size
    response = client.post(f"/obligations/{obligation.pk}/force-comments/", {"step": "submit"})
    assert response.status_code == 302 and response.url.startswith("/jobs/")
    obligation.refresh_from_db()
    assert obligation.comments_document and obligation.comments_submitted_by == force_user
    assert "the force accepts it" in obligation.comments_text.lower() or obligation.comments_document


def test_changing_the_comments_from_the_check_page_keeps_the_text_and_asks_for_the_letter_again(
    client, obligation, force_user
):
    invited(obligation)
    client.force_login(force_user)
    letter = SimpleUploadedFile("comments.txt", b"Recommendation 1: accepted.")
    client.post(
        f"/obligations/{obligation.pk}/force-comments/", {"text": "Our first go.", "document": letter}
    )
    change = get_page(client, f"/obligations/{obligation.pk}/force-comments/?change=1")
    assert "Our first go." in change and "Continue" in change
    nothing = client.post(f"/obligations/{obligation.pk}/force-comments/", {"step": "submit"})
    assert "Nothing is waiting to be submitted" in nothing.content.decode()  # the change dropped the check
    assert ResponseObligation.objects.get(pk=obligation.pk).comments_received_on is None


def test_a_bad_letter_is_refused_naming_it(client, obligation, force_user):
    invited(obligation)
    client.force_login(force_user)
    bad = SimpleUploadedFile("comments.pdf", b"this is not a PDF at all")
    response = client.post(f"/obligations/{obligation.pk}/force-comments/", {"document": bad})
    assert response.status_code == 200 and "comments.pdf" in response.content.decode()
    assert ResponseObligation.objects.get(pk=obligation.pk).comments_received_on is None


def test_another_force_cannot_see_or_submit(client, obligation):
    invited(obligation)
    other = make_user(
        username="merseyside-force", role=Role.FORCE_CONTRIBUTOR, force=Force.objects.get(code="merseyside")
    )
    client.force_login(other)
    assert client.get(f"/obligations/{obligation.pk}/force-comments/").status_code == 404
    assert client.post(f"/obligations/{obligation.pk}/force-comments/", {"text": "x"}).status_code == 404
    assert "No office is waiting for your chief officer's comments" in get_page(client, "/")


def test_office_staff_following_the_force_link_are_taken_to_the_response_others_are_refused(
    signed_in, obligation, client
):
    invited(obligation)
    link = f"/obligations/{obligation.pk}/force-comments/"
    response = signed_in.get(link)
    assert response.status_code == 302 and response.url == obligation.get_absolute_url()
    assert "where the force submits" in get_page(signed_in, response.url)
    assert signed_in.post(link, {"text": "An officer's words."}).status_code == 302
    obligation.refresh_from_db()
    assert not obligation.comments_text
    panel = make_user(username="panel-member", role=Role.PANEL_MEMBER, office=obligation.body)
    client.force_login(panel)
    assert client.get(link).status_code == 403


def test_late_comments_are_chased_once_then_every_week(obligation, settings):
    settings.SCRUTINY_CHASE_EVERY_DAYS = 7
    invited(obligation, days_ago=10, due_days_ago=1)  # wanted yesterday
    assert count_chasers(TODAY) == 1
    assert send_chasers(TODAY) == 1 and send_chasers(TODAY) == 0  # never twice a day
    (message,) = mail.outbox
    assert message.to == ["cc@cheshire.example"] and "We have not received them yet" in message.body
    assert send_chasers(TODAY + timedelta(days=6)) == 0
    assert send_chasers(TODAY + timedelta(days=7)) == 1
    assert Reminder.objects.filter(obligation=obligation, kind="chaser").count() == 2


def test_comments_not_yet_due_or_received_are_not_chased(obligation):
    invited(obligation, days_ago=3)  # wanted in 18 days
    assert send_chasers(TODAY) == 0
    ResponseObligation.objects.filter(pk=obligation.pk).update(
        comments_due_on=TODAY - timedelta(days=1), comments_received_on=TODAY
    )
    assert send_chasers(TODAY) == 0 and not mail.outbox


def test_the_report_page_tells_the_force_what_is_asked_of_it(client, obligation, force_user):
    client.force_login(force_user)
    assert "submit the comments" not in get_page(client, obligation.report.get_absolute_url())
    invited(obligation)
    page = get_page(client, obligation.report.get_absolute_url())
    assert "asked for the chief officer" in page and f"/obligations/{obligation.pk}/force-comments/" in page


def test_a_force_user_of_one_office_cannot_write_into_another_offices_response(client, obligation):
    avon = obligation.report.obligations.get(body__force__code="avon-and-somerset")
    invited(avon)
    # a Cheshire account given another force's scope (the people page no longer allows it; old accounts may)
    stray = make_user(
        username="stray", role=Role.FORCE_CONTRIBUTOR, force=Force.objects.get(code="avon-and-somerset")
    )
    client.force_login(stray)
    assert client.post(f"/obligations/{avon.pk}/force-comments/", {"text": "Not ours."}).status_code == 404
    assert ResponseObligation.objects.get(pk=avon.pk).comments_received_on is None


def test_a_second_letter_waiting_in_the_worker_changes_nothing_once_comments_are_recorded(
    obligation, force_user
):
    from core.models import Job
    from responses.tasks import link_comments

    invited(obligation)
    ResponseObligation.objects.filter(pk=obligation.pk).update(
        comments_received_on=TODAY, comments_text="The first, kept."
    )
    job = Job.objects.create(kind="comments", label="late letter", owner=force_user)
    path = mail_free_letter()
    link_comments.call(
        job_id=job.pk,
        obligation_id=obligation.pk,
        path=str(path),
        original_name="late.txt",
        received_on=TODAY.isoformat(),
        text="",
        user_id=force_user.pk,
        by_force=True,
    )
    job.refresh_from_db()
    assert job.state == "failed" and "already been recorded" in job.message
    assert ResponseObligation.objects.get(pk=obligation.pk).comments_text == "The first, kept."


def mail_free_letter():
    from django.core.files.uploadedfile import SimpleUploadedFile

    from documents.uploads import stage

    return stage(SimpleUploadedFile("late.txt", b"Recommendation 1: accepted.")).path


def test_the_people_page_gives_only_the_offices_own_force(obligation):
    from accounts.forms import InviteForm

    form = InviteForm(
        {
            "email": "x@example.org",
            "first_name": "A",
            "last_name": "B",
            "role": Role.FORCE_CONTRIBUTOR,
            "force": Force.objects.get(code="avon-and-somerset").pk,
        },
        office=obligation.body,
    )
    assert not form.is_valid() and "force" in form.errors
    assert list(form.fields["force"].queryset) == [obligation.body.force]


def test_comments_wanted_after_the_response_is_due_are_refused(obligation):
    from responses.services import ObligationRefused

    with pytest.raises(ObligationRefused, match="on or before"):
        invite_chief_officer(
            obligation=obligation,
            to="cc@x.example",
            user=None,
            comments_due_on=obligation.due_on + timedelta(days=1),
            send=False,
        )


def test_a_force_contributor_without_an_office_is_asked_nothing(client, obligation, force_user):
    """Every other query is scoped to the person's office; this one failed open, showing such a person
    the force's invitations from every office. It fails closed."""
    from responses.models import ResponseObligation

    invited(obligation)
    assert ResponseObligation.objects.asked_of(force_user).exists()  # invited, through its own office
    force_user.office = None
    force_user.save()
    assert not ResponseObligation.objects.asked_of(force_user).exists()
    client.force_login(force_user)
    assert client.get(f"/obligations/{obligation.pk}/force-comments/").status_code in (403, 404)
