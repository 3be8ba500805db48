import io
import json
import re

import docx
import openpyxl
import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.roles import Role
from accounts.testing import client_as, make_user
from core.testing import get_page
from custody.models import Detention, ImportBatch
from custody.testing import cheshire, detention_row, import_rows, import_synthetic, synthetic_csv

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(tmp_path):
    return import_synthetic(tmp_path, rows=600, seed=11)


@pytest.fixture
def analyst():
    return make_user(username="analyst", custody_access=True)


def test_the_figures_page_shows_exact_figures_and_charts_to_a_custody_user(client, data, analyst):
    html = get_page(client_as(analyst), reverse("custody:figures") + "?year=2019")
    assert "<svg" in html and "At least 4 hours between midnight and 8am" in html
    assert "&lt;5" not in html and "[c]" not in html
    assert "Charged and refused bail" in html
    assert "March 2019 to February 2020" in get_page(client_as(analyst), reverse("custody:figures"))


def test_the_charts_carry_their_colours_as_attributes_a_strict_policy_draws(client, data, analyst):
    """`style-src 'self'` blocks `style=` attributes and `<style>` elements: the charts would be black boxes
    (tests/test_browser_charts.py looks at them in Chromium)."""
    html = get_page(client_as(analyst), reverse("custody:figures") + "?year=2019")
    charts = re.findall(r"<svg.*?</svg>", html, re.S)
    assert len(charts) == 2
    for chart in charts:
        assert "style=" not in chart and "<style" not in chart and "<metadata" not in chart
        assert 'fill="#1d70b8"' in chart  # the first series' colour, as an attribute


def test_a_chart_whose_every_figure_is_hidden_says_so_rather_than_draw_nothing():
    from types import SimpleNamespace

    from custody import charts

    table = SimpleNamespace(
        rows=[SimpleNamespace(label="Halton")], shown={(0, "requested"): "<5", (0, "transferred"): "[c]"}
    )
    svg = charts.comparison(table, [("requested", "Requests"), ("transferred", "Transfers achieved")])
    assert b"Every figure here is hidden" in svg
    assert b"Requests" not in svg  # no legend for bars that are not drawn


def test_the_panel_sees_suppressed_figures_and_no_record_links(data):
    panel = make_user(username="panel", role=Role.PANEL_MEMBER)
    html = get_page(client_as(panel), reverse("custody:figures") + "?year=2019")
    assert "&lt;5" in html and reverse("custody:records") not in html


def test_a_force_contributor_sees_no_custody_figures(data):
    force = make_user(username="force", role=Role.FORCE_CONTRIBUTOR)
    assert client_as(force).get(reverse("custody:figures")).status_code == 403


def test_an_officer_without_the_custody_permission_cannot_read_records(data):
    officer = make_user(username="officer")
    for name in ("custody:records", "custody:import", "custody:batches"):
        assert client_as(officer).get(reverse(name)).status_code == 403
    assert Detention.objects.visible_to(officer).count() == 0


def test_another_office_sees_none_of_the_records(data):
    from directory.models import LocalPolicingBody

    merseyside = LocalPolicingBody.objects.filter(force__code="merseyside").current().get()
    other = make_user(username="other", office=merseyside, custody_access=True)
    assert Detention.objects.visible_to(other).count() == 0
    assert Detention.objects.counted_for(other).count() == 0
    assert client_as(other).get(reverse("custody:batch", args=[data.pk])).status_code == 404


def test_each_records_page_view_is_one_audit_entry(client, data, analyst):
    before = LogEntry.objects.filter(action=LogEntry.Action.ACCESS).count()
    html = get_page(client_as(analyst), reverse("custody:records"))
    assert "SYN/" not in html and "P00" not in html  # no source ids anywhere
    entries = LogEntry.objects.filter(action=LogEntry.Action.ACCESS)
    assert entries.count() == before + 1
    assert entries.latest("pk").actor == analyst and entries.latest("pk").changes == {"records": ["", "50"]}


def test_an_upload_is_imported_in_the_worker_and_reported(tmp_path, analyst):
    upload = SimpleUploadedFile("week.csv", synthetic_csv(rows=40, seed=3).encode(), content_type="text/csv")
    response = client_as(analyst).post(reverse("custody:import"), {"document": upload, "mapping": ""})
    assert response.status_code == 302 and "/jobs/" in response["Location"]
    batch = ImportBatch.objects.get()
    assert batch.state == ImportBatch.State.IMPORTED and batch.created == 40
    html = get_page(client_as(analyst), reverse("custody:batch", args=[batch.pk]))
    assert "week.csv" in html


def test_a_bad_upload_lists_its_problems_by_row_and_column(tmp_path, analyst):
    rows = (
        "\n".join(synthetic_csv(rows=3, seed=3).splitlines()[:3])
        + "\nX,Y,North,99,male,,,,2024-01-01 10:00\n"
    )
    upload = SimpleUploadedFile("bad.csv", rows.encode())
    client = client_as(analyst)
    response = client.post(reverse("custody:import"), {"document": upload})
    batch = ImportBatch.objects.get()
    assert batch.state == ImportBatch.State.REFUSED and Detention.objects.count() == 0
    failure = get_page(client, response["Location"])  # where the officer learns that it failed
    assert (
        "nothing was imported" in failure and f'href="{reverse("custody:batch", args=[batch.pk])}"' in failure
    )
    html = get_page(client, reverse("custody:batch", args=[batch.pk]))
    assert "99 is not the age of a child" in html


def test_a_file_that_is_not_a_spreadsheet_is_refused_at_once(analyst):
    upload = SimpleUploadedFile("report.xlsx", b"PK\x03\x04not really a zip")
    response = client_as(analyst).post(reverse("custody:import"), {"document": upload})
    assert response.status_code == 200 and "not an Excel workbook" in response.content.decode()


def test_deleting_a_batch_from_its_page(tmp_path, analyst):
    batch = import_rows(tmp_path, [detention_row()])
    client = client_as(analyst)
    get_page(client, reverse("custody:batch-delete", args=[batch.pk]))
    assert client.post(reverse("custody:batch-delete", args=[batch.pk])).status_code == 302
    assert not Detention.objects.exists()


def test_the_template_is_the_schema(analyst):
    text = client_as(analyst).get(reverse("custody:template")).content.decode()
    assert text.startswith("custody_record_number,person_id,suite,age")


def test_the_quarterly_return_and_the_briefing(data, analyst):
    client = client_as(analyst)
    book = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("custody:return", args=["xlsx"]) + "?quarter=2019-Q3").content)
    )
    assert "Month" in book.sheetnames and "July 2019 to September 2019" in book["Summary"]["A2"].value
    csv_text = client.get(reverse("custody:return", args=["csv"]) + "?quarter=2019-Q3").content.decode()
    assert "Overnight rule: At least 4 hours" in csv_text
    word = docx.Document(io.BytesIO(client.get(reverse("custody:briefing") + "?year=2019").content))
    text = "\n".join(p.text for p in word.paragraphs)
    assert "were overnight under the rule" in text and len(word.inline_shapes) == 2


def test_an_office_rule_is_added_and_worked_out_in_the_worker(data, analyst):
    officer = analyst
    response = client_as(officer).post(
        reverse("custody:rules"),
        {
            "name": "Brought in late",
            "kind": "arrived",
            "starts": "22:00",
            "ends": "06:00",
            "minimum_minutes": "0",
        },
    )
    assert response.status_code == 302
    rule = cheshire().overnight_rules.get()
    assert rule.rebuilt_at is not None and rule.flags.count() > 0
    html = get_page(client_as(officer), reverse("custody:figures") + f"?rule={rule.key}")
    assert "brought into custody between 22:00 and 06:00" in html


def test_the_api_gives_suppressed_figures_and_refuses_imports_without_the_permission(data):
    officer = make_user(username="officer")
    client = client_as(officer)
    figures = client.get("/api/custody/figures?year=2019").json()
    assert figures["suppressed"] is True and figures["rule"].startswith("At least 4 hours")
    assert client.get("/api/custody/imports").status_code == 403


def test_the_api_refuses_a_period_it_does_not_know_rather_than_answer_for_another(data):
    client = client_as(make_user(username="officer"))
    refused = client.get("/api/custody/figures?period=last-spring")
    assert refused.status_code == 422 and "period" in refused.content.decode()
    for period in ["all", "2019", "fy2019", "2019-q3", "2019-Q3"]:
        assert client.get(f"/api/custody/figures?period={period}").status_code == 200, period


def test_the_api_imports_for_a_custody_user(analyst):
    upload = SimpleUploadedFile("api.csv", synthetic_csv(rows=10, seed=1).encode())
    client = client_as(analyst)
    response = client.post("/api/custody/imports", {"document": upload, "mapping": json.dumps({})})
    assert response.status_code == 202 and response.json()["state"] == "done"
    assert client.get("/api/custody/imports").json()[0]["created"] == 10


def test_visibility_fails_closed_for_every_custody_model(data, analyst):
    from custody.models import FigureSummary

    panel = make_user(username="panel", role=Role.PANEL_MEMBER)
    officer = make_user(username="officer")
    for model in (Detention, ImportBatch, FigureSummary):
        assert model.objects.visible_to(panel).count() == 0
        assert model.objects.visible_to(officer).count() == 0
        assert model.objects.visible_to(analyst).count() == model.objects.count() > 0
    assert Detention.objects.counted_for(panel).count() == Detention.objects.count()  # aggregates only
