from datetime import date

import pytest

from directory.models import Force
from reports.models import Report
from reports.testing import make_finding, make_report

pytestmark = pytest.mark.django_db


def test_the_api_needs_sign_in(client):
    assert client.get("/api/reports").status_code == 401


def test_it_lists_reports_with_filters(signed_in):
    make_report(title="Thematic", all_forces=True, published_on=date(2020, 2, 27))
    make_report(title="Kent only", published_on=date(2023, 1, 1), forces=[Force.objects.get(code="kent")])
    body = signed_in.get("/api/reports?force=cheshire").json()
    assert body["count"] == 1 and body["items"][0]["title"] == "Thematic"
    assert body["items"][0]["inspectorates"] == ["hmicfrs"] and body["items"][0]["all_forces"] is True


def test_it_shows_a_report_with_its_findings(signed_in):
    finding = make_finding(anchors=[{"page": 3}], addressees=["Chief constables"])
    body = signed_in.get(f"/api/reports/{finding.report_id}").json()
    assert body["findings"][0]["label"] == "Recommendation 1"
    assert body["findings"][0]["anchors"] == [{"page": 3}]
    assert signed_in.get("/api/reports/999999").status_code == 404


def test_it_records_a_report_by_hand(signed_in):
    payload = {
        "title": "Joint custody inspection",
        "report_type": "custody",
        "published_on": "2024-06-01",
        "inspectorates": ["hmicfrs", "hmi-prisons"],
        "forces": ["cheshire"],
        "findings": [
            {"kind": "cause-of-concern", "label": "Cause of concern", "text": "Too long in cells."},
            {
                "kind": "recommendation",
                "label": "Recommendation 1",
                "text": "Fix it.",
                "parent_label": "Cause of concern",
            },
        ],
    }
    response = signed_in.post("/api/reports", payload, content_type="application/json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["forces"] == ["cheshire"] and body["findings"][1]["parent_id"] == body["findings"][0]["id"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"forces": ["atlantis"]}, "unknown force: atlantis"),
        ({"forces": []}, "select the forces the report names"),
        (
            {"findings": [{"kind": "recommendation", "label": "R1", "text": "x", "parent_label": "R0"}]},
            "no finding labelled 'R0'",
        ),
    ],
)
def test_it_refuses_a_bad_report_and_stores_nothing(signed_in, change, message):
    payload = {
        "title": "Bad",
        "report_type": "peel",
        "published_on": "2024-06-01",
        "inspectorates": ["hmicfrs"],
        "forces": ["cheshire"],
        **change,
    }
    response = signed_in.post("/api/reports", payload, content_type="application/json")
    assert response.status_code == 422 and message in response.json()["detail"]
    assert not Report.objects.filter(title="Bad").exists()


def test_it_lists_findings_and_forces(signed_in):
    make_finding(label="AFI 1", kind="area-for-improvement")
    assert signed_in.get("/api/findings?kind=area-for-improvement").json()["items"][0]["label"] == "AFI 1"
    forces = signed_in.get("/api/forces").json()
    assert len(forces) == 43
    cheshire = signed_in.get("/api/forces/cheshire").json()
    assert cheshire["current_body"]["kind"] == "pcc" and len(cheshire["local_authorities"]) == 4


def test_the_api_reference_lists_every_operation_from_the_schema(signed_in):
    from core.testing import get_page

    schema = signed_in.get("/api/openapi.json").json()
    html = get_page(signed_in, "/api/docs")
    for path, methods in schema["paths"].items():
        for method in methods:
            assert f"<code>{method.upper()} {path}</code>" in html


def test_it_takes_an_upload_and_reports_its_status_and_findings(signed_in, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from documents.testing import make_pdf

    path = make_pdf(
        tmp_path / "custody.pdf",
        "<h1>Custody</h1><p>Published 3 March 2025</p>"
        "<p>Recommendation 1: The force should call an appropriate adult at once.</p>",
    )
    response = signed_in.post(
        "/api/intake", {"document": SimpleUploadedFile("custody.pdf", path.read_bytes())}
    )
    assert response.status_code == 202, response.content  # the worker reads it
    job = signed_in.get(f"/api/jobs/{response.json()['job_id']}").json()
    assert job["state"] == "done" and job["message"] == "custody.pdf read: 1 finding to check."
    status = signed_in.get(f"/api/reports/{job['result']['report_id']}/intake").json()
    assert status["findings"] == 1 and status["unreviewed"] == 1 and status["source"] == "custody.pdf"
    again = signed_in.post("/api/intake", {"document": SimpleUploadedFile("custody.pdf", path.read_bytes())})
    assert again.status_code == 200 and again.json()["report_id"] == status["report_id"]
    assert signed_in.get(f"/api/reports/{status['report_id']}/intake").json()["findings"] == 1
    findings = signed_in.get(f"/api/reports/{status['report_id']}/findings").json()
    assert findings[0]["label"] == "Recommendation 1" and findings[0]["anchors"] == [{"page": 1}]


def test_a_bad_upload_is_refused_naming_the_file(signed_in):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = signed_in.post(
        "/api/intake", {"document": SimpleUploadedFile("notes.pdf", b"not a pdf at all")}
    )
    assert response.status_code == 422
    assert response.json()["detail"] == "notes.pdf: the name ends in .pdf but the file is plain text"
    assert not Report.objects.exists()


def test_a_file_that_cannot_be_read_fails_its_job_naming_the_problem(signed_in, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from documents.testing import hand_made_pdf

    locked = hand_made_pdf(tmp_path / "locked.pdf", encrypted=True).read_bytes()
    response = signed_in.post("/api/intake", {"document": SimpleUploadedFile("locked.pdf", locked)})
    job = signed_in.get(f"/api/jobs/{response.json()['job_id']}").json()
    assert (
        job["state"] == "failed"
        and job["message"] == "locked.pdf: the PDF is password-protected; save an unprotected copy"
    )
    assert not Report.objects.exists()


def test_an_unknown_force_in_the_filters_matches_nothing(signed_in):
    # found by schemathesis: it was a server error
    for url in ["/api/reports?force=no-such-force", "/api/findings?force=no-such-force"]:
        response = signed_in.get(url)
        assert response.status_code == 200 and response.json()["count"] == 0
    assert signed_in.get("/reports/?force=no-such-force").status_code == 200


@pytest.mark.parametrize(
    "change",
    [
        {"published_on": "9999-12-31"},  # due dates counted from it would overflow
        {"title": "x" * 501},
        {"findings": [{"kind": "recommendation", "label": "R1", "text": "x", "deadline_on": "0001-01-01"}]},
        {"findings": [{"kind": "recommendation", "label": "R1", "text": ""}]},
    ],
)
def test_values_out_of_bounds_are_refused_before_anything_is_stored(signed_in, change):
    payload = {
        "title": "Bounded",
        "report_type": "peel",
        "published_on": "2024-06-01",
        "inspectorates": ["hmicfrs"],
        "forces": ["cheshire"],
        **change,
    }
    response = signed_in.post("/api/reports", payload, content_type="application/json")
    assert response.status_code == 422
    assert not Report.objects.exists()


def test_a_page_number_no_database_could_reach_is_refused_not_a_server_error(signed_in):
    for url in [
        "/api/reports?page=1000000000000000000000",
        "/api/findings?page=0",
        "/api/reports?year=99999",
    ]:
        assert signed_in.get(url).status_code == 422
    assert signed_in.get("/api/reports?page=999999").json()["items"] == []


def test_a_title_sent_with_line_breaks_is_kept_as_one_line(signed_in):
    payload = {
        "title": "Children\nin custody\x0b",
        "report_type": "peel",
        "published_on": "2024-06-01",
        "inspectorates": ["hmicfrs"],
        "forces": ["cheshire"],
    }
    assert signed_in.post("/api/reports", payload, content_type="application/json").status_code == 201
    assert Report.objects.get().title == "Children in custody"
