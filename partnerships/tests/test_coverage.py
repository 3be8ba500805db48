"""The coverage matrix, each area's timeline, and recording an inspection."""

from datetime import date

import pytest
from django.urls import reverse

from accounts.testing import client_as, make_user
from core.testing import get_page
from directory.models import Force
from partnerships.coverage import CoverageRefused, coverage_matrix
from partnerships.testing import make_inspection

pytestmark = pytest.mark.django_db


def test_the_cheshire_matrix_shows_two_areas_covered_by_a_jtai_and_two_gaps(scenario):
    matrix = coverage_matrix(Force.objects.get(code="cheshire"), date(2020, 4, 17))
    assert [label for _, label in matrix.columns] == ["JTAI", "ILACS", "Area SEND"]
    covered = {row.authority.name: matrix.cell(row, "jtai") for row in matrix.covered("jtai")}
    assert set(covered) == {"Cheshire West and Chester", "Halton"}
    assert covered["Cheshire West and Chester"].latest.published_on == date(2017, 11, 16)
    assert covered["Cheshire West and Chester"].years_since == 2.4
    assert covered["Halton"].latest.published_on.strftime("%B %Y") == "August 2019"
    assert {row.authority.name for row in matrix.gaps("jtai")} == {"Cheshire East", "Warrington"}


def test_the_matrix_on_a_day_leaves_out_later_inspections(scenario):
    matrix = coverage_matrix(Force.objects.get(code="cheshire"), date(2018, 1, 1))
    assert {row.authority.name for row in matrix.covered("jtai")} == {"Cheshire West and Chester"}


def test_a_welsh_force_is_shown_against_the_jicpa_and_other_kinds_get_a_column(db):
    make_inspection("W06000015", kind="jicpa", published_on=date(2022, 3, 1))
    make_inspection("W06000013", kind="other", other_kind="Thematic review", published_on=date(2021, 5, 1))
    matrix = coverage_matrix(Force.objects.get(code="south-wales"), date(2023, 1, 1))
    assert [label for _, label in matrix.columns] == ["JICPA", "Other"]
    assert [row.authority.name for row in matrix.covered("jicpa")] == ["Cardiff"]
    assert len(matrix.gaps("jicpa")) == 6


def test_the_matrix_page_marks_gaps_and_links_each_timeline(scenario):
    html = get_page(client_as(scenario["officer"]), reverse("partnerships:coverage") + "?force=cheshire")
    assert html.count("govuk-tag--red") == 2 + 4 + 4  # JTAI gaps, and no ILACS or area SEND recorded
    assert "November 2017" in html and "August 2019" in html
    assert reverse("partnerships:coverage-authority", kwargs={"code": "E06000006"}) in html


def test_an_unknown_force_is_not_found(scenario):
    response = client_as(scenario["officer"]).get(reverse("partnerships:coverage") + "?force=atlantis")
    assert response.status_code == 404


def test_the_timeline_lists_an_areas_inspections_newest_first(scenario):
    make_inspection("E06000006", kind="ilacs", published_on=date(2022, 6, 10))
    html = get_page(
        client_as(scenario["officer"]),
        reverse("partnerships:coverage-authority", kwargs={"code": "E06000006"}),
    )
    assert html.index("10 June 2022") < html.index("23 August 2019")


def test_an_officer_records_an_inspection_and_the_same_one_twice_is_refused(scenario):
    client = client_as(scenario["officer"])
    data = {
        "local_authority": scenario["force"].local_authorities.get(name="Warrington").pk,
        "kind": "jtai",
        "published_on_day": "5",
        "published_on_month": "3",
        "published_on_year": "2021",
        "theme": "Criminal exploitation",
    }
    response = client.post(reverse("partnerships:inspection-add"), data)
    assert response.status_code == 302
    matrix = coverage_matrix(Force.objects.get(code="cheshire"), date(2021, 6, 1))
    assert {row.authority.name for row in matrix.gaps("jtai")} == {"Cheshire East"}
    again = client.post(reverse("partnerships:inspection-add"), data)
    assert "already recorded" in again.content.decode()


def test_another_kind_must_be_named(db):
    with pytest.raises(CoverageRefused, match="name the inspection"):
        make_inspection("E06000006", kind="other")


def test_panel_members_read_the_matrix_but_cannot_record(scenario):
    panel = make_user(username="panel", role="panel-member")
    client = client_as(panel)
    assert client.get(reverse("partnerships:coverage")).status_code == 200
    assert client.get(reverse("partnerships:inspection-add")).status_code == 403


def test_the_excel_export_holds_the_matrix_with_gaps(scenario):
    import io

    from openpyxl import load_workbook

    response = client_as(scenario["officer"]).get(reverse("partnerships:coverage-export") + "?force=cheshire")
    workbook = load_workbook(io.BytesIO(response.content))
    rows = list(workbook.worksheets[0].values)
    assert rows[0][:4] == ("Local authority", "GSS code", "JTAI: last report", "JTAI: years since")
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["Warrington"][2] == "GAP" and by_name["Halton"][2].date() == date(2019, 8, 23)
    assert len(list(workbook.worksheets[1].values)) == 3
    partnerships = list(workbook["Partnerships"].values)
    assert len(partnerships) == 5 and partnerships[1][4] == "Cheshire Constabulary"
