from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.testing import check_page, get_page
from directory.models import Force, Inspectorate, ReportType
from directory.testing import make_report_type
from reports.models import Finding, Report
from reports.testing import make_finding, make_report

pytestmark = pytest.mark.django_db


def test_the_report_list_shows_reports_newest_first(signed_in):
    make_report(title="Older report", published_on=date(2019, 1, 1))
    make_report(title="Newer report", published_on=date(2021, 1, 1))
    html = get_page(signed_in, "/reports/")
    assert html.index("Newer report") < html.index("Older report")


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("type=peel", "Cheshire PEEL", "Child thematic"),
        ("year=2020", "Child thematic", "Cheshire PEEL"),
        ("force=cheshire", "Cheshire PEEL", "Kent custody"),
        ("kind=cause-of-concern", "Kent custody", "Cheshire PEEL"),
        ("q=thematic", "Child thematic", "Kent custody"),
    ],
)
def test_the_report_list_filters(signed_in, query, shown, hidden):
    cheshire, kent = Force.objects.get(code="cheshire"), Force.objects.get(code="kent")
    make_report(
        title="Cheshire PEEL",
        report_type=ReportType.objects.get(code="peel"),
        published_on=date(2022, 5, 1),
        forces=[cheshire],
    )
    make_report(title="Child thematic", all_forces=True, published_on=date(2020, 2, 27))
    kent_report = make_report(title="Kent custody", forces=[kent], published_on=date(2023, 3, 1))
    make_finding(report=kent_report, kind=Finding.Kind.CAUSE_OF_CONCERN, label="Cause of concern 1")
    html = get_page(signed_in, f"/reports/?{query}")
    assert shown in html and hidden not in html
    # A report for all forces concerns Cheshire too.
    if query == "force=cheshire":
        assert "Child thematic" in html


def test_a_filter_value_that_does_not_exist_is_ignored_not_an_error(signed_in):
    make_report(title="Still listed")
    html = get_page(signed_in, "/reports/?year=banana&force=atlantis")
    assert "Still listed" in html


def test_htmx_gets_just_the_results(signed_in):
    make_report(title="Partial report")
    response = signed_in.get("/reports/?q=Partial", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert 'id="results"' in html and "Partial report" in html and "<html" not in html


def test_the_list_pages_use_the_same_number_of_queries_however_many_rows_they_show(signed_in):
    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            assert signed_in.get(url).status_code == 200
        return len(captured)

    for n in range(3):
        make_finding(report=make_report(title=f"Report {n}"))
    few = queries("/reports/"), queries("/findings/")
    for n in range(3, 40):
        make_finding(report=make_report(title=f"Report {n}", forces=list(Force.objects.all()[:3])))
    assert (queries("/reports/"), queries("/findings/")) == few


def test_the_report_page_shows_findings_grouped_with_children_under_their_parent(signed_in):
    report = make_report(title="Custody thematic")
    concern = make_finding(
        report=report,
        kind=Finding.Kind.CAUSE_OF_CONCERN,
        label="Cause of concern 1",
        text="Children are held overnight too often.",
    )
    make_finding(
        report=report,
        label="Recommendation 1",
        text="Within three months, review every case.",
        parent=concern,
        deadline_text="Within three months",
        deadline_on=date(2020, 5, 27),
        anchors=[{"page": 12}, {"section": "summary"}],
    )
    make_finding(
        report=report,
        kind=Finding.Kind.PROMISING_PRACTICE,
        label="Good work",
        text="A liaison officer in custody.",
    )
    html = get_page(signed_in, f"/reports/{report.pk}/")
    assert html.index("Cause of concern 1") < html.index("Recommendation 1") < html.index("Good work")
    assert "27 May 2020" in html and "page 12, section summary" in html
    assert "pages 9 and 31" in get_page(
        signed_in, f"/reports/{make_finding(anchors=[{'page': 9}, {'page': 31}]).report_id}/"
    )
    assert "Innovative or promising practice" in html


def test_a_missing_report_is_not_found(signed_in):
    assert signed_in.get("/reports/999999/").status_code == 404


def test_reports_need_sign_in(client):
    report = make_report()
    for url in ["/reports/", f"/reports/{report.pk}/", "/findings/", "/reports/add/"]:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/sign-in/?next=")


def report_form_data(**changes):
    data = {
        "title": "Custody thematic",
        "report_type": ReportType.objects.get(code="custody").pk,
        "published_on_day": "5",
        "published_on_month": "3",
        "published_on_year": "2024",
        "published_on_source": "entered",
        "inspectorates": [
            Inspectorate.objects.get(code="hmicfrs").pk,
            Inspectorate.objects.get(code="hmi-prisons").pk,
        ],
        "forces": [Force.objects.get(code="cheshire").pk],
        "summary": "",
        "source_url": "",
        "history": "current",
        "findings-TOTAL_FORMS": "3",
        "findings-INITIAL_FORMS": "0",
        "findings-0-kind": "cause-of-concern",
        "findings-0-label": "Cause of concern",
        "findings-0-text": "Children wait too long for an appropriate adult.",
        "findings-1-kind": "recommendation",
        "findings-1-label": "Recommendation 1",
        "findings-1-text": "Within three months, the force should fix it.",
        "findings-1-deadline_text": "Within three months",
        "findings-1-addressees": "Chief Constable of Cheshire\nCheshire East Council",
        "findings-1-parent_label": "Cause of concern",
    }
    return {**data, **changes}


def test_an_officer_adds_a_report_and_its_findings_by_hand(signed_in, user):
    response = signed_in.post("/reports/add/", report_form_data())
    report = Report.objects.get(title="Custody thematic")
    assert response.status_code == 302 and response.url == f"/reports/{report.pk}/"
    concern, recommendation = report.findings.order_by("position")
    assert recommendation.parent == concern
    assert recommendation.addressees == ["Chief Constable of Cheshire", "Cheshire East Council"]
    assert report.created_by == user and set(report.inspectorates.values_list("code", flat=True)) == {
        "hmicfrs",
        "hmi-prisons",
    }
    assert "Report added with 2 findings" in signed_in.get(response.url).content.decode()


def test_adding_another_finding_row_keeps_what_was_typed_and_saves_nothing(signed_in):
    response = signed_in.post("/reports/add/", report_form_data(**{"add-finding": "1"}))
    html = check_page(response.content.decode())
    assert Report.objects.count() == 0
    assert 'name="findings-3-label"' in html and "Children wait too long" in html
    assert "There is a problem" not in html


def test_a_report_with_mistakes_is_refused_with_messages_and_nothing_is_stored(signed_in):
    data = report_form_data(
        title="",
        forces=[],
        **{"findings-1-parent_label": "Nothing", "published_on_day": "31", "published_on_month": "2"},
    )
    response = signed_in.post("/reports/add/", data)
    html = check_page(response.content.decode())
    assert response.status_code == 200 and Report.objects.count() == 0
    for message in [
        "Enter the report&#x27;s title",
        "Publication date must be a real date",
        "Select the forces the report names, or say it concerns all forces",
    ]:
        assert message in html
    assert "There is a problem" in html and "(error) – Scrutiny</title>" in html


def test_an_officer_edits_report_details(signed_in):
    report = make_report(title="Old title")
    data = report_form_data(title="New title")
    response = signed_in.post(f"/reports/{report.pk}/edit/", data)
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.title == "New title" and report.report_type.code == "custody"
    get_page(signed_in, f"/reports/{report.pk}/edit/")


def test_an_officer_adds_edits_and_deletes_a_finding(signed_in):
    report = make_report()
    concern = make_finding(report=report, kind=Finding.Kind.CAUSE_OF_CONCERN, label="Cause of concern 1")
    get_page(signed_in, f"/reports/{report.pk}/findings/add/")
    response = signed_in.post(
        f"/reports/{report.pk}/findings/add/",
        {
            "kind": "recommendation",
            "label": "Recommendation 7",
            "text": "Do it.",
            "addressees": "Chief constables",
            "parent": concern.pk,
            "deadline_on_day": "31",
            "deadline_on_month": "1",
            "deadline_on_year": "2021",
        },
    )
    added = report.findings.get(label="Recommendation 7")
    assert response.status_code == 302 and added.parent == concern and added.deadline_on == date(2021, 1, 31)

    get_page(signed_in, f"/findings/{added.pk}/edit/")
    signed_in.post(
        f"/findings/{added.pk}/edit/",
        {
            "kind": "recommendation",
            "label": "Recommendation 7",
            "text": "Do it now.",
            "addressees": "",
            "reviewed": "on",
        },
    )
    added.refresh_from_db()
    assert added.text == "Do it now." and added.reviewed and added.parent is None

    get_page(signed_in, f"/findings/{concern.pk}/delete/")
    signed_in.post(f"/findings/{concern.pk}/delete/")
    assert list(report.findings.values_list("label", flat=True)) == ["Recommendation 7"]


def test_a_finding_cannot_belong_to_a_finding_of_another_report(signed_in):
    finding = make_finding()
    other = make_finding(report=make_report(title="Another"), label="Elsewhere")
    response = signed_in.post(
        f"/findings/{finding.pk}/edit/",
        {"kind": "recommendation", "label": "Recommendation 1", "text": "x", "parent": other.pk},
    )
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    finding.refresh_from_db()
    assert finding.parent is None


def test_two_people_editing_one_finding_cannot_overwrite_each_other_unseen(signed_in, user):
    import re

    from accounts.testing import client_as, make_user

    finding = make_finding()
    other = client_as(make_user(username="colleague", office=user.office))
    url = f"/findings/{finding.pk}/edit/"
    opened = re.search(r'name="opened_at" value="([^"]+)"', get_page(signed_in, url))[1]
    theirs = re.search(r'name="opened_at" value="([^"]+)"', get_page(other, url))[1]
    fields = {"kind": "recommendation", "label": "Recommendation 1"}
    assert signed_in.post(url, {**fields, "text": "Mine first.", "opened_at": opened}).status_code == 302
    late = other.post(url, {**fields, "text": "Theirs, later.", "opened_at": theirs})
    assert late.status_code == 200 and "Someone else changed this finding" in late.content.decode()
    assert "Theirs, later." in late.content.decode()  # what they typed is kept on the page
    finding.refresh_from_db()
    assert finding.text == "Mine first."
    again = re.search(r'name="opened_at" value="([^"]+)"', late.content.decode())[1]
    assert other.post(url, {**fields, "text": "Theirs, later.", "opened_at": again}).status_code == 302
    finding.refresh_from_db()
    assert finding.text == "Theirs, later."


def test_ticking_a_finding_as_checked_counts_as_a_change_to_an_open_edit_form(signed_in):
    import re

    finding = make_finding(reviewed=False)
    url = f"/findings/{finding.pk}/edit/"
    opened = re.search(r'name="opened_at" value="([^"]+)"', get_page(signed_in, url))[1]
    signed_in.post(f"/findings/{finding.pk}/accept/")
    finding.refresh_from_db()
    assert finding.reviewed
    stale = signed_in.post(url, {"kind": "recommendation", "label": "R1", "text": "x", "opened_at": opened})
    assert stale.status_code == 200 and "Someone else changed this finding" in stale.content.decode()
    finding.refresh_from_db()
    assert finding.reviewed  # not unticked by a form opened before


def test_the_finding_list_filters_by_kind(signed_in):
    report = make_report()
    make_finding(report=report, label="Recommendation 1")
    make_finding(
        report=report, kind=Finding.Kind.AREA_FOR_IMPROVEMENT, label="AFI 1", text="Improve supervision."
    )
    html = get_page(signed_in, "/findings/?kind=area-for-improvement")
    assert "AFI 1" in html and "Recommendation 1" not in html


def test_the_list_paginates(signed_in):
    report_type = make_report_type()
    for n in range(55):
        make_report(title=f"Paged report {n:02d}", report_type=report_type, published_on=date(2020, 1, 1))
    html = get_page(signed_in, "/reports/?page=2")
    assert "55 reports, page 2 of 2" in html and "Paged report 54" in html


def test_a_force_page_shows_the_reports_that_concern_it(signed_in):
    make_report(title="Everyone's thematic", all_forces=True)
    make_report(title="A Merseyside inspection", forces=[Force.objects.get(code="merseyside")])
    html = get_page(signed_in, "/forces/cheshire/")
    assert "Reports that concern Cheshire Constabulary" in html and "Everyone&#x27;s thematic" in html
    assert "A Merseyside inspection" not in html


def test_the_add_report_form_sent_twice_makes_one_report(signed_in):
    page = get_page(signed_in, "/reports/add/")
    token = page.split('name="submission" value="')[1].split('"')[0]
    first = signed_in.post("/reports/add/", report_form_data(submission=token))
    second = signed_in.post("/reports/add/", report_form_data(submission=token))  # a double click
    assert first.status_code == second.status_code == 302 and first.url == second.url
    assert Report.objects.count() == 1
    assert Report.objects.get().obligations.filter(body__force__code="cheshire").count() == 1
    signed_in.post("/reports/add/", report_form_data(title="Another", submission="a-fresh-page"))
    assert Report.objects.count() == 2


def test_an_edit_over_a_change_made_since_the_form_was_opened_is_refused_keeping_what_was_typed(signed_in):
    report = make_report(title="Old title")
    page = get_page(signed_in, f"/reports/{report.pk}/edit/")
    opened = page.split('name="opened_at" value="')[1].split('"')[0]
    Report.objects.get(pk=report.pk).save()  # someone else saves it meanwhile
    response = signed_in.post(f"/reports/{report.pk}/edit/", report_form_data(title="Mine", opened_at=opened))
    html = check_page(response.content.decode())
    assert response.status_code == 200 and "Someone else changed this report at" in html
    assert 'value="Mine"' in html
    report.refresh_from_db()
    assert report.title == "Old title"
    again = html.split('name="opened_at" value="')[1].split('"')[0]  # now seen: saving again stands
    signed_in.post(f"/reports/{report.pk}/edit/", report_form_data(title="Mine", opened_at=again))
    report.refresh_from_db()
    assert report.title == "Mine"


def test_a_tampered_count_of_finding_rows_is_not_a_server_error(signed_in):
    for count in ["abc", "99999999999999999999", "-1"]:
        data = report_form_data(**{"add-finding": "1", "findings-TOTAL_FORMS": count})
        assert signed_in.post("/reports/add/", data).status_code == 200
