"""Importing an existing tracker: columns mapped with a preview, every row checked naming its row and
column, and all of it imported or none of it."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.testing import sign_in
from core.models import Job
from documents import DocumentError
from tracking import imports, services
from tracking.models import Action, ActionUpdate, ImportBatch, TargetRevision
from tracking.testing import make_report, office_people

pytestmark = pytest.mark.django_db
TITLE = "Custody inspection for the import"


@pytest.fixture
def setting():
    report = make_report(findings=3, title=TITLE)
    return {"report": report, "people": office_people()}


def csv_file(rows: list[list[str]], name="tracker.csv") -> SimpleUploadedFile:
    text = "\n".join(",".join(f'"{cell}"' for cell in row) for row in rows)
    return SimpleUploadedFile(name, text.encode())


HEADING = ["Report", "Ref", "Owner", "Target date", "Status", "Progress", "Update"]


def good_row(n: int) -> list[str]:
    return [
        TITLE,
        f"Recommendation {n}",
        "Custody team",
        "30/06/2021",
        "In progress",
        "40%",
        f"Work on {n} begun",
    ]


def snapshot():
    return (
        ActionUpdate.objects.count(),
        TargetRevision.objects.count(),
        sorted(Action.objects.values_list("pk", "owner", "target_on", "progress")),
    )


def test_a_good_file_imports_every_row(setting):
    people = setting["people"]
    batch = imports.stage(
        upload=csv_file([HEADING, good_row(1), good_row(2)]),
        office=people["officer"].office,
        user=people["officer"],
    )
    assert (
        batch.mapping["report"] == "Report"
        and batch.mapping["label"] == "Ref"
        and batch.mapping["target_on"] == "Target date"
    )
    assert imports.apply(batch=batch, user=people["officer"]) == 2
    action = Action.objects.get(finding__report=setting["report"], finding__label="Recommendation 1")
    assert (
        action.owner == "Custody team" and action.progress == 40 and action.force_status.name == "In progress"
    )
    assert action.original_target_on != action.target_on  # the revision keeps the original


def test_a_bad_row_in_the_middle_is_named_and_nothing_is_imported(setting):
    people = setting["people"]
    bad = [TITLE, "Recommendation 9", "Custody team", "31/02/2021", "Nearly there", "140", ""]
    batch = imports.stage(
        upload=csv_file([HEADING, good_row(1), bad, good_row(3)]),
        office=people["officer"].office,
        user=people["officer"],
    )
    before = snapshot()
    checked = imports.check(batch, people["officer"])
    assert [(problem["row"], problem["column"]) for problem in checked.errors] == [(3, "Ref")]
    assert checked.unmatched_findings == [f"Recommendation 9 ({TITLE})"]
    with pytest.raises(imports.ImportRefused, match="row 3, column Ref"):
        imports.apply(batch=batch, user=people["officer"])
    assert snapshot() == before


def test_a_row_refused_while_importing_undoes_the_rows_before_it(setting, monkeypatch):
    people = setting["people"]
    batch = imports.stage(
        upload=csv_file([HEADING, good_row(1), good_row(2), good_row(3)]),
        office=people["officer"].office,
        user=people["officer"],
    )
    before = snapshot()
    real = imports.record_update
    calls = []

    def refuse_the_second(**kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise services.ActionRefused("the action changed while importing")
        return real(**kwargs)

    monkeypatch.setattr(imports, "record_update", refuse_the_second)
    with pytest.raises(imports.ImportRefused, match="row 3: the action changed"):
        imports.apply(batch=batch, user=people["officer"])
    assert snapshot() == before
    assert ImportBatch.objects.get(pk=batch.pk).state == ImportBatch.State.MAPPING


def test_cells_are_checked_with_row_and_column(setting):
    people = setting["people"]
    bad = [TITLE, "Recommendation 2", "", "31/02/2021", "Nearly there", "140", ""]
    batch = imports.stage(
        upload=csv_file([HEADING, good_row(1), bad]), office=people["officer"].office, user=people["officer"]
    )
    problems = {
        (problem["row"], problem["column"]) for problem in imports.check(batch, people["officer"]).errors
    }
    assert problems == {(3, "Target date"), (3, "Status"), (3, "Progress")}


def test_an_excel_workbook_is_read_and_other_files_are_refused(setting):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(HEADING)
    book.active.append(good_row(1))
    buffer = io.BytesIO()
    book.save(buffer)
    people = setting["people"]
    batch = imports.stage(
        upload=SimpleUploadedFile("tracker.xlsx", buffer.getvalue()),
        office=people["officer"].office,
        user=people["officer"],
    )
    assert batch.rows[0][1] == "Recommendation 1"
    with pytest.raises(DocumentError, match="not a CSV file or an Excel workbook"):
        imports.stage(
            upload=SimpleUploadedFile("x.bin", bytes(range(256))),
            office=people["officer"].office,
            user=people["officer"],
        )


def test_the_pages_upload_map_and_import(client, setting):
    people = setting["people"]
    sign_in(client, people["officer"])
    assert client.get(reverse("tracking:import")).status_code == 200
    response = client.post(reverse("tracking:import"), {"file": csv_file([HEADING, good_row(1)])})
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == batch.get_absolute_url()
    page = client.get(batch.get_absolute_url()).content.decode()
    assert "Every one of the 1 rows" in page and "Work on 1 begun" in page
    client.post(batch.get_absolute_url(), {"do": "import", **batch.mapping})
    job = Job.objects.get(kind="tracker-import")
    assert job.state == Job.State.DONE and job.result["imported"] == 1
    assert (
        Action.objects.get(finding__report=setting["report"], finding__label="Recommendation 1").owner
        == "Custody team"
    )
