"""Publishing you can trust: never on a day to come, previewed and confirmed, corrected with the earlier
version kept and the reason shown, withdrawn with a reason; the on-time record keeps the first date."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from core.testing import check_page, get_page
from responses.models import Correction, ResponseObligation
from responses.services import (
    ObligationRefused,
    approve,
    deadlines,
    open_correction,
    prepare_response,
    publish,
    publish_correction,
    save_section,
    withdraw,
)
from responses.testing import load_scenario, make_obligation

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved():
    obligation = make_obligation(findings=1, published_on=date(2026, 10, 1))
    prepare_response(obligation=obligation)
    save_section(section=obligation.sections.get(kind="recommendation"), body="Accepted in full.", user=None)
    approve(obligation=obligation, on=date(2026, 10, 20), user=None)
    return obligation


@pytest.fixture
def published(signed_in):
    demo = load_scenario()
    return demo["report"].obligations.get(body=demo["office"])


def form(day: date, **extra) -> dict:
    return {
        "published_on_day": day.day,
        "published_on_month": day.month,
        "published_on_year": day.year,
        **extra,
    }


def test_a_date_still_to_come_is_refused_and_nothing_is_published(signed_in, approved):
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ObligationRefused, match="a day still to come"):
        publish(obligation=approved, published_on=tomorrow, url="", user=None)
    page = signed_in.post(f"/obligations/{approved.pk}/publish/", form(tomorrow, confirmed="on"))
    assert page.status_code == 200 and "Date published must be today or in the past" in page.content.decode()
    approved.refresh_from_db()
    assert approved.published_on is None and approved.status == ResponseObligation.Status.APPROVED


def test_publishing_needs_the_preview_confirmed(signed_in, approved):
    preview = get_page(signed_in, f"/obligations/{approved.pk}/preview/")
    assert "DRAFT: not published" in preview and "Accepted in full." in preview
    assert Client().get(f"/obligations/{approved.pk}/preview/").status_code == 302  # not for the public
    unconfirmed = signed_in.post(f"/obligations/{approved.pk}/publish/", form(timezone.localdate()))
    assert "Confirm that you have read the preview" in unconfirmed.content.decode()
    approved.refresh_from_db()
    assert approved.published_on is None
    done = signed_in.post(f"/obligations/{approved.pk}/publish/", form(timezone.localdate(), confirmed="on"))
    assert done.status_code == 302
    approved.refresh_from_db()
    assert approved.published_on == timezone.localdate()


def test_publishing_twice_is_refused(approved):
    publish(obligation=approved, published_on=date(2026, 10, 21), url="", user=None)
    with pytest.raises(ObligationRefused, match="already published"):
        publish(obligation=approved, published_on=date(2026, 10, 22), url="", user=None)


def test_a_correction_keeps_the_earlier_version_and_the_first_date(signed_in, published):
    first_date = published.published_on
    section = published.sections.exclude(finding=None).first()
    before = section.body
    anonymous = Client()
    url = f"/obligations/{published.pk}/published/"
    refused = signed_in.post(url, {"action": "correct", "correct-reason": ""})
    assert "Say why" in refused.content.decode() and not Correction.objects.exists()
    assert (
        signed_in.post(url, {"action": "correct", "correct-reason": "A date was wrong."}).status_code == 302
    )
    published.refresh_from_db()
    assert published.correcting and published.editable

    save_section(section=section, body="Corrected answer: done by June.", user=None)
    public = get_page(anonymous, f"/published/{published.pk}/")
    assert before in public and "Corrected answer" not in public  # the draft stays inside the office
    confirmed = {"action": "publish-correction", "confirmed": "on"}
    assert signed_in.post(url, confirmed).status_code == 200  # not approved yet
    approve(obligation=published, on=timezone.localdate(), user=None)
    unchecked = signed_in.post(url, {"action": "publish-correction"})
    assert "Confirm that you have read the corrected page in the preview" in check_page(
        unchecked.content.decode()
    )  # the preview first, as for the first publication
    published.refresh_from_db()
    assert published.correcting
    assert signed_in.post(url, confirmed).status_code == 302

    published.refresh_from_db()
    assert published.published_on == first_date and not published.correcting
    public = get_page(anonymous, f"/published/{published.pk}/")
    assert "Corrected answer: done by June." in public and "A date was wrong." in public
    earlier = get_page(anonymous, f"/published/{published.pk}/versions/1/")
    assert before in earlier and "Corrected answer" not in earlier
    assert anonymous.get(f"/published/{published.pk}/response.docx").status_code == 200
    summary = deadlines(ResponseObligation.objects.filter(pk=published.pk), timezone.localdate())
    assert summary.by_year  # the on-time record counts it once, by its first publication
    assert published.published_late is False


def test_a_second_correction_cannot_start_while_one_is_drafted(published):
    open_correction(obligation=published, reason="One.", user=None)
    with pytest.raises(ObligationRefused, match="already being drafted"):
        open_correction(obligation=published, reason="Two.", user=None)
    with pytest.raises(ObligationRefused, match="approve the corrected response"):
        publish_correction(obligation=published, user=None)


def test_a_withdrawn_response_says_so_and_why_instead_of_its_text(signed_in, published):
    text = published.sections.exclude(finding=None).first().body
    url = f"/obligations/{published.pk}/published/"
    assert (
        signed_in.post(url, {"action": "withdraw", "withdraw-reason": "Published in error."}).status_code
        == 302
    )
    anonymous = Client()
    page = get_page(anonymous, f"/published/{published.pk}/")
    assert "withdrew this response" in page and "Published in error." in page and text not in page
    assert anonymous.get(f"/published/{published.pk}/response.pdf").status_code == 404
    published.refresh_from_db()
    with pytest.raises(ObligationRefused, match="withdrawn"):
        save_section(section=published.sections.first(), body="x", user=None)
    with pytest.raises(ObligationRefused, match="already been withdrawn"):
        withdraw(obligation=published, reason="Again.", user=None)


def test_the_public_index_lists_published_responses_by_office_and_year_without_internal_chrome(published):
    anonymous = Client()
    html = get_page(anonymous, "/published/")
    assert published.report.title in html and published.body.name in html
    assert f"Reports published in {published.report.published_on.year}" in html
    assert "Sign in" not in html and "This is a new service" not in html
    unpublished = published.report.obligations.filter(published_on__isnull=True).first()
    assert f"/published/{unpublished.pk}/" not in html
    only = get_page(anonymous, f"/published/?office={published.body_id}")
    assert published.report.title in only and "Every office's published responses" in only
    page = get_page(anonymous, f"/published/{published.pk}/")
    assert "Sign in" not in page and "This is a new service" not in page
    assert f"/published/?office={published.body_id}" in page


def test_a_published_response_reads_as_published_whatever_changes_in_the_report_or_the_office(published):
    """Another office could retitle the shared report, add a finding or change the signatory, and every
    published letter changed with it, with no correction."""
    from reports.models import Finding
    from reports.services import FindingInput, add_findings, update_report
    from responses.models import OfficeSettings

    anonymous = Client()
    before = get_page(anonymous, f"/published/{published.pk}/")
    update_report(report=published.report, title="A title typed later by someone else")
    add_findings(
        report=published.report,
        findings=[FindingInput(kind=Finding.Kind.RECOMMENDATION, label="Recommendation 99", text="Planted.")],
    )
    OfficeSettings.objects.update_or_create(body=published.body, defaults={"signatory_name": "Someone Else"})
    prepare_response(obligation=published)  # as the linking page's "prepare" would
    after = get_page(anonymous, f"/published/{published.pk}/")
    assert "A title typed later" not in after and "Recommendation 99" not in after
    assert "Someone Else" not in after and after.count("<h2") == before.count("<h2")
    assert not published.sections.filter(finding__label="Recommendation 99").exists()


def test_the_publication_date_of_a_report_answered_in_public_cannot_change(published, signed_in):
    from reports.services import ReportRefused, update_report

    with pytest.raises(ReportRefused, match="1 response to it has been published"):
        update_report(
            report=published.report, published_on=published.report.published_on - timedelta(days=90)
        )
    published.refresh_from_db()
    assert published.published_late is False


def test_comments_recorded_after_approval_need_approving_again(approved):
    from responses.services import record_comments

    record_comments(
        obligation=approved, received_on=date(2026, 10, 21), text="We refuse everything.", user=None
    )
    approved.refresh_from_db()
    assert approved.status == ResponseObligation.Status.DRAFTING and approved.approved_by is None
    with pytest.raises(ObligationRefused):
        publish(obligation=approved, published_on=date(2026, 10, 22), url="", user=None)


def test_a_response_cannot_answer_a_report_published_after_it(published):
    from responses.services import answer_with

    later = make_obligation(
        findings=1, title="A later report", published_on=published.published_on + timedelta(days=50)
    )
    later.report.linked_reports.add(published.report)
    with pytest.raises(ObligationRefused, match="published before this report"):
        answer_with(obligation=later, other=published, user=None)
    later.refresh_from_db()
    assert later.published_on is None
