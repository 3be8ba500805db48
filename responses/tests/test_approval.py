"""Drafter and approver: sent for approval, sent back with comments, approved by the named approver; every
version kept with what changed; the chief officer's gaps flagged beside each recommendation."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from accounts.roles import Role
from accounts.testing import make_user
from core.testing import check_page, get_page
from directory.models import ReportType
from reports.services import FindingInput, create_report
from responses.models import ResponseObligation, ResponseVersion, SectionRevision
from responses.services import (
    ObligationRefused,
    SectionChanged,
    approve,
    office_settings,
    prepare_response,
    save_section,
    send_back,
    submit_for_approval,
)
from responses.versions import compare, word_diff

pytestmark = pytest.mark.django_db


@pytest.fixture
def obligation():
    report = create_report(
        title="Thematic",
        report_type=ReportType.objects.get(code="national-thematic"),
        published_on=timezone.localdate() - timedelta(days=20),
        inspectorates=[],
        all_forces=True,
        findings=[
            FindingInput("recommendation", "Recommendation 1", "Chief constables should do one thing."),
            FindingInput("recommendation", "Recommendation 2", "Chief constables should do another."),
        ],
    )
    return report.obligations.get(body__force__code="cheshire")


@pytest.fixture
def approver(obligation):
    # an officer the office names (administrators would need a second factor to sign in here)
    person = make_user(
        username="chief-exec", role=Role.OPCC_OFFICER, first_name="Chief", last_name="Executive"
    )
    office_settings(obligation.body).approvers.add(person)
    return person


def answer_all(obligation, user, text="Done: the force reviewed it in March."):
    for section in prepare_response(obligation=obligation):
        if section.needs_answer:
            save_section(section=section, body=text, user=user)


def test_only_the_named_approver_approves_and_a_drafter_sends_for_approval(
    client, user, obligation, approver, django_capture_on_commit_callbacks
):
    answer_all(obligation, user)
    with pytest.raises(ObligationRefused, match="only the office's approver \\(Chief Executive\\)"):
        approve(obligation=obligation, on=timezone.localdate(), user=user)
    client.force_login(user)
    page = get_page(client, f"/obligations/{obligation.pk}/response/")
    assert "Send for approval" in page and "Approve the response</button>" not in page
    assert "Only Chief Executive can approve the response." in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/obligations/{obligation.pk}/submit/", {"note": "Ready for you."})
    assert response.status_code == 302
    obligation.refresh_from_db()
    assert obligation.status == ResponseObligation.Status.AWAITING_APPROVAL
    (notice,) = mail.outbox
    assert notice.to == ["chief-exec@example.org"] and "Ready for you." in notice.body
    client.force_login(approver)
    page = get_page(client, f"/obligations/{obligation.pk}/response/")
    assert "Waiting for approval" in page and "Send back to the drafters" in page and "Ready for you." in page
    assert client.post(f"/obligations/{obligation.pk}/approve/").status_code == 302
    obligation.refresh_from_db()
    assert obligation.status == ResponseObligation.Status.APPROVED and obligation.approved_by == approver
    assert [v.event for v in obligation.versions.all()] == ["submitted", "approved"]


def test_with_no_approver_named_any_other_officer_approves(user, obligation):
    answer_all(obligation, user)
    colleague = make_user(username="colleague", role=Role.OPCC_OFFICER)
    approve(obligation=obligation, on=timezone.localdate(), user=colleague)
    assert ResponseObligation.objects.get(pk=obligation.pk).status == ResponseObligation.Status.APPROVED


def test_whoever_wrote_an_answer_or_sent_it_for_approval_cannot_approve_it(
    user, obligation, approver, client
):
    """The four-eyes rule, on the service, the page and the editor's offer: a different person approves."""
    answer_all(obligation, approver)  # the named approver wrote the answers this time
    with pytest.raises(ObligationRefused, match="you wrote this response"):
        approve(obligation=obligation, on=timezone.localdate(), user=approver)
    client.force_login(approver)
    editor = client.get(f"/obligations/{obligation.pk}/response/").content.decode()
    assert f'action="/obligations/{obligation.pk}/approve/"' not in editor
    refused = client.post(f"/obligations/{obligation.pk}/approve/").content.decode()
    assert "another person must approve it" in check_page(refused)
    obligation.refresh_from_db()
    assert obligation.status != ResponseObligation.Status.APPROVED
    named_too = make_user(username="deputy", role=Role.OPCC_OFFICER)
    office_settings(obligation.body).approvers.add(named_too)
    approve(obligation=obligation, on=timezone.localdate(), user=named_too)  # a second named approver may
    assert ResponseObligation.objects.get(pk=obligation.pk).status == ResponseObligation.Status.APPROVED


def test_the_drafter_opens_the_editor_on_the_reason_it_was_sent_back(client, user, obligation, approver):
    answer_all(obligation, user)
    submit_for_approval(obligation=obligation, user=user)
    send_back(obligation=obligation, user=approver, reason="Give the date the review finished.")
    client.force_login(user)
    html = get_page(client, f"/obligations/{obligation.pk}/response/")
    main = html[html.index("<main") :]
    assert main.index("Give the date the review finished.") < main.index("<h1")  # GOV.UK: before the h1
    assert "Chief Executive sent the response back on" in main
    submit_for_approval(obligation=obligation, user=user)
    again = get_page(client, f"/obligations/{obligation.pk}/response/")
    assert "sent the response back on" not in again  # sent again: the reason stays among the comments
    assert "Give the date the review finished." in again


def test_sending_it_for_approval_makes_the_sender_one_who_cannot_approve(user, obligation):
    answer_all(obligation, None)  # answers Scrutiny wrote (the demo, a command)
    submit_for_approval(obligation=obligation, user=user)
    with pytest.raises(ObligationRefused, match="another person must approve it"):
        approve(obligation=obligation, on=timezone.localdate(), user=user)


def test_sending_back_needs_a_reason_keeps_the_version_and_tells_the_drafter(
    client, user, obligation, approver, django_capture_on_commit_callbacks
):
    answer_all(obligation, user)
    submit_for_approval(obligation=obligation, user=user)
    mail.outbox.clear()
    client.force_login(approver)
    empty = client.post(f"/obligations/{obligation.pk}/send-back/", {"reason": " "})
    assert "Say what should change before sending the response back" in check_page(empty.content.decode())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/obligations/{obligation.pk}/send-back/", {"reason": "Say when the review finished, please."}
        )
    assert response.status_code == 302
    obligation.refresh_from_db()
    assert obligation.status == ResponseObligation.Status.DRAFTING
    (notice,) = mail.outbox
    assert notice.to == ["officer@example.org"] and "Say when the review finished" in notice.body
    client.force_login(user)
    page = get_page(client, f"/obligations/{obligation.pk}/response/")
    assert "Say when the review finished, please." in page and "(sent back, version 2)" in page
    with pytest.raises(ObligationRefused, match="only a response waiting for approval"):
        send_back(obligation=obligation, user=approver, reason="Again")
    with pytest.raises(ObligationRefused, match="only the office's approver can send"):
        submit_for_approval(obligation=obligation, user=user)
        send_back(obligation=obligation, user=user, reason="Mine")


def test_an_unanswered_response_cannot_be_sent_for_approval(client, user, obligation):
    client.force_login(user)
    client.post(f"/obligations/{obligation.pk}/response/")
    response = client.post(f"/obligations/{obligation.pk}/submit/")
    assert "The response cannot be sent for approval yet" in check_page(response.content.decode())
    assert (
        ResponseObligation.objects.get(pk=obligation.pk).status != ResponseObligation.Status.AWAITING_APPROVAL
    )


def test_typed_text_is_saved_when_sending_for_approval(client, user, obligation):
    client.force_login(user)
    client.post(f"/obligations/{obligation.pk}/response/")
    data = {
        f"section-{s.pk}-body": "Typed and not saved."
        for s in obligation.sections.filter(kind="recommendation")
    }
    assert client.post(f"/obligations/{obligation.pk}/submit/", data).status_code == 302
    assert set(obligation.sections.filter(kind="recommendation").values_list("body", flat=True)) == {
        "Typed and not saved."
    }


def test_a_change_while_waiting_for_approval_is_shown_to_the_approver(client, user, obligation, approver):
    answer_all(obligation, user)
    submit_for_approval(obligation=obligation, user=user)
    save_section(section=obligation.sections.get(title="Recommendation 1"), body="Changed.", user=user)
    assert (
        ResponseObligation.objects.get(pk=obligation.pk).status == ResponseObligation.Status.AWAITING_APPROVAL
    )
    client.force_login(approver)
    page = get_page(client, f"/obligations/{obligation.pk}/response/")
    assert "Changed since it was sent." in page and "versions/?from=1&amp;to=now" in page


def test_every_saved_version_of_a_section_is_kept(user, obligation):
    section = prepare_response(obligation=obligation)[1]
    for text in ["First.", "Second.", "Third."]:
        section = save_section(section=section, body=text, user=user, version=section.version)
    revisions = SectionRevision.objects.filter(section=section).order_by("version")
    assert [(r.version, r.body) for r in revisions] == [(2, "First."), (3, "Second."), (4, "Third.")]
    assert all(r.saved_by == user for r in revisions)


def test_the_versions_page_shows_what_changed_between_versions(client, user, obligation, approver):
    answer_all(obligation, user, "The force reviewed its teams in March.")
    submit_for_approval(obligation=obligation, user=user)
    send_back(obligation=obligation, user=approver, reason="Add the date.")
    section = obligation.sections.get(title="Recommendation 1")
    save_section(section=section, body="The force reviewed its teams on 3 March 2020.", user=user)
    submit_for_approval(obligation=obligation, user=user)
    client.force_login(user)
    page = get_page(client, f"/obligations/{obligation.pk}/versions/?from=1&to=3")
    assert "What changed: 1 section" in page
    assert '<del><span class="govuk-visually-hidden">[removed: </span>in<span' in page.replace("\n", "")
    assert "3 March 2020." in page
    assert [v.number for v in ResponseVersion.objects.filter(obligation=obligation)] == [1, 2, 3]
    assert get_page(client, f"/obligations/{obligation.pk}/versions/?from=x&to=99")  # nonsense: defaults


def test_word_diff_and_compare():
    assert word_diff("a b c", "a x c") == [("same", "a "), ("removed", "b"), ("added", "x"), ("same", " c")]
    before = [{"section": 1, "title": "A", "body": "same"}, {"section": 2, "title": "B", "body": "gone"}]
    after = [{"section": 1, "title": "A", "body": "same"}, {"section": 3, "title": "C", "body": "new"}]
    assert [(c.title, c.state) for c in compare(before, after)] == [
        ("A", "unchanged"),
        ("C", "added"),
        ("B", "removed"),
    ]


def test_a_recommendation_the_chief_officer_did_not_answer_is_flagged_with_the_passage_beside_the_others(
    client, user, obligation
):
    sections = {s.title: s for s in prepare_response(obligation=obligation)}
    now = timezone.now()
    ResponseObligation.objects.filter(pk=obligation.pk).update(
        comments_received_on=date.today(), comments_text="x"
    )
    sections["Recommendation 1"].__class__.objects.filter(pk=sections["Recommendation 1"].pk).update(
        comments_passage="We accept this and have acted.",
        comments_stance="accepted",
        comments_confirmed_at=now,
    )
    sections["Recommendation 2"].__class__.objects.filter(pk=sections["Recommendation 2"].pk).update(
        comments_passage="", comments_stance="none", comments_confirmed_at=now
    )
    client.force_login(user)
    page = get_page(client, f"/obligations/{obligation.pk}/response/")
    assert "The chief officer's comments do not answer 1 recommendation" in page
    assert (
        "The chief officer's comments on this: accepted" in page and "We accept this and have acted." in page
    )
    assert page.count("comments do not answer this recommendation") == 1
    sections["Recommendation 2"].__class__.objects.filter(pk=sections["Recommendation 2"].pk).update(
        comments_stance="accepted",
        comments_passage="Maybe this.",
        comments_confirmed_at=None,
        comments_confidence=0.7,
    )
    page = get_page(client, f"/obligations/{obligation.pk}/response/")
    assert "is a possible match, not confirmed yet" in page and "70%" not in page


def test_a_comment_on_a_section_is_shown_beside_it(client, user, obligation):
    section = prepare_response(obligation=obligation)[1]
    client.force_login(user)
    response = client.post(
        f"/obligations/{obligation.pk}/draft-comments/",
        {"section": section.pk, "text": "Check the date here."},
    )
    assert response.status_code == 302 and response.url.endswith(f"#{section.anchor}")
    assert "Check the date here." in get_page(client, f"/obligations/{obligation.pk}/response/")
    assert (
        client.post(
            f"/obligations/{obligation.pk}/draft-comments/", {"section": "999999", "text": "x"}
        ).status_code
        == 404
    )
    assert (
        "Write the comment first"
        in client.post(f"/obligations/{obligation.pk}/draft-comments/", {"text": ""}).content.decode()
    )


def test_the_same_words_saved_twice_from_one_version_are_one_save_not_a_conflict(user, obligation):
    section = prepare_response(obligation=obligation)[1]
    opened = section.version
    save_section(section=section, body="Counted monthly.", user=user, version=opened)  # the autosave
    again = save_section(section=section, body="Counted monthly.", user=user, version=opened)  # the approval
    assert again.version == opened + 1 and SectionRevision.objects.filter(section=section).count() == 1
    with pytest.raises(SectionChanged):  # other words from the old version are still a conflict
        save_section(section=section, body="Counted weekly.", user=user, version=opened)


def test_choosing_one_version_twice_says_so(client, user, obligation):
    answer_all(obligation, user)
    submit_for_approval(obligation=obligation, user=user)
    client.force_login(user)
    page = get_page(client, f"/obligations/{obligation.pk}/versions/?from=1&to=1")
    assert "Choose two different versions" in page and "What changed" not in page
