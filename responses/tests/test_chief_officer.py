from datetime import date

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from core.testing import get_page
from directory.models import ReportType
from reports.services import create_report
from responses.models import ResponseObligation
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


def test_the_invitation_is_recorded_and_sent_by_email(signed_in, obligation, settings):
    settings.SCRUTINY_COMMENTS_DAYS = 21
    get_page(signed_in, f"/obligations/{obligation.pk}/invite/")
    response = signed_in.post(
        f"/obligations/{obligation.pk}/invite/",
        {"to": "cc@cheshire.example", "sent_on_day": "3", "sent_on_month": "3", "sent_on_year": "2020"},
    )
    assert response.status_code == 302
    obligation.refresh_from_db()
    assert obligation.status == ResponseObligation.Status.INVITED
    assert obligation.comments_due_on == date(2020, 3, 24)
    (message,) = mail.outbox
    assert message.to == ["cc@cheshire.example"] and "Thematic" in message.subject
    assert "by 22 April 2020" in message.body and "by 24 March 2020" in message.body


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
    assert "give the comments&#x27; text or attach the document" in response.content.decode()
    with pytest.raises(ObligationRefused):
        record_comments(obligation=obligation, received_on=date(2020, 3, 1), user=None)


def test_an_invitation_the_mail_server_refuses_is_not_recorded_as_sent(signed_in, obligation, monkeypatch):
    import smtplib

    from responses import services

    def refusing(**kwargs):
        raise smtplib.SMTPServerDisconnected("gone")

    monkeypatch.setattr(services, "send_mail", refusing)
    response = signed_in.post(
        f"/obligations/{obligation.pk}/invite/",
        {"to": "cc@cheshire.example", "sent_on_day": "3", "sent_on_month": "3", "sent_on_year": "2020"},
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
