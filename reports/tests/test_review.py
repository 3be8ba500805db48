"""The review page keeps the officer on it: labels used twice are flagged, a deleted or changed finding
returns to the review, the count of findings not checked follows each acceptance, the reader's score is
said in words, and page links go only where there is a page to go to."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.testing import get_page
from documents.testing import make_pdf
from reports.models import Finding, Report
from reports.testing import make_finding, make_report

pytestmark = pytest.mark.django_db

REPORT = """<h1>An inspection of Cheshire Constabulary's custody suites</h1><p>Published 3 March 2025</p>
<p>Recommendation 1: Within three months, the chief constable should make sure an appropriate adult is
called as soon as a child arrives.</p>"""

AFI = Finding.Kind.AREA_FOR_IMPROVEMENT


@pytest.fixture
def report():
    report = make_report(title="A custody inspection")
    make_finding(
        report=report, kind=AFI, label="AFI 1", text="Supervisors should review cases.", confidence=0.95
    )
    # The report's summary repeats the finding; the reader took it as a second one.
    make_finding(report=report, kind=AFI, label="AFI 1.", text="In summary, supervision.", confidence=0.8)
    make_finding(report=report, label="Recommendation 1", anchors=[{"page": 9}, {"page": 31}], confidence=0.5)
    return report


def review(client, report) -> str:
    return get_page(client, f"/reports/{report.pk}/review/")


def test_a_label_used_twice_is_flagged_on_each_finding_and_above_them(signed_in, report):
    html = review(signed_in, report)
    assert "More than one finding has the label “AFI 1”" in html
    first, second = report.findings.filter(kind=AFI).order_by("position")
    assert html.count("Label used twice") == 2
    assert f'href="#finding-{second.pk}">another finding is also labelled AFI 1.' in html
    assert f'href="#finding-{first.pk}">another finding is also labelled AFI 1<' in html
    # The same label under two different parents is not a duplicate: an "(a)" under each recommendation.
    one, two = (make_finding(report=report, label=f"Recommendation {n}0") for n in (1, 2))
    for parent in (one, two):
        make_finding(report=report, label="(a)", parent=parent)
    second.label = "AFI 2"
    second.save()
    assert "Label used twice" not in review(signed_in, report) and "More than one" not in review(
        signed_in, report
    )


def test_deleting_a_finding_from_the_review_returns_to_the_review_at_the_next_finding(signed_in, report):
    first, second, third = report.findings.order_by("position")
    html = review(signed_in, report)
    assert f'href="/findings/{second.pk}/delete/?from=review"' in html
    confirm = get_page(signed_in, f"/findings/{second.pk}/delete/?from=review")
    assert '<input type="hidden" name="from" value="review">' in confirm
    assert f'href="/reports/{report.pk}/review/#finding-{second.pk}"' in confirm  # back and cancel
    response = signed_in.post(f"/findings/{second.pk}/delete/", {"from": "review"})
    assert response.status_code == 302 and response.url == f"/reports/{report.pk}/review/#finding-{third.pk}"
    assert "AFI 1. deleted." in get_page(signed_in, response.url)
    # The last finding goes back to the one before it; from the report's page, back to the report.
    response = signed_in.post(f"/findings/{third.pk}/delete/", {"from": "review"})
    assert response.url == f"/reports/{report.pk}/review/#finding-{first.pk}"
    response = signed_in.post(f"/findings/{first.pk}/delete/")
    assert response.url == f"/reports/{report.pk}/"


def test_changing_a_finding_from_the_review_returns_to_it(signed_in, report):
    finding = report.findings.get(label="Recommendation 1")
    form = get_page(signed_in, f"/findings/{finding.pk}/edit/?from=review")
    assert "Back to checking the findings" in form and 'name="from" value="review"' in form
    data = {
        "kind": finding.kind,
        "label": finding.label,
        "text": "Chief constables should act.",
        "from": "review",
    }
    response = signed_in.post(f"/findings/{finding.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response.url == f"/reports/{report.pk}/review/#finding-{finding.pk}"


def test_accepting_a_finding_updates_the_count_not_yet_checked(signed_in, report):
    assert "3 not yet checked" in review(signed_in, report)
    finding = report.findings.get(label="Recommendation 1")
    response = signed_in.post(f"/findings/{finding.pk}/accept/", headers={"HX-Request": "true"})
    html = response.content.decode()
    progress = re.search(r'<p[^>]*id="review-progress"[^>]*>.*?</p>', html, flags=re.S).group(0)
    assert 'hx-swap-oob="true"' in progress and "2 not yet checked" in progress
    assert f'id="finding-{finding.pk}"' in html and "Checked" in html
    # Without htmx, the page comes back at the finding, with the count as it now is.
    other = report.findings.get(label="AFI 1")
    response = signed_in.post(f"/findings/{other.pk}/accept/")
    assert response.url == f"/reports/{report.pk}/review/#finding-{other.pk}"
    assert "1 not yet checked" in review(signed_in, report)


def test_the_readers_score_is_said_in_words_with_the_number_for_those_who_want_it(signed_in, report):
    for html in (review(signed_in, report), get_page(signed_in, f"/reports/{report.pk}/")):
        assert "Likely right" in html and "Check this" in html and "Check carefully" in html
        assert "the reader was 95% sure" in html and 'title="The reader was 50% sure of this finding"' in html
        assert "0.95" not in html and "To check" not in html


def test_page_links_go_only_to_pages_of_the_source_shown(signed_in, report, tmp_path):
    html = review(signed_in, report)  # entered by hand: no source text to link to
    assert 'href="#source-page-' not in html and "Printed on pages 9, 31." in html
    path = make_pdf(tmp_path / "custody.pdf", REPORT)
    signed_in.post(
        "/reports/upload/",
        {"document": SimpleUploadedFile(path.name, path.read_bytes()), "history": "current"},
    )
    uploaded = Report.objects.exclude(pk=report.pk).get()
    uploaded.findings.update(anchors=[{"page": 1}, {"page": 7}])
    html = review(signed_in, uploaded)
    assert 'id="source-page-1"' in html and 'href="#source-page-1"' in html
    assert (
        'href="#source-page-7"' not in html
        and "Printed on page 7 (not in the text read from the source)." in html
    )


def test_the_findings_the_reader_doubted_can_be_shown_first(signed_in, report):
    html = review(signed_in, report)
    assert "The reader was unsure of 1 finding." in html  # 0.5 is doubtful; 0.8 and 0.95 are not
    ordered = get_page(signed_in, f"/reports/{report.pk}/review/?order=doubtful")
    assert "least sure of come first" in ordered
    doubted = report.findings.get(label="Recommendation 1")
    first_afi = report.findings.get(label="AFI 1")
    assert ordered.index(f'id="finding-{doubted.pk}"') < ordered.index(f'id="finding-{first_afi.pk}"')
    assert html.index(f'id="finding-{first_afi.pk}"') < html.index(f'id="finding-{doubted.pk}"')
