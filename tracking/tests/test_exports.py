"""The tracker's exports go through core.exports: a formula typed into a record stays text in both files,
and both hold the tracker's columns and the caller's rows."""

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accounts.testing import sign_in
from tracking.exports import COLUMNS
from tracking.models import Action
from tracking.testing import make_action, office_people

pytestmark = pytest.mark.django_db


@pytest.fixture
def formula_owner():
    action = make_action(owner='=HYPERLINK("http://example.invalid","x")', target_on=date(2021, 3, 31))
    return action


def test_the_csv_quotes_a_formula_and_keeps_the_columns(client, formula_owner):
    sign_in(client, office_people()["officer"])
    response = client.get(reverse("tracking:export", kwargs={"kind": "csv"}))
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="actions-')
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == ",".join(COLUMNS)
    assert len(lines) == 1 + Action.objects.count()
    assert "'=HYPERLINK" in lines[1]


def test_the_workbook_keeps_a_formula_as_text_with_dates_as_dates(client, formula_owner):
    sign_in(client, office_people()["officer"])
    response = client.get(reverse("tracking:export", kwargs={"kind": "xlsx"}))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "Actions"
    header = [c.value for c in sheet[1]]
    assert header == COLUMNS
    owner = sheet.cell(row=2, column=COLUMNS.index("Owner") + 1)
    assert owner.data_type == "s" and owner.value.startswith("=HYPERLINK")
    target = sheet.cell(row=2, column=COLUMNS.index("Target") + 1).value
    assert target.date() == date(2021, 3, 31)
