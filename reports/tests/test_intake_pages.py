"""Uploading a report on the web and checking what was extracted."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.testing import check_page, get_page
from documents.testing import hand_made_pdf, make_pdf
from reports.models import Report

pytestmark = pytest.mark.django_db

REPORT = """<h1>An inspection of Cheshire Constabulary's custody suites</h1><p>Published 3 March 2025</p>
<h2>Cause of concern</h2><p>Children wait too long in custody for an appropriate adult.</p>
<p>Recommendation 1: Within three months, the chief constable should make sure an appropriate adult is
called as soon as a child arrives.</p>
<p>Recommendation 2: By 30 September 2025, the force should record every request for local authority
accommodation.</p>"""


def upload(client, path, **data):
    with path.open("rb") as handle:
        document = SimpleUploadedFile(path.name, handle.read())
    return client.post("/reports/upload/", {"document": document, "history": "current", **data})


def test_an_officer_uploads_a_report_and_checks_its_findings(signed_in, tmp_path, user):
    get_page(signed_in, "/reports/upload/")
    response = upload(signed_in, make_pdf(tmp_path / "custody.pdf", REPORT))
    report = Report.objects.get()
    assert response.status_code == 302 and response.url.startswith("/jobs/")  # the worker reads it
    done = signed_in.get(response.url, {"stay": "1"}).content.decode()
    assert "custody.pdf read: 3 findings to check." in done
    response = signed_in.get(response.url)  # a finished job hands over to the review
    assert response.status_code == 302 and response.url == f"/reports/{report.pk}/review/"
    assert report.created_by == user and report.documents.get().original_name == "custody.pdf"
    labels = list(report.findings.values_list("label", "parent__label"))
    assert labels == [
        ("Cause of concern 1", None),
        ("Recommendation 1", "Cause of concern 1"),
        ("Recommendation 2", "Cause of concern 1"),
    ]
    html = get_page(signed_in, response.url)
    assert 'id="source-page-1"' in html and "appropriate adult is called" in html


def test_accepting_a_finding_with_htmx_returns_just_that_finding(signed_in, tmp_path):
    upload(signed_in, make_pdf(tmp_path / "custody.pdf", REPORT))
    finding = Report.objects.get().findings.get(label="Recommendation 1")
    response = signed_in.post(f"/findings/{finding.pk}/accept/", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert f'id="finding-{finding.pk}"' in html and "Checked" in html and "<html" not in html
    finding.refresh_from_db()
    assert finding.reviewed


def test_merging_splitting_and_marking_reviewed(signed_in, tmp_path, user):
    upload(signed_in, make_pdf(tmp_path / "custody.pdf", REPORT))
    report = Report.objects.get()
    first = report.findings.get(label="Recommendation 1")
    signed_in.post(f"/findings/{first.pk}/merge/")
    first.refresh_from_db()
    assert report.findings.count() == 2 and "30 September 2025" in first.text

    get_page(signed_in, f"/findings/{first.pk}/split/")
    response = signed_in.post(
        f"/findings/{first.pk}/split/",
        {
            "first_text": "Within three months, the chief constable should call an appropriate adult.",
            "second_label": "Recommendation 2",
            "second_text": "By 30 September 2025, the force should record it.",
        },
    )
    assert response.status_code == 302
    assert list(report.findings.order_by("position").values_list("label", flat=True)) == [
        "Cause of concern 1",
        "Recommendation 1",
        "Recommendation 2",
    ]

    signed_in.post(f"/reports/{report.pk}/reviewed/")
    report.refresh_from_db()
    assert report.reviewed_by == user and not report.findings.filter(reviewed=False).exists()
    assert "Reviewed by" in get_page(signed_in, f"/reports/{report.pk}/review/")


def test_a_bad_upload_is_refused_with_the_files_name_and_nothing_is_stored(signed_in, tmp_path, settings):
    response = upload(signed_in, hand_made_pdf(tmp_path / "locked.pdf", encrypted=True))
    html = get_page(signed_in, response.url)  # the worker tried to read it: the job says why it could not
    assert "It could not be done" in html and "locked.pdf: the PDF is password-protected" in html
    assert 'href="/reports/upload/"' in html and not Report.objects.exists()
    staging = settings.MEDIA_ROOT / "staging"
    assert not any(staging.iterdir())  # nothing of the upload is left behind


def test_a_file_of_the_wrong_kind_is_refused_at_once_on_the_form(signed_in, tmp_path):
    path = tmp_path / "notes.pdf"
    path.write_text("Meeting notes, not a report.")
    response = upload(signed_in, path)
    html = check_page(response.content.decode())
    assert (
        response.status_code == 200 and "notes.pdf: the name ends in .pdf but the file is plain text" in html
    )
    assert "There is a problem" in html and not Report.objects.exists()


def test_an_upload_over_the_limit_is_refused(signed_in, tmp_path, settings):
    settings.SCRUTINY_MAX_UPLOAD_BYTES = 100
    response = upload(signed_in, make_pdf(tmp_path / "custody.pdf", REPORT))
    assert "custody.pdf: the file is" in response.content.decode() and not Report.objects.exists()


def test_the_same_file_again_leads_to_the_report_made_from_it(signed_in, tmp_path):
    path = make_pdf(tmp_path / "custody.pdf", REPORT)
    upload(signed_in, path)
    response = upload(signed_in, path)
    assert Report.objects.count() == 1 and response.url == f"/reports/{Report.objects.get().pk}/review/"


def test_the_source_file_can_be_downloaded(signed_in, tmp_path):
    upload(signed_in, make_pdf(tmp_path / "custody.pdf", REPORT))
    source = Report.objects.get().documents.get()
    response = signed_in.get(f"/sources/{source.pk}/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_intake_pages_need_sign_in(client):
    for url in ["/reports/upload/", "/reports/1/review/", "/sources/1/"]:
        assert client.get(url).status_code == 302


def test_an_uploaded_response_letter_is_refused_with_the_reason(signed_in):
    from reports.extraction.scoring import CORPUS

    response = upload(signed_in, CORPUS / "response-hampshire-child-exploitation.html")
    html = get_page(signed_in, response.url)
    assert "It could not be done" in html
    assert "response-hampshire-child-exploitation.html: a response to a report, not a report" in html
    assert "Commissioner&#x27;s response to HMICFRS report" in html and not Report.objects.exists()
