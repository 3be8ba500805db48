from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from core.testing import get_page
from directory.models import ReportType
from reports.services import create_report
from responses.models import OfficeSettings, ResponseObligation
from responses.services import ObligationRefused, invite_chief_officer, record_comments

pytestmark = pytest.mark.django_db


@pytest.fixture
def obligation():
    report = create_report(
        title="Thematic",
        report_type=ReportType.objects.get(code="national-thematic"),
        published_on=date(2020, 2, 27),
        inspectorates=[],
        all_forces=True,
    )
    return report.obligations.get(body__force__code="cheshire")


def test_the_invitation_is_previewed_edited_and_sent_today(signed_in, obligation, settings):
    settings.SCRUTINY_COMMENTS_DAYS = 21
    OfficeSettings.objects.create(
        body=obligation.body,
        chief_officer_name="Chief Constable Example",
        chief_officer_email="cc@cheshire.example",
    )
    page = get_page(signed_in, f"/obligations/{obligation.pk}/invite/")
    assert 'value="cc@cheshire.example"' in page  # the address kept in the office's settings
    today = timezone.localdate()
    preview = signed_in.post(
        f"/obligations/{obligation.pk}/invite/",
        {"to": "cc@cheshire.example", "how": "send", "step": "preview"},
    )
    text = preview.context["text_form"].initial["text"]
    assert "Dear Chief Constable Example" in text and f"/obligations/{obligation.pk}/force-comments/" in text
    wanted = today + timedelta(days=21)
    assert f"by {wanted:%-d %B %Y}" in text  # counted from today, the day it really goes
    assert not mail.outbox and ResponseObligation.objects.get(pk=obligation.pk).invitation_sent_on is None
    edited = text.replace("I would be grateful", "We would be most grateful")
    sent = signed_in.post(
        f"/obligations/{obligation.pk}/invite/",
        {
            "to": "cc@cheshire.example",
            "how": "send",
            "step": "send",
            "subject": "Comments please: Thematic",
            "text": edited,
            "submission": "token-1",
        },
    )
    assert sent.status_code == 302
    again = signed_in.post(  # the page sent twice: one invitation
        f"/obligations/{obligation.pk}/invite/",
        {
            "to": "cc@cheshire.example",
            "how": "send",
            "step": "send",
            "subject": "x",
            "text": "y",
            "submission": "token-1",
        },
    )
    assert again.status_code == 302
    obligation.refresh_from_db()
    assert obligation.status == ResponseObligation.Status.INVITED
    assert obligation.invitation_sent_on == today and obligation.comments_due_on == wanted
    (message,) = mail.outbox
    assert message.to == ["cc@cheshire.example"] and message.subject == "Comments please: Thematic"
    assert "We would be most grateful" in message.body and obligation.invitation_text.startswith("Dear")


def test_an_invitation_sent_another_way_is_recorded_with_its_day(signed_in, obligation, settings):
    settings.SCRUTINY_COMMENTS_DAYS = 21
    missing = signed_in.post(
        f"/obligations/{obligation.pk}/invite/", {"to": "cc@cheshire.example", "how": "record"}
    )
    assert "Enter the date the invitation was sent" in missing.content.decode()
    response = signed_in.post(
        f"/obligations/{obligation.pk}/invite/",
        {
            "to": "cc@cheshire.example",
            "how": "record",
            "sent_on_day": "3",
            "sent_on_month": "3",
            "sent_on_year": "2020",
        },
    )
    assert response.status_code == 302 and not mail.outbox
    obligation.refresh_from_db()
    assert obligation.invitation_sent_on == date(2020, 3, 3) and obligation.comments_due_on == date(
        2020, 3, 24
    )


def test_an_invitation_is_never_recorded_as_sent_on_a_day_to_come(obligation):
    with pytest.raises(ObligationRefused, match="day still to come"):
        invite_chief_officer(
            obligation=obligation,
            to="cc@x.example",
            sent_on=timezone.localdate() + timedelta(days=1),
            user=None,
        )


def test_an_invitation_before_publication_is_refused(obligation):
    with pytest.raises(ObligationRefused, match="before the report was published"):
        invite_chief_officer(obligation=obligation, to="cc@x.example", sent_on=date(2020, 1, 1), user=None)


def test_the_comments_are_recorded_with_their_document(signed_in, obligation):
    get_page(signed_in, f"/obligations/{obligation.pk}/comments/")
    response = signed_in.post(
        f"/obligations/{obligation.pk}/comments/",
        {
            "received_on_day": "30",
            "received_on_month": "3",
            "received_on_year": "2020",
            "text": "The force accepts the recommendations.",
            "document": SimpleUploadedFile("comments.txt", b"The force accepts the recommendations."),
        },
    )
    assert response.status_code == 302
    obligation.refresh_from_db()
    assert obligation.status == ResponseObligation.Status.COMMENTS_RECEIVED and obligation.comments_document
    assert "The force accepts the recommendations." in get_page(signed_in, f"/obligations/{obligation.pk}/")


def test_comments_need_text_or_a_document(signed_in, obligation):
    response = signed_in.post(
        f"/obligations/{obligation.pk}/comments/",
        {"received_on_day": "30", "received_on_month": "3", "received_on_year": "2020"},
    )
    assert "Give the comments&#x27; text or attach the document" in response.content.decode()
    with pytest.raises(ObligationRefused):
        record_comments(obligation=obligation, received_on=date(2020, 3, 1), user=None)


def test_an_invitation_the_mail_server_refuses_is_not_recorded_as_sent(signed_in, obligation, monkeypatch):
    import smtplib

    from responses.services import chief_officer

    def refusing(**kwargs):
        raise smtplib.SMTPServerDisconnected("gone")

    monkeypatch.setattr(chief_officer, "send_mail", refusing)
    response = signed_in.post(
        f"/obligations/{obligation.pk}/invite/",
        {
            "to": "cc@cheshire.example",
            "how": "send",
            "step": "send",
            "subject": "Comments",
            "text": "Please.",
        },
    )
    assert response.status_code == 200 and "could not be sent" in response.content.decode()
    obligation.refresh_from_db()
    assert (
        obligation.invitation_sent_on is None and obligation.status == ResponseObligation.Status.NOT_STARTED
    )


def test_a_title_with_a_newline_and_an_ampersand_makes_a_plain_one_line_subject(user, obligation):
    obligation.report.__class__.objects.filter(pk=obligation.report_id).update(title="Children\n& custody")
    obligation.refresh_from_db()
    invite_chief_officer(obligation=obligation, to="cc@x.example", sent_on=date(2020, 3, 3), user=user)
    (message,) = mail.outbox
    assert message.subject == "Your comments on the HMICFRS report: Children & custody"
    obligation.refresh_from_db()
    assert obligation.invitation_sent_on == date(2020, 3, 3)


def test_old_form_tokens_are_forgotten_when_the_person_sends_a_new_form(signed_in, user, obligation):
    from datetime import timedelta

    from core.models import Submission

    old = Submission.objects.create(key="old-token", user=user, result_url="/somewhere/")
    Submission.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=8))
    recent = Submission.objects.create(key="recent-token", user=user, result_url="/elsewhere/")
    signed_in.post(
        f"/obligations/{obligation.pk}/invite/",
        {
            "to": "cc@x.example",
            "how": "send",
            "step": "send",
            "subject": "S",
            "text": "T",
            "submission": "new",
        },
    )
    keys = set(Submission.objects.values_list("key", flat=True))
    assert "old-token" not in keys and {"recent-token", "new"} <= keys and recent.pk
