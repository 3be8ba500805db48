"""Importing an existing tracker: columns mapped with a preview, every row checked naming its row and
column, and all of it imported or none of it."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accounts.testing import sign_in
from core.models import Job
from directory.models import LocalPolicingBody
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
    assert imports.apply(batch=batch, user=people["officer"]).added == 2
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


def stage_rows(people, rows, name="tracker.csv"):
    return imports.stage(upload=csv_file(rows, name), office=people["officer"].office, user=people["officer"])


def test_columns_are_guessed_from_the_words_of_their_headings():
    heading = [  # in an order where the first heading holding a word is the wrong one
        "Recommendation text",
        "Recommendation No.",
        "Report",
        "Lead officer",
        "Target completion date",
        "Status",
        "Date of update",
        "Progress update",
        "% complete",
        "Police force",
    ]
    assert imports.guess(heading) == {
        "report": "Report",
        "label": "Recommendation No.",
        "force": "Police force",
        "owner": "Lead officer",
        "target_on": "Target completion date",
        "status": "Status",
        "progress": "% complete",
        "note": "Progress update",
        "effective_on": "Date of update",
    }
    assert imports.guess(["Comments", "Update date", "Owner (lead)"]) == {
        "note": "Comments",
        "effective_on": "Update date",
        "owner": "Owner (lead)",
    }


def test_repeated_headings_each_name_their_own_column(setting):
    batch = stage_rows(setting["people"], [[*HEADING, "Update"], [*good_row(1), "Second note"]])
    assert batch.columns[-1] == "Update (column 8)" and batch.columns[6] == "Update (column 7)"
    assert len(set(batch.columns)) == len(batch.columns)


def test_a_confirmed_mapping_is_remembered_for_the_offices_next_file_with_the_same_headings(client, setting):
    people = setting["people"]
    heading = ["Report", "Ref", "Who", "Target date", "Status", "Progress", "Update"]
    sign_in(client, people["officer"])
    client.post(reverse("tracking:import"), {"file": csv_file([heading, good_row(1)])})
    batch = ImportBatch.objects.get()
    assert "owner" not in batch.mapping  # "Who" says nothing the guess knows
    page = client.get(batch.get_absolute_url()).content.decode()
    assert "remembered for the next file with the same headings" in page
    client.post(batch.get_absolute_url(), {"do": "import", **batch.mapping, "owner": "Who"})
    assert Job.objects.get(kind="tracker-import").state == Job.State.DONE

    again = [[" report", "REF", "Who", "Target  date", "Status", "Progress", "Update"], good_row(2)]
    response = client.post(reverse("tracking:import"), {"file": csv_file(again)})
    second = ImportBatch.objects.exclude(pk=batch.pk).get()
    assert second.mapping["owner"] == "Who"  # the headings are the same, case and spacing aside
    page = client.get(response["Location"]).content.decode()
    assert "confirmed on" in page and "for a file with the same headings" in page

    elsewhere = office_people(LocalPolicingBody.objects.filter(force__code="merseyside").current().get())
    other = imports.stage(
        upload=csv_file([heading, good_row(1)]), office=elsewhere["officer"].office, user=elsewhere["officer"]
    )
    assert "owner" not in other.mapping  # another office's files start from the guess


def test_a_column_chosen_for_two_fields_is_refused_naming_it(client, setting):
    people = setting["people"]
    batch = stage_rows(people, [HEADING, good_row(1)])
    sign_in(client, people["officer"])
    response = client.post(batch.get_absolute_url(), {"do": "import", **batch.mapping, "note": "Owner"})
    assert response.status_code == 200
    assert "Owner is chosen for more than one field" in response.content.decode()
    assert not Job.objects.exists()


def test_a_date_of_update_to_come_is_named_by_row_and_column_before_anything_is_imported(setting):
    people = setting["people"]
    heading = [*HEADING, "Date of update"]
    batch = stage_rows(people, [heading, [*good_row(1), "1/1/2020"], [*good_row(2), "31/12/2099"]])
    problems = imports.check(batch, people["officer"]).errors
    assert [(p["row"], p["column"]) for p in problems] == [(2, "Date of update"), (3, "Date of update")]
    assert "before the report was published" in problems[0]["message"]
    assert "after today" in problems[1]["message"]


def test_the_summary_counts_rows_added_updated_and_unchanged(client, setting):
    people = setting["people"]
    sign_in(client, people["officer"])
    services.set_owner(
        action=Action.objects.get(finding__report=setting["report"], finding__label="Recommendation 2"),
        owner="Someone else",
        user=people["officer"],
        today=timezone.localdate(),
    )
    client.post(reverse("tracking:import"), {"file": csv_file([HEADING, good_row(1), good_row(2)])})
    first = ImportBatch.objects.get()
    response = client.post(first.get_absolute_url(), {"do": "import", **first.mapping}, follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == first.outcome_url
    assert "Tracker imported" in page
    assert re.search(r'id="rows-added"><strong>1</strong>', page)  # Recommendation 1 had no record
    assert re.search(r'id="rows-updated"><strong>1</strong>', page)  # Recommendation 2 had its owner
    assert re.search(r'id="rows-unchanged"><strong>0</strong>', page)


def test_importing_the_same_file_again_changes_nothing(setting):
    people = setting["people"]
    rows = [HEADING, good_row(1), good_row(2)]
    imports.apply(batch=stage_rows(people, rows), user=people["officer"])
    before = snapshot()
    again = imports.apply(batch=stage_rows(people, rows), user=people["officer"])
    assert (again.added, again.updated, again.unchanged) == (0, 0, 2)
    assert snapshot() == before


def test_a_failed_import_lists_every_problem_on_a_page_the_job_links_to(client, setting, monkeypatch):
    people = setting["people"]

    def refuse(**kwargs):
        raise services.ActionRefused("the action changed while importing")

    monkeypatch.setattr(imports, "record_update", refuse)
    batch = stage_rows(people, [HEADING, good_row(1), good_row(2)])
    sign_in(client, people["officer"])
    client.post(batch.get_absolute_url(), {"do": "import", **batch.mapping})
    job = Job.objects.get(kind="tracker-import")
    assert job.state == Job.State.FAILED and job.result_url == batch.outcome_url
    assert (
        f'href="{batch.outcome_url}"'
        in client.get(reverse("core:job", kwargs={"pk": job.pk})).content.decode()
    )
    page = client.get(batch.outcome_url).content.decode()
    assert "Nothing was imported" in page and 'href="#problem-1"' in page
    assert re.search(r'id="problem-1"><td class="govuk-table__cell">2</td>', page)
    assert "the action changed while importing" in page
    assert ImportBatch.objects.get(pk=batch.pk).state == ImportBatch.State.MAPPING
